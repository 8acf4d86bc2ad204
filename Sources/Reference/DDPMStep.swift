import RealModule

/// The result of a reverse step.
public struct StepResult<Scalar: Real & BinaryFloatingPoint & Sendable>: Sendable, Equatable {
    /// The sample at the previous timestep.
    public var previous: [Scalar]
    /// x̂₀ after clipping or thresholding.
    public var predictedX0: [Scalar]
    /// The mean of p(x_prev | xₜ), before noise.
    public var mean: [Scalar]
    /// The standard deviation that multiplied the noise, per element (0 where none was added).
    public var standardDeviation: [Scalar]
}

extension StepResult {
    /// The result, refused (``ReferenceError/resultOutOfRange(name:index:)``) if any of its
    /// arrays left the precision's range on the finite inputs the step accepted.
    func checked() throws(ReferenceError) -> StepResult {
        try checkResult(previous, "previous")
        try checkResult(predictedX0, "predictedX0")
        try checkResult(mean, "mean")
        try checkResult(standardDeviation, "standardDeviation")
        return self
    }
}

extension NoiseSchedule {
    /// One ancestral DDPM step from t to s (s = t − 1 unless sampling skips timesteps).
    ///
    ///     x̂₀ from the model output (``PredictionType``), then clipped (``SampleClipping``);
    ///     μ = μ̃(xₜ, x̂₀) of the jump t → s  (``posterior(at:previous:)``, Eq. 7);
    ///     x_s = μ + σ·z,  z ~ N(0, I),  σ by ``VarianceType``             [Ho et al. 2020, Alg. 2]
    ///
    /// For ε-prediction and s = t − 1 without clipping, μ equals Algorithm 2's
    /// 1/√αₜ·(xₜ − βₜ/√(1 − ᾱₜ)·ε̂). No noise is added at t = 0 (and, with
    /// ``FinalStepNoise/neverOnLastStep``, whenever s < 0).
    ///
    /// - Parameters:
    ///   - predictedVariance: the model's variance output, for ``VarianceType/learned`` and
    ///     ``VarianceType/learnedRange`` (elementwise, same length as the sample).
    ///   - noise: z ~ N(0, I), same length as the sample (read only where noise is added).
    public func ddpmStep(
        sample xt: [Scalar], modelOutput: [Scalar], predictedVariance: [Scalar]? = nil, noise: [Scalar],
        at t: Int, previous s: Int? = nil, options: DDPMOptions = DDPMOptions()
    ) throws(ReferenceError) -> StepResult<Scalar> {
        try checkTimestep(t)
        let s = s ?? t - 1
        try checkLength(modelOutput, "modelOutput", xt.count)
        try checkLength(noise, "noise", xt.count)
        try checkFinite(xt, "xt")
        try checkFinite(modelOutput, "modelOutput")
        try checkFinite(noise, "noise")
        try options.clipping.validate()
        let needsVariance = options.varianceType == .learned || options.varianceType == .learnedRange
        if needsVariance {
            guard let predictedVariance else { throw .missingInput("predictedVariance for the \(options.varianceType.rawValue) variance type") }
            try checkLength(predictedVariance, "predictedVariance", xt.count)
            try checkFinite(predictedVariance, "predictedVariance")
        }

        let p = try posterior(at: t, previous: s, oneStepBeta: options.oneStepBeta)
        var x0 = [Scalar]()
        x0.reserveCapacity(xt.count)
        for i in xt.indices {
            x0.append(try interpret(modelOutput[i], as: options.predictionType, sample: xt[i], at: t).x0)
        }
        x0 = options.clipping.apply(to: x0)
        let mean = zip(x0, xt).map { p.meanCoefX0 * $0 + p.meanCoefXt * $1 }

        let addsNoise = options.finalStepNoise == .whenTimestepPositive ? t > 0 : s >= 0
        var std = [Scalar](repeating: 0, count: xt.count)
        if addsNoise {
            for i in xt.indices {
                std[i] = try reverseStandardDeviation(posterior: p, at: t, predictedVariance: predictedVariance?[i], options: options)
            }
        }
        let previous = (0..<xt.count).map { mean[$0] + std[$0] * noise[$0] }
        return try StepResult(previous: previous, predictedX0: x0, mean: mean, standardDeviation: std).checked()
    }

    /// σ of the reverse step for one element: the variance types of ``VarianceType``.
    ///
    /// - Throws: ``ReferenceError/invalidParameter(name:value:expected:)`` for a learned variance
    ///   that is not positive (its √ would be NaN).
    public func reverseStandardDeviation(
        posterior p: PosteriorCoefficients<Scalar>, at t: Int, predictedVariance: Scalar?, options: DDPMOptions
    ) throws(ReferenceError) -> Scalar {
        let floor = Scalar(1e-20)
        let smallLogVariance: Scalar = {
            if t == 0, options.firstStepLogVariance == .nextStep, count > 1 {
                return Scalar.log(posteriorVariances[1])
            }
            return Scalar.log(max(p.variance, floor))
        }()
        let largeVariance: Scalar = (t == 0 && options.firstStepLargeVariance == .nextPosterior && count > 1)
            ? posteriorVariances[1] : p.effectiveBeta
        switch options.varianceType {
        case .fixedSmall:
            return Scalar.sqrt(max(p.variance, floor))
        case .fixedSmallLog:
            return Scalar.exp(smallLogVariance / 2)
        case .fixedLarge:
            return Scalar.sqrt(largeVariance)
        case .fixedLargeLog:
            return Scalar.exp(Scalar.log(largeVariance) / 2)
        case .learned:
            let v = predictedVariance ?? 0
            switch options.learnedVarianceMeaning {
            case .variance:
                guard v >= 0 else { throw .invalidParameter(name: "predictedVariance", value: Double(v), expected: "a variance ≥ 0") }
                return Scalar.sqrt(v)
            case .logVariance:
                return Scalar.exp(v / 2)
            }
        case .learnedRange:
            let frac = ((predictedVariance ?? 0) + 1) / 2
            let logVariance = frac * Scalar.log(p.effectiveBeta) + (1 - frac) * smallLogVariance
            return Scalar.exp(logVariance / 2)
        }
    }
}
