import Optimized
import RandomSources
import RealModule
import Reference

extension SamplerUnderTest {
    /// The implementation under test: Optimized's vectorised Philox Gaussian stream (Float and
    /// Double) and its SIMD qSample, DDPM and DDIM kernels for the schedule `betas`; the single
    /// forward step, which Optimized does not provide, from Reference's coefficients.
    ///
    /// The sampling loop's convention: the DDPM step to s < 0 gets no noise (`StepNoise.none`).
    /// `execution` sets the threads of the Optimized kernels (their results never depend on it).
    public static func correct(betas: [Double], execution: Execution = .default) throws(EquivalenceError) -> SamplerUnderTest {
        let schedule = try makeSchedule(betas)
        let optimized: OptimizedSchedule
        do {
            optimized = try OptimizedSchedule(betas: betas)
        } catch {
            throw .invalidConfiguration(name: "betas", value: "\(betas.count) values", expected: "a valid schedule (\(error))")
        }
        return SamplerUnderTest(
            name: "correct",
            floatNoise: { seed, first, count in
                GaussianStream.floats(seed: seed, first: UInt64(first), count: count, execution: execution)
            },
            doubleNoise: { seed, first, count in
                GaussianStream.doubles(seed: seed, first: UInt64(first), count: count, execution: execution)
            },
            qSample: { x0, noise, t in try optimized.qSample(x0: x0, noise: noise, at: t, execution: execution) },
            forwardStep: { previous, noise, t in
                try schedule.checkTimestep(t)
                let scale = schedule.forwardStepVariance(at: t).squareRoot()
                return elementwise(previous, noise) { schedule.forwardStepMean($0, at: t) + scale * $1 }
            },
            ddpmStep: { request in
                let options = DDPMOptions(
                    predictionType: .epsilon, varianceType: request.variance.varianceType)
                let noise: StepNoise<Double> = request.previous >= 0 ? .values(request.noise) : .none
                return try optimized.ddpmStep(
                    xt: request.xt, modelOutput: request.predictedNoise, predictedVariance: request.predictedVariance,
                    noise: noise, at: request.t, previous: request.previous, options: options, execution: execution
                ).prev
            },
            ddimStep: { request in
                let options = DDIMOptions(eta: request.eta, predictionType: .epsilon, setAlphaToOne: true)
                return try optimized.ddimStep(
                    xt: request.xt, modelOutput: request.predictedNoise,
                    noise: request.eta > 0 ? .values(request.noise) : .none, at: request.t, prevT: request.previous,
                    options: options, execution: execution
                ).prev
            }
        )
    }

    /// The literal sampler of the gate's conventions over Reference's coefficients, with the
    /// elementwise loops here (the stand-in used before the Optimized kernels existed; kept as a
    /// second implementation the gate must also pass).
    public static func literal(betas: [Double]) throws(EquivalenceError) -> SamplerUnderTest {
        let schedule = try makeSchedule(betas)
        return SamplerUnderTest(
            name: "literal",
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
            qSample: { x0, noise, t in
                try schedule.checkTimestep(t)
                let signal = schedule.marginalMeanCoefficient(at: t)
                let noiseScale = schedule.marginalVariance(at: t).squareRoot()
                return elementwise(x0, noise) { signal * $0 + noiseScale * $1 }
            },
            forwardStep: { previous, noise, t in
                try schedule.checkTimestep(t)
                let scale = schedule.forwardStepVariance(at: t).squareRoot()
                return elementwise(previous, noise) { schedule.forwardStepMean($0, at: t) + scale * $1 }
            },
            ddpmStep: { request in try ddpmStep(request, schedule: schedule) },
            ddimStep: { request in try ddimStep(request, schedule: schedule) }
        )
    }

    static func makeSchedule(_ betas: [Double]) throws(EquivalenceError) -> NoiseSchedule<Double> {
        do {
            return try NoiseSchedule(betas: betas)
        } catch {
            throw .invalidConfiguration(name: "betas", value: "\(betas.count) values", expected: "a valid schedule (\(error))")
        }
    }

    /// f(aᵢ, bᵢ) for every i (the arrays have equal lengths; checked).
    static func elementwise(_ a: [Double], _ b: [Double], _ f: (Double, Double) -> Double) -> [Double] {
        precondition(a.count == b.count, "internal: elementwise lengths")
        return [Double](unsafeUninitializedCapacity: a.count) { out, initialized in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    for i in 0..<a.count { out[i] = f(a[i], b[i]) }
                }
            }
            initialized = a.count
        }
    }

    /// x_s = meanCoefX0·x̂₀ + meanCoefXt·xₜ + σ·z, x̂₀ = (xₜ − √(1 − ᾱₜ)·ε̂)/√ᾱₜ, σ·z only when
    /// s ≥ 0 [Ho et al. 2020, Eqs. 7, 15; Alg. 2].
    static func ddpmStep(_ request: DDPMStepRequest, schedule: NoiseSchedule<Double>) throws -> [Double] {
        let n = request.xt.count
        guard request.predictedNoise.count == n, request.noise.count == n, (request.predictedVariance?.count ?? n) == n else {
            throw ReferenceError.lengthMismatch(name: "DDPM step inputs", expected: n, actual: request.noise.count)
        }
        let p = try schedule.posterior(at: request.t, previous: request.previous)
        var options = DDPMOptions(predictionType: .epsilon, varianceType: request.variance.varianceType)
        options.finalStepNoise = .neverOnLastStep
        let a = p.alphaBar
        let inverseSqrtA = 1 / a.squareRoot()
        let noiseScale = (1 - a).squareRoot()
        var sigma = 0.0
        var sigmaFor: Double? = nil
        var out = [Double](repeating: 0, count: n)
        for i in 0..<n {
            if request.previous >= 0 {
                let v = request.predictedVariance?[i]
                if i == 0 || v != sigmaFor {
                    sigma = try schedule.reverseStandardDeviation(posterior: p, at: request.t, predictedVariance: v, options: options)
                    sigmaFor = v
                }
            }
            let x0 = (request.xt[i] - noiseScale * request.predictedNoise[i]) * inverseSqrtA
            out[i] = p.meanCoefX0 * x0 + p.meanCoefXt * request.xt[i] + sigma * request.noise[i]
        }
        return out
    }

    /// x_s = √ᾱ_s·x̂₀ + √(1 − ᾱ_s − σ²)·ε̂ + σ·z, σ = η·σ(t → s), ᾱ_s = 1 before index 0
    /// [Song et al. 2021, Eq. 12].
    static func ddimStep(_ request: DDIMStepRequest, schedule: NoiseSchedule<Double>) throws -> [Double] {
        let n = request.xt.count
        guard request.predictedNoise.count == n, request.noise.count == n || request.eta == 0 else {
            throw ReferenceError.lengthMismatch(name: "DDIM step inputs", expected: n, actual: request.noise.count)
        }
        try schedule.checkTimestep(request.t)
        let a = schedule.alphaBars[request.t]
        let ap = schedule.ddimAlphaBar(at: request.previous, setAlphaToOne: true)
        let sigma = request.eta * (try schedule.ddimVariance(at: request.t, previous: request.previous)).squareRoot()
        let direction = max(1 - ap - sigma * sigma, 0).squareRoot()
        let signal = ap.squareRoot()
        let inverseSqrtA = 1 / a.squareRoot()
        let noiseScale = (1 - a).squareRoot()
        var out = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let eps = request.predictedNoise[i]
            let x0 = (request.xt[i] - noiseScale * eps) * inverseSqrtA
            out[i] = signal * x0 + direction * eps + (sigma > 0 ? sigma * request.noise[i] : 0)
        }
        return out
    }
}
