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

    /// The gradient in the variable the kernel is conditioned on, x_0, is no score: it rises with
    /// x_t, as −∂/∂x_0 of the squared distance does.
    @Test func theGradientInTheConditionIsNoScore() throws {
        let inTheMean = "$$\\nabla_{x_0} \\log q(x_t|x_0) = \\frac{\\alpha_t(x_t - \\alpha_t x_0)}{\\sigma_t^2}$$"
        let d = try lint(inTheMean)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let inTheState = try lint(inTheMean.replacingOccurrences("\\nabla_{x_0}", "\\nabla_{x_t}"))
        #expect(inTheState.map(\.code) == ["DL127"], "\(Corpus.describe(inTheState))")
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
