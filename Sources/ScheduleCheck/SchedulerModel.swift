/// What `verify-schedule` knows about one diffusers scheduler class: its defaults, the keys it
/// reads, how it turns N inference steps into timesteps and σ, and which checks apply to it.
///
/// The facts come from diffusers' scheduler sources and documentation (each class's `__init__`
/// defaults and `set_timesteps`); the algorithms are re-derived in
/// ``SchedulerModel/plan(steps:alphaBars:settings:)``.
public struct SchedulerModel: Sendable, Equatable {
    /// What the class samples along.
    public enum Ladder: String, Sendable {
        /// A discrete β schedule of T steps (DDPM, DDIM, PNDM, Euler, DPM-Solver, …).
        case discreteBetas
        /// An EDM σ schedule between sigma_min and sigma_max; no β (EDMEuler, EDMDPMSolver, CosineDPMSolver).
        case edmSigmas
        /// Flow matching: σ ∈ (0, 1], xₜ = (1 − σ)·x₀ + σ·ε; no β (FlowMatchEulerDiscrete).
        case flowMatching
        /// A continuous cosine ᾱ(t), t ∈ [0, 1], clamped to [1e-4, 0.9999]; no β (Würstchen).
        case continuousCosine
    }

    /// How the class turns N into timesteps.
    public enum TimestepRule: String, Sendable {
        /// N integer timesteps by linspace, leading or trailing spacing (DDPM, DDIM).
        case spacing
        /// As `spacing`, but linspace and leading use N + 1 points and drop the last (DPM-Solver, UniPC, DEIS).
        case spacingDropLast
        /// Ascending, leading or trailing only (DDIMInverse).
        case inverse
        /// PNDM: PLMS list with a repeated step when skip_prk_steps, else the Runge–Kutta warm-up.
        case pndm
        /// N timesteps picked from the `original_inference_steps` grid (LCM, TCD).
        case consistency
        /// Float timesteps by spacing, σ interpolated at them (Euler family).
        case sigmaInterpolated
        /// σ only (EDM, flow matching, Würstchen).
        case sigmaOnly
    }

    /// How a step finds the timestep it moves to.
    public enum Stepping: String, Sendable {
        /// t → t − T div N (DDIM, PNDM).
        case fixedStride
        /// The next element of the list (DDPM, LCM, every σ-based class).
        case followsList
    }

    public var name: String
    /// Other spellings of the class (Flax ports, parallel variants).
    public var aliases: [String]
    public var ladder: Ladder
    public var timestepRule: TimestepRule
    public var stepping: Stepping
    /// The keys this class's constructor takes (besides `_`-metadata).
    public var keys: Set<String>
    /// `beta_schedule` values the class accepts.
    public var betaSchedules: Set<String>
    /// `timestep_spacing` values the class accepts (empty: the class has no spacing key).
    public var spacings: Set<String>
    public var predictionTypes: Set<String>
    /// Constructor defaults of the keys the checks use, as diffusers writes them.
    public var defaults: [String: DefaultValue]
    /// True when the class samples along σ = √((1 − ᾱ)/ᾱ) (the Euler and DPM-Solver families).
    public var usesSigmas: Bool
    /// The class patches ᾱ_{T−1} = 2⁻²⁴ under rescale_betas_zero_snr, so that σ_max is finite (4096).
    public var patchesZeroSNR: Bool
    /// The model is usually a latent-diffusion model (the class's default schedule is scaled linear).
    public var latentByDefault: Bool

    /// A default value of a config key.
    public enum DefaultValue: Sendable, Equatable, CustomStringConvertible {
        case number(Double)
        case string(String)
        case bool(Bool)

        public var description: String {
            switch self {
            case .number(let x): return format(x)
            case .string(let s): return s
            case .bool(let b): return b ? "true" : "false"
            }
        }
    }

    /// True when `name` is this class or one of its aliases.
    public func matches(_ name: String) -> Bool {
        name == self.name || aliases.contains(name)
    }

    public func defaultNumber(_ key: String) -> Double? {
        if case .number(let x)? = defaults[key] { return x }
        return nil
    }

    public func defaultString(_ key: String) -> String? {
        if case .string(let s)? = defaults[key] { return s }
        return nil
    }

    public func defaultBool(_ key: String) -> Bool? {
        if case .bool(let b)? = defaults[key] { return b }
        return nil
    }

    /// The class of this name (or alias), if it is modelled.
    public static func named(_ name: String) -> SchedulerModel? {
        all.first { $0.matches(name) }
    }

    /// Every prediction type diffusers knows.
    public static let knownPredictionTypes: Set<String> = ["epsilon", "sample", "v_prediction", "flow_prediction"]
}
