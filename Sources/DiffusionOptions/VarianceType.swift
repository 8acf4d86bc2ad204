/// The variance of the DDPM reverse step p(xₜ₋₁ | xₜ) = N(μ, σ²).
public enum VarianceType: String, Sendable, CaseIterable {
    /// σ² = max(β̃ₜ, 1e−20), the posterior variance (optimal for a point-mass x₀)
    /// [Ho et al. 2020, §3.2].
    case fixedSmall
    /// σ = exp(½·log max(β̃ₜ, 1e−20)): the same σ computed through the log (at t = 0 see
    /// ``FirstStepLogVariance``).
    case fixedSmallLog
    /// σ² = βₜ (optimal for x₀ ~ N(0, I)) [Ho et al. 2020, §3.2]; at t = 0 see
    /// ``FirstStepLargeVariance``.
    case fixedLarge
    /// σ = exp(½·log βₜ). diffusers takes √ of the log here and returns NaN; this is the right σ.
    case fixedLargeLog
    /// σ² predicted by the model: a variance or a log-variance, see ``LearnedVarianceMeaning``.
    case learned
    /// log σ² = frac·log βₜ + (1 − frac)·log β̃ₜ with frac = (v + 1)/2 for the model's extra output
    /// v in [−1, 1] [Nichol & Dhariwal 2021, Eq. 15].
    case learnedRange
}

extension VarianceType: DiffusersSpelled {
    /// The value of diffusers' `variance_type`.
    public var diffusersName: String {
        switch self {
        case .fixedSmall: "fixed_small"
        case .fixedSmallLog: "fixed_small_log"
        case .fixedLarge: "fixed_large"
        case .fixedLargeLog: "fixed_large_log"
        case .learned: "learned"
        case .learnedRange: "learned_range"
        }
    }
}
