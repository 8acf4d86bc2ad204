import CheckerCore
import Testing
@testable import NotesLint

/// A display the note introduces as the wrong way, ᾱ_t defined as the square of the note's own
/// α(t), and the family of forward-time SDEs that keep the marginals with a noise scale of their own.
struct ShownWrongAndFamilyTests {
    private func lint(_ text: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: text, path: "note.md")
    }

    static let shownWrong = """
        # Why the square roots

        The forward step keeps the variance at one:

        $$
        x_t=\\sqrt{1-\\beta_t}x_{t-1}+\\sqrt{\\beta_t}\\epsilon_t
        $$

        Suppose it were wrongly defined as:

        $$
        x_t=x_{t-1}+\\sqrt{\\beta_t}\\epsilon_t
        $$

        then the variance would grow with every step.

        """

    @Test func aDisplayIntroducedAsTheWrongWayIsNotJudged() throws {
        let d = try lint(Self.shownWrong)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        // The same display introduced as the note's own step is reported.
        let ownStep = Self.shownWrong.replacingOccurrences("Suppose it were wrongly defined as:", "Each step is then:")
        #expect(try lint(ownStep).map(\.code).contains("DL103"))
    }

    static let squareDefinesAlphaBar = """
        # Solving the VP-SDE

        Define $\\bar{\\alpha}_t = \\alpha(t)^2 = \\exp\\left(-\\int_0^t \\beta(s)\\,ds\\right)$.

        $$
        x_t = \\alpha(t) x_0 + \\sqrt{1 - \\alpha(t)^2} \\cdot \\varepsilon
        $$

        """

    @Test func alphaBarDefinedAsTheSquareOfTheNotesAlpha() throws {
        let d = try lint(Self.squareDefinesAlphaBar)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        // Without that definition the same marginal is DDPM's one-step α where ᾱ belongs.
        let undefined = Self.squareDefinesAlphaBar.replacingOccurrences("Define $\\bar{\\alpha}_t = \\alpha(t)^2 = \\exp\\left(-\\int_0^t \\beta(s)\\,ds\\right)$.", "The marginal:")
        #expect(undefined != Self.squareDefinesAlphaBar)
        #expect(!(try lint(undefined)).isEmpty)
    }

    static let marginalPreservingFamily = """
        # Other SDEs with the same marginals

        $$
        d \\mathbf{x} = \\left(\\mathbf{f}_t(\\mathbf{x}) -\\frac{1}{2}(g_t^2-\\sigma_t^2)\\nabla_\\mathbf{x} \\log p_t(\\mathbf{x})\\right)dt+\\sigma_t d\\mathbf{w}
        $$

        """

    @Test func theFamilyThatKeepsTheMarginalsIsNoReverseSDE() throws {
        let d = try lint(Self.marginalPreservingFamily)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        // A reverse SDE with the score's coefficient halved is still wrong.
        let reverse = "$$\nd \\mathbf{x} = \\left(\\mathbf{f}_t(\\mathbf{x}) - \\frac{1}{2} g_t^2 \\nabla_\\mathbf{x} \\log p_t(\\mathbf{x})\\right)dt + g_t d\\bar{\\mathbf{w}}\n$$\n"
        #expect(try lint(reverse).map(\.code).contains("DL126"))
    }
}
