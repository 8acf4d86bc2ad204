import CheckerCore
import Foundation
import Reference

/// Reads a diffusers `scheduler_config.json` (DDPMScheduler, DDIMScheduler, and the schedule
/// keys shared by PNDM and the other schedulers Stable Diffusion ships with).
///
/// | key | maps to |
/// |---|---|
/// | num_train_timesteps, beta_start, beta_end | ``ScheduleSpecification`` T and ends |
/// | beta_schedule: linear, scaled_linear, squaredcos_cap_v2, sigmoid | the schedule kind (cosine with s = 0.008, cap 0.999) |
/// | trained_betas | an explicit β array |
/// | rescale_betas_zero_snr | ``ScheduleSpecification/rescaleZeroTerminalSNR`` |
/// | variance_type, prediction_type, clip_sample, clip_sample_range, thresholding, dynamic_thresholding_ratio, sample_max_value, set_alpha_to_one, timestep_spacing, steps_offset | ``SamplerSettings`` |
///
/// Keys starting with `_` are metadata (`_class_name` names the sampler). Keys of other diffusers
/// schedulers are reported as ignored, anything else as unknown; neither is an error.
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
    static let predictionTypes: [String: PredictionType] = [
        "epsilon": .epsilon, "sample": .sample, "v_prediction": .vPrediction,
    ]
    static let spacings: [String: TimestepSpacing] = ["linspace": .linspace, "leading": .leading, "trailing": .trailing]

    /// Keys that DDPMScheduler/DDIMScheduler define and this check uses.
    static let usedKeys: Set<String> = [
        "num_train_timesteps", "beta_start", "beta_end", "beta_schedule", "trained_betas", "variance_type",
        "clip_sample", "clip_sample_range", "prediction_type", "thresholding", "dynamic_thresholding_ratio",
        "sample_max_value", "timestep_spacing", "steps_offset", "rescale_betas_zero_snr", "set_alpha_to_one",
    ]
    /// Keys of other diffusers schedulers: known, and without effect on these checks.
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
    public static func load(path: String) throws(ScheduleCheckError) -> ScheduleSubject {
        let data = try ArrayFile.readData(path)
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadableFile(path: path, reason: "not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Maps config text; `path` names the file in messages.
    public static func parse(_ text: String, path: String) throws(ScheduleCheckError) -> ScheduleSubject {
        let root: JSONValue
        let positions: JSONPositions
        do {
            (root, positions) = try JSONValue.parseWithPositions(text)
        } catch {
            throw .malformedJSON(path: path, line: error.position.line, column: error.position.column, reason: error.message)
        }
        guard case .object(let members) = root else {
            throw .invalidConfigValue(path: path, key: "$", line: 1, column: 1, expected: "a JSON object (a scheduler config)", found: root.kindName)
        }
        let reader = KeyReader(path: path, positions: positions)
        var config = ConfigSource(path: path, positions: positions, unknownKeys: [], ignoredKeys: [])
        for member in members where !member.key.hasPrefix("_") && !usedKeys.contains(member.key) {
            if ignoredKeys.contains(member.key) { config.ignoredKeys.append(member.key) } else { config.unknownKeys.append(member.key) }
        }

        var settings = SamplerSettings()
        if case .string(let name)? = root["_class_name"] { settings.schedulerClass = name }
        let clipsByDefault = ["DDPMScheduler", "DDIMScheduler", "DDIMInverseScheduler", "DDPMParallelScheduler", "DDIMParallelScheduler"]
            .contains(settings.schedulerClass ?? "DDPMScheduler")
        settings.clipSample = try reader.bool(root, "clip_sample") ?? clipsByDefault
        settings.clipSampleRange = try reader.number(root, "clip_sample_range", positive: true) ?? 1
        settings.thresholding = try reader.bool(root, "thresholding") ?? false
        settings.dynamicThresholdingRatio = try reader.number(root, "dynamic_thresholding_ratio", positive: true) ?? 0.995
        settings.sampleMaxValue = try reader.number(root, "sample_max_value", positive: true) ?? 1
        settings.predictionType = try reader.choice(root, "prediction_type", predictionTypes) ?? .epsilon
        settings.varianceType = try reader.choice(root, "variance_type", varianceTypes)
        if settings.varianceType == nil, ["DDPMScheduler", "DDPMParallelScheduler"].contains(settings.schedulerClass ?? "") {
            settings.varianceType = .fixedSmall  // diffusers' default
        }
        settings.timestepSpacing = try reader.choice(root, "timestep_spacing", spacings) ?? .leading
        settings.stepsOffset = try reader.integer(root, "steps_offset", minimum: 0) ?? 0
        settings.setAlphaToOne = try reader.bool(root, "set_alpha_to_one")
        if settings.setAlphaToOne == nil {
            switch settings.schedulerClass {
            case "DDIMScheduler"?, "DDIMInverseScheduler"?: settings.setAlphaToOne = true
            case "PNDMScheduler"?: settings.setAlphaToOne = false
            default: break
            }
        }

        let timesteps = try reader.integer(root, "num_train_timesteps", minimum: 1) ?? 1000
        if timesteps > maximumTimesteps, let value = root["num_train_timesteps"] {
            throw reader.wrongKind("num_train_timesteps", expected: "an integer from 1 to \(maximumTimesteps)", found: value)
        }
        var spec: ScheduleSpecification?
        var array: ProvidedArray?
        if let trained = root["trained_betas"], trained != .null {
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
            array = ProvidedArray(values: values, kind: .betas, source: path, precision: ProvidedArray.inferredPrecision(values), positions: places)
            if root["num_train_timesteps"] != nil { config.declaredTimesteps = timesteps }
        } else {
            let name = try reader.string(root, "beta_schedule") ?? "linear"
            guard let kind = betaSchedules[name] else {
                let p = config.location(of: "beta_schedule")
                throw .unknownSchedule(name: name, place: "\(path):\(p.line):\(p.column) beta_schedule", known: betaSchedules.keys.sorted())
            }
            var s = ScheduleSpecification(kind: kind, timesteps: timesteps)
            s.betaStart = try reader.number(root, "beta_start") ?? 0.0001
            s.betaEnd = try reader.number(root, "beta_end") ?? 0.02
            s.rescaleZeroTerminalSNR = try reader.bool(root, "rescale_betas_zero_snr") ?? false
            spec = s
        }
        if let trained = array, try reader.bool(root, "rescale_betas_zero_snr") == true {
            // diffusers rescales trained betas too: the schedule in use is the rescaled one.
            var s = ScheduleSpecification(kind: .explicit, timesteps: trained.values.count)
            s.betas = trained.values
            s.rescaleZeroTerminalSNR = true
            spec = s
            array = nil
        }
        var subject = ScheduleSubject(specification: spec, array: array, settings: settings, precision: .float32, config: config)
        subject.label = (spec.map { $0.kind == .explicit ? "trained_betas" : ScheduleSubject.describe($0) } ?? "trained_betas (T = \(array?.values.count ?? 0))")
            + " from \(path)"
        return subject
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
