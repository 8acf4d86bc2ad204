import RealModule

extension NoiseSchedule {
    /// The linear schedule of DDPM: βₜ evenly spaced from `start` to `end`.
    ///
    ///     βₜ = start + t·(end − start)/(T − 1),   t = 0 … T − 1       [Ho et al. 2020, §4]
    ///
    /// Computed as NumPy's `linspace` computes it (`i·step + start`, last value exactly `end`), so
    /// it matches improved-diffusion and the original code to the last bit in Double.
    /// DDPM's own setting is 1e-4 … 0.02 with T = 1000.
    ///
    /// - Parameter scaledForTimesteps: improved-diffusion's "linear" multiplies both ends by
    ///   1000/T so that the schedule keeps its shape for other T (`get_named_beta_schedule`).
    ///   diffusers does not (`false`, the default).
    /// - Parameter arithmetic: how ᾱ and the quantities derived from it are evaluated
    ///   (``ScheduleArithmetic``); the betas are the same either way.
    public static func linear(
        timesteps: Int, betaStart: Scalar = 0.0001, betaEnd: Scalar = 0.02, scaledForTimesteps: Bool = false,
        arithmetic: ScheduleArithmetic = .defaultFor(Scalar.self)
    ) throws(ReferenceError) -> NoiseSchedule {
        guard timesteps >= 1 else { throw .invalidTimestepCount(timesteps) }
        let scale: Scalar = scaledForTimesteps ? 1000 / Scalar(timesteps) : 1
        return try NoiseSchedule(betas: numpyLinspace(betaStart * scale, betaEnd * scale, count: timesteps), arithmetic: arithmetic)
    }

    /// Stable Diffusion's "scaled linear" schedule: linear in √β, then squared.
    ///
    ///     βₜ = (√start + t·(√end − √start)/(T − 1))²
    ///
    /// diffusers `beta_schedule="scaled_linear"`; Stable Diffusion uses 0.00085 … 0.012.
    public static func scaledLinear(
        timesteps: Int, betaStart: Scalar = 0.00085, betaEnd: Scalar = 0.012,
        arithmetic: ScheduleArithmetic = .defaultFor(Scalar.self)
    ) throws(ReferenceError) -> NoiseSchedule {
        guard timesteps >= 1 else { throw .invalidTimestepCount(timesteps) }
        guard betaStart >= 0, betaEnd >= 0 else {
            throw .invalidParameter(name: "betaStart/betaEnd", value: Double(min(betaStart, betaEnd)), expected: "non-negative ends for a schedule linear in √β")
        }
        let roots = numpyLinspace(Scalar.sqrt(betaStart), Scalar.sqrt(betaEnd), count: timesteps)
        return try NoiseSchedule(betas: roots.map { $0 * $0 }, arithmetic: arithmetic)
    }

    /// The sigmoid schedule: β follows a logistic curve between `start` and `end`.
    ///
    ///     βₜ = σ(−6 + 12·t/(T − 1))·(end − start) + start,   σ(x) = 1/(1 + e^{−x})
    ///
    /// diffusers `beta_schedule="sigmoid"` (after Jabri et al. 2022, GeoDiff).
    public static func sigmoid(
        timesteps: Int, betaStart: Scalar = 0.0001, betaEnd: Scalar = 0.02,
        arithmetic: ScheduleArithmetic = .defaultFor(Scalar.self)
    ) throws(ReferenceError) -> NoiseSchedule {
        guard timesteps >= 1 else { throw .invalidTimestepCount(timesteps) }
        let x = numpyLinspace(-6 as Scalar, 6, count: timesteps)
        return try NoiseSchedule(betas: x.map { 1 / (1 + Scalar.exp(-$0)) * (betaEnd - betaStart) + betaStart }, arithmetic: arithmetic)
    }
}

/// NumPy's `linspace(start, stop, count)`: `y[i] = i·((stop − start)/(count − 1)) + start`,
/// with `y[count − 1] = stop` exactly; `[start]` for count = 1.
@inlinable
public func numpyLinspace<Scalar: BinaryFloatingPoint>(_ start: Scalar, _ stop: Scalar, count: Int) -> [Scalar] {
    guard count > 1 else { return count == 1 ? [start] : [] }
    let step = (stop - start) / Scalar(count - 1)
    var y = (0..<count).map { Scalar($0) * step + start }
    y[count - 1] = stop
    return y
}
