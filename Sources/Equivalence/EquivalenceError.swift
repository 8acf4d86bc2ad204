/// Why the equivalence gate refused to run. Each case has a stable code (`EQ001`…).
public enum EquivalenceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A configuration value outside its range.
    case invalidConfiguration(name: String, value: String, expected: String)
    /// An unknown planted-bug name.
    case unknownPlantedBug(String)
    /// A sampler under test threw (its message is kept).
    case samplerFailed(check: String, message: String)
    /// A statistical routine refused its input (its message is kept).
    case statisticsFailed(check: String, message: String)

    public var code: String {
        switch self {
        case .invalidConfiguration: return "EQ001"
        case .unknownPlantedBug: return "EQ002"
        case .samplerFailed: return "EQ003"
        case .statisticsFailed: return "EQ004"
        }
    }

    /// What is wrong and what was expected, without the code.
    public var message: String {
        switch self {
        case let .invalidConfiguration(name, value, expected):
            return "\(name) = \(value) is invalid; expected \(expected)"
        case let .unknownPlantedBug(name):
            return "unknown planted bug '\(name)'; expected one of \(PlantedBug.allCases.map(\.rawValue).joined(separator: ", "))"
        case let .samplerFailed(check, message):
            return "the sampler under test failed in \(check): \(message)"
        case let .statisticsFailed(check, message):
            return "a statistical test could not be computed in \(check): \(message)"
        }
    }

    public var description: String { "\(code): \(message)" }
}
