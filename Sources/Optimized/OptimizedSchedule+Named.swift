import Foundation

/// The schedules whose betas are not one line: the cosine schedule and the zero-terminal-SNR
/// rescale, computed here so that Optimized reaches Reference's accuracy on its own.
extension OptimizedSchedule {
    /// The cosine schedule's betas (Nichol & Dhariwal 2021, Eq. 17):
    ///
    ///     βₜ = min(1 − f(t+1)/f(t), maxBeta),   f(τ) = cos²θ(τ),  θ(τ) = (τ/T + s)/(1 + s)·π/2
    ///
    /// Written so, 1 − f(t+1)/f(t) cancels at small t (4.6e−12 relative at t = 0, T = 1000). Here
    /// 1 − cos²b/cos²a = (cos a − cos b)(cos a + cos b)/cos²a with
    /// cos a − cos b = 2·sin((a + b)/2)·sin((b − a)/2) and cos θ(τ) = sin((T − τ)·π/(2T(1 + s))),
    /// every sine of an angle in [0, π/2] formed from integers: a few ulps at every t.
    ///
    /// - Throws: `.invalidSchedule` for T < 1, s < 0 or not finite, or a cap outside (0, 1].
    public static func cosineBetas(timesteps: Int, offset: Double = 0.008, maxBeta: Double = 0.999) throws(OptimizedError) -> [Double] {
        guard timesteps >= 1 else { throw OptimizedError(.invalidSchedule, "expected at least one timestep, got \(timesteps)") }
        guard offset >= 0 && offset.isFinite else { throw OptimizedError(.invalidSchedule, "expected a finite offset s >= 0, got \(offset)") }
        guard maxBeta > 0 && maxBeta <= 1 else { throw OptimizedError(.invalidSchedule, "expected maxBeta in (0, 1], got \(maxBeta)") }
        let unit = Double.pi / 2 / (Double(timesteps) * (1 + offset))
        let halfStep = Foundation.sin(unit / 2)
        return (0..<timesteps).map { t in
            let cosA = Foundation.sin(Double(timesteps - t) * unit)
            let cosB = Foundation.sin(Double(timesteps - t - 1) * unit)
            let halfSum = (Double(t) + 0.5 + offset * Double(timesteps)) * unit
            let difference = 2 * Foundation.sin(halfSum) * halfStep
            return min(difference * (cosA + cosB) / (cosA * cosA), maxBeta)
        }
    }

    /// The cosine schedule (``cosineBetas(timesteps:offset:maxBeta:)``).
    public static func cosine(timesteps: Int, offset: Double = 0.008, maxBeta: Double = 0.999) throws(OptimizedError) -> OptimizedSchedule {
        try OptimizedSchedule(betas: try cosineBetas(timesteps: timesteps, offset: offset, maxBeta: maxBeta))
    }

    /// The schedule rescaled to zero terminal SNR (Lin et al. 2023, Algorithm 1):
    ///
    ///     aₜ = √ᾱₜ;  aₜ ← (aₜ − a_{T−1})·a₀/(a₀ − a_{T−1});  ᾱ'ₜ = aₜ²;  β'₀ = 1 − ᾱ'₀,  β'ₜ = 1 − ᾱ'ₜ/ᾱ'ₜ₋₁
    ///
    /// evaluated as written, but in double-double from the double-double ᾱ: the differences near
    /// ᾱ → 0 and 1 − α' near the start cancel at most ~50 of its 106 bits, so each β' is its exact
    /// value rounded once, up to a few ulps.
    ///
    /// - Throws: `.invalidSchedule` for T < 2 or a schedule already at zero terminal SNR.
    public func rescaledToZeroTerminalSNR() throws(OptimizedError) -> OptimizedSchedule {
        guard count >= 2, alphaBarsDD[0].value > alphaBarsDD[count - 1].value else {
            throw OptimizedError(.invalidSchedule, "expected T >= 2 and a decreasing alphaBar to rescale to zero terminal SNR, got T = \(count)")
        }
        let roots = alphaBarsDD.map { $0.squareRoot() }
        let (first, last) = (roots[0], roots[count - 1])
        let scale = first / (first - last)
        let rescaled = roots.map { root -> DoubleDouble in
            let a = (root - last) * scale
            return a * a
        }
        var betas = [(DoubleDouble.one - rescaled[0]).value]
        for t in 1..<count {
            betas.append(t == count - 1 ? 1 : (DoubleDouble.one - rescaled[t] / rescaled[t - 1]).value)
        }
        return try OptimizedSchedule(betas: betas)
    }
}
