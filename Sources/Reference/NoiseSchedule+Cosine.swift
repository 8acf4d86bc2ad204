import RealModule

extension NoiseSchedule {
    /// The cosine schedule of Improved DDPM.
    ///
    ///     ᾱ(τ) = f(τ)/f(0),   f(τ) = cos²((τ/T + s)/(1 + s) · π/2)
    ///     βₜ = min(1 − ᾱ(t + 1)/ᾱ(t), maxBeta),   t = 0 … T − 1      [Nichol & Dhariwal 2021, Eq. 17]
    ///
    /// ᾱ is then recomputed as the product of 1 − βₜ, so it differs from f(t+1)/f(0) only where β
    /// was capped (at the last index for T = 1000). The ratio is evaluated in Double, as diffusers'
    /// `betas_for_alpha_bar` and improved-diffusion do in Python floats, and rounded to `Scalar`.
    ///
    /// Edge cases: β₀ = 1 − f(1)/f(0) > 0 and ᾱ₀ = 0.999958716 for T = 1000 and s = 0.008. An
    /// implementation that starts its ᾱ array at f(0)/f(0) = 1 gets β₀ = 0: the "cosine off by one".
    ///
    /// - Parameters:
    ///   - offset: s, which keeps β₀ from being vanishingly small (0.008 in the paper).
    ///   - maxBeta: the cap that avoids the singularity at τ = T (0.999 in the paper).
    public static func cosine(timesteps: Int, offset: Double = 0.008, maxBeta: Double = 0.999) throws(ReferenceError) -> NoiseSchedule {
        guard timesteps >= 1 else { throw .invalidTimestepCount(timesteps) }
        guard offset >= 0, offset.isFinite else {
            throw .invalidParameter(name: "cosineS", value: offset, expected: "a finite s ≥ 0")
        }
        guard maxBeta > 0, maxBeta <= 1 else {
            throw .invalidParameter(name: "maxBeta", value: maxBeta, expected: "a cap in (0, 1]")
        }
        func f(_ tau: Double) -> Double {
            let c = Double.cos((tau / Double(timesteps) + offset) / (1 + offset) * .pi / 2)
            return c * c
        }
        var betas: [Scalar] = []
        betas.reserveCapacity(timesteps)
        for t in 0..<timesteps {
            betas.append(Scalar(min(1 - f(Double(t + 1)) / f(Double(t)), maxBeta)))
        }
        return try NoiseSchedule(betas: betas)
    }
}
