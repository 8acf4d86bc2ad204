/// The errors thrown by every test in `Statistics`.
///
/// Each case has a stable machine-readable ``code`` (used in reports and JSON diagnostics) and a
/// human-readable ``description`` that names what was expected. Bad input never crashes and never
/// yields a silent NaN: it throws one of these.
public enum StatisticsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A sample (named by `name`) has no elements.
    case emptySample(name: String)
    /// A sample holds a NaN or an infinity at `index`.
    case nonFiniteValue(name: String, index: Int)
    /// A sample is shorter than the test needs.
    case sampleTooSmall(name: String, minimum: Int, actual: Int)
    /// Two samples that must be paired have different lengths.
    case lengthMismatch(first: Int, second: Int)
    /// A parameter is outside its domain; `expected` says what is allowed.
    case invalidParameter(name: String, value: Double, expected: String)
    /// A sample (named by `name`) has zero variance, so a standardised statistic is undefined.
    case zeroVariance(name: String)
    /// A user-supplied function (CDF or quantile) returned a value outside its range.
    case invalidFunctionValue(name: String, argument: Double, value: Double, expected: String)
    /// A GSL routine reported an error status or a non-finite result.
    case numericalFailure(routine: String, status: Int32)

    /// The stable code of the error, e.g. `stats.empty-sample`.
    public var code: String {
        switch self {
        case .emptySample: "stats.empty-sample"
        case .nonFiniteValue: "stats.non-finite-value"
        case .sampleTooSmall: "stats.sample-too-small"
        case .lengthMismatch: "stats.length-mismatch"
        case .invalidParameter: "stats.invalid-parameter"
        case .zeroVariance: "stats.zero-variance"
        case .invalidFunctionValue: "stats.invalid-function-value"
        case .numericalFailure: "stats.numerical-failure"
        }
    }

    public var description: String {
        switch self {
        case let .emptySample(name):
            "\(code): the sample '\(name)' is empty; expected at least one finite value"
        case let .nonFiniteValue(name, index):
            "\(code): the sample '\(name)' holds a NaN or infinite value at index \(index); expected finite values"
        case let .sampleTooSmall(name, minimum, actual):
            "\(code): the sample '\(name)' has \(actual) values; this test needs at least \(minimum)"
        case let .lengthMismatch(first, second):
            "\(code): paired samples have lengths \(first) and \(second); expected equal lengths"
        case let .invalidParameter(name, value, expected):
            "\(code): parameter '\(name)' = \(value); expected \(expected)"
        case let .zeroVariance(name):
            "\(code): the sample '\(name)' has zero variance; expected at least two distinct values"
        case let .invalidFunctionValue(name, argument, value, expected):
            "\(code): \(name)(\(argument)) returned \(value); expected \(expected)"
        case let .numericalFailure(routine, status):
            "\(code): \(routine) failed with GSL status \(status)"
        }
    }
}
