import RealModule

extension NoiseSchedule {
    /// The cosine schedule of Improved DDPM.
    ///
    ///     ᾱ(τ) = f(τ)/f(0),   f(τ) = cos²((τ/T + s)/(1 + s) · π/2)
    ///     βₜ = min(1 − ᾱ(t + 1)/ᾱ(t), maxBeta),   t = 0 … T − 1      [Nichol & Dhariwal 2021, Eq. 17]
    ///
    /// ᾱ is then recomputed as the product of 1 − βₜ, so it differs from f(t+1)/f(0) only where β
    /// was capped (at the last index for T = 1000).
    ///
    /// Evaluation. The literal 1 − f(t+1)/f(t) (diffusers' `betas_for_alpha_bar`, improved-diffusion,
    /// in Python floats) cancels at small t: f(1)/f(0) = 0.99996 keeps only the digits of β₀ that
    /// survive its rounding, 4.6e−12 relative (2·10⁴ ulps) at t = 0 for T = 1000. With accurate
    /// arithmetic β comes from the identity cos²a − cos²b = sin(b − a)·sin(b + a):
    ///
    ///     θ(τ) = (τ/T + s)/(1 + s)·π/2,   u(τ) = π/2 − θ(τ) = (T − τ)/(T(1 + s))·π/2
    ///     βₜ = sin(θₜ₊₁ − θₜ) · sin(θₜ + θₜ₊₁) / cos²θₜ
    ///        = sin(π/(2T(1 + s))) · sin(θₜ + θₜ₊₁) / sin²u(t)
    ///
    /// with sin(θₜ + θₜ₊₁) taken as sin(u(t) + u(t+1)) when the sum passes π/2, so that every sine
    /// has an argument in [0, π/2] computed without subtraction: a few ulps at every t, including
    /// the last steps, where cos θ is small. Literal arithmetic keeps diffusers' form, to reproduce
    /// its betas bit for bit. Either way the value is computed in Double and rounded to `Scalar`.
    ///
    /// Edge cases: β₀ = 1 − f(1)/f(0) > 0 and ᾱ₀ = 0.999958716 for T = 1000 and s = 0.008. An
    /// implementation that starts its ᾱ array at f(0)/f(0) = 1 gets β₀ = 0: the "cosine off by one".
    ///
    /// - Parameters:
    ///   - offset: s, which keeps β₀ from being vanishingly small (0.008 in the paper).
    ///   - maxBeta: the cap that avoids the singularity at τ = T (0.999 in the paper).
    ///   - arithmetic: see ``ScheduleArithmetic``.
    public static func cosine(
        timesteps: Int, offset: Double = 0.008, maxBeta: Double = 0.999,
        arithmetic: ScheduleArithmetic = .defaultFor(Scalar.self)
    ) throws(ReferenceError) -> NoiseSchedule {
        guard timesteps >= 1 else { throw .invalidTimestepCount(timesteps) }
        guard offset >= 0, offset.isFinite else {
            throw .invalidParameter(name: "cosineS", value: offset, expected: "a finite s ≥ 0")
        }
        guard maxBeta > 0, maxBeta <= 1 else {
            throw .invalidParameter(name: "maxBeta", value: maxBeta, expected: "a cap in (0, 1]")
        }
        let beta: (Int) -> Double = arithmetic == .accurate
            ? { cosineBetaByIdentity(t: $0, timesteps: timesteps, offset: offset) }
            : { cosineBetaLiteral(t: $0, timesteps: timesteps, offset: offset) }
        let betas = (0..<timesteps).map { Scalar(min(beta($0), maxBeta)) }
        return try NoiseSchedule(betas: betas, arithmetic: arithmetic)
    }
}

/// 1 − f(t+1)/f(t) as written, f(τ) = cos²((τ/T + s)/(1 + s)·π/2).
private func cosineBetaLiteral(t: Int, timesteps: Int, offset: Double) -> Double {
    func f(_ tau: Double) -> Double {
        let c = Double.cos((tau / Double(timesteps) + offset) / (1 + offset) * .pi / 2)
        return c * c
    }
    return 1 - f(Double(t + 1)) / f(Double(t))
}

/// 1 − f(t+1)/f(t) = sin(θₜ₊₁ − θₜ)·sin(θₜ + θₜ₊₁)/cos²θₜ, each angle a multiple of
/// π/(2T(1 + s)) formed from integers, never by subtraction.
private func cosineBetaByIdentity(t: Int, timesteps: Int, offset: Double) -> Double {
    let unit = Double.pi / 2 / (Double(timesteps) * (1 + offset))
    let step = Double.sin(unit)
    // θₜ + θₜ₊₁ = (2t + 1 + 2sT)·unit; its complement to π is u(t) + u(t+1) = (2T − 2t − 1)·unit.
    let angleSum = (Double(2 * t + 1) + 2 * offset * Double(timesteps)) * unit
    let sumSine = angleSum <= .pi / 2 ? Double.sin(angleSum) : Double.sin(Double(2 * (timesteps - t) - 1) * unit)
    let cosTheta = Double.sin(Double(timesteps - t) * unit)
    return step * sumSine / (cosTheta * cosTheta)
}
