import RealModule

extension NoiseSchedule {
    /// x̂₀ from a noise prediction.
    ///
    ///     x̂₀ = (xₜ − √(1 − ᾱₜ) · ε̂) / √ᾱₜ                      [Ho et al. 2020, Eq. 15]
    ///
    /// - Throws: ``ReferenceError/undefinedAtZeroSignal(_:)`` where ᾱₜ = 0.
    @inlinable
    public func predictedX0(fromNoise epsilon: Scalar, sample xt: Scalar, at t: Int) throws(ReferenceError) -> Scalar {
        let alphaBar = alphaBars[t]
        guard alphaBar > 0 else { throw .undefinedAtZeroSignal("x̂₀ from an ε-prediction") }
        return (xt - Scalar.sqrt(marginalVariance(at: t)) * epsilon) / Scalar.sqrt(alphaBar)
    }

    /// ε̂ from an x₀ prediction: ε̂ = (xₜ − √ᾱₜ · x̂₀) / √(1 − ᾱₜ) (Eq. 4 solved for ε).
    @inlinable
    public func predictedNoise(fromX0 x0: Scalar, sample xt: Scalar, at t: Int) -> Scalar {
        (xt - Scalar.sqrt(alphaBars[t]) * x0) / Scalar.sqrt(marginalVariance(at: t))
    }

    /// x̂₀ from a velocity prediction: x̂₀ = √ᾱₜ · xₜ − √(1 − ᾱₜ) · v̂ [Salimans & Ho 2022, §4].
    @inlinable
    public func predictedX0(fromVelocity v: Scalar, sample xt: Scalar, at t: Int) -> Scalar {
        Scalar.sqrt(alphaBars[t]) * xt - Scalar.sqrt(marginalVariance(at: t)) * v
    }

    /// ε̂ from a velocity prediction: ε̂ = √ᾱₜ · v̂ + √(1 − ᾱₜ) · xₜ.
    @inlinable
    public func predictedNoise(fromVelocity v: Scalar, sample xt: Scalar, at t: Int) -> Scalar {
        Scalar.sqrt(alphaBars[t]) * v + Scalar.sqrt(marginalVariance(at: t)) * xt
    }

    /// v from ε and x₀: v = √ᾱₜ · ε − √(1 − ᾱₜ) · x₀.
    @inlinable
    public func velocity(noise epsilon: Scalar, x0: Scalar, at t: Int) -> Scalar {
        Scalar.sqrt(alphaBars[t]) * epsilon - Scalar.sqrt(marginalVariance(at: t)) * x0
    }

    /// (x̂₀, ε̂) from a model output of any prediction type.
    public func interpret(_ output: Scalar, as type: PredictionType, sample xt: Scalar, at t: Int) throws(ReferenceError) -> (x0: Scalar, noise: Scalar) {
        switch type {
        case .epsilon:
            return (try predictedX0(fromNoise: output, sample: xt, at: t), output)
        case .sample:
            return (output, predictedNoise(fromX0: output, sample: xt, at: t))
        case .vPrediction:
            return (predictedX0(fromVelocity: output, sample: xt, at: t), predictedNoise(fromVelocity: output, sample: xt, at: t))
        }
    }
}
