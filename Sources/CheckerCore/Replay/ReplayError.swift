import RandomSources
import Reference

/// Why a replay could not run. Every case has a stable code and a message naming what was
/// expected.
public enum ReplayError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An option value outside its set (`--sampler`, `--precision`, …).
    case invalidOption(name: String, value: String, expected: String)
    /// A shape with no dimension or a dimension below 1.
    case invalidShape(String)
    /// An input file that cannot be read or parsed (with the position of a JSON syntax error).
    case unreadableInput(path: String, position: TextPosition? = nil, reason: String)
    /// An input array whose length is not the sample's.
    case lengthMismatch(what: String, expected: Int, actual: Int)
    /// Model outputs given for a number of steps that is not the loop's.
    case stepCountMismatch(expected: Int, actual: Int)
    /// A start index outside the timestep list.
    case startIndexOutOfRange(index: Int, count: Int)
    /// The random source refused (e.g. a NumPy seed of 2³² or more).
    case randomSource(RandomSourceError)
    /// Reference refused a step (its code and message).
    case reference(ReferenceError)
    /// Optimized refused a step (its code and message).
    case optimized(code: String, message: String)

    public var code: String {
        switch self {
        case .invalidOption: "P001"
        case .invalidShape: "P002"
        case .unreadableInput: "P003"
        case .lengthMismatch: "P004"
        case .stepCountMismatch: "P005"
        case .startIndexOutOfRange: "P006"
        case .randomSource(let e): e.code
        case .reference(let e): e.code
        case .optimized(let code, _): code
        }
    }

    public var message: String {
        switch self {
        case let .invalidOption(name, value, expected):
            "\(name) '\(value)' is invalid: expected \(expected)"
        case .invalidShape(let text):
            "shape '\(text)' is invalid: expected comma-separated dimensions ≥ 1, e.g. 4,3,8,8"
        case let .unreadableInput(path, position, reason):
            "\(path)\(position.map { ":\($0.line):\($0.column)" } ?? ""): \(reason)"
        case let .lengthMismatch(what, expected, actual):
            "\(what) has \(actual) values, expected \(expected) (the product of the shape)"
        case let .stepCountMismatch(expected, actual):
            "model outputs are given for \(actual) steps, expected one array per step of the loop (\(expected))"
        case let .startIndexOutOfRange(index, count):
            "start index \(index) is outside the timestep list 0…\(count - 1)"
        case .randomSource(let e):
            e.description
        case .reference(let e):
            e.message
        case .optimized(_, let message):
            message
        }
    }

    /// The error in the checker's one shape: the input file first when there is one.
    public var errorLine: ErrorLine {
        switch self {
        case let .unreadableInput(path, position, reason):
            ErrorLine(file: path, line: position?.line, column: position?.column, message: reason, code: code)
        case .randomSource(let e):
            // RandomSourceError's description leads with its code; the line ends with it instead.
            ErrorLine(message: e.description.replacingOccurrences(of: "[\(e.code)] ", with: ""), code: e.code)
        default:
            ErrorLine(message: message, code: code)
        }
    }

    public var description: String { errorLine.description }
}
