import RealModule

/// The coefficients of the forward-process posterior q(x_s | xₜ, x₀) for a step from t to s < t.
public struct PosteriorCoefficients<Scalar: Real & BinaryFloatingPoint & Sendable>: Sendable, Equatable {
    /// ᾱₜ.
    public var alphaBar: Scalar
    /// ᾱ_s (1 when s < 0).
    public var alphaBarPrevious: Scalar
    /// The effective β of the jump, 1 − ᾱₜ/ᾱ_s (βₜ itself when s = t − 1).
    public var effectiveBeta: Scalar
    /// The coefficient of x₀ in the posterior mean.
    public var meanCoefX0: Scalar
    /// The coefficient of xₜ in the posterior mean.
    public var meanCoefXt: Scalar
    /// β̃, the posterior variance (0 when s < 0: x₀ is then known).
    public var variance: Scalar
}

extension NoiseSchedule {
    /// The posterior of the forward process, for a jump from t to s (s = t − 1 by default).
    ///
    ///     q(x_s | xₜ, x₀) = N(μ̃, β̃ I),
    ///     μ̃ = √ᾱ_s·β'/(1 − ᾱₜ) · x₀ + √α'·(1 − ᾱ_s)/(1 − ᾱₜ) · xₜ,
    ///     β̃ = (1 − ᾱ_s)/(1 − ᾱₜ) · β',   α' = ᾱₜ/ᾱ_s,  β' = 1 − α'      [Ho et al. 2020, Eqs. 6–7]
    ///
    /// With s = t − 1, α' = αₜ and β' = βₜ: Eqs. 6–7 exactly. For a jump over skipped timesteps
    /// (s < t − 1, respaced sampling) the effective β' = 1 − ᾱₜ/ᾱ_s replaces βₜ: using βₜ there
    /// is a bug early diffusers had. ᾱ_s = 1 when s < 0.
    ///
    /// Evaluation. Written literally, 1 − ᾱₜ, 1 − ᾱ_s and 1 − ᾱₜ/ᾱ_s cancel near t = 0 and for
    /// short jumps: every coefficient carries a relative error of about ε·ᾱₜ/(1 − ᾱₜ)
    /// (≈ 4e−13 at t = 1 of the linear schedule, 1e−11 at t = 1 of the cosine schedule). With
    /// accurate arithmetic (the default in Double) all three are differences of the compensated
    /// ᾱ (``alphaBarDrop(from:to:)``): 1 − ᾱₜ, 1 − ᾱ_s and β' = (ᾱ_s − ᾱₜ)/ᾱ_s, so each
    /// coefficient is within a few ulps of its exact value.
    ///
    /// - Throws: ``ReferenceError/timestepOutOfRange(name:value:count:)`` unless 0 ≤ t < T and s < t.
    public func posterior(at t: Int, previous s: Int? = nil, oneStepBeta: OneStepBeta = .schedule) throws(ReferenceError) -> PosteriorCoefficients<Scalar> {
        try checkTimestep(t)
        let s = max(s ?? t - 1, -1)
        guard s < t else { throw .timestepOutOfRange(name: "previous timestep", value: s, count: t) }
        let alphaBarCurrent = alphaBars[t]
        let alphaBarPrevious = alphaBar(atOrBeforeStart: s)
        // One step: βₜ and αₜ as stored (Eq. 7), or the ratio 1 − ᾱₜ/ᾱₜ₋₁ (see OneStepBeta). A jump:
        // always the ratio.
        let useSchedule = s == t - 1 && oneStepBeta == .schedule
        let effectiveAlpha = useSchedule ? alphas[t] : alphaBarCurrent / alphaBarPrevious
        let effectiveBeta: Scalar
        if useSchedule {
            effectiveBeta = betas[t]
        } else if arithmetic == .accurate {
            effectiveBeta = alphaBarDrop(from: s, to: t) / alphaBarPrevious
        } else {
            effectiveBeta = 1 - effectiveAlpha
        }
        let oneMinusAlphaBar = marginalVariance(at: t)
        let oneMinusAlphaBarPrevious = alphaBarDrop(from: -1, to: s)
        return PosteriorCoefficients(
            alphaBar: alphaBarCurrent,
            alphaBarPrevious: alphaBarPrevious,
            effectiveBeta: effectiveBeta,
            meanCoefX0: Scalar.sqrt(alphaBarPrevious) * effectiveBeta / oneMinusAlphaBar,
            meanCoefXt: Scalar.sqrt(effectiveAlpha) * oneMinusAlphaBarPrevious / oneMinusAlphaBar,
            variance: oneMinusAlphaBarPrevious / oneMinusAlphaBar * effectiveBeta
        )
    }

    /// The posterior mean μ̃(xₜ, x₀) of Eq. 7, elementwise.
    public func posteriorMean(x0: [Scalar], xt: [Scalar], at t: Int, previous s: Int? = nil) throws(ReferenceError) -> [Scalar] {
        try checkLength(xt, "xt", x0.count)
        try checkFinite(x0, "x0")
        try checkFinite(xt, "xt")
        let p = try posterior(at: t, previous: s)
        let mean = zip(x0, xt).map { p.meanCoefX0 * $0 + p.meanCoefXt * $1 }
        try checkResult(mean, "mean")
        return mean
    }

    /// The posterior variances β̃ₜ for every t (one-step jumps), as ``posterior(at:previous:)``
    /// computes them; β̃₀ = 0.
    public var posteriorVariances: [Scalar] {
        (0..<count).map { t in
            alphaBarDrop(from: -1, to: t - 1) / marginalVariance(at: t) * betas[t]
        }
    }

    /// log β̃ₜ, finite at t = 0 by one of two conventions.
    ///
    /// - ``FirstStepLogVariance/nextStep``: log β̃₁ at t = 0 (improved-diffusion,
    ///   `posterior_log_variance_clipped`). With T = 1 there is no β̃₁ and the floor is used.
    /// - ``FirstStepLogVariance/floored``: log(max(β̃ₜ, 1e−20)) (diffusers).
    public func posteriorLogVariance(at t: Int, convention: FirstStepLogVariance = .nextStep) throws(ReferenceError) -> Scalar {
        try checkTimestep(t)
        let variances = posteriorVariances
        switch convention {
        case .nextStep where t == 0 && count > 1:
            return Scalar.log(variances[1])
        case .nextStep, .floored:
            return Scalar.log(max(variances[t], Scalar(1e-20)))
        }
    }
}
