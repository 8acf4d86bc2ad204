/// Options of a DDIM step (Song et al. 2021, Eq. 12). Defaults follow diffusers'
/// `DDIMScheduler`, without clipping.
public struct DDIMOptions: Sendable, Equatable {
    /// η: 0 is deterministic DDIM, 1 has the DDPM posterior's variance [Song et al. 2021, Eq. 16].
    public var eta: Double
    public var predictionType: PredictionType
    public var clipping: SampleClipping
    /// ᾱ_prev of a step that lands before index 0: 1 if true (improved-diffusion, ermongroup),
    /// ᾱ₀ if false (diffusers' `set_alpha_to_one=False`, as Stable Diffusion configs set it).
    public var setAlphaToOne: Bool
    /// Re-derive ε̂ from the clipped x̂₀ (diffusers `use_clipped_model_output`; improved-diffusion
    /// always does).
    public var useClippedModelOutput: Bool

    public init(
        eta: Double = 0, predictionType: PredictionType = .epsilon, clipping: SampleClipping = .none,
        setAlphaToOne: Bool = true, useClippedModelOutput: Bool = false
    ) {
        self.eta = eta
        self.predictionType = predictionType
        self.clipping = clipping
        self.setAlphaToOne = setAlphaToOne
        self.useClippedModelOutput = useClippedModelOutput
    }

    /// The first option outside its meaningful range, or nil: η must be finite and ≥ 0 (η > 1 is
    /// refused later, by the step, only where it makes the direction's variance negative), then
    /// the clipping (``SampleClipping/problem``).
    public var problem: OptionProblem? {
        guard eta >= 0, eta.isFinite else {
            return OptionProblem(field: "eta", value: eta, expected: "a finite η ≥ 0")
        }
        return clipping.problem
    }
}
