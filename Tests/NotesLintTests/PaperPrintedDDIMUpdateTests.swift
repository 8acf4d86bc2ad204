import CheckerCore
import Testing
@testable import NotesLint

/// A note in DDPM's notation (α_t = 1 − β_t, ᾱ_t = ∏ α_s) that quotes the DDIM update as the DDIM
/// paper prints it, with bare α and σ_t² under the root beside α_{t−1}, is right in the notation it
/// quotes (the paper's α_t is ᾱ_t): no DL112, and the coverage says why. The same quotation with
/// σ_t multiplying ε_θ instead of fresh noise is wrong in every reading and still reported.
struct PaperPrintedDDIMUpdateTests {
    static func lint(_ text: String) throws -> [Diagnostic] { try NotesLinter.lint(text: text + "\n", path: "quote.md") }

    static let preamble = """
        With $\\alpha_t = 1-\\beta_t$ and $\\bar\\alpha_t = \\prod_{s=1}^t \\alpha_s$ the marginal is $x_t = \\sqrt{\\bar\\alpha_t}\\,x_0 + \\sqrt{1-\\bar\\alpha_t}\\,\\epsilon$.

        """

    static let quoted = preamble + """
        DDIM (Song et al.) samples with
        $$
        x_{t-1} = \\sqrt{\\alpha_{t-1}}\\left(\\frac{x_t - \\sqrt{1-\\alpha_t}\\,\\epsilon_\\theta(x_t, t)}{\\sqrt{\\alpha_t}}\\right) + \\sqrt{1-\\alpha_{t-1}-\\sigma_t^2}\\,\\epsilon_\\theta(x_t, t) + \\sigma_t z
        $$
        """

    static let quotedFromEstimate = preamble + """
        Written with the predicted clean sample $\\hat x_0$:
        $$
        x_{t-1} = \\sqrt{\\alpha_{t-1}}\\,\\hat{x}_0 + \\sqrt{1-\\alpha_{t-1}-\\sigma_t^2}\\,\\epsilon_\\theta(x_t, t) + \\sigma_t \\epsilon_t
        $$
        """

    @Test(arguments: [quoted, quotedFromEstimate])
    func theUpdateAsThePaperPrintsItIsRight(note: String) throws {
        let d = try Self.lint(note)
        #expect(!d.contains { $0.code == "DL112" }, "\(Corpus.describe(d))")
    }

    @Test func theQuotationWithThePredictionAsItsNoiseIsStillFound() throws {
        let wrong = Self.quoted.replacingOccurrences("+ \\sigma_t z", "+ \\sigma_t\\,\\epsilon_\\theta(x_t, t)")
        #expect(wrong != Self.quoted)
        let d = try Self.lint(wrong)
        #expect(d.contains { $0.code == "DL112" }, "\(Corpus.describe(d))")
    }
}
