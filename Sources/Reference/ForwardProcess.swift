import RealModule

extension NoiseSchedule {
    /// The mean of one forward step, q(xₜ | xₜ₋₁).
    ///
    ///     q(xₜ | xₜ₋₁) = N(xₜ; √(1 − βₜ) · xₜ₋₁, βₜ I)        [Ho et al. 2020, Eq. 2]
    @inlinable
    public func forwardStepMean(_ previous: Scalar, at t: Int) -> Scalar {
        Scalar.sqrt(1 - betas[t]) * previous
    }

    /// The variance of one forward step, βₜ (Eq. 2).
    @inlinable
    public func forwardStepVariance(at t: Int) -> Scalar {
        betas[t]
    }

    /// A draw from q(xₜ | xₜ₋₁): xₜ = √(1 − βₜ) · xₜ₋₁ + √βₜ · ε, ε ~ N(0, I) (Eq. 2).
    ///
    /// Note √βₜ: βₜ is a variance; writing βₜ·ε is the most common transcription error.
    public func forwardStep(from previous: [Scalar], noise: [Scalar], at t: Int) throws(ReferenceError) -> [Scalar] {
        try checkTimestep(t)
        try checkLength(noise, "noise", previous.count)
        try checkFinite(previous, "previous")
        try checkFinite(noise, "noise")
        let next = zip(previous, noise).map { forwardStepMean($0, at: t) + Scalar.sqrt(betas[t]) * $1 }
        try checkResult(next, "x")
        return next
    }

    /// The literal chain of forward steps 0, 1, …, t from x₀, one noise array per step.
    ///
    ///     x₀ → x₁ → … : x_{k} = √(1 − β_k) x_{k−1} + √β_k ε_k,   k = 0 … t (0-based)
    ///
    /// In distribution it equals q(xₜ | x₀) (``qSample(x0:noise:at:)``); see
    /// ``forwardChainMoments(through:)`` for the deterministic part of that identity.
    public func forwardChain(from x0: [Scalar], noises: [[Scalar]], through t: Int) throws(ReferenceError) -> [Scalar] {
        try checkTimestep(t)
        guard noises.count == t + 1 else {
            throw .lengthMismatch(name: "noises", expected: t + 1, actual: noises.count)
        }
        var x = x0
        for k in 0...t {
            x = try forwardStep(from: x, noise: noises[k], at: k)
        }
        return x
    }

    /// The mean coefficient and variance of the t + 1 composed forward steps, by the recursion
    ///
    ///     m ← √α_k · m,   v ← α_k · v + β_k,   from m = 1, v = 0,
    ///
    /// which must equal √ᾱₜ and 1 − ᾱₜ [Ho et al. 2020, Eq. 4]: the check that the single steps
    /// compose to the closed form.
    public func forwardChainMoments(through t: Int) throws(ReferenceError) -> (meanCoefficient: Scalar, variance: Scalar) {
        try checkTimestep(t)
        var m: Scalar = 1
        var v: Scalar = 0
        for k in 0...t {
            m = Scalar.sqrt(alphas[k]) * m
            v = alphas[k] * v + betas[k]
        }
        return (m, v)
    }

    /// The mean coefficient of q(xₜ | x₀): √ᾱₜ.
    ///
    ///     q(xₜ | x₀) = N(xₜ; √ᾱₜ · x₀, (1 − ᾱₜ) I)            [Ho et al. 2020, Eq. 4]
    @inlinable
    public func marginalMeanCoefficient(at t: Int) -> Scalar {
        Scalar.sqrt(alphaBars[t])
    }

    /// The variance of q(xₜ | x₀): 1 − ᾱₜ (Eq. 4).
    ///
    /// Literal arithmetic subtracts the stored ᾱₜ, which keeps ε·ᾱₜ/(1 − ᾱₜ) of relative error
    /// (2·10⁴ ulps at t = 0 of the cosine schedule); accurate arithmetic takes the difference of
    /// the compensated product (``alphaBarDrop(from:to:)``), within an ulp or two.
    @inlinable
    public func marginalVariance(at t: Int) -> Scalar {
        alphaBarDrop(from: -1, to: t)
    }

    /// A draw from q(xₜ | x₀): the closed-form forward sample.
    ///
    ///     xₜ = √ᾱₜ · x₀ + √(1 − ᾱₜ) · ε,   ε ~ N(0, I)            [Ho et al. 2020, Eq. 4; Alg. 1]
    ///
    /// diffusers `DDPMScheduler.add_noise`.
    public func qSample(x0: [Scalar], noise: [Scalar], at t: Int) throws(ReferenceError) -> [Scalar] {
        try checkTimestep(t)
        try checkLength(noise, "noise", x0.count)
        try checkFinite(x0, "x0")
        try checkFinite(noise, "noise")
        let signal = Scalar.sqrt(alphaBars[t])
        let noiseScale = Scalar.sqrt(marginalVariance(at: t))
        let xt = zip(x0, noise).map { signal * $0 + noiseScale * $1 }
        try checkResult(xt, "xt")
        return xt
    }

    /// The velocity target.
    ///
    ///     v = √ᾱₜ · ε − √(1 − ᾱₜ) · x₀                           [Salimans & Ho 2022, §4]
    ///
    /// diffusers `get_velocity`.
    public func velocity(x0: [Scalar], noise: [Scalar], at t: Int) throws(ReferenceError) -> [Scalar] {
        try checkTimestep(t)
        try checkLength(noise, "noise", x0.count)
        try checkFinite(x0, "x0")
        try checkFinite(noise, "noise")
        let signal = Scalar.sqrt(alphaBars[t])
        let noiseScale = Scalar.sqrt(marginalVariance(at: t))
        let v = zip(x0, noise).map { signal * $1 - noiseScale * $0 }
        try checkResult(v, "v")
        return v
    }
}
