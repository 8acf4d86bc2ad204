import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "both-alphas.md")
}

/// A note read in the DDIM paper's notation (α_t is DDPM's ᾱ_t) may still quote DDPM's reverse
/// step, which writes both α_t and ᾱ_t: the paper's notation has no ᾱ, so such a formula is
/// judged in DDPM's reading, where it is right. A wrong weight in it is still found.
struct BothAlphasReadAsDDPMTests {
    static let note = """
        In the DDIM paper's notation the forward marginal is
        Here $\\alpha_t = \\prod_{s=1}^{t}(1-\\beta_s)$.
        $$x_t = \\sqrt{\\alpha_t} x_0 + \\sqrt{1-\\alpha_t}\\,\\epsilon$$
        and a deterministic step is
        $$x_{t-1} = \\sqrt{\\alpha_{t-1}}\\left(\\frac{x_t - \\sqrt{1-\\alpha_t}\\,\\epsilon_\\theta(x_t, t)}{\\sqrt{\\alpha_t}}\\right) + \\sqrt{1-\\alpha_{t-1}}\\,\\epsilon_\\theta(x_t, t)$$
        The DDPM sampler, for comparison:
        $$x_{t-1} = \\frac{1}{\\sqrt{\\alpha_t}}\\left(x_t - \\frac{1-\\alpha_t}{\\sqrt{1-\\bar{\\alpha}_t}}\\epsilon_\\theta(x_t, t)\\right) + \\sigma_t z$$
        """

    @Test func ddpmsStepQuotedInADDIMNoteIsRight() throws {
        let d = try lint(Self.note)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aWrongWeightInTheQuotedStepIsStillFound() throws {
        let wrong = Self.note.replacingOccurrences("\\frac{1-\\alpha_t}{\\sqrt{1-\\bar{\\alpha}_t}}", "\\frac{1-\\alpha_t}{1-\\bar{\\alpha}_t}")
        #expect(wrong != Self.note)
        let d = try lint(wrong)
        #expect(!d.isEmpty, "\(Corpus.describe(d))")
    }
}
