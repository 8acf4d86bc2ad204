import Optimized

/// The steps through Optimized's concrete Float and Double kernels. Its schedule is built from
/// the betas of the configured schedule (Reference's, in the loop's precision, widened to Double).
struct OptimizedReplayStepper<Scalar: OptimizedReplayScalar>: ReplayStepper {
    let schedule: OptimizedSchedule
    let ddpm: DDPMOptions
    let ddim: DDIMOptions

    init(_ c: ReplayConfiguration, betas: [Double]) throws(ReplayError) {
        do {
            schedule = try OptimizedSchedule(betas: betas)
        } catch {
            throw .optimized(code: error.code.rawValue, message: error.message)
        }
        ddpm = c.ddpmOptions
        ddim = c.ddimOptions
    }

    func addNoise(_ x0: [Scalar], noise: [Scalar], at t: Int) throws(ReplayError) -> [Scalar] {
        try wrap { () throws(OptimizedError) in try Scalar.qSample(schedule, x0, noise, t) }
    }

    func ddpmStep(_ x: [Scalar], modelOutput: [Scalar], noise: [Scalar], at t: Int, previous: Int) throws(ReplayError) -> [Scalar] {
        try wrap { () throws(OptimizedError) in try Scalar.ddpmStep(schedule, x, modelOutput, noise, t, previous, ddpm) }
    }

    func ddimStep(_ x: [Scalar], modelOutput: [Scalar], noise: [Scalar]?, at t: Int, previous: Int) throws(ReplayError) -> [Scalar] {
        try wrap { () throws(OptimizedError) in try Scalar.ddimStep(schedule, x, modelOutput, noise, t, previous, ddim) }
    }

    private func wrap(_ body: () throws(OptimizedError) -> [Scalar]) throws(ReplayError) -> [Scalar] {
        do {
            return try body()
        } catch {
            throw .optimized(code: error.code.rawValue, message: error.message)
        }
    }
}

/// Float and Double, dispatched to Optimized's concrete entry points.
protocol OptimizedReplayScalar: BinaryFloatingPoint & Sendable {
    static func qSample(_ s: OptimizedSchedule, _ x0: [Self], _ noise: [Self], _ t: Int) throws(OptimizedError) -> [Self]
    static func ddpmStep(_ s: OptimizedSchedule, _ x: [Self], _ m: [Self], _ z: [Self], _ t: Int, _ prev: Int, _ o: DDPMOptions) throws(OptimizedError) -> [Self]
    static func ddimStep(_ s: OptimizedSchedule, _ x: [Self], _ m: [Self], _ z: [Self]?, _ t: Int, _ prev: Int, _ o: DDIMOptions) throws(OptimizedError) -> [Self]
}

extension Float: OptimizedReplayScalar {
    static func qSample(_ s: OptimizedSchedule, _ x0: [Float], _ noise: [Float], _ t: Int) throws(OptimizedError) -> [Float] {
        try s.qSample(x0: x0, noise: noise, at: t)
    }
    static func ddpmStep(_ s: OptimizedSchedule, _ x: [Float], _ m: [Float], _ z: [Float], _ t: Int, _ prev: Int, _ o: DDPMOptions) throws(OptimizedError) -> [Float] {
        try s.ddpmStep(xt: x, modelOutput: m, noise: .values(z), at: t, previous: prev, options: o).prev
    }
    static func ddimStep(_ s: OptimizedSchedule, _ x: [Float], _ m: [Float], _ z: [Float]?, _ t: Int, _ prev: Int, _ o: DDIMOptions) throws(OptimizedError) -> [Float] {
        try s.ddimStep(xt: x, modelOutput: m, noise: z.map { .values($0) } ?? .none, at: t, prevT: prev, options: o).prev
    }
}

extension Double: OptimizedReplayScalar {
    static func qSample(_ s: OptimizedSchedule, _ x0: [Double], _ noise: [Double], _ t: Int) throws(OptimizedError) -> [Double] {
        try s.qSample(x0: x0, noise: noise, at: t)
    }
    static func ddpmStep(_ s: OptimizedSchedule, _ x: [Double], _ m: [Double], _ z: [Double], _ t: Int, _ prev: Int, _ o: DDPMOptions) throws(OptimizedError) -> [Double] {
        try s.ddpmStep(xt: x, modelOutput: m, noise: .values(z), at: t, previous: prev, options: o).prev
    }
    static func ddimStep(_ s: OptimizedSchedule, _ x: [Double], _ m: [Double], _ z: [Double]?, _ t: Int, _ prev: Int, _ o: DDIMOptions) throws(OptimizedError) -> [Double] {
        try s.ddimStep(xt: x, modelOutput: m, noise: z.map { .values($0) } ?? .none, at: t, prevT: prev, options: o).prev
    }
}
