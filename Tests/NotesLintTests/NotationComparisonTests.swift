import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "n.md")
}

/// A note that writes ᾱ keeps DDPM's two symbols, also where it borrows the DDIM paper's
/// typesetting ε_θ^{(t)}, and a sentence that maps one paper's symbols onto the other's is no
/// definition of the note's own.
struct NotationComparisonTests {
    /// The DDPM reverse step derived from the DDIM update, typeset as the DDIM paper does.
    static let derivation = """
    With $\\bar\\alpha_t = \\alpha_1\\alpha_2\\cdots\\alpha_t$ throughout:

    $$
    x_{t-1} = \\frac{1}{\\sqrt{\\alpha_t}}\\left(x_t - \\frac{1-\\alpha_t}{\\sqrt{1-\\bar\\alpha_t}}\\epsilon_\\theta^{(t)}(x_t)\\right) + \\sigma_t z
    $$
    """

    @Test func aReverseStepWithBarredAlphaIsReadInDDPMNotation() throws {
        #expect(try lint(Self.derivation).isEmpty)
        // The same step with β_t and the label written as a superscript after θ.
        let withBeta = Self.derivation.replacingOccurrences("\\frac{1-\\alpha_t}", "\\frac{\\beta_t}")
            .replacingOccurrences("\\epsilon_\\theta^{(t)}(x_t)", "\\epsilon^{(t)}_\\theta")
        #expect(try lint(withBeta).isEmpty)
    }

    @Test func aWrongReverseStepIsStillCaughtAndNamesDDPMsReading() throws {
        let wrong = Self.derivation.replacingOccurrences("{\\sqrt{1-\\bar\\alpha_t}}\\epsilon", "{1-\\bar\\alpha_t}\\epsilon")
        let d = try lint(wrong)
        #expect(d.map(\.code) == ["DL109"], "\(Corpus.describe(d))")
        #expect(d.allSatisfy { !$0.message.contains("DDIM paper") }, "\(Corpus.describe(d))")
    }

    /// `α_t = ᾱ_t` set beside the papers' names is a dictionary, not a cumulative α of the note.
    static let dictionary = """
    The DDIM paper writes $\\alpha_t = \\bar\\alpha_t$ for what DDPM calls the cumulative product; here the symbols are DDPM's.

    $$x_{t-1} = \\frac{1}{\\sqrt{\\alpha_t}}\\left(x_t - \\frac{1-\\alpha_t}{\\sqrt{1-\\bar\\alpha_t}}\\epsilon_\\theta(x_t, t)\\right) + \\sigma_t z$$
    """

    @Test func aNotationDictionaryDoesNotSetTheReading() throws {
        let d = try lint(Self.dictionary)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let (_, coverage) = try NotesLinter.lintWithCoverage(text: Self.dictionary, path: "n.md")
        #expect(coverage.reading.hasPrefix("DDPM"))
        // Korean prose around the same dictionary.
        let korean = Self.dictionary.replacingOccurrences("The DDIM paper writes", "DDIM 논문의 표기로").replacingOccurrences("for what DDPM calls the cumulative product; here the symbols are DDPM's.", "입니다. 여기서는 DDPM 표기를 씁니다.")
        #expect(try lint(korean).isEmpty)
    }

    @Test func aWrongStepAfterADictionaryIsStillCaught() throws {
        let wrong = Self.dictionary.replacingOccurrences("\\frac{1}{\\sqrt{\\alpha_t}}", "\\frac{1}{\\alpha_t}")
        #expect(try lint(wrong).map(\.code) == ["DL109"])
    }
}

/// A note that defines DDPM's ᾱ and then writes DDIM in the paper's α uses both readings; a chain
/// of schedule quantities right in the paper's reading is right (DL124 depends on the reading too).
struct MixedReadingChainTests {
    static let note = """
    DDPM: $\\bar\\alpha_t = \\prod_{s=1}^t \\alpha_s$ and $\\alpha_t = 1 - \\beta_t$.

    In the DDIM paper's notation the marginal is

    $$q(x_t|x_0) = \\mathcal{N}(x_t; \\sqrt{\\alpha_t}x_0, (1-\\alpha_t)I)$$

    and the deterministic update is

    $$x_{t-1} = \\sqrt{\\alpha_{t-1}}\\frac{x_t - \\sqrt{1-\\alpha_t}\\epsilon_\\theta(x_t, t)}{\\sqrt{\\alpha_t}} + \\sqrt{1-\\alpha_{t-1}}\\epsilon_\\theta(x_t, t)$$

    With $\\sigma_t^2 = \\tilde\\beta_t$:

    """

    @Test func aChainRightInThePapersReadingIsRight() throws {
        let right = Self.note + "$$\\tilde\\beta_t = \\frac{1-\\alpha_{t-1}}{1-\\alpha_t}\\beta_t = \\frac{1-\\alpha_{t-1}}{1-\\alpha_t}\\left(1-\\frac{\\alpha_t}{\\alpha_{t-1}}\\right)$$\n"
        let d = try lint(right)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        // Wrong in both readings: the ratio inverted. Only the wrong side is reported; the first side,
        // right in the paper's reading, is not.
        let wrong = right.replacingOccurrences(of: "1-\\frac{\\alpha_t}{\\alpha_{t-1}}", with: "1-\\frac{\\alpha_{t-1}}{\\alpha_t}")
        let w = try lint(wrong)
        #expect(w.map(\.code).sorted() == ["DL106", "DL124"], "\(Corpus.describe(w))")
        #expect(w.allSatisfy { ($0.location?.column ?? 0) > 40 }, "\(Corpus.describe(w))")
    }
}

/// A note in Su's notation (α_t² + β_t² = 1) that first restates the DDIM paper in the paper's own α
/// uses both readings: the paper's formulas are right in its reading, and a formula wrong in every
/// reading the note uses is still reported.
struct SuNoteQuotingThePaperTests {
    static let note = """
    In the DDIM paper $\\alpha_t$ stands for DDPM's $\\bar\\alpha_t$:

    $$q(x_t|x_0) = \\mathcal{N}(x_t; \\sqrt{\\alpha_t}x_0, (1-\\alpha_t)I)$$

    $$x_{t-1} = \\sqrt{\\alpha_{t-1}}\\left(\\frac{x_t - \\sqrt{1-\\alpha_t}\\epsilon_\\theta(x_t)}{\\sqrt{\\alpha_t}}\\right) + \\sqrt{1-\\alpha_{t-1}-\\sigma_t^2}\\,\\epsilon_\\theta(x_t) + \\sigma_t\\epsilon$$

    Su writes the chain with $\\alpha_t^2 + \\beta_t^2 = 1$ and $x_t = \\alpha_t x_{t-1} + \\beta_t\\varepsilon_t$, so that

    $$x_t = \\bar\\alpha_t x_0 + \\bar\\beta_t\\bar\\varepsilon_t,\\quad \\bar\\alpha_t = \\alpha_1\\cdots\\alpha_t,\\quad \\bar\\beta_t = \\sqrt{1-\\bar\\alpha_t^2}$$

    """

    @Test func thePapersFormulasAreRightInItsReading() throws {
        let d = try lint(Self.note)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aMarginalWrongInEveryReadingIsReported() throws {
        let wrong = Self.note.replacingOccurrences(of: "(1-\\alpha_t)I)", with: "(1-\\alpha_t^2)I)")
        let d = try lint(wrong)
        #expect(d.map(\.code) == ["DL104"], "\(Corpus.describe(d))")
    }
}
