import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "sde.md")
}

/// The reverse-time SDE carries the score with −g² (the square of its noise coefficient) under dt,
/// whatever the drift and diffusion are called; its backward Euler–Maruyama step has +g²·Δt.
struct ReverseSDETests {
    @Test func theGeneralReverseSDE() throws {
        let right = "$$dx = \\left[f(x,t) - g(t)^2 \\nabla_x \\log p_t(x)\\right] dt + g(t)\\, d\\bar{w}$$"
        #expect(try lint(right).isEmpty)
        let wrongSign = try lint(right.replacingOccurrences("- g(t)^2", "+ g(t)^2"))
        #expect(wrongSign.map(\.code) == ["DL126"], "\(Corpus.describe(wrongSign))")
        let unsquared = try lint(right.replacingOccurrences("- g(t)^2", "- g(t)"))
        #expect(unsquared.map(\.code) == ["DL126"], "\(Corpus.describe(unsquared))")
    }

    /// The variance-exploding form, with g² = dσ²/dt written out and ▽ typed for ∇.
    @Test func theVarianceExplodingFormNeedsItsDt() throws {
        let right = "$$d\\mathbf{x} = -\\frac{d[\\sigma^2(t)]}{dt}\\triangledown_\\mathbf{x}\\log p_t(\\mathbf{x})\\,dt + \\sqrt{\\frac{d[\\sigma^2(t)]}{dt}}\\,d\\bar{\\mathbf{w}}$$"
        #expect(try lint(right).isEmpty)
        let wrong = try lint(right.replacingOccurrences("p_t(\\mathbf{x})\\,dt", "p_t(\\mathbf{x})"))
        #expect(wrong.map(\.code) == ["DL126"], "\(Corpus.describe(wrong))")
    }

    /// Langevin dynamics (forward time, unbarred dw) has +g²/2: not a reverse SDE, not flagged.
    @Test func langevinDynamicsIsNotAReverseSDE() throws {
        let langevin = "$$dx = \\nabla_x \\log p(x)\\, dt + \\sqrt{2}\\, dw$$"
        #expect(try lint(langevin).isEmpty)
        let wrong = try lint(langevin.replacingOccurrences("\\sqrt{2}", "\\sqrt{2}\\,").replacingOccurrences("dw", "d\\bar{w}"))
        #expect(wrong.map(\.code) == ["DL126"], "\(Corpus.describe(wrong))")
    }

    /// A drift named after another field (a flow's velocity) sets its own coefficient: not judged.
    @Test func aVelocityDriftIsLeftAlone() throws {
        let flow = "$$dx = \\left[u_t(x) - \\frac{\\sigma_t^2}{2}\\nabla \\log p_t(x)\\right] dt + \\sigma_t\\, d\\bar{W}_t$$"
        #expect(try lint(flow).isEmpty)
        let named = try lint(flow.replacingOccurrences("u_t(x)", "f(x,t)"))
        #expect(named.map(\.code) == ["DL126"], "\(Corpus.describe(named))")
    }

    @Test func theBackwardStep() throws {
        let right = "$$x_{t-\\Delta t} = x_t - \\left[f(x_t,t) - g(t)^2 s_\\theta(x_t,t)\\right]\\Delta t + g(t)\\sqrt{\\Delta t}\\, z$$"
        #expect(try lint(right).isEmpty)
        let forwardSign = try lint(right.replacingOccurrences("x_t - \\left[", "x_t + \\left["))
        #expect(forwardSign.map(\.code) == ["DL126"], "\(Corpus.describe(forwardSign))")
        let keptDt = try lint(right.replacingOccurrences("\\right]\\Delta t", "\\right]\\Delta t\\, dt"))
        #expect(keptDt.map(\.code) == ["DL126"], "\(Corpus.describe(keptDt))")
    }
}

/// A sampler's update moves the sample it starts from; one made of a score step and fresh noise
/// alone has lost it.
struct UpdateKeepsStateTests {
    @Test func thePredictorStepMovesTheSample() throws {
        let right = "$$\\mathbf{x}_i \\leftarrow \\mathbf{x}_{i+1} + (\\sigma^2_{i+1}-\\sigma^2_i)s_\\theta(\\mathbf{x}_{i+1},\\sigma_{i+1}) + \\sqrt{\\sigma^2_{i+1}-\\sigma^2_i}\\,\\mathbf{z}$$"
        #expect(try NotesLinter.lint(text: right + "\n", path: "p.md").isEmpty)
        let wrong = try NotesLinter.lint(text: right.replacingOccurrences("\\mathbf{x}_{i+1} + (", "(") + "\n", path: "p.md")
        #expect(wrong.map(\.code) == ["DL121"], "\(Corpus.describe(wrong))")
    }

    /// A denoised estimate plus guidance and noise carries the sample through the estimate.
    @Test func aDenoisedEstimateCarriesTheSample() throws {
        let guided = "$$x_{t-1} = \\hat{x}_\\theta(x_t) + \\sigma_{t-1}\\epsilon_{t-1} + s\\nabla_{x_t}\\log p(y|x_t)$$"
        let d = try NotesLinter.lint(text: guided + "\n", path: "p.md")
        #expect(!d.contains { $0.code == "DL121" }, "\(Corpus.describe(d))")
    }
}

/// An Euler step back in time subtracts the derivative times the step.
struct BackwardEulerTests {
    @Test func theStepBackSubtractsTheDerivative() throws {
        let right = "$$x_{t-\\Delta t} = x_t - \\frac{dx}{dt}\\Delta t$$"
        #expect(try NotesLinter.lint(text: right + "\n", path: "e.md").isEmpty)
        let wrong = try NotesLinter.lint(text: right.replacingOccurrences("x_t - ", "x_t + ") + "\n", path: "e.md")
        #expect(wrong.map(\.code) == ["DL126"], "\(Corpus.describe(wrong))")
    }
}

/// g²(t) and g(t)² are the same coefficient, whichever way the note typesets the time argument.
struct ReverseSDENotationTests {
    @Test func squaredBeforeTheArgument() throws {
        let right = "$$dx = [f(x,t) - g^2(t) \\nabla_x \\log p_t(x)]\\, dt + g(t)\\, d\\bar{w}$$"
        #expect(try NotesLinter.lint(text: right + "\n", path: "g.md").isEmpty)
        let wrong = try NotesLinter.lint(text: right.replacingOccurrences("- g^2(t)", "+ g^2(t)") + "\n", path: "g.md")
        #expect(wrong.map(\.code) == ["DL126"], "\(Corpus.describe(wrong))")
    }
}
