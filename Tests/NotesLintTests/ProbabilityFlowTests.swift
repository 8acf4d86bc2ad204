import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "ode.md")
}

/// The probability-flow ODE of the VP process, dx/dt = −½β(t)[x − ε_θ/√(1 − ᾱ)], and its form in
/// the log-SNR λ = c·log(ᾱ/(1 − ᾱ)), dx/dλ = [(1 − ᾱ)x − √(1 − ᾱ)ε_θ]/(2c), with β(t) = −d log ᾱ/dt.
struct ProbabilityFlowTests {
    @Test func theTimeFormWithTheNoisePrediction() throws {
        let right = "$$\\frac{d\\mathbf{x}}{dt} = -\\frac{1}{2}\\beta(t)\\left(\\mathbf{x} - \\frac{\\epsilon_\\theta(\\mathbf{x}, t)}{\\sqrt{1-\\bar\\alpha_t}}\\right)$$"
        #expect(try lint(right).isEmpty)
        let noRoot = try lint(right.replacingOccurrences("\\frac{\\epsilon_\\theta(\\mathbf{x}, t)}{\\sqrt{1-\\bar\\alpha_t}}", "\\epsilon_\\theta(\\mathbf{x}, t)"))
        #expect(noRoot.map(\.code) == ["DL156"], "\(Corpus.describe(noRoot))")
        let plusHalf = try lint(right.replacingOccurrences("= -\\frac{1}{2}", "= \\frac{1}{2}"))
        #expect(plusHalf.map(\.code) == ["DL156"], "\(Corpus.describe(plusHalf))")
    }

    /// β(t) written as the rate of log ᾱ, and the score in place of the noise prediction.
    @Test func theLogAlphaBarRateAndTheScore() throws {
        let rate = "$$\\frac{dx}{dt} = \\frac{1}{2}\\frac{d \\log \\bar{\\alpha}_t}{dt}\\left[x - \\frac{\\epsilon_\\theta(x,t)}{\\sqrt{1-\\bar{\\alpha}_t}}\\right]$$"
        #expect(try lint(rate).isEmpty)
        let score = "$$\\frac{dx}{dt} = -\\frac{1}{2}\\beta(t)\\left[x + \\nabla_x \\log p_t(x)\\right]$$"
        #expect(try lint(score).isEmpty)
        let scoreNet = "$$\\frac{dx}{dt} = -\\frac{1}{2}\\beta(t)\\, x - \\frac{1}{2}\\beta(t)\\, s_\\theta(x, t)$$"
        #expect(try lint(scoreNet).isEmpty)
        let swapped = try lint("$$\\frac{dx}{dt} = \\frac{1}{2}\\left[\\epsilon_\\theta(x,t) - \\frac{d \\log \\bar{\\alpha}_t}{dt} x\\right]$$")
        #expect(swapped.map(\.code) == ["DL156"], "\(Corpus.describe(swapped))")
        let scoreSign = try lint(score.replacingOccurrences("x + \\nabla", "x - \\nabla"))
        #expect(scoreSign.map(\.code) == ["DL156"], "\(Corpus.describe(scoreSign))")
    }

    @Test func theLogSNRFormFollowsTheDefinitionOfLambda() throws {
        let definition = "Let $\\lambda(t) = \\log(\\bar\\alpha_t/(1-\\bar\\alpha_t))$.\n\n"
        let right = "$$\\frac{dx}{d\\lambda} = \\frac{1}{2}\\left[(1-\\bar\\alpha)x - \\sqrt{1-\\bar\\alpha}\\,\\epsilon_\\theta\\right]$$"
        #expect(try lint(definition + right).isEmpty)
        let scaledState = try lint(definition + right.replacingOccurrences("(1-\\bar\\alpha)x", "\\frac{x}{\\sqrt{\\bar\\alpha}}"))
        #expect(scaledState.map(\.code) == ["DL156"], "\(Corpus.describe(scaledState))")
        // λ = log(α/σ) is half the log-SNR: the same ODE is twice as fast in it.
        let half = "Let $\\lambda = \\frac{1}{2}\\log\\frac{\\bar\\alpha}{1-\\bar\\alpha}$.\n\n"
        #expect(try lint(half + right).map(\.code) == ["DL156"])
        #expect(try lint(half + right.replacingOccurrences("\\frac{1}{2}\\left[", "\\left[")).isEmpty)
        // Without a definition of λ in terms of ᾱ there is nothing to compare with.
        #expect(try lint(right.replacingOccurrences("(1-\\bar\\alpha)x", "\\frac{x}{\\sqrt{\\bar\\alpha}}")).isEmpty)
    }

    @Test func eulersStepInLambdaUsesTheRightSide() throws {
        let definition = "Let $\\lambda = \\log\\frac{\\bar\\alpha}{1-\\bar\\alpha}$.\n\n"
        let right = "$$x_{\\lambda'} = x_\\lambda + \\frac{1}{2}\\Delta\\lambda\\left[(1-\\bar\\alpha_\\lambda)x_\\lambda - \\sqrt{1-\\bar\\alpha_\\lambda}\\,\\epsilon_\\theta\\right]$$"
        #expect(try lint(definition + right).isEmpty)
        let wrong = try lint(definition + right.replacingOccurrences("(1-\\bar\\alpha_\\lambda)x_\\lambda", "x_\\lambda"))
        #expect(wrong.map(\.code) == ["DL156"], "\(Corpus.describe(wrong))")
    }

    /// Other ODEs have their own coefficients: VE (σ(t)), EDM in σ, a learned velocity, the general
    /// f − ½g²·score form. None is read as the VP flow.
    @Test func otherODEsAreLeftAlone() throws {
        for other in [
            "$$\\frac{dx}{dt} = -\\frac{1}{2}\\frac{d[\\sigma^2(t)]}{dt}\\nabla_x \\log p_t(x)$$",
            "$$\\frac{dx}{d\\sigma} = \\frac{x - D_\\theta(x; \\sigma)}{\\sigma}$$",
            "$$\\frac{dx}{dt} = v_\\theta(x, t)$$",
            "$$\\frac{dx}{dt} = f(x, t) - \\frac{1}{2}g(t)^2 \\nabla_x \\log p_t(x)$$",
            "$$\\frac{dx}{dt} = \\frac{1}{2}\\left[x - \\epsilon_\\theta\\right]\\sigma_t$$",
        ] {
            #expect(try lint(other).isEmpty, "\(other)")
        }
    }
}

/// The probability-flow ODE of a general SDE dx = f dt + g dw, written with f and g: the score's
/// coefficient is −½g², half that of the reverse SDE beside it.
struct GeneralProbabilityFlowTests {
    private func lint(_ text: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: text + "\n", path: "sde.md")
    }

    static let forms = [
        "$$d\\mathbf{x} = \\left[\\mathbf{f}(\\mathbf{x}, t) - \\frac{1}{2}g(t)^2\\nabla_{\\mathbf{x}}\\log p_t(\\mathbf{x})\\right]dt$$",
        "$$\\frac{dx}{dt} = f(x, t) - \\frac12 g(t)^2 \\nabla_x \\log p_t(x)$$",
        "$$dx = \\big(f(x,t) - \\tfrac{1}{2}g^2(t)\\,\\nabla_x\\log p_t(x)\\big)\\,dt$$",
    ]

    @Test(arguments: forms)
    func theHalfIsRight(_ form: String) throws {
        let d = try lint(form)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test(arguments: forms)
    func withoutTheHalfItIsWrong(_ form: String) throws {
        let wrong = form.replacingOccurrences(of: "\\frac{1}{2}", with: "").replacingOccurrences(of: "\\frac12 ", with: "").replacingOccurrences(of: "\\tfrac{1}{2}", with: "")
        let d = try lint(wrong)
        #expect(d.map(\.code) == ["DL156"], "\(Corpus.describe(d))")
    }

    @Test func theReverseSDEKeepsTheWholeSquare() throws {
        let reverse = "$$dx = [f(x, t) - g(t)^2\\nabla_x\\log p_t(x)]dt + g(t)\\,d\\bar{w}$$"
        #expect(try lint(reverse).isEmpty)
    }
}
