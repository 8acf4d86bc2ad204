import CheckerCore
import Testing
@testable import NotesLint

/// `\left \{ … \right .`: TeX allows blanks between `\left`/`\right` and the delimiter, and the
/// dot is the invisible closer of a cases-like brace, so the brace is closed (no DL303). A brace
/// left open with no `\right` at all is still reported.
struct SpacedNullDelimiterTests {
    static func lint(_ text: String) throws -> [Diagnostic] { try NotesLinter.lint(text: text + "\n", path: "cases.md") }

    static let spacedCases = """
        The reverse kernel is defined piecewise:

        $$
        p_\\theta(x_{t-1}|x_t) = \\left \\{ \\begin{array}{ll}
        \\mathcal{N}(\\hat x_0(x_1), \\sigma_1^2 I) & t = 1 \\\\
        q_\\sigma(x_{t-1}|x_t, \\hat x_0(x_t)) & 1 < t \\le T
        \\end{array} \\right .
        $$
        """

    static let spacedOpening = """
        A loss that switches at the first step:

        $$
        L_t = \\left .\\begin{cases} -\\log p_\\theta(x_0|x_1) & t = 1 \\\\ D_{KL}(q \\,\\|\\, p_\\theta) & t > 1 \\end{cases} \\right\\} \\quad \\text{per step}
        $$
        """

    @Test(arguments: [spacedCases, spacedOpening])
    func aBraceClosedByTheInvisibleDelimiterIsBalanced(note: String) throws {
        let d = try Self.lint(note)
        #expect(!d.contains { $0.code == "DL303" }, "\(Corpus.describe(d))")
    }

    @Test func aBraceNeverClosedIsStillFound() throws {
        let open = Self.spacedCases.replacingOccurrences("\\end{array} \\right .", "\\end{array}")
        #expect(open != Self.spacedCases)
        let d = try Self.lint(open)
        #expect(d.contains { $0.code == "DL303" }, "\(Corpus.describe(d))")
    }
}
