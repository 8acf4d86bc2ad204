import Reference

/// The peer's scheduler operations through Reference, in `Scalar` precision.
///
/// In Float the schedule is what the peer computes: β by a float32 linspace and ᾱ as the
/// sequential float32 cumulative product (``NoiseSchedule/alphaBars``); every step is evaluated
/// in float32.
///
/// `Scalar`'s requirements (`Real & BinaryFloatingPoint & Sendable`) are inferred from
/// `NoiseSchedule<Scalar>`.
struct ReferenceKernels<Scalar>: PeerKernels where NoiseSchedule<Scalar>: Sendable {
    let schedule: NoiseSchedule<Scalar>
    let config: PeerScheduler

    init(_ config: PeerScheduler) throws {
        self.config = config
        schedule = try .linear(timesteps: config.trainingSteps, betaStart: Scalar(config.betaStart), betaEnd: Scalar(config.betaEnd))
    }

    var predictionType: PredictionType {
        switch config.prediction {
        case .epsilon: .epsilon
        case .vPrediction: .vPrediction
        }
    }

    var clipping: SampleClipping { config.clipSample ? .clip(range: 1) : .none }

    func addNoise(_ x0: [Scalar], noise: [Scalar], at t: Int) throws -> [Scalar] {
        try schedule.qSample(x0: x0, noise: noise, at: t)
    }

    func ddimStep(_ x: [Scalar], modelOutput: [Scalar], at t: Int, previous: Int) throws -> [Scalar] {
        let options = DDIMOptions(eta: 0, predictionType: predictionType, clipping: clipping, setAlphaToOne: config.setAlphaToOne)
        return try schedule.ddimStep(sample: x, modelOutput: modelOutput, at: t, previous: previous, options: options).previous
    }

    func ddpmStep(_ x: [Scalar], modelOutput: [Scalar], noise: [Scalar], at t: Int) throws -> [Scalar] {
        let options = DDPMOptions(predictionType: predictionType, varianceType: .fixedSmall, clipping: clipping)
        return try schedule.ddpmStep(sample: x, modelOutput: modelOutput, noise: noise, at: t, options: options).previous
    }
}
