import Reference

/// How command-line values are spelled, shared by every command so that a value copied from a
/// `scheduler_config.json` works wherever the same thing is asked for: diffusers' spelling
/// (`v_prediction`, `fixed_small_log`, `scaled_linear`, `squaredcos_cap_v2`) or the Swift one
/// (`vPrediction`, `fixedSmallLog`, `scaledLinear`), in any case, `-` for `_`.
public enum OptionSpelling {
    /// Lowercased, `-` read as `_`: the form every spelling is compared in.
    static func normalized(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "-", with: "_")
    }

    /// The value of a diffusers-spelled option (`PredictionType`, `VarianceType`,
    /// `TimestepSpacing`), or nil.
    public static func value<T: DiffusersSpelled>(_ text: String, as _: T.Type) -> T? {
        let key = normalized(text)
        if let alias = (aliases[key]).flatMap({ T(spelling: $0) }) { return alias }
        return T.allCases.first { normalized($0.diffusersName) == key || normalized($0.rawValue) == key }
    }

    /// Short names users write for prediction types: `eps`, `x0`, `v`.
    static let aliases: [String: String] = ["eps": "epsilon", "x0": "sample", "v": "v_prediction"]

    /// The named schedules, by every accepted spelling.
    public static func scheduleKind(_ text: String) -> ScheduleSpecification.Kind? {
        scheduleKinds[normalized(text)]
    }

    static let scheduleKinds: [String: ScheduleSpecification.Kind] = [
        "linear": .linear, "scaled_linear": .scaledLinear, "scaledlinear": .scaledLinear,
        "cosine": .cosine, "squaredcos_cap_v2": .cosine, "sigmoid": .sigmoid,
    ]

    /// The schedule names as help texts and errors list them (diffusers' spellings).
    public static let scheduleNames = ["linear", "scaled_linear", "cosine (squaredcos_cap_v2)", "sigmoid"]

    /// Every schedule spelling, for shell completion.
    public static let scheduleCompletions = ["linear", "scaled_linear", "squaredcos_cap_v2", "cosine", "sigmoid"]
}
