import CheckerCore
import Testing
@testable import NotesLint

/// `\\alpha_{\\text{bar}_t}`: ᾱ_t spelled as code names it, the word "bar" in the subscript. It is
/// the cumulative product, so a note that defines α_t = 1 − β_t and writes its marginal with it is
/// in DDPM's notation, and its definition of α_t is not judged against the DDIM paper's (no
/// DL117). The per-step α_t in the marginal is still reported, and so is a wrong reverse step.
struct BarWrittenAsSubscriptTests {
    static func lint(_ text: String) throws -> [Diagnostic] { try NotesLinter.lint(text: text + "\n", path: "bar-word.md") }

    static let note = """
        Each step keeps a share $\\alpha_t$ of the signal, with

        $$
        \\alpha_t = 1 - \\beta_t
        $$

        and the share kept after $t$ steps is the running product

        $$
        \\alpha_{\\text{bar}_t} = \\prod_{s=0}^{t} \\alpha_s
        $$

        so a noisy sample is drawn at once:

        $$
        x_t = \\sqrt{\\alpha_{\\text{bar}_t}}\\, x_0 + \\sqrt{1 - \\alpha_{\\text{bar}_t}}\\, \\epsilon
        $$

        Denoising goes back one step with

        $$
        x_{t-1} = \\frac{1}{\\sqrt{\\alpha_t}} \\left(x_t - \\frac{1-\\alpha_t}{\\sqrt{1-\\alpha_t}}\\, \\epsilon_\\theta(x_t, t)\\right)
        $$
        """

    @Test func theWordBarInTheSubscriptIsTheCumulativeProduct() throws {
        let d = try Self.lint(Self.note)
        #expect(!d.contains { $0.code == "DL117" }, "\(Corpus.describe(d))")
        #expect(d.filter { $0.code == "DL109" }.count == 1, "\(Corpus.describe(d))")
    }

    @Test func thePerStepAlphaInTheMarginalIsStillFound() throws {
        let wrong = Self.note.replacingOccurrences("x_t = \\sqrt{\\alpha_{\\text{bar}_t}}\\, x_0", "x_t = \\sqrt{\\alpha_t}\\, x_0")
        #expect(wrong != Self.note)
        let d = try Self.lint(wrong)
        #expect(d.contains { $0.code == "DL104" }, "\(Corpus.describe(d))")
    }
}
