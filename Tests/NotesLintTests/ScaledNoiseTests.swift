import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "scaled-noise.md")
}

/// The kernel's score is −ε/σ for standard noise scaled as x + σε, −ε/σ² for noise of variance σ².
struct ScaledNoiseTests {
    @Test func theTargetFollowsHowTheNoiseIsWritten() throws {
        #expect(try lint("$$J = \\mathbb{E}_{\\epsilon \\sim \\mathcal{N}(0, I)}\\left[\\left\\| s_\\theta(x + \\sigma\\epsilon) + \\frac{\\epsilon}{\\sigma} \\right\\|^2\\right]$$").isEmpty)
        #expect(try lint("$$s^*(x) = \\mathbb{E}_{\\epsilon \\sim \\mathcal{N}(0, \\sigma^2 I)}\\left[-\\frac{\\epsilon}{\\sigma^2} \\mid x + \\epsilon \\in A\\right]$$").isEmpty)
        let wrong = try lint("$$s^*(x) = \\mathbb{E}_{\\epsilon \\sim \\mathcal{N}(0, \\sigma^2 I)}\\left[-\\frac{\\epsilon}{\\sigma} \\mid x + \\epsilon \\in A\\right]$$")
        #expect(wrong.map(\.code) == ["DL127"], "\(Corpus.describe(wrong))")
    }
}
