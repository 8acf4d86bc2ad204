/// What the model's output means.
public enum PredictionType: String, Sendable, CaseIterable {
    /// The noise ε: x̂₀ = (xₜ − √(1−ᾱₜ)·ε̂)/√ᾱₜ (Ho et al. 2020, Eq. 15).
    case epsilon
    /// x₀ itself.
    case sample
    /// v = √ᾱₜ·ε − √(1−ᾱₜ)·x₀ (Salimans & Ho 2022, §4): x̂₀ = √ᾱₜ·xₜ − √(1−ᾱₜ)·v̂.
    case vPrediction
}

/// The standard deviation of the DDPM step's noise.
public enum VarianceType: String, Sendable, CaseIterable {
    /// σ² = max(β̃, 1e−20).
    case fixedSmall
    /// σ = exp(½·log max(β̃, 1e−20)).
    case fixedSmallLog
    /// σ² = β_eff (improved-diffusion: β̃₁ at t = 0).
    case fixedLarge
    /// σ = exp(½·log β_eff) (improved-diffusion: β̃₁ at t = 0).
    case fixedLargeLog
    /// The model's extra output: a variance (diffusers) or a log-variance (improved-diffusion).
    case learned
    /// The model's extra output v in [−1, 1] interpolates the log-variance between the two fixed
    /// ones (Nichol & Dhariwal 2021, Eq. 15): frac = (v + 1)/2.
    case learnedRange
}

/// Where the public implementations legitimately differ (see the field notes, §2).
public enum VarianceDialect: String, Sendable, CaseIterable {
    /// diffusers: log(max(β̃, 1e−20)) at t = 0, `learned` is a variance.
    case diffusers
    /// openai/improved-diffusion: log β̃₁ at t = 0, fixedLarge uses β̃₁ there, `learned` is a
    /// log-variance, and no noise is added on the step that lands before index 0.
    case improvedDiffusion
}

/// Imagen's dynamic thresholding (Saharia et al. 2022, §2.3; diffusers `thresholding`):
/// s = clamp(quantile(|x̂₀|, ratio), 1, sampleMaxValue), x̂₀ ← clamp(x̂₀, −s, s)/s, with the
/// quantile linearly interpolated as `torch.quantile` does, over the whole array.
public struct DynamicThresholding: Sendable, Equatable {
    public var ratio: Double
    public var sampleMaxValue: Double

    public init(ratio: Double = 0.995, sampleMaxValue: Double = 1) {
        self.ratio = ratio
        self.sampleMaxValue = sampleMaxValue
    }
}

/// Options of the DDPM step, named as in the golden case format.
public struct DDPMOptions: Sendable, Equatable {
    public var predictionType: PredictionType
    public var varianceType: VarianceType
    public var dialect: VarianceDialect
    public var clipSample: Bool
    public var clipSampleRange: Double
    /// When set, applied instead of `clipSample` (as diffusers does).
    public var thresholding: DynamicThresholding?

    public init(predictionType: PredictionType = .epsilon, varianceType: VarianceType = .fixedSmall,
                dialect: VarianceDialect = .diffusers, clipSample: Bool = false, clipSampleRange: Double = 1,
                thresholding: DynamicThresholding? = nil) {
        self.predictionType = predictionType
        self.varianceType = varianceType
        self.dialect = dialect
        self.clipSample = clipSample
        self.clipSampleRange = clipSampleRange
        self.thresholding = thresholding
    }
}

/// Options of the DDIM step, named as in the golden case format.
public struct DDIMOptions: Sendable, Equatable {
    public var eta: Double
    public var predictionType: PredictionType
    public var clipSample: Bool
    public var clipSampleRange: Double
    public var setAlphaToOne: Bool
    public var useClippedModelOutput: Bool
    /// When set, applied instead of `clipSample`.
    public var thresholding: DynamicThresholding?

    public init(eta: Double = 0, predictionType: PredictionType = .epsilon, clipSample: Bool = false,
                clipSampleRange: Double = 1, setAlphaToOne: Bool = true, useClippedModelOutput: Bool = false,
                thresholding: DynamicThresholding? = nil) {
        self.eta = eta
        self.predictionType = predictionType
        self.clipSample = clipSample
        self.clipSampleRange = clipSampleRange
        self.setAlphaToOne = setAlphaToOne
        self.useClippedModelOutput = useClippedModelOutput
        self.thresholding = thresholding
    }
}

/// The two outputs of a sampler step.
public struct StepOutput<Scalar: BinaryFloatingPoint & Sendable>: Sendable {
    /// The sample at the previous timestep (the next one for DDIM inversion).
    public var prev: [Scalar]
    /// x̂₀ after clipping or thresholding.
    public var predX0: [Scalar]

    public init(prev: [Scalar] = [], predX0: [Scalar] = []) {
        self.prev = prev
        self.predX0 = predX0
    }
}

/// The noise a step adds: an array, or the Philox Gaussian stream drawn inside the loop.
public enum StepNoise<Scalar: BinaryFloatingPoint & Sendable>: Sendable {
    /// Element i uses `values[i]`.
    case values([Scalar])
    /// Element i uses normal `offset + i` of the Gaussian stream of `seed` (see `GaussianStream`).
    case philox(seed: UInt64, offset: UInt64)
    /// No noise: the step returns its mean (what it returns anyway at t = 0, or with η = 0).
    case none
}
