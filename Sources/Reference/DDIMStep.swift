import RealModule

extension NoiseSchedule {
    /// ᾱ at a DDIM target index s: ᾱ_s for s ≥ 0; before the start, 1 or ᾱ₀ (`setAlphaToOne`).
    @inlinable
    public func ddimAlphaBar(at s: Int, setAlphaToOne: Bool) -> Scalar {
        s >= 0 ? alphaBars[s] : (setAlphaToOne ? 1 : alphaBars[0])
    }

    /// The index whose ᾱ a DDIM step to s uses: s itself, or before the start −1 (ᾱ = 1) with
    /// `setAlphaToOne`, 0 (ᾱ₀) without.
    @inlinable
    func ddimTargetIndex(_ s: Int, setAlphaToOne: Bool) -> Int {
        s >= 0 ? s : (setAlphaToOne ? -1 : 0)
    }

    /// σ²(t → s) at η = 1: the variance of the DDPM posterior for that jump.
    ///
    ///     σ² = (1 − ᾱ_s)/(1 − ᾱₜ) · (1 − ᾱₜ/ᾱ_s)                [Song et al. 2021, Eq. 16]
    ///
    /// diffusers `DDIMScheduler._get_variance(t, s)`. With accurate arithmetic 1 − ᾱ_s, 1 − ᾱₜ
    /// and 1 − ᾱₜ/ᾱ_s = (ᾱ_s − ᾱₜ)/ᾱ_s are differences of the compensated ᾱ
    /// (``alphaBarDrop(from:to:)``), which the literal form loses near t = 0 and for short jumps.
    public func ddimVariance(at t: Int, previous s: Int, setAlphaToOne: Bool = true) throws(ReferenceError) -> Scalar {
        try checkTimestep(t)
        guard s < t else { throw .timestepOutOfRange(name: "prevT", value: s, count: t) }
        let alphaBar = alphaBars[t]
        let alphaBarPrevious = ddimAlphaBar(at: s, setAlphaToOne: setAlphaToOne)
        guard arithmetic == .accurate else {
            return (1 - alphaBarPrevious) / (1 - alphaBar) * (1 - alphaBar / alphaBarPrevious)
        }
        let target = ddimTargetIndex(s, setAlphaToOne: setAlphaToOne)
        return marginalVariance(at: target) / marginalVariance(at: t) * (alphaBarDrop(from: target, to: t) / alphaBarPrevious)
    }

    /// The variance of the DDIM direction term, 1 − ᾱ_s − σ² with σ = η·σ(t → s) (Eq. 12).
    ///
    /// Literally it cancels at η = 1, where σ² is most of 1 − ᾱ_s. With accurate arithmetic,
    /// r = (1 − ᾱₜ/ᾱ_s)/(1 − ᾱₜ) and 1 − r = ᾱₜ(1 − ᾱ_s)/(ᾱ_s(1 − ᾱₜ)):
    ///
    ///     1 − ᾱ_s − σ² = (1 − ᾱ_s)·(1 − η²·r) = (1 − ᾱ_s)·((1 − r) + (1 − η)(1 + η)·r)
    ///
    /// two non-negative terms for η ≤ 1. `sigma` is η·σ(t → s), used by the literal form.
    public func ddimDirectionVariance(at t: Int, previous s: Int, eta: Scalar, sigma: Scalar, setAlphaToOne: Bool) -> Scalar {
        let alphaBarPrevious = ddimAlphaBar(at: s, setAlphaToOne: setAlphaToOne)
        guard arithmetic == .accurate else { return 1 - alphaBarPrevious - sigma * sigma }
        let target = ddimTargetIndex(s, setAlphaToOne: setAlphaToOne)
        let oneMinusPrevious = marginalVariance(at: target)
        if eta == 0 { return oneMinusPrevious }
        let oneMinusCurrent = marginalVariance(at: t)
        let r = alphaBarDrop(from: target, to: t) / alphaBarPrevious / oneMinusCurrent
        let keep = alphaBars[t] * oneMinusPrevious / (alphaBarPrevious * oneMinusCurrent)
        return oneMinusPrevious * (keep + (1 - eta) * (1 + eta) * r)
    }

    /// One DDIM step from t to s < t.
    ///
    ///     x_s = √ᾱ_s · x̂₀ + √(1 − ᾱ_s − σ²) · ε̂ + σ · z,   σ = η · σ(t → s)
    ///                                                       [Song et al. 2021, Eq. 12]
    ///
    /// x̂₀ and ε̂ come from the model output (``PredictionType``); x̂₀ is clipped if asked, and ε̂
    /// re-derived from it when `useClippedModelOutput`. At η = 1 the step is the DDPM posterior
    /// step of the jump t → s (field identity, tested). The noise term is added only when η > 0.
    ///
    /// - Throws: ``ReferenceError/negativeDirectionVariance(value:)`` when 1 − ᾱ_s − σ² < 0
    ///   (η > 1), beyond rounding.
    public func ddimStep(
        sample xt: [Scalar], modelOutput: [Scalar], noise: [Scalar]? = nil, at t: Int, previous s: Int,
        options: DDIMOptions = DDIMOptions()
    ) throws(ReferenceError) -> StepResult<Scalar> {
        try checkTimestep(t)
        guard s < t else { throw .timestepOutOfRange(name: "prevT", value: s, count: t) }
        guard options.eta >= 0, options.eta.isFinite else {
            throw .invalidParameter(name: "eta", value: options.eta, expected: "a finite η ≥ 0")
        }
        try checkLength(modelOutput, "modelOutput", xt.count)
        try checkFinite(xt, "xt")
        try checkFinite(modelOutput, "modelOutput")
        if options.eta > 0 {
            guard let noise else { throw .missingInput("noise for a DDIM step with η > 0") }
            try checkLength(noise, "noise", xt.count)
            try checkFinite(noise, "noise")
        }
        try options.clipping.validate()

        let alphaBarPrevious = ddimAlphaBar(at: s, setAlphaToOne: options.setAlphaToOne)
        var x0 = [Scalar]()
        var eps = [Scalar]()
        for i in xt.indices {
            let (x, e) = try interpret(modelOutput[i], as: options.predictionType, sample: xt[i], at: t)
            x0.append(x)
            eps.append(e)
        }
        x0 = options.clipping.apply(to: x0)
        if options.useClippedModelOutput {
            eps = zip(x0, xt).map { predictedNoise(fromX0: $0, sample: $1, at: t) }
        }
        let sigma = Scalar(options.eta) * Scalar.sqrt(try ddimVariance(at: t, previous: s, setAlphaToOne: options.setAlphaToOne))
        var directionVariance = ddimDirectionVariance(at: t, previous: s, eta: Scalar(options.eta), sigma: sigma, setAlphaToOne: options.setAlphaToOne)
        if directionVariance < 0 {
            // Only rounding may make it negative: at η ≤ 1 it is (1 − ᾱ_s)(1 − σ²(t→s)/(1 − ᾱ_s)) ≥ 0.
            guard directionVariance > -8 * Scalar.ulpOfOne else {
                throw .negativeDirectionVariance(value: Double(directionVariance))
            }
            directionVariance = 0
        }
        let directionScale = Scalar.sqrt(directionVariance)
        let signalScale = Scalar.sqrt(alphaBarPrevious)
        let mean = (0..<xt.count).map { signalScale * x0[$0] + directionScale * eps[$0] }
        let std = [Scalar](repeating: options.eta > 0 ? sigma : 0, count: xt.count)
        let previous = options.eta > 0 ? (0..<xt.count).map { mean[$0] + sigma * noise![$0] } : mean
        return try StepResult(previous: previous, predictedX0: x0, mean: mean, standardDeviation: std).checked()
    }

    /// One deterministic DDIM inversion step from t to a later index `next` > t (or from "before the
    /// start", t = −1, with ᾱ = 1): the η = 0 update run backwards.
    ///
    ///     x_next = √ᾱ_next · x̂₀ + √(1 − ᾱ_next) · ε̂               [Song et al. 2021, Eq. 13]
    ///
    /// x̂₀ and ε̂ are read from the model output at the current index t, as diffusers'
    /// `DDIMInverseScheduler` does; at t = −1 only ε- and v-free x₀-prediction are meaningful, so
    /// t must be a valid index.
    public func ddimInversionStep(
        sample xt: [Scalar], modelOutput: [Scalar], at t: Int, next: Int, predictionType: PredictionType = .epsilon
    ) throws(ReferenceError) -> StepResult<Scalar> {
        try checkTimestep(t)
        try checkTimestep(next, name: "next")
        guard next > t else { throw .timestepOutOfRange(name: "next", value: next, count: count) }
        try checkLength(modelOutput, "modelOutput", xt.count)
        try checkFinite(xt, "xt")
        try checkFinite(modelOutput, "modelOutput")
        let alphaBarNext = alphaBars[next]
        var result: [Scalar] = []
        var x0s: [Scalar] = []
        for i in xt.indices {
            let (x0, eps) = try interpret(modelOutput[i], as: predictionType, sample: xt[i], at: t)
            x0s.append(x0)
            result.append(Scalar.sqrt(alphaBarNext) * x0 + Scalar.sqrt(marginalVariance(at: next)) * eps)
        }
        return try StepResult(previous: result, predictedX0: x0s, mean: result, standardDeviation: [Scalar](repeating: 0, count: xt.count)).checked()
    }
}
