import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "ratio.md")
}

/// A KL term of the bound averages log q/p_θ under q; the bare ratio is another divergence.
struct RatioWithoutLogTests {
    private let withLog = "$$L_{t-1} = \\mathbb{E}_{x_{t-1} \\sim q(x_{t-1}|x_t, x_0)}\\left[\\log \\frac{q(x_{t-1}|x_t, x_0)}{p_\\theta(x_{t-1}|x_t)}\\right]$$"

    @Test func theLogOfTheRatioIsTheKL() throws {
        #expect(try lint(withLog).isEmpty)
    }

    @Test func theBareRatioIsFlagged() throws {
        let wrong = try lint(withLog.replacingOccurrences("\\log ", ""))
        #expect(wrong.map(\.code) == ["DL129"], "\(Corpus.describe(wrong))")
    }

    /// p/q under q is an importance weight (it averages to 1), and a ratio averaged under p is not a
    /// KL term under q: neither is this mistake.
    @Test func importanceWeightsAndOtherSamplersAreLeftAlone() throws {
        let weight = "$$1 = \\mathbb{E}_{x_{t-1} \\sim q(x_{t-1}|x_t, x_0)}\\left[\\frac{p_\\theta(x_{t-1}|x_t)}{q(x_{t-1}|x_t, x_0)}\\right]$$"
        #expect(try lint(weight).isEmpty)
        let underModel = "$$r = \\mathbb{E}_{x_{t-1} \\sim p_\\theta(x_{t-1}|x_t)}\\left[\\frac{q(x_{t-1}|x_t, x_0)}{p_\\theta(x_{t-1}|x_t)}\\right]$$"
        #expect(try lint(underModel).isEmpty)
    }
}
