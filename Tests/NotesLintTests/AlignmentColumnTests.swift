import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "align.md")
}

/// In an aligned display, an `&` after a complete relation opens another column: an equation
/// written there (often the justification of the step) is judged on its own.
struct AlignmentColumnTests {
    static let derivation = """
    $$\\begin{align*}
    L &= \\mathbb{E}_q\\left[\\log \\frac{q(x_T|x_0)}{p(x_T)} + \\sum_{t=2}^{T} \\log \\frac{q(x_{t-1}|x_t,x_0)}{p_\\theta(x_{t-1}|x_t)} - \\log p_\\theta(x_0|x_1)\\right] \\\\
    &= \\mathbb{E}_q\\left[-\\log p(x_T) + \\sum_{t=1}^{T} \\log \\frac{q(x_t|x_{t-1})}{p_\\theta(x_{t-1}|x_t)}\\right] & q(x_t|x_{t-1}) = q(x_t|x_{t-1},x_0)
    \\end{align*}$$
    """

    @Test func aJustificationColumnIsJudged() throws {
        let clean = try lint(Self.derivation)
        #expect(clean.isEmpty, "\(Corpus.describe(clean))")
        // Dropping the boundary term by calling a point mass 1, stated in the justification column.
        let wrong = Self.derivation.replacingOccurrences("& q(x_t|x_{t-1}) = q(x_t|x_{t-1},x_0)", "& q(x_0|x_1,x_0) = 1")
        let d = try lint(wrong)
        #expect(d.map(\.code) == ["DL116"] && d.first?.location?.line == 3, "\(Corpus.describe(d))")
    }
}
