/// The class-specific keys of a scheduler config that shape the sampling timesteps and σ ladder,
/// as read from the config (or the class's defaults). Keys a class does not read stay at their
/// neutral value.
public struct ClassOptions: Sendable, Equatable {
    /// PNDM: skip the Runge–Kutta warm-up (diffusers' default is false).
    public var skipPRKSteps = false
    /// LCM and TCD: the timestep grid the model was distilled on.
    public var originalInferenceSteps = 50
    public var useKarrasSigmas = false
    public var useExponentialSigmas = false
    public var useBetaSigmas = false
    public var useLuLambdas = false
    /// σ_min and σ_max overrides (Euler, UniPC; the EDM classes' own range).
    public var sigmaMin: Double?
    public var sigmaMax: Double?
    /// "zero" or "sigma_min": the σ after the last step.
    public var finalSigmasType = "zero"
    /// Euler: "discrete" or "continuous" (c_noise = ¼·log σ with v-prediction).
    public var timestepType = "discrete"
    /// Euler: "linear" or "log_linear".
    public var interpolationType = "linear"
    /// DPM-Solver: λ below which timesteps are dropped (−∞: none).
    public var lambdaMinClipped = -Double.infinity
    /// DPM-Solver: "dpmsolver", "dpmsolver++", "sde-dpmsolver", "sde-dpmsolver++".
    public var algorithmType: String?
    /// DPM-Solver, UniPC, DEIS: flow-matching σ instead of the β ladder.
    public var useFlowSigmas = false
    public var flowShift = 1.0
    /// EDM: ρ of the Karras ladder and the σ schedule ("karras" or "exponential").
    public var rho = 7.0
    public var sigmaSchedule = "karras"
    public var sigmaData: Double?
    /// Flow matching.
    public var shift = 1.0
    public var useDynamicShifting = false
    public var baseShift = 0.5
    public var maxShift = 1.15
    public var timeShiftType = "exponential"
    public var shiftTerminal: Double?
    public var invertSigmas = false
    /// Würstchen's continuous cosine.
    public var wuerstchenS = 0.008
    public var wuerstchenScaler = 1.0

    public init() {}

    /// The σ-ladder flag in use, for messages.
    var ladderFlag: String? {
        if useKarrasSigmas { return "use_karras_sigmas" }
        if useExponentialSigmas { return "use_exponential_sigmas" }
        if useBetaSigmas { return "use_beta_sigmas" }
        if useLuLambdas { return "use_lu_lambdas" }
        return nil
    }
}
