/// A refused input, with a stable machine-readable code and a message naming what was expected.
public struct OptimizedError: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable, CaseIterable {
        /// A timestep outside `0 ..< T` (or a previous timestep that is not before it).
        case timestepOutOfRange = "timestep-out-of-range"
        /// Input arrays of different lengths.
        case lengthMismatch = "length-mismatch"
        /// x̂₀ from an ε prediction needs 1/√ᾱₜ, which does not exist when ᾱₜ = 0.
        case epsilonPredictionAtZeroAlphaBar = "epsilon-prediction-at-zero-alpha-bar"
        /// Betas that are not all in (0, 1], or an empty schedule, or ᾱ not in [0, 1).
        case invalidSchedule = "invalid-schedule"
        /// A learned variance type without the model's variance output.
        case missingPredictedVariance = "missing-predicted-variance"
        /// An option value outside its domain (η < 0, clip range ≤ 0, threshold ratio ∉ (0, 1], …).
        case invalidOption = "invalid-option"
        /// An input value outside its domain (NaN or ±∞, a negative predicted variance).
        case invalidInput = "invalid-input"
        /// Finite inputs whose result leaves the floating-point range.
        case resultOutOfRange = "result-out-of-range"
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
