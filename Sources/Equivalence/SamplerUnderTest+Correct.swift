import RandomSources
import RealModule
import Reference

extension SamplerUnderTest {
    /// The implementation under test: the Philox Gaussian stream (Float and Double) for noise,
    /// and the sampler functions for the schedule `betas`.
    public static func correct(betas: [Double]) throws(EquivalenceError) -> SamplerUnderTest {
        let schedule: NoiseSchedule<Double>
        do {
            schedule = try NoiseSchedule(betas: betas)
        } catch {
            throw .invalidConfiguration(name: "betas", value: "\(betas.count) values", expected: "a valid schedule (\(error))")
        }
        return SamplerUnderTest(
            name: "correct",
            floatNoise: { seed, first, count in
                var buffer = [Float](repeating: 0, count: count)
                try PhiloxGaussian.fill(&buffer, seed: seed, startIndex: first)
                return buffer
            },
            doubleNoise: { seed, first, count in
                var buffer = [Double](repeating: 0, count: count)
                try PhiloxGaussian.fill(&buffer, seed: seed, startIndex: first)
                return buffer
            },
            qSample: { x0, noise, t in try schedule.qSample(x0: x0, noise: noise, at: t) },
            forwardStep: { previous, noise, t in try schedule.forwardStep(from: previous, noise: noise, at: t) },
            ddpmStep: { request in
                var options = Reference.DDPMOptions(predictionType: .epsilon, varianceType: request.variance.referenceType)
                options.finalStepNoise = .neverOnLastStep
                options.learnedVarianceMeaning = .variance
                return try schedule.ddpmStep(
                    sample: request.xt, modelOutput: request.predictedNoise, predictedVariance: request.predictedVariance,
                    noise: request.noise, at: request.t, previous: request.previous, options: options
                ).previous
            },
            ddimStep: { request in
                let options = Reference.DDIMOptions(eta: request.eta, predictionType: .epsilon, setAlphaToOne: true)
                return try schedule.ddimStep(
                    sample: request.xt, modelOutput: request.predictedNoise, noise: request.noise,
                    at: request.t, previous: request.previous, options: options
                ).previous
            }
        )
    }
}
