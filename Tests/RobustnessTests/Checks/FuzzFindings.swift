import CheckerCore

/// The properties one input broke, as sentences; empty when every property held.
///
/// The same checks run in two places: the libFuzzer targets under `Fuzz/` (which trap on the
/// first finding, so that libFuzzer saves the input) and the regression tests, which replay every
/// saved input and expect no finding.
struct FuzzFindings: CustomStringConvertible {
    private(set) var problems: [String] = []

    var isEmpty: Bool { problems.isEmpty }

    mutating func require(_ condition: Bool, _ problem: @autoclosure () -> String) {
        if !condition { problems.append(problem()) }
    }

    mutating func record(_ problem: String) {
        problems.append(problem)
    }

    mutating func merge(_ other: FuzzFindings) {
        problems += other.problems
    }

    var description: String { problems.joined(separator: "\n") }
}

/// Where a text's positions may point: a line that exists, and a column on it or just past its
/// end (an error "at the end of input" points one past the last character).
struct TextBounds {
    /// The number of Unicode scalars on each line, lines split at "\n".
    let lineLengths: [Int]

    init(_ text: String) {
        var lengths: [Int] = []
        var current = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                lengths.append(current)
                current = 0
            } else {
                current += 1
            }
        }
        lengths.append(current)
        lineLengths = lengths
    }

    func contains(line: Int, column: Int) -> Bool {
        guard line >= 1, line <= lineLengths.count else { return false }
        return column >= 1 && column <= lineLengths[line - 1] + 1
    }

    func contains(_ position: TextPosition) -> Bool {
        contains(line: position.line, column: position.column)
    }
}

extension Double {
    /// Inside the domain where the numeric checks expect a finite answer: finite and at most
    /// `limit` in magnitude.
    func isModest(_ limit: Double) -> Bool { isFinite && Swift.abs(self) <= limit }
}
