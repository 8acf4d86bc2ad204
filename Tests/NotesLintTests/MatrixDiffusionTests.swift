import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "matrix.md")
}

/// An SDE whose diffusion is a matrix (g·R with Σ = R Rᵀ, G(x, t), a tensor D) has the score
/// under Σ or G Gᵀ, not under a bare g²: the scalar coefficient rules do not apply to it.
struct MatrixDiffusionTests {
    static let matrixForms = [
        "$$d\\mathbf{x} = \\left[\\mathbf{f} - g^2 \\Sigma \\nabla_{\\mathbf{x}} \\log p_t(\\mathbf{x})\\right] dt + g\\, \\mathbf{R}\\, d\\bar{\\mathbf{w}}$$",
        "$$dx = \\left[f(x,t) - G(t)G(t)^\\top \\nabla_x \\log p_t(x)\\right] dt + G(t)\\, d\\bar{w}$$",
        "$$dX = \\left[\\mu(X,t) - D(X)\\,\\nabla \\log p_t(X)\\right]dt + \\sqrt{2}\\, A\\, d\\bar{W}$$",
        "$$x_{t-\\Delta t} = x_t - \\left[f(x_t,t) - g(t)^2 \\Sigma\\, s_\\theta(x_t,t)\\right]\\Delta t + g(t)\\sqrt{\\Delta t}\\, R z$$",
    ]

    @Test(arguments: matrixForms)
    func aMatrixDiffusionIsNotJudgedAsScalar(_ text: String) throws {
        let d = try lint(text)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// With the matrices taken out, the same line is a scalar SDE again and its coefficient is judged.
    @Test func theScalarFormIsStillJudged() throws {
        let scalar = "$$d\\mathbf{x} = \\left[\\mathbf{f} - g \\nabla_{\\mathbf{x}} \\log p_t(\\mathbf{x})\\right] dt + g\\, d\\bar{\\mathbf{w}}$$"
        let d = try lint(scalar)
        #expect(d.map(\.code) == ["DL126"], "\(Corpus.describe(d))")
        let rightScalar = scalar.replacingOccurrences("- g \\nabla", "- g^2 \\nabla")
        #expect(try lint(rightScalar).isEmpty)
    }

    /// Whatever the matrix, the drift multiplies dt: a score term without it is still wrong.
    @Test func aMatrixScoreTermStillNeedsItsDt() throws {
        let noDt = try lint("$$dx = -g(t)^2 \\Sigma \\nabla_x \\log p_t(x) + g(t)\\, R\\, d\\bar{w}$$")
        #expect(noDt.map(\.code) == ["DL126"], "\(Corpus.describe(noDt))")
    }

    /// The probability-flow ODE with a preconditioning matrix Σ before the score is another ODE.
    @Test func aPreconditionedFlowIsNotJudged() throws {
        let preconditioned = "$$\\frac{dx}{dt} = -\\frac{1}{2}\\beta(t)\\left[x + \\Sigma\\,\\nabla_x \\log p_t(x)\\right]$$"
        let d = try lint(preconditioned)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let wrongScalar = try lint("$$\\frac{dx}{dt} = -\\frac{1}{2}\\beta(t)\\left[x - \\nabla_x \\log p_t(x)\\right]$$")
        #expect(wrongScalar.map(\.code) == ["DL156"], "\(Corpus.describe(wrongScalar))")
    }
}
