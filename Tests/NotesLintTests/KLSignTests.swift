import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "kl-sign.md")
}

/// D_KL(q ‖ p) = E_q[log q − log p]: a log-ratio and the KL it becomes keep one sign, and the name
/// of the bound keeps the sign of the bound.
struct KLSignTests {
    @Test func aLogRatioBecomesMinusTheKL() throws {
        let right = "$$\\mathbb{E}_{q}\\left[\\log \\frac{p(x_T)}{q(x_T|x_0)}\\right] = -D_{KL}(q(x_T|x_0) \\| p(x_T))$$"
        #expect(try lint(right).isEmpty)
        let inverted = "$$\\mathbb{E}_{q}\\left[\\log \\frac{q(x_T|x_0)}{p(x_T)}\\right] = D_{KL}(q(x_T|x_0) \\| p(x_T))$$"
        #expect(try lint(inverted).isEmpty)
        let wrong = try lint(right.replacingOccurrences("= -D_{KL}", "= D_{KL}"))
        #expect(wrong.map(\.code) == ["DL153"], "\(Corpus.describe(wrong))")
    }

    /// `\text{KL}` is the KL's name, not prose that ends the formula.
    @Test func aKLSetInTextIsRead() throws {
        let wrong = try lint("$$\\text{ELBO} = \\mathbb{E}_{q}\\left[\\log \\frac{p(x_T)}{q(x_T|x_0)} + \\log p_\\theta(x_0|x_1)\\right] = \\text{KL}(q(x_T|x_0), p(x_T)) + \\mathbb{E}_q[\\log p_\\theta(x_0|x_1)]$$")
        #expect(wrong.map(\.code) == ["DL153"], "\(Corpus.describe(wrong))")
        #expect(try lint("$$\\text{ELBO} = \\mathbb{E}_{q}\\left[\\log \\frac{p(x_T)}{q(x_T|x_0)} + \\log p_\\theta(x_0|x_1)\\right] = -\\text{KL}(q(x_T|x_0), p(x_T)) + \\mathbb{E}_q[\\log p_\\theta(x_0|x_1)]$$").isEmpty)
    }

    @Test func theNegativeBoundIsNotTheELBO() throws {
        let right = "$$-\\log p_\\theta(x_0) \\le \\mathbb{E}_{q}\\left[-\\log \\frac{p_\\theta(x_{0:T})}{q(x_{1:T}|x_0)}\\right] = -\\mathrm{ELBO}$$"
        #expect(try lint(right).isEmpty)
        let positive = "$$\\mathrm{ELBO} = \\mathbb{E}_{q}\\left[\\log \\frac{p_\\theta(x_{0:T})}{q(x_{1:T}|x_0)}\\right]$$"
        #expect(try lint(positive).isEmpty)
        let wrong = try lint(right.replacingOccurrences("= -\\mathrm{ELBO}", "= ELBO"))
        #expect(wrong.map(\.code) == ["DL153"], "\(Corpus.describe(wrong))")
    }
}
