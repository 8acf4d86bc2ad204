import Reference

/// The schedule quantity a variable name denotes in DDPM code: `alphas_cumprod`, `alpha_bars`,
/// `self.alphas_bar_prev`, `sqrt_one_minus_alphas_cumprod` and their many spellings.
enum ScheduleRole: Sendable, Equatable {
    case betas, alphas, alphaBars, alphaBarsPrev, sqrtAlphaBars, sqrtOneMinusAlphaBars, posteriorVariance

    static func of(_ dotted: String) -> ScheduleRole? {
        var n = dotted.lowercased().replacingOccurrences("1_minus", "one_minus")
        if n.hasPrefix("self.") { n.removeFirst(5) }
        while n.hasPrefix("_") { n.removeFirst() }
        if n.contains(".") { return nil }
        let cumulative = n.contains("bar") || n.contains("cumprod") || n.contains("hat")
        if n.hasPrefix("sqrt_one_minus"), cumulative { return .sqrtOneMinusAlphaBars }
        // `sqrt_alphas_cumprod`, `sqrt_ab`; not `sqrt_m1_alphas_bar` (√(1 − ᾱ) or √(1/ᾱ − 1)).
        if n.hasPrefix("sqrt_"), cumulative, !n.contains("recip") {
            return n.dropFirst(5).hasPrefix("a") && !n.contains("minus") && !n.contains("m1") ? .sqrtAlphaBars : nil
        }
        if n.hasPrefix("sqrt") || n.hasPrefix("log") || n.contains("recip") || n.hasPrefix("one_minus") { return nil }
        // `alphas_1mcumprod_sqrt` (√(1 − ᾱ)), `alphas_cumprod_sqrt`: a complement or a root named
        // by a suffix is no table of ᾱ itself.
        if n.contains("1m") || n.contains("one_minus") || n.hasSuffix("_sqrt") { return nil }
        if n == "posterior_variance" { return .posteriorVariance }
        // `alphas_cumprod_prev`, `alpha_bar_pre`: the table shifted by one step.
        if n.hasPrefix("alpha"), cumulative {
            let previous = n.contains("prev") || n.split(separator: "_").contains("pre")
            return previous ? .alphaBarsPrev : .alphaBars
        }
        if n == "alphas" || n == "alpha" || n == "alphas_t" { return .alphas }
        if n == "betas" || n == "beta" || n == "betas_t" { return .betas }
        return nil
    }

    /// The array of this quantity for code-indexed betas (0-based, ᾱ_prev[0] = 1), from
    /// Reference; empty when Reference refuses the schedule (the code is then not judged).
    func values(betas: [Double]) -> [Double] {
        guard let schedule = try? NoiseSchedule(betas: betas) else { return [] }
        switch self {
        case .betas: return schedule.betas
        case .alphas: return schedule.alphas
        case .alphaBars: return schedule.alphaBars
        case .alphaBarsPrev: return schedule.alphaBarsPrevious
        case .sqrtAlphaBars: return schedule.alphaBars.map { $0.squareRoot() }
        case .sqrtOneMinusAlphaBars: return schedule.alphaBars.map { (1 - $0).squareRoot() }
        case .posteriorVariance: return schedule.posteriorVariances
        }
    }
}

/// What a variable name says its value is, for the assignment checks.
enum QuantityName {
    case variance, standardDeviation, logVariance, mean

    static func of(_ dotted: String) -> QuantityName? {
        var n = dotted.lowercased()
        if let dot = n.lastIndex(of: ".") { n = String(n[n.index(after: dot)...]) }
        // `variance_scale_factor`, `var_mode`, `mean_type`: a setting about the quantity, not its value.
        if ["_factor", "_mode", "_type", "_kind", "_scale", "_ratio"].contains(where: { n.hasSuffix($0) }) { return nil }
        if n.contains("var") && n.contains("log") { return .logVariance }
        if n.contains("var") || ["sigma2", "sigma_sq", "sigma_squared", "sigma_t_sq", "beta_tilde", "sigma_t2"].contains(n) { return .variance }
        if ["sigma", "sigma_t", "std", "model_std", "stddev", "sigma_t_std"].contains(n) { return .standardDeviation }
        if n.contains("mean") || n == "mu" || n == "mu_t" || n == "mu_theta" { return .mean }
        return nil
    }
}
