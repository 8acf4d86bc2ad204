import CheckerCore
import Foundation
import Reference

/// What the user asked `verify-schedule` to check, as given on the command line, before it is
/// read and resolved into a ``ScheduleSubject``. Flags override the config's values.
public struct ScheduleRequest: Sendable {
    public var scheduleName: String?
    public var trainSteps: Int?
    public var betaStart: Double?
    public var betaEnd: Double?
    public var cosineS: Double?
    public var maxBeta: Double?
    public var rescaleZeroSNR = false
    public var improvedDiffusionScaling = false
    public var configPath: String?
    public var betasPath: String?
    public var alphaBarsPath: String?
    /// β of a respaced schedule (one per sampling step), checked against the effective β of each jump.
    public var respacedBetasPath: String?
    public var inferenceSteps: Int?
    public var spacing: String?
    public var stepsOffset: Int?
    public var timesteps: String?
    public var predictionType: String?
    public var varianceType: String?
    public var clipSample: Bool?
    public var setAlphaToOne: Bool?
    public var latent: Bool?
    public var schedulerClass: String?
    public var precision: String?

    public init() {}

    /// Reads the files and resolves the flags.
    public func subject() throws(ScheduleCheckError) -> ScheduleSubject {
        if configPath != nil && scheduleName != nil {
            throw .invalidOption(name: "--schedule", value: scheduleName ?? "", expected: "either --schedule or --config, not both")
        }
        if betasPath != nil && alphaBarsPath != nil {
            throw .invalidOption(name: "--alpha-bars", value: alphaBarsPath ?? "", expected: "either --betas or --alpha-bars, not both")
        }
        var subject: ScheduleSubject
        if let configPath {
            subject = try ModelFolder.load(path: configPath, assumedClass: schedulerClass)
        } else if let name = scheduleName {
            subject = ScheduleSubject(specification: try specification(named: name, place: "--schedule"))
            try applyClassDefaults(to: &subject)
        } else {
            subject = ScheduleSubject()
            try applyClassDefaults(to: &subject)
        }
        if let path = betasPath ?? alphaBarsPath {
            let array = try ArrayFile.load(path: path, kind: betasPath != nil ? .betas : .alphaBars)
            if subject.array != nil {
                throw .invalidOption(name: betasPath != nil ? "--betas" : "--alpha-bars", value: path, expected: "no array file when the config has trained_betas")
            }
            subject.array = array
            subject.precision = array.precision
        }
        let hasLadder = subject.settings.model.map { $0.ladder != .discreteBetas } ?? false || subject.flowSigmas
        guard subject.specification != nil || subject.array != nil || hasLadder else { throw .noSchedule }
        if let path = respacedBetasPath {
            subject.respacedBetas = try ArrayFile.load(path: path, kind: .betas)
        }
        if configPath != nil, var spec = subject.specification, spec.kind != .explicit {
            // Flags refine a config's schedule.
            if let t = trainSteps { spec.timesteps = t }
            if let v = betaStart { spec.betaStart = v }
            if let v = betaEnd { spec.betaEnd = v }
            if rescaleZeroSNR { spec.rescaleZeroTerminalSNR = true }
            subject.specification = spec
        }
        try applySettings(to: &subject)
        if subject.config == nil {
            let described = ScheduleSubject.describe(subject.specification, subject.array)
            subject.label = subject.settings.model.map { "\($0.name): \(described)" } ?? described
        }
        return subject
    }

    /// A named schedule from the flags (T = 1000 and each schedule's usual ends by default).
    func specification(named name: String, place: String) throws(ScheduleCheckError) -> ScheduleSpecification {
        guard let kind = OptionSpelling.scheduleKind(name) else {
            throw .unknownSchedule(name: name, place: place, known: OptionSpelling.scheduleNames)
        }
        let t = trainSteps ?? 1000
        guard t >= 1 else { throw .invalidOption(name: "--train-steps", value: "\(t)", expected: "T ≥ 1") }
        var spec = ScheduleSpecification(kind: kind, timesteps: t)
        if kind == .scaledLinear {
            spec.betaStart = 0.00085
            spec.betaEnd = 0.012
        }
        if let v = betaStart { spec.betaStart = v }
        if let v = betaEnd { spec.betaEnd = v }
        if let v = cosineS { spec.cosineS = v }
        if let v = maxBeta { spec.maxBeta = v }
        spec.rescaleZeroTerminalSNR = rescaleZeroSNR
        spec.linearScaledForTimesteps = improvedDiffusionScaling
        for (flag, value) in [("--beta-start", spec.betaStart), ("--beta-end", spec.betaEnd), ("--cosine-s", spec.cosineS), ("--max-beta", spec.maxBeta)] where !value.isFinite {
            throw .invalidOption(name: flag, value: "\(value)", expected: "a finite number")
        }
        return spec
    }

    /// `--schedule` or an array without a config: `--scheduler X` applies X's defaults; without it
    /// the settings are DDIM-like and the header says so.
    func applyClassDefaults(to subject: inout ScheduleSubject) throws(ScheduleCheckError) {
        guard let name = schedulerClass else {
            subject.header.append("no scheduler class (--scheduler): leading spacing, DDIM's fixed stride, prediction epsilon, clip_sample off unless flags say otherwise")
            return
        }
        guard let model = SchedulerModel.named(name) else {
            throw .unknownSchedulerClass(path: "--scheduler", found: name, supported: SchedulerModel.all.map(\.name))
        }
        guard model.ladder == .discreteBetas else {
            throw .invalidOption(name: "--scheduler", value: name, expected: "a class with a β schedule when --schedule or an array is given (\(name) has none)")
        }
        var s = subject.settings
        s.model = model
        s.schedulerClass = model.name
        s.predictionTypeName = model.defaultString("prediction_type") ?? "epsilon"
        s.predictionType = SchedulerConfig.predictionTypes[s.predictionTypeName] ?? .epsilon
        s.timestepSpacing = SchedulerConfig.spacings[model.defaultString("timestep_spacing") ?? "linspace"] ?? .linspace
        s.clipSample = model.defaultBool("clip_sample") ?? false
        s.setAlphaToOne = model.keys.contains("set_alpha_to_one") ? model.defaultBool("set_alpha_to_one") : nil
        if model.name == "DDPMScheduler" { s.varianceType = .fixedSmall }
        s.options.skipPRKSteps = model.defaultBool("skip_prk_steps") ?? false
        s.rescaleZeroSNR = subject.specification?.rescaleZeroTerminalSNR ?? false
        s.betaScheduleName = subject.specification.map { kind in
            switch kind.kind {
            case .linear: return "linear"
            case .scaledLinear: return "scaled_linear"
            case .cosine: return "squaredcos_cap_v2"
            case .sigmoid: return "sigmoid"
            case .explicit: return "trained_betas"
            }
        }
        subject.settings = s
        let applied = ["prediction_type", "timestep_spacing", "clip_sample", "set_alpha_to_one", "variance_type", "skip_prk_steps"]
            .compactMap { k in model.keys.contains(k) ? model.defaults[k].map { "\(k) \($0)" } : nil }
        subject.header.append("class: \(model.name) (--scheduler); its defaults apply: " + applied.joined(separator: ", "))
    }

    func applySettings(to subject: inout ScheduleSubject) throws(ScheduleCheckError) {
        var s = subject.settings
        if let v = predictionType {
            guard let p = OptionSpelling.value(v, as: PredictionType.self) else {
                throw .invalidOption(name: "--prediction-type", value: v, expected: "epsilon, sample or v_prediction")
            }
            s.predictionType = p
            s.predictionTypeName = p.diffusersName
        }
        if let v = varianceType {
            guard let p = OptionSpelling.value(v, as: VarianceType.self) else {
                throw .invalidOption(name: "--variance-type", value: v, expected: VarianceType.diffusersNames.joined(separator: ", "))
            }
            s.varianceType = p
        }
        if let v = spacing {
            guard let p = OptionSpelling.value(v, as: TimestepSpacing.self) else {
                throw .invalidOption(name: "--spacing", value: v, expected: "linspace, leading or trailing")
            }
            s.timestepSpacing = p
        }
        if let v = stepsOffset {
            guard v >= 0 else { throw .invalidOption(name: "--steps-offset", value: "\(v)", expected: "an offset ≥ 0") }
            s.stepsOffset = v
        }
        if let v = clipSample { s.clipSample = v }
        if let v = setAlphaToOne { s.setAlphaToOne = v }
        if let v = latent {
            s.latentSpace = v
            s.latentSource = "--latent \(v)"
        }
        let t = subject.array?.values.count ?? subject.specification?.timesteps ?? s.trainSteps
        if let n = inferenceSteps {
            guard n >= 1, n <= t else {
                throw .invalidOption(name: "--inference-steps", value: "\(n)", expected: "N in 1…\(t) (T = \(t))")
            }
            s.inferenceSteps = n
        }
        if let list = timesteps {
            var values: [Int] = []
            for (i, item) in list.split(separator: ",").enumerated() {
                guard let v = Int(item.trimmingCharacters(in: .whitespaces)) else {
                    throw .invalidOption(name: "--timesteps", value: list, expected: "comma-separated integers (item \(i + 1) is \"\(item)\")")
                }
                values.append(v)
            }
            guard !values.isEmpty else { throw .invalidOption(name: "--timesteps", value: list, expected: "at least one timestep") }
            s.timesteps = values
            if s.inferenceSteps == nil { s.inferenceSteps = values.count }
        }
        subject.settings = s
        if let v = precision {
            guard let p = StoragePrecision(rawValue: v.lowercased()) else {
                throw .invalidOption(name: "--precision", value: v, expected: "float16, float32 or float64")
            }
            subject.precision = p
        }
    }
}
