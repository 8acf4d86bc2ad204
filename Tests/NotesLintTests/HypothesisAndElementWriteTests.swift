import CheckerCore
import Testing
@testable import NotesLint

/// A formula under the row's hypothesis on the schedule, a parenthesis opened in the words and
/// closed in a formula, and a table built element by element: right forms stay quiet, their slips
/// do not.
struct HypothesisAndElementWriteTests {
    private func lint(_ text: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: text + "\n", path: "note.md")
    }

    private func lintCode(_ code: String) -> [String] {
        NotesLinter.lintPython(text: code, path: "model.py").map(\.code)
    }

    /// `if β_t = 1, then q(x_t | x_{t−1}) = N(0, I)` holds under its hypothesis; without one the
    /// same right side is a wrong forward step.
    @Test func aFormulaUnderTheRowsHypothesisOnTheSchedule() throws {
        let rows = "$$\\begin{align}\n& \\text{if} \\quad \\beta_t=1 , \\quad \\text{then} \\quad q(x_t \\mid x_{t-1})=\\mathcal{N}(0,\\textbf{I})\n\\end{align}$$"
        #expect(try lint(rows).isEmpty)
        #expect(try lint("$$q(x_t \\mid x_{t-1})=\\mathcal{N}(0,\\textbf{I})$$").map(\.code) == ["DL103"])
    }

    /// A parenthesis opened in the words before an inline formula may close inside it; a closer
    /// with nothing open before it is still reported.
    @Test func aProseParenthesisClosedInsideAFormula() throws {
        #expect(try lint("Then $x = a + \\sigma z$ (where $z \\sim \\mathcal{N}(0, I))$ holds.").isEmpty)
        #expect(try lint("Then $x = a + \\sigma z$ where $z \\sim \\mathcal{N}(0, I))$ holds.").map(\.code) == ["DL303"])
    }

    /// `ab = alphas + 0` then `ab[t] *= ab[t - 1]` in a loop: the table is ᾱ once the loop is done.
    @Test func aTableBuiltElementByElement() {
        let code = """
            import torch

            def schedule(T=1000, beta_0=1e-4, beta_T=0.02):
                beta = torch.linspace(beta_0, beta_T, T)
                alpha = 1 - beta
                alpha_bar = alpha + 0
                for t in range(1, T):
                    alpha_bar[t] *= alpha_bar[t - 1]
                return beta, alpha, alpha_bar
            """
        #expect(lintCode(code).isEmpty)
        let copied = code.replacingOccurrences(of: "    for t in range(1, T):\n        alpha_bar[t] *= alpha_bar[t - 1]\n", with: "")
        #expect(copied != code)
        #expect(lintCode(copied) == ["DL216"])
    }
}
