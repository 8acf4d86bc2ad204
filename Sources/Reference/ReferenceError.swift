/// Why a Reference function refused its input. Every case has a stable code (`R001`…) and slug
/// that golden case files name in `expectError`, and a message that says what was expected.
public enum ReferenceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// T < 1, or a schedule array of the wrong size.
    case invalidTimestepCount(Int)
    /// A β outside (0, 1], or β = 1 before the last index (only a zero-terminal-SNR schedule
    /// may reach β = 1, and only at t = T − 1).
    case betaOutOfRange(index: Int, value: Double)
    /// NaN or ±∞ in an input array or parameter.
    case nonFiniteInput(name: String, index: Int)
    /// A timestep index outside 0 … T − 1.
    case timestepOutOfRange(name: String, value: Int, count: Int)
    /// Two arrays that must have the same length do not.
    case lengthMismatch(name: String, expected: Int, actual: Int)
    /// A parameter outside its domain (e.g. a negative η, betaStart ≤ 0, a clip range ≤ 0).
    case invalidParameter(name: String, value: Double, expected: String)
    /// An equation that divides by √ᾱ where ᾱ = 0 (ε-prediction at zero terminal SNR).
    case undefinedAtZeroSignal(String)
    /// N inference steps that are not in 1 … T.
    case invalidInferenceSteps(steps: Int, trainingSteps: Int)
    /// The DDIM direction variance 1 − ᾱ_prev − σ² is negative (η > 1 or a backwards jump).
    case negativeDirectionVariance(value: Double)
    /// A required input is missing (e.g. the predicted variance of a learned-variance step).
    case missingInput(String)
    /// ᾱ underflows to 0 before the last index: every β < 1, but their product leaves the
    /// precision's range, and jumps between such indices would divide 0 by 0.
    case alphaBarUnderflow(index: Int, count: Int)
    /// Finite inputs whose result leaves the precision's range (|x| near its largest finite
    /// value): refused rather than returned as ±∞ or NaN.
    case resultOutOfRange(name: String, index: Int)

    public var code: String {
        switch self {
        case .invalidTimestepCount: return "R001"
        case .betaOutOfRange: return "R002"
        case .nonFiniteInput: return "R003"
        case .timestepOutOfRange: return "R004"
        case .lengthMismatch: return "R005"
        case .invalidParameter: return "R006"
        case .undefinedAtZeroSignal: return "R007"
        case .invalidInferenceSteps: return "R008"
        case .negativeDirectionVariance: return "R009"
        case .missingInput: return "R010"
        case .alphaBarUnderflow: return "R011"
        case .resultOutOfRange: return "R012"
        }
    }

    public var slug: String {
        switch self {
        case .invalidTimestepCount: return "invalid-timestep-count"
        case .betaOutOfRange: return "beta-out-of-range"
        case .nonFiniteInput: return "non-finite-input"
        case .timestepOutOfRange: return "timestep-out-of-range"
        case .lengthMismatch: return "length-mismatch"
        case .invalidParameter: return "invalid-parameter"
        case .undefinedAtZeroSignal: return "undefined-at-zero-signal"
        case .invalidInferenceSteps: return "invalid-inference-steps"
        case .negativeDirectionVariance: return "negative-direction-variance"
        case .missingInput: return "missing-input"
        case .alphaBarUnderflow: return "alpha-bar-underflow"
        case .resultOutOfRange: return "result-out-of-range"
        }
    }

    public var message: String {
        switch self {
        case .invalidTimestepCount(let n):
            return "the number of training timesteps T must be at least 1, got \(n)"
        case let .betaOutOfRange(index, value):
            if value == 1 {
                return "betas[\(index)] = 1 before the last index: ᾱ would be 0 from there on; only betas[T-1] may be 1 (zero terminal SNR)"
            }
            if value > 0 && value < 1 {
                return "betas[\(index)] = \(value) is below the precision's resolution: 1 − β rounds to 1, so ᾱ₀ = 1 and the posterior at t = 0 is 0/0; use a larger β or a wider type"
            }
            return "betas[\(index)] = \(value) is outside (0, 1]"
        case let .nonFiniteInput(name, index):
            return index < 0 ? "\(name) is not a finite number" : "\(name)[\(index)] is not a finite number"
        case let .timestepOutOfRange(name, value, count):
            return "\(name) = \(value) is outside 0…\(count - 1) (T = \(count), indices are 0-based)"
        case let .lengthMismatch(name, expected, actual):
            return "\(name) has \(actual) elements, expected \(expected) (the length of the sample)"
        case let .invalidParameter(name, value, expected):
            return "\(name) = \(value) is invalid: expected \(expected)"
        case .undefinedAtZeroSignal(let what):
            return "\(what) is undefined where ᾱ = 0 (zero terminal SNR): use v- or x₀-prediction"
        case let .invalidInferenceSteps(steps, trainingSteps):
            return "\(steps) inference steps is outside 1…\(trainingSteps) (T = \(trainingSteps))"
        case .negativeDirectionVariance(let value):
            return "1 − ᾱ_prev − σ² = \(value) < 0: η must be at most 1 and the step must go towards t = 0"
        case .missingInput(let what):
            return "missing input: \(what)"
        case let .alphaBarUnderflow(index, count):
            return "ᾱ underflows to 0 at t = \(index), before the last index \(count - 1): the βs leave no signal long before T; only ᾱ at T − 1 may be 0 (zero terminal SNR)"
        case let .resultOutOfRange(name, index):
            return "\(name)[\(index)] leaves the floating-point range although every input is finite: scale the inputs down"
        }
    }

    public var description: String { "\(code) \(slug): \(message)" }
}

@usableFromInline
func checkFinite<Scalar: BinaryFloatingPoint>(_ values: [Scalar], _ name: String) throws(ReferenceError) {
    for (i, v) in values.enumerated() where !v.isFinite {
        throw .nonFiniteInput(name: name, index: i)
    }
}

/// Refuses a result that overflowed (±∞) or lost its meaning (NaN) on finite inputs.
@usableFromInline
func checkResult<Scalar: BinaryFloatingPoint>(_ values: [Scalar], _ name: String) throws(ReferenceError) {
    if let i = values.firstIndex(where: { !$0.isFinite }) { throw .resultOutOfRange(name: name, index: i) }
}

@usableFromInline
func checkLength<Scalar>(_ values: [Scalar], _ name: String, _ count: Int) throws(ReferenceError) {
    guard values.count == count else { throw .lengthMismatch(name: name, expected: count, actual: values.count) }
}
