import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "score.md")
}

/// ∇_x log N(x; μ, σ²I) = −(x − μ)/σ²: the score of a perturbation kernel falls as x grows.
struct GaussianScoreTests {
    @Test func theDDPMKernelsScore() throws {
        let right = "$$\\nabla_{x_t} \\log q(x_t|x_0) = -\\frac{x_t - \\sqrt{\\bar\\alpha_t}\\,x_0}{1-\\bar\\alpha_t}$$"
        #expect(try lint(right).isEmpty)
        let wrong = try lint(right.replacingOccurrences("= -\\frac", "= \\frac"))
        #expect(wrong.map(\.code) == ["DL127"], "\(Corpus.describe(wrong))")
    }

    /// Written with the state as a function of time, x(t), and σ(t).
    @Test func theVarianceExplodingKernelsScore() throws {
        let right = "$$\\nabla_{\\mathbf{x}} \\log p_{0t}(\\mathbf{x}(t)\\mid\\mathbf{x}(0)) = \\frac{\\mathbf{x}(0)-\\mathbf{x}(t)}{\\sigma(t)^2}$$"
        #expect(try lint(right).isEmpty)
        let wrong = try lint(right.replacingOccurrences("\\mathbf{x}(0)-\\mathbf{x}(t)", "\\mathbf{x}(t)-\\mathbf{x}(0)"))
        #expect(wrong.map(\.code) == ["DL127"], "\(Corpus.describe(wrong))")
    }
}

/// Denoising score matching regresses s_θ(x̃) on −(x̃ − x)/σ², whatever the weighting and however
/// the minimisation over θ is typeset.
struct ScoreMatchingTargetTests {
    static let loss = "$$\\underset{\\theta}{\\min}\\, \\mathbb{E}_{t}\\mathbb{E}_{\\mathbf{x}(0)}\\left[\\|\\sigma(t)\\, \\mathbf{s}_\\theta(\\mathbf{x}(t),t)+\\frac{\\mathbf{x}(t)-\\mathbf{x}(0)}{\\sigma(t)}\\|^2_2\\right]$$"

    @Test func theWeightedTargetPointsBack() throws {
        #expect(try NotesLinter.lint(text: Self.loss + "\n", path: "dsm.md").isEmpty)
        let wrong = try NotesLinter.lint(text: Self.loss.replacingOccurrences(")+\\frac", ")-\\frac") + "\n", path: "dsm.md")
        #expect(wrong.map(\.code) == ["DL127"], "\(Corpus.describe(wrong))")
    }

    @Test func aMinimumWrittenWithASubscriptIsReadThrough() throws {
        let withMin = Self.loss.replacingOccurrences("\\underset{\\theta}{\\min}", "\\min_{\\theta}")
        #expect(try NotesLinter.lint(text: withMin + "\n", path: "dsm.md").isEmpty)
        let wrong = try NotesLinter.lint(text: withMin.replacingOccurrences(")+\\frac", ")-\\frac") + "\n", path: "dsm.md")
        #expect(wrong.map(\.code) == ["DL127"], "\(Corpus.describe(wrong))")
    }
}
