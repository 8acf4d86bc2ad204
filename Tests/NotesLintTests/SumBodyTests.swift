import CheckerCore
import Testing
@testable import NotesLint

/// What a sum or product runs over: the factors after its first that still read the running
/// index are its body (`∑_t ᾱ_T/ᾱ_t·(1 − α_t)`), and inside it `ᾱ_{t−1}` is the term before the
/// running one, not the step the formula is probed at. A factor that does not read the index
/// (`∏_s √α_s · x_0`) multiplies the whole product.
struct SumBodyTests {
    static func lint(_ text: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: text + "\n", path: "n.md")
    }

    /// The variance of the noise x_T collects, summed and telescoped to 1 − ᾱ_T.
    static let telescoping = """
        $$
        \\begin{aligned}
        \\mathrm{Var}(\\bar\\epsilon) &= \\frac{1}{1-\\bar{\\alpha}_T}\\sum_{t=1}^T \\frac{\\bar{\\alpha}_T}{\\bar{\\alpha}_t}(1-\\alpha_t) \\\\
        &= \\frac{1}{1-\\bar{\\alpha}_T}\\sum_{t=1}^T \\Big(\\frac{\\bar{\\alpha}_T}{\\bar{\\alpha}_t} - \\frac{\\bar{\\alpha}_T}{\\bar{\\alpha}_{t-1}}\\Big) \\\\
        &= \\frac{1}{1-\\bar{\\alpha}_T}\\Big(\\frac{\\bar{\\alpha}_T}{\\bar{\\alpha}_T} - \\frac{\\bar{\\alpha}_T}{\\bar{\\alpha}_0}\\Big) = 1
        \\end{aligned}
        $$
        """

    @Test func aTelescopingSumOverTIsQuiet() throws {
        let d = try Self.lint(Self.telescoping)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aTelescopingSumWithItsTermsSwappedIsFound() throws {
        let wrong = Self.telescoping.replacingOccurrences(
            of: "\\Big(\\frac{\\bar{\\alpha}_T}{\\bar{\\alpha}_t} - \\frac{\\bar{\\alpha}_T}{\\bar{\\alpha}_{t-1}}\\Big)",
            with: "\\Big(\\frac{\\bar{\\alpha}_T}{\\bar{\\alpha}_{t-1}} - \\frac{\\bar{\\alpha}_T}{\\bar{\\alpha}_t}\\Big)")
        #expect(try Self.lint(wrong).map(\.code) == ["DL124"])
    }

    /// √α_s runs with s; x_0 does not, so the mean is (∏ √α_s)·x_0 = √ᾱ_t·x_0.
    @Test func aFactorWithoutTheIndexStaysOutsideTheProduct() throws {
        let right = "$$q(x_t|x_0) = \\mathcal{N}(x_t; \\prod_{s=1}^t \\sqrt{\\alpha_s}\\, x_0, (1 - \\prod_{s=1}^t \\alpha_s) I)$$"
        #expect(try Self.lint(right).isEmpty)
        let wrong = right.replacingOccurrences(of: "\\sqrt{\\alpha_s}", with: "\\alpha_s")
        #expect(try Self.lint(wrong).map(\.code) == ["DL104"])
    }

    /// The DDIM paper writes no ᾱ: a note in its notation that quotes DDPM's weight, in DDPM's
    /// symbols, is judged in them too. A wrong weight is wrong in both. (The right weight here was
    /// quiet before that reading too; the form that needed it is a note of the development corpus.)
    @Test func ddpmsWeightQuotedInADDIMNoteIsQuiet() throws {
        let note = """
            $$q(x_t|x_0) = \\mathcal{N}(x_t; \\sqrt{\\alpha_t}x_0, (1-\\alpha_t)I)$$

            $$x_{t-1} = \\sqrt{\\alpha_{t-1}}\\left(\\frac{x_t - \\sqrt{1-\\alpha_t}\\epsilon_\\theta(x_t)}{\\sqrt{\\alpha_t}}\\right) + \\sqrt{1-\\alpha_{t-1}-\\sigma_t^2}\\,\\epsilon_\\theta(x_t) + \\sigma_t\\epsilon_t$$

            $$L = \\sum^T_{t=1}\\frac{\\beta_t^2}{2\\sigma_t^2\\cdot\\alpha_t\\cdot(1-\\bar{\\alpha}_t)}\\mathbb{E}\\bigg[\\big\\lVert \\epsilon_t - \\epsilon^{(t)}_\\theta(\\mathbf{x}_t)\\big\\rVert^2_2\\bigg] \\quad \\text{DDPM}$$
            """
        let d = try Self.lint(note)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let wrong = note.replacingOccurrences(of: "\\frac{\\beta_t^2}", with: "\\frac{\\beta_t}")
        #expect(try Self.lint(wrong).map(\.code) == ["DL120"])
    }
}
