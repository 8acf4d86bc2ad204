import CheckerCore
import Testing
@testable import NotesLint

/// `x_{t−1} = x_t + ½β_t·x_t + β_t·∇log p + √β_t·z` and `(2 − √(1 − β_t))·x_t + β_t·∇log p + √β_t·z`
/// are the reverse VP SDE discretised (score SDE's reverse-diffusion and ancestral predictors):
/// right to first order in β_t, so not reported (DL109) although they differ from
/// (x_t + β_t·∇log p)/√α_t in the fifth digit. A drift twice too large, or half the score, is still
/// reported.
struct ReverseVPEulerStepTests {
    static func lint(_ text: String) throws -> [Diagnostic] { try NotesLinter.lint(text: text + "\n", path: "vp.md") }

    static let preamble = """
        The noising kernel is $q(x_t|x_{t-1}) = \\mathcal{N}(\\sqrt{1-\\beta_t}\\,x_{t-1}, \\beta_t I)$.

        """

    static let eulerInline = preamble + """
        Discretised backwards one step at a time: $x_{t-1} = x_t + \\tfrac{1}{2}\\beta_t x_t + \\beta_t \\nabla_x \\log p_t(x_t) + \\sqrt{\\beta_t}\\, z$.
        """

    static let ancestralDisplay = preamble + """
        $$
        x_{t-1} = \\left(2 - \\sqrt{1-\\beta_t}\\right) x_t + \\beta_t\\, s_\\theta(x_t, t) + \\sqrt{\\beta_t}\\, z_t
        $$
        """

    @Test(arguments: [eulerInline, ancestralDisplay])
    func aFirstOrderReverseStepIsRight(note: String) throws {
        let d = try Self.lint(note)
        #expect(!d.contains { $0.code == "DL109" }, "\(Corpus.describe(d))")
    }

    @Test func aDriftTwiceTooLargeIsStillFound() throws {
        let wrong = Self.eulerInline.replacingOccurrences("\\tfrac{1}{2}\\beta_t x_t", "\\beta_t x_t")
        #expect(wrong != Self.eulerInline)
        let d = try Self.lint(wrong)
        #expect(d.contains { $0.code == "DL109" }, "\(Corpus.describe(d))")
    }

    @Test func halfTheScoreIsStillFound() throws {
        let wrong = Self.ancestralDisplay.replacingOccurrences("\\beta_t\\, s_\\theta", "\\tfrac{1}{2}\\beta_t\\, s_\\theta")
        #expect(wrong != Self.ancestralDisplay)
        let d = try Self.lint(wrong)
        #expect(d.contains { $0.code == "DL109" }, "\(Corpus.describe(d))")
    }
}
