import CheckerCore
import Testing
@testable import NotesLint

/// `x_t = α_t x_0 + σ_t ε = √ᾱ_t x_0 + √(1 − ᾱ_t) ε` names the marginal's signal scale α_t (the
/// notation of v-prediction), neither DDPM's α_t nor the DDIM paper's: formulas in that α_t are
/// not judged in either reading, and formulas in ᾱ_t alone still are (DL142, DL101).
struct MarginalAlphaNotationTests {
    static let notation = """
        Given
        $$x_t = \\alpha_t x_0 + \\sigma_t \\epsilon = \\sqrt{\\bar\\alpha_t} x_0 + \\sqrt{1-\\bar\\alpha_t} \\epsilon$$
        the velocity is
        $$v_t = \\alpha_t \\epsilon - \\sigma_t x_0 = \\sqrt{\\bar\\alpha_t} \\epsilon - \\sqrt{1-\\bar\\alpha_t} x_0$$

        """

    @Test func theNotationAndTheVelocityInItAreQuiet() throws {
        let d = try NotesLinter.lint(text: Self.notation, path: "v.md")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aMarginalInAlphaBarAloneIsStillJudged() throws {
        let d = try NotesLinter.lint(text: Self.notation + """
            so one step of noising from the data is
            $$x_t = \\sqrt{\\bar\\alpha_t} x_0 + (1-\\bar\\alpha_t) \\epsilon$$

            """, path: "v.md")
        #expect(!d.isEmpty, "\(Corpus.describe(d))")
    }
}

/// Written notes met at first contact: prices in dollars, an outline of a program's classes, a
/// note whose β is a standard deviation (α_i = √(1 − β_i²)), the variance-preserving SDE's
/// α_t = e^{−½β_t}, and a `(4)` in words beside a full-width bracket that a later `\text` closes.
/// Each quiet case has a twin with the bug, still reported.
struct FirstContactNotationTests {
    static func lint(_ text: String, _ path: String = "note.md") throws -> [Diagnostic] {
        try NotesLinter.lint(text: text + "\n", path: path)
    }

    @Test func dollarsBeforeDigitsArePricesNotFormulas() throws {
        let d = try Self.lint("| stock images | $100-2k a month | sold at $0.25-$2 each (after fees) |")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func anUnbalancedFormulaBesidePricesIsStillReported() throws {
        let d = try Self.lint("The target is $r + \\gamma(\\min Q' - \\alpha\\log\\pi))$ per step.")
        #expect(d.map(\.code) == ["DL303"], "\(Corpus.describe(d))")
    }

    @Test func aBlockOfHeadersAloneIsAnOutline() throws {
        let d = try Self.lint("""
            ```python
            class Generator(nn.Module):      # maps z to an image
            class Discriminator(nn.Module):  # maps an image to a probability
            ```
            """)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aHeaderFollowedByCodeOutsideItIsStillASyntaxError() throws {
        let d = try Self.lint("""
            ```python
            class Generator(nn.Module):
            x = 1
            ```
            """)
        #expect(d.map(\.code) == ["DL212"], "\(Corpus.describe(d))")
    }

    static let standardDeviationBeta = """
        We write $x_i = \\alpha_i x_{i-1} + \\beta_i \\epsilon_i$ with $\\alpha_i=\\sqrt{1-\\beta_i^2}$, so that
        $$p_i(x_i|x_0) = \\mathcal{N}(x_i; \\bar{\\alpha}_i x_0, (1-\\bar{\\alpha}_i^2)I),\\quad \\bar{\\alpha}_i = \\prod_{k=1}^i \\alpha_k$$

        """

    @Test func aNoteWhoseBetaIsAStandardDeviationIsReadInItsOwnNotation() throws {
        let d = try Self.lint(Self.standardDeviationBeta)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aVarianceForTheStandardDeviationInThatNotationIsStillReported() throws {
        let d = try Self.lint(Self.standardDeviationBeta + "and one samples $x_i = \\bar{\\alpha}_i x_0 + (1-\\bar{\\alpha}_i^2)\\epsilon$.")
        #expect(!d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theVariancePreservingPathsExponentialAlphaIsQuiet() throws {
        let d = try Self.lint("$$\\alpha_t = e^{-\\frac{1}{2}\\beta_t}, \\quad \\sigma_t = \\sqrt{1 - e^{-\\beta_t}}$$")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aWrongDiscreteAlphaIsStillReported() throws {
        let d = try Self.lint("$$\\alpha_t = 1 + \\beta_t$$")
        #expect(d.map(\.code) == ["DL117"], "\(Corpus.describe(d))")
    }

    @Test func aFullWidthBracketClosedInALaterTextGroupIsQuiet() throws {
        let d = try Self.lint("$$x = y \\quad \\text{(4) 欧拉离散化（步长 }\\eta=\\Delta t\\text{）}$$")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func anOpenParenthesisOfTheFormulaBesideItIsStillReported() throws {
        let d = try Self.lint("$$x = (y \\quad \\text{(4) 欧拉离散化（步长 }\\eta=\\Delta t\\text{）}$$")
        #expect(d.map(\.code) == ["DL303"], "\(Corpus.describe(d))")
    }
}

/// Three derivations read right only in the note's own terms: a density conditioned on a pair
/// z = (x_0, x_1), the probability-flow ODE in reversed time t̄ = −t, and DDIM's inversion step,
/// whose ε is the model's prediction (DL132, DL156, DL103). Each has a twin still reported.
struct OwnTermsDerivationTests {
    static func lint(_ text: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: text + "\n", path: "derivation.md")
    }

    @Test func aDensityConditionedOnAPairHoldingTheDataIsQuiet() throws {
        let d = try Self.lint("With $z=(x_0,x_1)$ drawn from both ends, $p_t(x_t|z)=\\mathcal{N}(x_t;a_t x_0+b_t x_1,\\sigma^2 I)$ with $a_t=1-t$.")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aMarginalWhoseMeanReadsAStateItIsNotGivenIsStillReported() throws {
        let d = try Self.lint("$$q(x_t \\mid x_0) := \\mathcal{N}(x_t; \\sqrt{\\bar\\alpha_t} x_{t-1}, (1-\\bar\\alpha_t) I)$$")
        #expect(d.map(\.code) == ["DL132"], "\(Corpus.describe(d))")
    }

    @Test func theProbabilityFlowODEInReversedTimeIsQuiet() throws {
        let d = try Self.lint("For the probability-flow ODE in reversed time $\\bar{t}$ ($d\\bar{t} = -dt$): $d\\bar{x}_t = [-f(x_t, t) + \\frac{1}{2}g^2(t)\\nabla \\log q_t(x_t)]d\\bar{t}$.")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theProbabilityFlowODEWithTheWholeScoreIsStillReported() throws {
        let d = try Self.lint("The probability-flow ODE is $dx = [f(x, t) - g(t)^2 \\nabla_x \\log p_t(x)] dt$.")
        #expect(d.map(\.code) == ["DL156"], "\(Corpus.describe(d))")
    }

    @Test func ddimInversionWithThePredictedNoiseIsQuiet() throws {
        let d = try Self.lint("""
            For $t = 1$ to $T$:
            1. $\\epsilon = \\epsilon_\\theta(\\mathbf{x}_{t-1}, t-1)$
            2. $\\mathbf{x}_t = \\sqrt{\\alpha_t}\\cdot\\frac{\\mathbf{x}_{t-1} - \\sqrt{1-\\alpha_{t-1}}\\,\\epsilon}{\\sqrt{\\alpha_{t-1}}} + \\sqrt{1-\\alpha_t}\\,\\epsilon$
            """)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aForwardStepWithTheVarianceForTheStandardDeviationIsStillReported() throws {
        let d = try Self.lint("$$x_t = \\sqrt{1-\\beta_t}\\, x_{t-1} + \\beta_t \\epsilon$$")
        #expect(!d.isEmpty, "\(Corpus.describe(d))")
    }
}

/// Quarto and R Markdown notes are Markdown whose code chunks are tagged `{python}`: their
/// formulas and chunks are judged as a Markdown note's are.
struct QuartoNoteTests {
    static func chunk(_ noise: String) -> String {
        """
        ---
        title: "Forward process"
        ---

        ```{python}
        #| echo: false
        import torch
        betas = torch.linspace(1e-4, 0.02, 1000)
        x0 = torch.zeros(4)
        noise = \(noise)
        x = torch.sqrt(1 - betas[3]) * x0 + torch.sqrt(betas[3]) * noise
        ```

        """
    }

    @Test(arguments: ["post.qmd", "post.Rmd"])
    func aPythonChunkWithGaussianNoiseIsQuiet(path: String) throws {
        let d = try NotesLinter.lint(text: Self.chunk("torch.randn_like(x0)"), path: path)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test(arguments: ["post.qmd", "post.Rmd"])
    func aPythonChunkWithUniformNoiseIsReported(path: String) throws {
        let d = try NotesLinter.lint(text: Self.chunk("torch.rand_like(x0)"), path: path)
        #expect(d.map(\.code) == ["DL201"], "\(Corpus.describe(d))")
    }

    @Test func aFormulaOfAQuartoNoteIsJudged() throws {
        let d = try NotesLinter.lint(text: "$$q(x_t|x_0) = \\mathcal{N}(x_t; \\sqrt{\\bar\\alpha_t} x_0, \\sqrt{1-\\bar\\alpha_t} I)$$\n", path: "post.qmd")
        #expect(d.map(\.code) == ["DL102"], "\(Corpus.describe(d))")
    }
}
