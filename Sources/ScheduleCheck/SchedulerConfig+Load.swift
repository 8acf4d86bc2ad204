import CheckerCore
import Foundation
import Reference

/// Reads a diffusers `scheduler_config.json` as the class it names (``SchedulerModel``): the
/// class's own defaults for every key it does not set (listed in the report's header), its own
/// key set (keys of other classes and keys without effect are reported with the class named), and
/// Python's JSON dialect (`NaN`, `Infinity`, `-Infinity`). A config whose class is unknown, or that
/// is not a scheduler config (no `_class_name` and no β keys, a model's `config.json`), is refused
/// with exit status 2: the tool never judges a schedule that was not in the input.
public enum SchedulerConfig {
    /// The largest `num_train_timesteps` read. The checks build the schedule and several
    /// alternatives of that length, so T is a claim that drives allocation and time; real
    /// configs have T ≤ 4000.
    public static let maximumTimesteps = 100_000

    static let betaSchedules: [String: ScheduleSpecification.Kind] = [
        "linear": .linear, "scaled_linear": .scaledLinear, "squaredcos_cap_v2": .cosine, "sigmoid": .sigmoid,
    ]
    static let varianceTypes: [String: VarianceType] = [
        "fixed_small": .fixedSmall, "fixed_small_log": .fixedSmallLog, "fixed_large": .fixedLarge,
        "fixed_large_log": .fixedLargeLog, "learned": .learned, "learned_range": .learnedRange,
    ]
    /// The prediction types Reference models; `flow_prediction` is read but belongs to flow models.
    static let predictionTypes: [String: PredictionType] = [
        "epsilon": .epsilon, "sample": .sample, "v_prediction": .vPrediction,
    ]
    static let spacings: [String: TimestepSpacing] = ["linspace": .linspace, "leading": .leading, "trailing": .trailing]

    /// Keys that no modelled class reads but other samplers or pipelines do (k-diffusion's churn,
    /// pipeline settings): known, so not reported as misspellings.
    static let ignoredKeys: Set<String> = [
        "skip_prk_steps", "timestep_type", "use_karras_sigmas", "use_exponential_sigmas", "use_beta_sigmas",
        "interpolation_type", "sigma_min", "sigma_max", "sigma_data", "final_sigmas_type", "solver_order",
        "algorithm_type", "solver_type", "lower_order_final", "euler_at_final", "lambda_min_clipped",
        "use_lu_lambdas", "variance_type_for_dpm", "s_noise", "s_churn", "s_tmin", "s_tmax", "shift",
        "use_dynamic_shifting", "base_shift", "max_shift", "base_image_seq_len", "max_image_seq_len",
        "time_shift_type", "invert_sigmas", "use_flow_sigmas", "flow_shift", "predictor_order",
        "corrector_order", "disable_corrector", "solver_p", "timestep_values", "rho", "eta", "num_inference_steps",
    ]

    /// Reads and maps a config file.
    public static func load(path: String, assumedClass: String? = nil) throws(ScheduleCheckError) -> ScheduleSubject {
        let data = try ArrayFile.readData(path)
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadableFile(path: path, reason: "not UTF-8 text")
        }
        return try parse(text, path: path, assumedClass: assumedClass)
    }

    /// Maps config text; `path` names the file in messages. `assumedClass` (`--scheduler`) names
    /// the class when the config does not, or replaces the config's class: its defaults apply.
    public static func parse(_ text: String, path: String, assumedClass: String? = nil) throws(ScheduleCheckError) -> ScheduleSubject {
        let root: JSONValue
        let positions: JSONPositions
        do {
            (root, positions) = try JSONValue.parseWithPositions(text, pythonConstants: true)
        } catch {
            throw .malformedJSON(path: path, line: error.position.line, column: error.position.column, reason: error.message)
        }
        guard case .object(let members) = root else {
            throw .notASchedulerConfig(path: path, found: "a JSON \(root.kindName), not an object")
        }
        let reader = KeyReader(path: path, positions: positions)
        var config = ConfigSource(path: path, positions: positions, unknownKeys: [], ignoredKeys: [])
        var header: [String] = []
        let model = try identifyClass(root, members: members, path: path, assumedClass: assumedClass, header: &header)
        let present = Set(members.map(\.key).filter { !$0.hasPrefix("_") })

        for member in members where !member.key.hasPrefix("_") && !model.keys.contains(member.key) {
            if SchedulerModel.everyKey.contains(member.key) || ignoredKeys.contains(member.key) {
                let owners = SchedulerModel.owners(of: member.key)
                let whose = owners.isEmpty ? "other schedulers" : owners.prefix(3).joined(separator: ", ") + (owners.count > 3 ? " …" : "")
                config.ignoredKeys.append(member.key)
                config.ineffective.append(.init(key: member.key, reason: "\(model.name) does not read it (a key of \(whose))"))
            } else {
                config.unknownKeys.append(member.key)
            }
        }

        var settings = SamplerSettings()
        settings.model = model
        settings.schedulerClass = model.name
        var applied: [String] = []
        /// The class's default for a key the config does not set, recorded for the header.
        func noteDefault(_ key: String) {
            if !present.contains(key) || root[key] == .null, let value = model.defaults[key] { applied.append("\(key) \(value)") }
        }

        // Prediction type: every type diffusers knows is read; the class may refuse some.
        let classDefault = model.defaultString("prediction_type") ?? (model.ladder == .flowMatching ? "flow_prediction" : "epsilon")
        let prediction = (model.keys.contains("prediction_type") ? try reader.string(root, "prediction_type") : nil) ?? classDefault
        guard SchedulerModel.knownPredictionTypes.contains(prediction) else {
            throw reader.wrongKind("prediction_type", expected: "one of " + SchedulerModel.knownPredictionTypes.sorted().joined(separator: ", "), found: .string(prediction))
        }
        settings.predictionTypeName = prediction
        settings.predictionType = predictionTypes[prediction] ?? .epsilon
        if model.keys.contains("prediction_type"), !model.predictionTypes.contains(prediction) {
            config.refusals.append(.init(key: "prediction_type", reason: "\(model.name) does not support prediction_type \(prediction) (it supports \(model.predictionTypes.sorted().joined(separator: ", ")))"))
        }
        if model.keys.contains("prediction_type") { noteDefault("prediction_type") }

        // Clipping and thresholding, where the class has them.
        if model.keys.contains("clip_sample") {
            settings.clipSample = try reader.bool(root, "clip_sample") ?? model.defaultBool("clip_sample") ?? false
            noteDefault("clip_sample")
            settings.clipSampleRange = try reader.number(root, "clip_sample_range", positive: true) ?? 1
        } else {
            settings.clipSample = false
        }
        if model.keys.contains("thresholding") {
            settings.thresholding = try reader.bool(root, "thresholding") ?? false
            settings.dynamicThresholdingRatio = try reader.number(root, "dynamic_thresholding_ratio", positive: true) ?? 0.995
            settings.sampleMaxValue = try reader.number(root, "sample_max_value", positive: true) ?? 1
            if settings.thresholding && present.contains("clip_sample") && model.keys.contains("clip_sample") {
                config.ineffective.append(.init(key: "clip_sample", reason: "thresholding = true replaces clipping in \(model.name): clip_sample has no effect"))
            }
        }
        if model.keys.contains("variance_type") {
            settings.varianceType = try reader.choice(root, "variance_type", varianceTypes)
            if settings.varianceType == nil, model.name == "DDPMScheduler" {
                settings.varianceType = .fixedSmall
                noteDefault("variance_type")
            }
        }

        // Spacing and offset.
        if model.keys.contains("timestep_spacing") {
            let spacingName = try reader.string(root, "timestep_spacing") ?? model.defaultString("timestep_spacing") ?? "leading"
            guard let spacing = spacings[spacingName] else {
                throw reader.wrongKind("timestep_spacing", expected: "one of linspace, leading, trailing", found: .string(spacingName))
            }
            settings.timestepSpacing = spacing
            if !model.spacings.contains(spacingName) {
                config.refusals.append(.init(key: "timestep_spacing", reason: "\(model.name) supports \(model.spacings.sorted().joined(separator: " and ")) spacing only; diffusers raises for \(spacingName)"))
            }
            noteDefault("timestep_spacing")
        } else {
            settings.timestepSpacing = .linspace
        }
        settings.stepsOffset = try reader.integer(root, "steps_offset", minimum: 0) ?? 0
        if settings.stepsOffset != 0, settings.timestepSpacing != .leading, model.keys.contains("steps_offset") {
            config.ineffective.append(.init(key: "steps_offset", reason: "steps_offset = \(settings.stepsOffset) is added only with leading spacing; \(model.name) uses \(settings.timestepSpacing.rawValue)"))
        }
        if model.keys.contains("set_alpha_to_one") {
            settings.setAlphaToOne = try reader.bool(root, "set_alpha_to_one") ?? model.defaultBool("set_alpha_to_one")
            if model.timestepRule == .consistency {
                if present.contains("set_alpha_to_one") {
                    config.ineffective.append(.init(key: "set_alpha_to_one", reason: "\(model.name) takes it, but its last step returns the denoised sample: the setting has no effect"))
                }
            } else {
                noteDefault("set_alpha_to_one")
            }
        }
        try readOptions(root, reader: reader, model: model, settings: &settings, config: &config, present: present)

        let timesteps = try reader.integer(root, "num_train_timesteps", minimum: 1) ?? 1000
        if timesteps > maximumTimesteps, let value = root["num_train_timesteps"] {
            throw reader.wrongKind("num_train_timesteps", expected: "an integer from 1 to \(maximumTimesteps)", found: value)
        }
        settings.trainSteps = timesteps

        var spec: ScheduleSpecification?
        var array: ProvidedArray?
        let flowSigmas = settings.options.useFlowSigmas || prediction == "flow_prediction"
        if model.ladder == .discreteBetas {
            let betaKeysPresent = ["beta_schedule", "beta_start", "beta_end", "trained_betas", "num_train_timesteps"].filter { present.contains($0) }
            if betaKeysPresent.isEmpty && !flowSigmas {
                let d = ["beta_schedule", "beta_start", "beta_end", "num_train_timesteps"].compactMap { k in model.defaults[k].map { "\(k) \($0)" } }
                header.append("no β keys in the config: \(model.name)'s defaults apply (\(d.joined(separator: ", ")))")
            }
            if let trained = root["trained_betas"], trained != .null {
                array = try readTrainedBetas(trained, reader: reader, path: path, positions: positions)
                if root["num_train_timesteps"] != nil { config.declaredTimesteps = timesteps }
                for key in ["beta_schedule", "beta_start", "beta_end"] where present.contains(key) {
                    config.ineffective.append(.init(key: key, reason: "trained_betas is given: \(model.name) ignores \(key)"))
                }
                settings.betaScheduleName = "trained_betas"
            } else {
                let name = try reader.string(root, "beta_schedule") ?? model.defaultString("beta_schedule") ?? "linear"
                guard let kind = betaSchedules[name] else {
                    let p = config.location(of: "beta_schedule")
                    throw .unknownSchedule(name: name, place: "\(path):\(p.line):\(p.column) beta_schedule", known: betaSchedules.keys.sorted())
                }
                if !model.betaSchedules.contains(name) {
                    config.refusals.append(.init(key: "beta_schedule", reason: "\(model.name) does not implement beta_schedule \(name) (it has \(model.betaSchedules.sorted().joined(separator: ", "))); diffusers raises"))
                }
                settings.betaScheduleName = name
                var s = ScheduleSpecification(kind: kind, timesteps: timesteps)
                s.betaStart = try reader.number(root, "beta_start") ?? model.defaultNumber("beta_start") ?? 0.0001
                s.betaEnd = try reader.number(root, "beta_end") ?? model.defaultNumber("beta_end") ?? 0.02
                if kind == .cosine {
                    for key in ["beta_start", "beta_end"] where present.contains(key) {
                        config.ineffective.append(.init(key: key, reason: "beta_schedule squaredcos_cap_v2 does not use \(key)"))
                    }
                } else if !betaKeysPresent.isEmpty {
                    for key in ["beta_schedule", "beta_start", "beta_end"] where !present.contains(key) { noteDefault(key) }
                }
                spec = s
            }
            let rescale = try reader.bool(root, "rescale_betas_zero_snr") ?? false
            if rescale && !model.keys.contains("rescale_betas_zero_snr") {
                // Reported as a key the class does not read; the schedule stays unrescaled.
            } else {
                settings.rescaleZeroSNR = rescale
                spec?.rescaleZeroTerminalSNR = rescale
            }
            if let trained = array, settings.rescaleZeroSNR {
                // diffusers rescales trained betas too: the schedule in use is the rescaled one.
                var s = ScheduleSpecification(kind: .explicit, timesteps: trained.values.count)
                s.betas = trained.values
                s.rescaleZeroTerminalSNR = true
                spec = s
                array = nil
            }
        }
        if !applied.isEmpty { header.append("defaults applied (\(model.name)): " + applied.joined(separator: ", ")) }
        var subject = ScheduleSubject(specification: spec, array: array, settings: settings, precision: .float32, config: config)
        subject.header = header
        subject.flowSigmas = flowSigmas && model.ladder == .discreteBetas
        let what: String
        switch model.ladder {
        case .discreteBetas where subject.flowSigmas: what = "flow-matching σ (flow_shift \(format(settings.options.flowShift)))"
        case .discreteBetas: what = spec.map { $0.kind == .explicit ? "trained_betas" : ScheduleSubject.describe($0) } ?? "trained_betas (T = \(array?.values.count ?? 0))"
        case .edmSigmas: what = "EDM σ \(format(settings.options.sigmaMin ?? 0)) … \(format(settings.options.sigmaMax ?? 0)) (\(settings.options.sigmaSchedule))"
        case .flowMatching: what = "flow matching, " + (settings.options.useDynamicShifting ? "dynamic shift" : "shift \(format(settings.options.shift))") + ", T = \(timesteps)"
        case .continuousCosine: what = "continuous cosine ᾱ(t), s = \(format(settings.options.wuerstchenS))"
        }
        subject.label = "\(model.name): \(what) from \(path)"
        return subject
    }

    /// The class named by `_class_name` (or `--scheduler`), or the reason none can be modelled.
    static func identifyClass(_ root: JSONValue, members: [(key: String, value: JSONValue)], path: String, assumedClass: String?,
                              header: inout [String]) throws(ScheduleCheckError) -> SchedulerModel {
        let supported = SchedulerModel.all.map(\.name)
        var declared: String?
        if case .string(let name)? = root["_class_name"] { declared = name }
        if let assumedClass {
            guard let model = SchedulerModel.named(assumedClass) else {
                throw .unknownSchedulerClass(path: "--scheduler", found: assumedClass, supported: supported)
            }
            header.append(declared.map { "class: \(model.name) (--scheduler; the config says \($0)); \(model.name)'s defaults apply" }
                          ?? "class: \(model.name) (--scheduler)")
            return model
        }
        if let declared {
            if let model = SchedulerModel.named(declared) {
                header.append("class: \(model.name)" + (declared == model.name ? "" : " (as \(declared))"))
                return model
            }
            if declared.hasSuffix("Scheduler") {
                throw .unknownSchedulerClass(path: path, found: declared, supported: supported)
            }
            throw .notASchedulerConfig(path: path, found: "_class_name \(declared) is not a scheduler (a model or pipeline config?)")
        }
        let keys = Set(members.map(\.key))
        if !keys.isDisjoint(with: ["beta_schedule", "beta_start", "beta_end", "trained_betas"]) {
            header.append("no `_class_name`: assuming DDPMScheduler (give --scheduler to name the class)")
            return SchedulerModel.ddpm
        }
        let found = keys.isEmpty ? "an empty object" : "keys " + keys.sorted().prefix(6).joined(separator: ", ") + (keys.count > 6 ? " …" : "")
        throw .notASchedulerConfig(path: path, found: "no `_class_name` and no β schedule (\(found)); give --scheduler CLASS if it is a scheduler config")
    }

    /// The class-specific keys that shape timesteps and σ.
    static func readOptions(_ root: JSONValue, reader: KeyReader, model: SchedulerModel, settings: inout SamplerSettings,
                            config: inout ConfigSource, present: Set<String>) throws(ScheduleCheckError) {
        var o = ClassOptions()
        func bool(_ key: String) throws(ScheduleCheckError) -> Bool? { model.keys.contains(key) ? try reader.bool(root, key) : nil }
        func number(_ key: String) throws(ScheduleCheckError) -> Double? {
            guard model.keys.contains(key), let v = root[key], v != .null else { return nil }
            guard case .number(let x) = v, !x.isNaN else { throw reader.wrongKind(key, expected: "a number", found: v) }
            return x
        }
        func string(_ key: String) throws(ScheduleCheckError) -> String? { model.keys.contains(key) ? try reader.string(root, key) : nil }
        o.skipPRKSteps = try bool("skip_prk_steps") ?? model.defaultBool("skip_prk_steps") ?? false
        if let v = try number("original_inference_steps") {
            guard v == v.rounded(), v >= 1, v < 1e9 else { throw reader.wrongKind("original_inference_steps", expected: "an integer ≥ 1", found: .number(v)) }
            o.originalInferenceSteps = Int(v)
        }
        o.useKarrasSigmas = try bool("use_karras_sigmas") ?? false
        o.useExponentialSigmas = try bool("use_exponential_sigmas") ?? false
        o.useBetaSigmas = try bool("use_beta_sigmas") ?? false
        o.useLuLambdas = try bool("use_lu_lambdas") ?? false
        o.sigmaMin = try number("sigma_min") ?? model.defaultNumber("sigma_min")
        o.sigmaMax = try number("sigma_max") ?? model.defaultNumber("sigma_max")
        o.finalSigmasType = try string("final_sigmas_type") ?? "zero"
        o.timestepType = try string("timestep_type") ?? "discrete"
        o.interpolationType = try string("interpolation_type") ?? "linear"
        o.lambdaMinClipped = try number("lambda_min_clipped") ?? -.infinity
        o.algorithmType = try string("algorithm_type") ?? model.defaultString("algorithm_type")
        o.useFlowSigmas = try bool("use_flow_sigmas") ?? false
        o.flowShift = try number("flow_shift") ?? 1
        o.rho = try number("rho") ?? 7
        o.sigmaSchedule = try string("sigma_schedule") ?? model.defaultString("sigma_schedule") ?? "karras"
        o.sigmaData = try number("sigma_data")
        o.shift = try number("shift") ?? 1
        o.useDynamicShifting = try bool("use_dynamic_shifting") ?? false
        o.baseShift = try number("base_shift") ?? 0.5
        o.maxShift = try number("max_shift") ?? 1.15
        o.timeShiftType = try string("time_shift_type") ?? "exponential"
        o.shiftTerminal = try number("shift_terminal")
        o.invertSigmas = try bool("invert_sigmas") ?? false
        o.wuerstchenS = try number("s") ?? 0.008
        o.wuerstchenScaler = try number("scaler") ?? 1
        // σ overrides that only a Karras, exponential or beta ladder reads.
        if model.ladder == .discreteBetas, o.ladderFlag == nil {
            for key in ["sigma_min", "sigma_max"] where present.contains(key) && model.keys.contains(key) && root[key] != .null {
                config.ineffective.append(.init(key: key, reason: "\(model.name) reads \(key) only with use_karras_sigmas, use_exponential_sigmas or use_beta_sigmas; none is on"))
            }
        }
        if let algorithm = o.algorithmType, ["dpmsolver", "sde-dpmsolver"].contains(algorithm), o.finalSigmasType == "zero",
           model.name.hasPrefix("DPMSolver") {
            config.refusals.append(.init(key: "final_sigmas_type", reason: "final_sigmas_type zero is not supported with algorithm_type \(algorithm); diffusers raises (use sigma_min)"))
        }
        settings.options = o
    }

    static func readTrainedBetas(_ trained: JSONValue, reader: KeyReader, path: String, positions: JSONPositions) throws(ScheduleCheckError) -> ProvidedArray {
        guard case .array(let elements) = trained else {
            throw reader.wrongKind("trained_betas", expected: "null or an array of numbers", found: trained)
        }
        var values: [Double] = []
        var places: [(line: Int, column: Int)] = []
        for (i, element) in elements.enumerated() {
            let p = positions["$.trained_betas[\(i)]"] ?? TextPosition(line: 1, column: 1)
            switch element {
            case .number(let x): values.append(x)
            case .string("NaN"): values.append(.nan)
            default:
                throw .notANumber(path: path, place: "\(p.line):\(p.column) (trained_betas[\(i)])", text: element.kindName)
            }
            places.append((p.line, p.column))
        }
        guard !values.isEmpty else { throw .emptyArray(path: "\(path) (trained_betas)") }
        return ProvidedArray(values: values, kind: .betas, source: path, precision: ProvidedArray.inferredPrecision(values), positions: places)
    }
}

/// Typed access to config keys, with errors that name the file, line, column and key.
struct KeyReader {
    let path: String
    let positions: JSONPositions

    func wrongKind(_ key: String, expected: String, found: JSONValue) -> ScheduleCheckError {
        let p = positions["$.\(key)"] ?? TextPosition(line: 1, column: 1)
        var shown = found.kindName
        switch found {
        case .string(let s): shown = "\"\(s)\""
        case .number(let x): shown = format(x)
        case .bool(let b): shown = b ? "true" : "false"
        default: break
        }
        return .invalidConfigValue(path: path, key: key, line: p.line, column: p.column, expected: expected, found: shown)
    }

    func bool(_ root: JSONValue, _ key: String) throws(ScheduleCheckError) -> Bool? {
        guard let v = root[key], v != .null else { return nil }
        guard case .bool(let b) = v else { throw wrongKind(key, expected: "true or false", found: v) }
        return b
    }

    func number(_ root: JSONValue, _ key: String, positive: Bool = false) throws(ScheduleCheckError) -> Double? {
        guard let v = root[key], v != .null else { return nil }
        guard case .number(let x) = v, x.isFinite, !positive || x > 0 else {
            throw wrongKind(key, expected: positive ? "a number > 0" : "a number", found: v)
        }
        return x
    }

    func integer(_ root: JSONValue, _ key: String, minimum: Int) throws(ScheduleCheckError) -> Int? {
        guard let v = root[key], v != .null else { return nil }
        guard case .number(let x) = v, x == x.rounded(), x >= Double(minimum), x < 1e9 else {
            throw wrongKind(key, expected: "an integer ≥ \(minimum)", found: v)
        }
        return Int(x)
    }

    func string(_ root: JSONValue, _ key: String) throws(ScheduleCheckError) -> String? {
        guard let v = root[key], v != .null else { return nil }
        guard case .string(let s) = v else { throw wrongKind(key, expected: "a string", found: v) }
        return s
    }

    func choice<T>(_ root: JSONValue, _ key: String, _ options: [String: T]) throws(ScheduleCheckError) -> T? {
        guard let s = try string(root, key) else { return nil }
        guard let value = options[s] else {
            throw wrongKind(key, expected: "one of \(options.keys.sorted().joined(separator: ", "))", found: .string(s))
        }
        return value
    }
}
