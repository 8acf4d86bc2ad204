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
