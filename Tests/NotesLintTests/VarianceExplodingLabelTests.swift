import CheckerCore
import Testing
@testable import NotesLint

/// A display introduced as the variance-exploding process (`x_t = x_{t−1} + √β_t·ε`, x_{t−1} not
/// scaled) is no DDPM forward step: it is not judged as one (no DL103) and the coverage says why.
/// The same display under a label that names no other process is still DDPM's step, and wrong.
struct VarianceExplodingLabelTests {
    static func lint(_ text: String) throws -> [Diagnostic] { try NotesLinter.lint(text: text + "\n", path: "ve.md") }

    static func note(label: String) -> String {
        """
        Two ways to add noise step by step, with $\\beta_t \\in (0, 1)$:

        - **Variance preserving** (DDPM):
        $$
        x_t = \\sqrt{1-\\beta_t}\\, x_{t-1} + \\sqrt{\\beta_t}\\, \\epsilon
        $$
        - \(label)
        $$
        x_t = x_{t-1} + \\sqrt{\\beta_t}\\, \\epsilon
        $$
        """
    }

    @Test(arguments: ["**Variance exploding** (SMLD):", "`Variance-Exploding` 方差爆炸：", "분산 폭발 (VE) 방식:"])
    func aDisplayIntroducedAsVarianceExplodingIsNotADDPMStep(label: String) throws {
        let d = try Self.lint(Self.note(label: label))
        #expect(!d.contains { $0.code == "DL103" }, "\(Corpus.describe(d))")
    }

    @Test func theSameDisplayUnderAnotherLabelIsStillJudged() throws {
        let d = try Self.lint(Self.note(label: "**Our forward step**:"))
        #expect(d.contains { $0.code == "DL103" }, "\(Corpus.describe(d))")
    }
}
