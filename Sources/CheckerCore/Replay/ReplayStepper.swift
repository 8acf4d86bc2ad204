import Reference

/// The three operations a replayed loop needs, in one precision, from one implementation.
protocol ReplayStepper {
    associatedtype Scalar: BinaryFloatingPoint & Sendable
    /// x = √ᾱₜ·x₀ + √(1 − ᾱₜ)·ε (diffusers `add_noise`).
    func addNoise(_ x0: [Scalar], noise: [Scalar], at t: Int) throws(ReplayError) -> [Scalar]
    /// A DDPM step from t to `previous`; `noise` is read only when t > 0.
    func ddpmStep(_ x: [Scalar], modelOutput: [Scalar], noise: [Scalar], at t: Int, previous: Int) throws(ReplayError) -> [Scalar]
    /// A DDIM step from t to `previous`; `noise` is given only when η > 0.
    func ddimStep(_ x: [Scalar], modelOutput: [Scalar], noise: [Scalar]?, at t: Int, previous: Int) throws(ReplayError) -> [Scalar]
}

/// The steps through Reference, generic in the precision.
struct ReferenceReplayStepper<Scalar>: ReplayStepper where NoiseSchedule<Scalar>: Sendable {
    let schedule: NoiseSchedule<Scalar>
    let configuration: ReplayConfiguration

    func addNoise(_ x0: [Scalar], noise: [Scalar], at t: Int) throws(ReplayError) -> [Scalar] {
        do {
            return try schedule.qSample(x0: x0, noise: noise, at: t)
        } catch {
            throw .reference(error)
        }
    }

    func ddpmStep(_ x: [Scalar], modelOutput: [Scalar], noise: [Scalar], at t: Int, previous: Int) throws(ReplayError) -> [Scalar] {
        do {
            return try schedule.ddpmStep(sample: x, modelOutput: modelOutput, noise: noise, at: t, previous: previous,
                                         options: configuration.ddpmOptions).previous
        } catch {
            throw .reference(error)
        }
    }

    func ddimStep(_ x: [Scalar], modelOutput: [Scalar], noise: [Scalar]?, at t: Int, previous: Int) throws(ReplayError) -> [Scalar] {
        do {
            return try schedule.ddimStep(sample: x, modelOutput: modelOutput, noise: noise, at: t, previous: previous,
                                         options: configuration.ddimOptions).previous
        } catch {
            throw .reference(error)
        }
    }
}
