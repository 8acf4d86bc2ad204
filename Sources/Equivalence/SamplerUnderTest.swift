/// A DDPM step the gate asks of a sampler: from xₜ to x_s with the model's ε̂ (and, for the
/// learned variance types, its variance output) and the noise z.
public struct DDPMStepRequest: Sendable {
    public var xt: [Double]
    public var predictedNoise: [Double]
    public var predictedVariance: [Double]?
    public var noise: [Double]
    public var t: Int
    public var previous: Int
    public var variance: SamplerVariance
}

/// A DDIM step the gate asks of a sampler: from xₜ to x_s with ε̂, η and the noise z.
public struct DDIMStepRequest: Sendable {
    public var xt: [Double]
    public var predictedNoise: [Double]
    public var noise: [Double]
    public var t: Int
    public var previous: Int
    public var eta: Double
}

/// The random parts of a diffusion implementation, as the gate sees them: a Gaussian noise
/// source and the sampler functions that consume noise. Bound to one schedule at construction.
///
/// Conventions the gate holds every sampler to (0-based t, ε-prediction, no clipping):
/// - the noise source returns elements `first ..< first + count` of its stream for `seed`;
/// - `ddpmStep` adds σ·z only when the previous index s ≥ 0 (the step that lands before index 0
///   returns its mean; improved-diffusion and the original code);
/// - `ddimStep` uses ᾱ = 1 before index 0 (`setAlphaToOne`).
///
/// ``SamplerUnderTest/correct(betas:)`` is the implementation under test; ``PlantedBug`` makes
/// broken variants of it.
public struct SamplerUnderTest: Sendable {
    public typealias FloatNoise = @Sendable (_ seed: UInt64, _ first: Int, _ count: Int) throws -> [Float]
    public typealias DoubleNoise = @Sendable (_ seed: UInt64, _ first: Int, _ count: Int) throws -> [Double]
    /// xₜ from x₀ and ε at index t (q(xₜ | x₀)).
    public typealias QSample = @Sendable (_ x0: [Double], _ noise: [Double], _ t: Int) throws -> [Double]
    /// One forward step q(xₜ | xₜ₋₁) at index t.
    public typealias ForwardStep = @Sendable (_ previous: [Double], _ noise: [Double], _ t: Int) throws -> [Double]

    public var name: String
    public var floatNoise: FloatNoise
    public var doubleNoise: DoubleNoise
    public var qSample: QSample
    public var forwardStep: ForwardStep
    public var ddpmStep: @Sendable (DDPMStepRequest) throws -> [Double]
    public var ddimStep: @Sendable (DDIMStepRequest) throws -> [Double]

    public init(
        name: String, floatNoise: @escaping FloatNoise, doubleNoise: @escaping DoubleNoise,
        qSample: @escaping QSample, forwardStep: @escaping ForwardStep,
        ddpmStep: @escaping @Sendable (DDPMStepRequest) throws -> [Double],
        ddimStep: @escaping @Sendable (DDIMStepRequest) throws -> [Double]
    ) {
        self.name = name
        self.floatNoise = floatNoise
        self.doubleNoise = doubleNoise
        self.qSample = qSample
        self.forwardStep = forwardStep
        self.ddpmStep = ddpmStep
        self.ddimStep = ddimStep
    }
}
