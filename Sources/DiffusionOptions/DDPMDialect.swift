// Where the public DDPM implementations legitimately differ (field notes §2). Each choice is one
// field of `DDPMOptions`; `DDPMOptions.diffusers(…)` and `.improvedDiffusion(…)` set them together.

/// What the model's extra output means for ``VarianceType/learned``.
public enum LearnedVarianceMeaning: String, Sendable, CaseIterable {
    /// A variance σ² (diffusers).
    case variance
    /// A log-variance log σ² (improved-diffusion, the original code).
    case logVariance
}

/// The posterior log-variance at t = 0, where β̃₀ = 0: the lower end of
/// ``VarianceType/learnedRange`` and the σ of ``VarianceType/fixedSmallLog`` there.
public enum FirstStepLogVariance: String, Sendable, CaseIterable {
    /// log β̃₁ (index 1), improved-diffusion's `posterior_log_variance_clipped`; the original DDPM
    /// code does the same. Finite and of the right size.
    case nextStep
    /// log(max(β̃, 1e−20)) = −46.0517, as diffusers computes it.
    case floored
}

/// What the fixed-large variance is at t = 0.
public enum FirstStepLargeVariance: String, Sendable, CaseIterable {
    /// β₀ (diffusers, ermongroup/ddim).
    case beta
    /// β̃₁, improved-diffusion's `np.append(posterior_variance[1], betas[1:])`, which keeps the
    /// decoder's log-likelihood finite.
    case nextPosterior
}

/// When the final step adds noise.
public enum FinalStepNoise: String, Sendable, CaseIterable {
    /// Whenever the raw timestep t > 0 (diffusers). With respaced timesteps that end above 0
    /// (leading spacing with an offset) the last output still carries noise.
    case whenTimestepPositive
    /// Never on the last step, the one whose previous index is below 0, whatever t is
    /// (improved-diffusion's `nonzero_mask` on the respaced index; the original code).
    case neverOnLastStep
}

/// The β of a one-step posterior (s = t − 1).
public enum OneStepBeta: String, Sendable, CaseIterable {
    /// βₜ and αₜ as stored, as Ho et al. 2020 Eq. 7 writes them (improved-diffusion, the original
    /// code). The default.
    case schedule
    /// β' = 1 − ᾱₜ/ᾱₜ₋₁, diffusers' `current_beta_t`. Mathematically βₜ itself. Evaluated as
    /// written from a stored float32 ᾱ (Reference's literal arithmetic) it reproduces a float32
    /// pipeline: there the t = 0 mean is exactly x̂₀, where `.schedule` gives
    /// β₀/(1 − fl(1 − β₀)) = 0.99983 (moving diffusers' own DDPM test sums by 0.05); in Double it
    /// costs ε/βₜ of relative accuracy (≈ 1e−12 near t = 0) to cancellation. Where ᾱ is held
    /// to double length (Reference's accurate arithmetic, Optimized's tables) it is
    /// (ᾱₜ₋₁ − ᾱₜ)/ᾱₜ₋₁ without cancellation, βₜ to a few ulps, so the two choices agree there.
    case cumulativeRatio
}
