/// The schedule quantity a variable name denotes in DDPM code: `alphas_cumprod`, `alpha_bars`,
/// `self.alphas_bar_prev`, `sqrt_one_minus_alphas_cumprod` and their many spellings.
enum ScheduleRole: Sendable, Equatable {
    case betas, alphas, alphaBars, alphaBarsPrev, sqrtAlphaBars, sqrtOneMinusAlphaBars, posteriorVariance

    static func of(_ dotted: String) -> ScheduleRole? {
        var n = dotted.lowercased()
        if n.hasPrefix("self.") { n.removeFirst(5) }
        if n.contains(".") { return nil }
        let cumulative = n.contains("bar") || n.contains("cumprod") || n.contains("hat")
        if n.hasPrefix("sqrt_one_minus"), cumulative { return .sqrtOneMinusAlphaBars }
        if n.hasPrefix("sqrt_"), cumulative, !n.contains("recip") { return .sqrtAlphaBars }
        if n.hasPrefix("sqrt") || n.hasPrefix("log") || n.contains("recip") || n.hasPrefix("one_minus") { return nil }
        if n == "posterior_variance" { return .posteriorVariance }
        if n.hasPrefix("alpha"), cumulative { return n.contains("prev") ? .alphaBarsPrev : .alphaBars }
        if n == "alphas" || n == "alpha" || n == "alphas_t" { return .alphas }
        if n == "betas" || n == "beta" || n == "betas_t" { return .betas }
        return nil
    }

    /// The array of this quantity for code-indexed betas (0-based, ᾱ_prev[0] = 1).
    func values(betas: [Double]) -> [Double] {
        var product = 1.0
        let bars = betas.map { product *= 1 - $0; return product }
        switch self {
        case .betas: return betas
        case .alphas: return betas.map { 1 - $0 }
        case .alphaBars: return bars
        case .alphaBarsPrev: return [1] + bars.dropLast()
        case .sqrtAlphaBars: return bars.map { $0.squareRoot() }
        case .sqrtOneMinusAlphaBars: return bars.map { (1 - $0).squareRoot() }
        case .posteriorVariance:
            return betas.indices.map { i in
                let prev = i == 0 ? 1 : bars[i - 1]
                return betas[i] * (1 - prev) / (1 - bars[i])
            }
        }
    }
}

/// What a variable name says its value is, for the assignment checks.
enum QuantityName {
    case variance, standardDeviation, logVariance, mean

    static func of(_ dotted: String) -> QuantityName? {
        var n = dotted.lowercased()
        if let dot = n.lastIndex(of: ".") { n = String(n[n.index(after: dot)...]) }
        if n.contains("var") && n.contains("log") { return .logVariance }
        if n.contains("var") || ["sigma2", "sigma_sq", "sigma_squared", "sigma_t_sq", "beta_tilde", "sigma_t2"].contains(n) { return .variance }
        if ["sigma", "sigma_t", "std", "model_std", "stddev", "sigma_t_std"].contains(n) { return .standardDeviation }
        if n.contains("mean") || n == "mu" || n == "mu_t" || n == "mu_theta" { return .mean }
        return nil
    }
}
