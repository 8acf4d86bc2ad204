import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "expectation.md")
}

/// An expectation must sample a state its bracket reads (or the noise that builds it).
struct ExpectationVariableTests {
    /// A time and both ends of a rectified-flow path sample X_t = t·X_1 + (1 − t)·X_0 with them;
    /// the two ends without the time do not.
    @Test func aTimeAndBothEndsOfAPathSampleItsPoint() throws {
        let flow = "$$\\mathbb{E}_{t, X_0, X_1} [ \\| \\dot{X}_t - v_t(X_t) \\|^2 ]$$"
        #expect(try lint(flow).filter { $0.code == "DL128" }.isEmpty)
        let endsOnly = try lint("$$\\mathbb{E}_{X_0, X_1} [ \\| \\dot{X}_t - v_t(X_t) \\|^2 ]$$")
        #expect(endsOnly.map(\.code) == ["DL128"], "\(Corpus.describe(endsOnly))")
    }

    @Test func theMeanMatchingTermAveragesOverXt() throws {
        let right = "$$L_{t-1} = \\mathbb{E}_{\\mathbf{x}_t \\sim q(\\mathbf{x}_t|\\mathbf{x}_0)}\\left[\\frac{1}{2\\sigma_t^2}\\lVert\\tilde{\\mu}_t(\\mathbf{x}_t, \\mathbf{x}_0) - \\mu_\\theta(\\mathbf{x}_t, t)\\rVert^2\\right] + C$$"
        #expect(try lint(right).isEmpty)
        let wrong = try lint(right.replacingOccurrences("\\mathbf{x}_t \\sim q(\\mathbf{x}_t|", "\\mathbf{x}_T \\sim q(\\mathbf{x}_T|"))
        #expect(wrong.map(\.code) == ["DL128"], "\(Corpus.describe(wrong))")
    }

    /// Sampling x_0 and ε samples x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε; a bracket in x_0 alone under an
    /// expectation given x_0 is a constant, idle but right.
    @Test func noiseAndGivenStatesCount() throws {
        let simple = "$$L = \\mathbb{E}_{t, x_0, \\epsilon}\\left[\\|\\epsilon - \\epsilon_\\theta(x_t, t)\\|^2\\right]$$"
        #expect(try lint(simple).isEmpty)
        let abbreviated = "$$L = \\mathbb{E}_{t, x_0}\\left[\\|\\epsilon - \\epsilon_\\theta(x_t, t)\\|^2\\right]$$"
        #expect(try lint(abbreviated).isEmpty)
        let constant = "$$-\\log p_\\theta(x_0) = \\mathbb{E}_{x_T \\sim q(x_T|x_0)}\\left[-\\log p_\\theta(x_0)\\right]$$"
        #expect(try lint(constant).isEmpty)
        let wrong = try lint("$$J = \\mathbb{E}_{q(x_{1:T})}\\left[\\log p_\\theta(x_0)\\right]$$")
        #expect(wrong.map(\.code) == ["DL128"], "\(Corpus.describe(wrong))")
    }

    /// The weighted noise error is random through the ε that builds x_t: averaging over x_T leaves it so.
    @Test func aNoiseErrorIsNotAveragedByTheTerminalState() throws {
        let right = "$$L_{t-1} \\propto \\mathbb{E}_{x_0, \\epsilon}\\left[\\frac{\\beta_t^2}{2\\sigma_t^2\\alpha_t(1-\\bar\\alpha_t)}\\|\\epsilon - \\epsilon_\\theta\\|^2\\right]$$"
        #expect(try lint(right).isEmpty)
        let wrong = try lint(right.replacingOccurrences("x_0, \\epsilon}", "x_T \\sim q(x_T|x_0)}"))
        #expect(wrong.map(\.code) == ["DL128"], "\(Corpus.describe(wrong))")
        // At the last step itself the bracket is read at T, not at a generic t: nothing to say.
        let atT = "$$L_T = \\mathbb{E}_{x_T \\sim q(x_T|x_0)}\\left[\\|\\epsilon - \\epsilon_\\theta\\|^2\\right]$$"
        #expect(try lint(atT).isEmpty)
    }

    /// A sum over steps binds its step letter, so expectations inside it are left alone; the terms
    /// beside the sum (the prior term, the decoder term) are still single states and are judged.
    @Test func termsBesideASumOverStepsAreJudged() throws {
        let right = "$$L = D_{KL}(q(x_T|x_0)\\|p(x_T)) + \\sum_{t=2}^{T} \\mathbb{E}_{x_t \\sim q(x_t|x_0)}\\left[D_{KL}(q(x_{t-1}|x_t,x_0)\\|p_\\theta(x_{t-1}|x_t))\\right] + \\mathbb{E}_{x_1 \\sim q(x_1|x_0)}\\left[-\\log p_\\theta(x_0|x_1)\\right]$$"
        #expect(try lint(right).isEmpty)
        let wrong = try lint(right.replacingOccurrences("x_1 \\sim q(x_1|x_0)", "x_T \\sim q(x_T|x_0)"))
        #expect(wrong.map(\.code) == ["DL128"], "\(Corpus.describe(wrong))")
    }
}
