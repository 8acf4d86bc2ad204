import CheckerCore
import Testing
@testable import NotesLint

/// "it costs $$$": a run of three or more dollar signs is prose, not the `$$` that opens a display,
/// so it pairs with nothing (no DL303 or DL304) and the displays after it are read as written. A
/// display left open is still reported.
struct DollarRunTests {
    static func lint(_ text: String) throws -> [Diagnostic] { try NotesLinter.lint(text: text + "\n", path: "money.md") }

    static let note = """
        Running the sampler for all 1000 steps is slow (and costs $$$). Skipping steps helps.

        Each step keeps

        $$
        x_t = \\sqrt{\\bar\\alpha_t}\\,x_0 + \\sqrt{1-\\bar\\alpha_t}\\,\\epsilon
        $$

        and the budget line reads $$$$ for the largest runs.
        """

    @Test func dollarRunsInProseOpenNoMath() throws {
        let d = try Self.lint(Self.note)
        #expect(!d.contains { $0.code == "DL303" || $0.code == "DL304" }, "\(Corpus.describe(d))")
    }

    @Test func aDisplayLeftOpenIsStillFound() throws {
        let open = Self.note.replacingOccurrences("\\epsilon\n$$\n", "\\epsilon\n")
        #expect(open != Self.note)
        let d = try Self.lint(open)
        #expect(d.contains { $0.code == "DL304" }, "\(Corpus.describe(d))")
    }
}
