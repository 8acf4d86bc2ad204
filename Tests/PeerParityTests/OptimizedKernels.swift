import Optimized

/// The peer's scheduler operations through Optimized.
///
/// Optimized builds its tables from Double betas (ᾱ by a double-double product, each table
/// entry rounded once, to Float for the Float kernels). The betas given here are the peer's: the
/// float32 linspace for the Float kernels, the float64 one for the Double kernels.
struct OptimizedConfiguration {
    let schedule: OptimizedSchedule
    let config: PeerScheduler

    init<Scalar: BinaryFloatingPoint>(_ config: PeerScheduler, _: Scalar.Type) throws {
        self.config = config
        schedule = try OptimizedSchedule(betas: config.betas(Scalar.self).map { Double($0) })
    }

    var predictionType: PredictionType {
        switch config.prediction {
        case .epsilon: .epsilon
        case .vPrediction: .vPrediction
        }
    }

    var ddim: DDIMOptions {
        DDIMOptions(eta: 0, predictionType: predictionType, clipping: config.clipSample ? .clip(range: 1) : .none, setAlphaToOne: config.setAlphaToOne)
    }

    var ddpm: DDPMOptions {
        DDPMOptions(predictionType: predictionType, varianceType: .fixedSmall, clipping: config.clipSample ? .clip(range: 1) : .none)
    }
}

/// Optimized's Float kernels.
struct OptimizedFloatKernels: PeerKernels {
    let o: OptimizedConfiguration

    init(_ config: PeerScheduler) throws {
        o = try OptimizedConfiguration(config, Float.self)
    }

    func addNoise(_ x0: [Float], noise: [Float], at t: Int) throws -> [Float] {
        try o.schedule.qSample(x0: x0, noise: noise, at: t)
    }

    func ddimStep(_ x: [Float], modelOutput: [Float], at t: Int, previous: Int) throws -> [Float] {
        try o.schedule.ddimStep(xt: x, modelOutput: modelOutput, at: t, prevT: previous, options: o.ddim).prev
    }

    func ddpmStep(_ x: [Float], modelOutput: [Float], noise: [Float], at t: Int) throws -> [Float] {
        try o.schedule.ddpmStep(xt: x, modelOutput: modelOutput, noise: .values(noise), at: t, options: o.ddpm).prev
    }
}

/// Optimized's Double kernels.
struct OptimizedDoubleKernels: PeerKernels {
    let o: OptimizedConfiguration

    init(_ config: PeerScheduler) throws {
        o = try OptimizedConfiguration(config, Double.self)
    }

    func addNoise(_ x0: [Double], noise: [Double], at t: Int) throws -> [Double] {
        try o.schedule.qSample(x0: x0, noise: noise, at: t)
    }

    func ddimStep(_ x: [Double], modelOutput: [Double], at t: Int, previous: Int) throws -> [Double] {
        try o.schedule.ddimStep(xt: x, modelOutput: modelOutput, at: t, prevT: previous, options: o.ddim).prev
    }

    func ddpmStep(_ x: [Double], modelOutput: [Double], noise: [Double], at t: Int) throws -> [Double] {
        try o.schedule.ddpmStep(xt: x, modelOutput: modelOutput, noise: .values(noise), at: t, options: o.ddpm).prev
    }
}
