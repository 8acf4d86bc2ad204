import Foundation
import CheckerCore
import Reference

/// How the schedule is used by the sampler: the settings of a diffusers scheduler config, or of
/// the command-line flags, in Reference's terms.
public struct SamplerSettings: Sendable {
    public var predictionType: PredictionType = .epsilon
    /// nil when neither the config nor the flags name one (DDIM has none).
    public var varianceType: VarianceType?
    /// Clamp x̂₀ to [−range, range]. diffusers' DDPM and DDIM default to true.
    public var clipSample = false
    public var clipSampleRange = 1.0
    /// Dynamic thresholding (Imagen).
    public var thresholding = false
    public var dynamicThresholdingRatio = 0.995
    public var sampleMaxValue = 1.0
    /// ᾱ_prev of the final DDIM step: 1 if true, ᾱ₀ if false; nil for samplers without the setting.
    public var setAlphaToOne: Bool?
    public var timestepSpacing: TimestepSpacing = .leading
    public var stepsOffset = 0
    /// N; the sampling-timestep checks run when it (or an explicit list) is given.
    public var inferenceSteps: Int?
    /// An explicit descending list of sampling timesteps to check instead of (or against) the spacing.
    public var timesteps: [Int]?
    /// The diffusers class (`DDPMScheduler`, `DDIMScheduler`, `PNDMScheduler`, …), when known.
    public var schedulerClass: String?
    /// Whether the model works in a latent space (Stable Diffusion); nil: inferred from the schedule
    /// (the scaled-linear schedule is the latent-diffusion schedule).
    public var latentSpace: Bool?
    /// Where the latent-space flag came from ("model folder has vae/", "--latent"), nil when assumed.
    public var latentSource: String?
    /// The modelled class; nil only for a bare schedule or array without a class.
    public var model: SchedulerModel?
    /// `prediction_type` as written (diffusers' spelling, `flow_prediction` included).
    public var predictionTypeName = "epsilon"
    /// `beta_schedule` as written, for class-specific behaviour (DPM-Solver rounds Karras timesteps except for cosine).
    public var betaScheduleName: String?
    public var rescaleZeroSNR = false
    /// T for the σ-only classes (their `num_train_timesteps`).
    public var trainSteps = 1000
    /// The class-specific keys that shape timesteps and σ.
    public var options = ClassOptions()

    public init() {}

    /// A sampler that steps from t to t − T div N (DDIM, PNDM); without a class, DDIM's behaviour
    /// is checked, as before classes were modelled.
    var stepsByFixedStride: Bool {
        guard let model else { return true }
        return model.stepping == .fixedStride
    }

    /// Euler's `timestep_type continuous` in effect: diffusers hands the model c_noise = ¼·log σ
    /// instead of a training index only together with `prediction_type v_prediction`; with any
    /// other prediction type the timesteps stay discrete (and clamp to [0, T − 1]).
    var continuousTimesteps: Bool {
        model?.name == "EulerDiscreteScheduler" && options.timestepType == "continuous" && predictionTypeName == "v_prediction"
    }

    /// The class's final-step ᾱ_prev setting applies: DDIM and PNDM step past t = 0 to ᾱ_prev.
    /// LCM and TCD take the key but return the denoised sample at their last step, DDIMInverse uses
    /// it for its first step; DDPM and the σ samplers have none.
    var hasFinalAlphaSetting: Bool {
        guard let model else { return setAlphaToOne != nil }
        return model.keys.contains("set_alpha_to_one") && model.stepping == .fixedStride && model.timestepRule != .inverse
    }
}

/// Where a config came from: its path, the position of each key, and the keys that are not used.
public struct ConfigSource: Sendable {
    public var path: String
    /// Position of each value by JSON path (`$.clip_sample`).
    public var positions: JSONPositions
    /// Keys that neither diffusers' DDPM/DDIM nor the other known schedulers define.
    public var unknownKeys: [String]
    /// Keys of other diffusers schedulers (PNDM, Euler, DPM-Solver…) that do not affect these checks.
    public var ignoredKeys: [String]
    /// `num_train_timesteps` as written, when `trained_betas` is also given.
    public var declaredTimesteps: Int?
    /// Keys the declared class reads no value from, or whose value has no effect, and why.
    public var ineffective: [KeyRemark] = []
    /// Values the declared class refuses (diffusers raises for them), and why.
    public var refusals: [KeyRemark] = []

    /// A config key and what the class does with it.
    public struct KeyRemark: Sendable, Equatable {
        public var key: String
        public var reason: String
    }

    public func location(of key: String) -> SourceLocation {
        let p = positions["$.\(key)"] ?? positions["$"] ?? TextPosition(line: 1, column: 1)
        return SourceLocation(file: path, line: p.line, column: p.column)
    }
}

/// Everything `verify-schedule` checks: a named schedule, an explicit array, or both (the array
/// is then compared with the named schedule), and the sampler settings.
public struct ScheduleSubject: Sendable {
    /// A short human name ("scaled linear 0.00085 → 0.012, T = 1000").
    public var label: String
    /// The named schedule with its parameters (from flags or a config).
    public var specification: ScheduleSpecification?
    /// An explicit β or ᾱ array (a file, or a config's `trained_betas`).
    public var array: ProvidedArray?
    public var settings: SamplerSettings
    /// The precision the pipeline holds the schedule in (default float32, as diffusers does;
    /// a `.npy` array's dtype when one is given).
    public var precision: StoragePrecision
    public var config: ConfigSource?
    /// The β of a respaced schedule (one per sampling step, ascending t), to check against the
    /// effective β of each jump.
    public var respacedBetas: ProvidedArray?
    /// The report's first lines: the class, the defaults applied, the assumptions made.
    public var header: [String] = []
    /// A β-ladder class configured for flow-matching σ (`use_flow_sigmas`, `flow_prediction`).
    public var flowSigmas = false

    public init(label: String = "", specification: ScheduleSpecification? = nil, array: ProvidedArray? = nil,
                settings: SamplerSettings = SamplerSettings(), precision: StoragePrecision = .float32, config: ConfigSource? = nil) {
        self.specification = specification
        self.array = array
        self.settings = settings
        self.precision = precision
        self.config = config
        self.label = label.isEmpty ? ScheduleSubject.describe(specification, array) : label
    }

    /// The latent-space flag: given (flag or model folder), else from the class or the schedule.
    public var isLatent: Bool {
        settings.latentSpace ?? (settings.model?.latentByDefault == true || specification?.kind == .scaledLinear || hasLatentEnds)
    }

    /// β ends 0.00085 → 0.012 (linear or scaled linear): latent diffusion's, also used linearly by
    /// Kandinsky, unCLIP and Zero123 on latents.
    var hasLatentEnds: Bool {
        guard let spec = specification, spec.kind == .linear || spec.kind == .scaledLinear else { return false }
        return abs(spec.betaStart - 0.00085) <= 1e-9 && abs(spec.betaEnd - 0.012) <= 1e-9
    }

    /// Where ``isLatent`` comes from, for the header: a hint, or an assumption and the flag that changes it.
    public var spaceStatement: String {
        if let source = settings.latentSource { return "\(isLatent ? "latent" : "pixel") space (\(source))" }
        if settings.model?.latentByDefault == true { return "latent space assumed (\(settings.model?.name ?? "")); --latent false if the model works on pixels" }
        if specification?.kind == .scaledLinear { return "latent space assumed (scaled_linear is the latent-diffusion schedule); --latent false if the model works on pixels" }
        if hasLatentEnds { return "latent space assumed (β ends 0.00085 → 0.012 are latent diffusion's); --latent false if the model works on pixels" }
        return "pixel space assumed (nothing in the input says latent); --latent true if the model works on latents"
    }

    static func describe(_ spec: ScheduleSpecification?, _ array: ProvidedArray?) -> String {
        var parts: [String] = []
        if let spec, spec.kind != .explicit { parts.append(ScheduleSubject.describe(spec)) }
        if let array {
            parts.append("\(array.kind == .betas ? "β" : "ᾱ") array from \(array.source) (T = \(array.values.count), \(array.precision.rawValue))")
        }
        return parts.isEmpty ? "no schedule" : parts.joined(separator: " against ")
    }

    /// "scaled linear 0.00085 → 0.012, T = 1000, zero-SNR rescaled".
    public static func describe(_ spec: ScheduleSpecification) -> String {
        var text: String
        switch spec.kind {
        case .linear: text = "linear \(format(spec.betaStart)) → \(format(spec.betaEnd))"
            if spec.linearScaledForTimesteps { text += " (× 1000/T)" }
        case .scaledLinear: text = "scaled linear \(format(spec.betaStart)) → \(format(spec.betaEnd))"
        case .sigmoid: text = "sigmoid \(format(spec.betaStart)) → \(format(spec.betaEnd))"
        case .cosine: text = "cosine s = \(format(spec.cosineS)), cap \(format(spec.maxBeta))"
        case .explicit: text = "explicit β"
        }
        text += ", T = \(spec.timesteps)"
        if spec.rescaleZeroTerminalSNR { text += ", zero-SNR rescaled" }
        return text
    }
}

extension VarianceType {
    /// The spelling of diffusers' `variance_type` (learned_range, not learnedRange).
    public var configName: String { diffusersName }
}

/// A number in at most 7 significant digits, without trailing zeros: 0.00085, 2.42877e-09, 20291.17.
public func format(_ x: Double, digits: Int = 7) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x > 0 ? "∞" : "−∞" }
    if x == 0 { return "0" }
    let magnitude = abs(x)
    if magnitude >= 1e-4 && magnitude < 1e7 {
        var s = String(format: "%.\(digits)g", x)
        if s.contains(".") && !s.contains("e") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }
    var s = String(format: "%.\(digits - 1)e", x)
    if let e = s.firstIndex(of: "e") {
        var mantissa = String(s[..<e])
        let exponent = String(s[e...])
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        s = mantissa + exponent
    }
    return s
}
