import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "s.md")
}

/// A derivation step that turns the DDIM update into DDPM's by choosing σ_t² = β̃_t (η = 1)
/// holds for that choice: the identity check does not read it as a wrong step.
struct SigmaChoiceStepTests {
    static let derivation = """
    Choosing $\\sigma_t^2 = \\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t}\\beta_t$:

    $$
    \\begin{aligned}
    x_{t-1} &= \\sqrt{\\bar\\alpha_{t-1}}\\,\\frac{x_t-\\sqrt{1-\\bar\\alpha_t}\\,\\epsilon_\\theta}{\\sqrt{\\bar\\alpha_t}} + \\sqrt{1-\\bar\\alpha_{t-1}-\\sigma_t^2}\\,\\epsilon_\\theta + \\sigma_t z \\\\
    &= \\frac{1}{\\sqrt{\\alpha_t}}\\,x_t - \\frac{\\sqrt{1-\\bar\\alpha_t}}{\\sqrt{\\alpha_t}}\\,\\epsilon_\\theta + \\frac{1-\\bar\\alpha_{t-1}}{\\sqrt{1-\\bar\\alpha_t}}\\sqrt{\\alpha_t}\\,\\epsilon_\\theta + \\sigma_t z
    \\end{aligned}
    $$
    """

    @Test func theStepUnderTheDDPMChoiceOfSigmaHolds() throws {
        let d = try lint(Self.derivation)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        // The same step with the direction term written as √(1 − ᾱ_{t−1})·√(1 − ᾱ_{t−1})·√α_t/√(1 − ᾱ_t).
        let expanded = Self.derivation.replacingOccurrences("\\frac{1-\\bar\\alpha_{t-1}}{\\sqrt{1-\\bar\\alpha_t}}\\sqrt{\\alpha_t}", "\\frac{\\sqrt{1-\\bar\\alpha_{t-1}}\\sqrt{1-\\bar\\alpha_{t-1}}\\sqrt{\\alpha_t}}{\\sqrt{1-\\bar\\alpha_t}}")
        #expect(try lint(expanded).isEmpty)
    }

    @Test func aSlipInTheStepIsStillCaught() throws {
        // The square root of 1 − ᾱ_t dropped: right for no σ_t.
        let wrong = Self.derivation.replacingOccurrences("\\frac{1-\\bar\\alpha_{t-1}}{\\sqrt{1-\\bar\\alpha_t}}\\sqrt{\\alpha_t}", "\\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t}\\sqrt{\\alpha_t}")
        let d = try lint(wrong)
        #expect(d.contains { $0.code == "DL142" }, "\(Corpus.describe(d))")
    }
}
