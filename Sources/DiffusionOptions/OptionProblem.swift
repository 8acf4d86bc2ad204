/// Why an option value is refused: the field, the value and what was expected. Each
/// implementation turns it into its own error type (`ReferenceError.invalidParameter`,
/// `OptimizedError` with `.invalidOption`), so both refuse exactly the same values.
public struct OptionProblem: Sendable, Equatable, CustomStringConvertible {
    /// The option's name, as in the golden case format (`clipSampleRange`, `eta`).
    public var field: String
    public var value: Double
    public var expected: String

    public init(field: String, value: Double, expected: String) {
        self.field = field
        self.value = value
        self.expected = expected
    }

    public var description: String { "\(field) = \(value): expected \(expected)" }
}
