import Testing
@testable import NotesLint

/// A closer of the other kind may end a half-open interval, `[0, 1)`; when a later closer then
/// finds its opener taken, the finding names the closer that was one too many, not the one that
/// is right.
struct DelimiterBlameTests {
    private func problems(_ tex: String) -> [DelimiterBalance.Problem] {
        let s = Array(tex.unicodeScalars)
        return DelimiterBalance.problems(in: TexLexer.tokenize(s, from: 0, to: s.count), scalars: s)
    }

    @Test func anExtraParenthesisInsideBracketsIsTheOneNamed() {
        let tex = "\\left[\\partial_x(f p) + \\partial_x^2 (g^2 p(x, t)))\\right]"
        let p = problems(tex)
        #expect(p.map(\.message) == ["')' has no matching opening parenthesis"])
        // The last ')', just before `\right]`.
        #expect(p.first?.offset == tex.unicodeScalars.count - "\\right]".unicodeScalars.count - 1)
    }

    @Test func halfOpenIntervalsStayQuiet() {
        #expect(problems("t \\in [0, 1)").isEmpty)
        #expect(problems("\\beta_t \\in (0, 1]").isEmpty)
        #expect(problems("[a, b) \\cup [b, c)").isEmpty)
    }

    @Test func aBracketWithNoOpenerAtAllIsStillNamed() {
        #expect(problems("x_t = a]").map(\.message) == ["']' has no matching opening parenthesis"])
    }
}
