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

    // MARK: The rows of a matrix (DL119)

    /// `[h̃_t; c̃_t] = Σ_i s_i [h_i; c_i]`: the matrix's `\\` separates its entries, so c_i is read
    /// inside the sum. The same break in an aligned derivation still starts a new row.
    @Test func theRowsOfAMatrixAreOneValue() throws {
        let matrix = "$$\n\\begin{bmatrix}\n\\tilde{h}_t \\\\\n\\tilde{c}_t\n\\end{bmatrix}\n=\n\\sum_{i=1}^{t-1} s^t_i\n\\begin{bmatrix}\nh_i \\\\\nc_i\n\\end{bmatrix}\n$$"
        let d = try lint(matrix).filter { $0.severity != .note }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let aligned = matrix.replacingOccurrences(of: "bmatrix", with: "aligned")
        #expect(try lint(aligned).contains { $0.code == "DL119" })
    }
}
