import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "note.md")
}

/// A tutorial names the arrays of its code in math (`α_t = \text{alpha}[t]`): the right side is
/// prose, and the row goes on after it. The next row starts an equation of its own; it does not
/// complete the one left open. A relation that ends its row with nothing after it is still
/// completed by the next row.
struct ProseRightSideTests {
    static let lookups = """
        The values for step $t$:
        $$
        \\begin{align*}
            \\alpha_t &= \\text{alpha}[t] \\\\
            \\bar\\alpha_t &= \\text{alpha\\_bar}[t]
        \\end{align*}
        $$
        """

    @Test func arraysNamedInProseAreNotEquatedWithTheNextRow() throws {
        let d = try lint(Self.lookups).filter { $0.severity != .note }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aRelationThatEndsItsRowIsStillCompletedByTheNext() throws {
        let open = """
            The values for step $t$:
            $$
            \\begin{align*}
                \\alpha_t &= \\\\
                &= \\bar\\alpha_t
            \\end{align*}
            $$
            """
        let d = try lint(open).filter { $0.code == "DL117" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
