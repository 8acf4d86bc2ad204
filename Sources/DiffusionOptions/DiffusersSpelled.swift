/// An option whose values have a Swift spelling (the raw value, `vPrediction`) and diffusers'
/// spelling in a scheduler config (`v_prediction`). Command lines and case files accept both, so
/// a value copied from a `scheduler_config.json` works as it is.
public protocol DiffusersSpelled: RawRepresentable, CaseIterable where RawValue == String {
    /// The spelling diffusers uses in its configs.
    var diffusersName: String { get }
}

extension DiffusersSpelled {
    /// The value spelled either way (`vPrediction` or `v_prediction`); nil for anything else.
    public init?(spelling: String) {
        guard let value = Self.allCases.first(where: { $0.rawValue == spelling || $0.diffusersName == spelling }) else {
            return nil
        }
        self = value
    }

    /// Every accepted spelling, diffusers' first: for help texts, errors and shell completion.
    public static var allSpellings: [String] {
        var spellings: [String] = []
        for value in allCases {
            for spelling in [value.diffusersName, value.rawValue] where !spellings.contains(spelling) {
                spellings.append(spelling)
            }
        }
        return spellings
    }

    /// diffusers' spellings of every value, for a one-line "expected one of …".
    public static var diffusersNames: [String] { allCases.map(\.diffusersName) }
}
