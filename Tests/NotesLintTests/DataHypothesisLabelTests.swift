import CheckerCore
import Testing
@testable import NotesLint

/// A display introduced by a line that states a hypothesis about the data ("if the data set is
/// the single point x_0 = 0:", "若只有一个样本且为0：") holds under that hypothesis (here x_0 is known,
/// so q(x_{t−1} | x_t) = q(x_{t−1} | x_t, x_0) and the mean has no x_0 term): it is not judged in
/// general (no DL116, DL107), and the coverage says why. The same display under a line that
/// states no hypothesis is still judged.
struct DataHypothesisLabelTests {
    static func lint(_ text: String) throws -> [Diagnostic] { try NotesLinter.lint(text: text + "\n", path: "case.md") }

    static func note(_ label: String) -> String {
        """
        The forward step is $q(x_t|x_{t-1}) = \\mathcal{N}(\\sqrt{\\alpha_t}x_{t-1}, (1-\\alpha_t)I)$ with $\\bar\\alpha_t = \\prod_{s=1}^t \\alpha_s$.

        \(label)

        $$
        q(x_{t-1}|x_t) = q(x_{t-1}|x_t, x_0) = \\mathcal{N}\\left(x_{t-1}; \\frac{\\sqrt{\\alpha_t}(1-\\bar\\alpha_{t-1})}{1-\\bar\\alpha_t}x_t, \\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t}\\beta_t I\\right)
        $$
        """
    }

    @Test(arguments: ["- Case 1: if the data set is the single point $x_0 = 0$:", "- 情况一：若只有一个样本且为0：",
                      "When $X_0$ is deterministic, $q_0(x_0) = \\delta(x_0 - c)$, then:"])
    func aDisplayUnderAHypothesisAboutTheDataIsNotJudgedInGeneral(label: String) throws {
        let d = try Self.lint(Self.note(label))
        #expect(!d.contains { $0.code == "DL116" || $0.code == "DL107" }, "\(Corpus.describe(d))")
    }

    @Test func theSameDisplayWithoutTheHypothesisIsStillJudged() throws {
        let d = try Self.lint(Self.note("- The reverse kernel then reads:"))
        #expect(d.contains { $0.code == "DL116" || $0.code == "DL107" }, "\(Corpus.describe(d))")
    }
}
