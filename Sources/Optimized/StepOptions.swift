// The option types (DDPMOptions, DDIMOptions, PredictionType, VarianceType, SampleClipping, …) are
// declared once in DiffusionOptions and shared with Reference; `import Optimized` brings them.
// Only the vocabulary is shared: every equation below is Optimized's own.
@_exported import DiffusionOptions

/// The two outputs of a sampler step.
public struct StepOutput<Scalar: BinaryFloatingPoint & Sendable>: Sendable {
    /// The sample at the previous timestep (the next one for DDIM inversion).
    public var prev: [Scalar]
    /// x̂₀ after clipping or thresholding (empty when `keepsPredX0` is false).
    public var predX0: [Scalar]
    /// Whether the step writes `predX0`. A sampler that only needs `prev` saves a quarter of the
    /// step's memory traffic with false. Dynamic thresholding always writes it (its quantile needs
    /// the whole x̂₀ array).
    public var keepsPredX0: Bool

    public init(prev: [Scalar] = [], predX0: [Scalar] = [], keepsPredX0: Bool = true) {
        self.prev = prev
        self.predX0 = predX0
        self.keepsPredX0 = keepsPredX0
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
