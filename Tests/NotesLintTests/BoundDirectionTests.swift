import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "bound.md")
}

/// log p_θ(x_0) = ELBO + KL ≥ ELBO: the log-likelihood sits above the ELBO, its negative below
/// the negative ELBO, whichever way the chain is written.
struct BoundDirectionTests {
    @Test func theLikelihoodIsAboveTheBound() throws {
        let right = "$$\\log p_\\theta(x_0) \\geq \\mathbb{E}_{q}\\left[\\log p_\\theta(x_{0:T}) - \\log q(x_{1:T}|x_0)\\right]$$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("\\geq", "\\leq")
        #expect(try lint(wrong).map(\.code) == ["DL125"])
    }

    /// The negative log-likelihood with the bound as a log-ratio q/p: the order flips with the sign.
    @Test func theNegativeLikelihoodIsBelowTheNegativeBound() throws {
        let right = "$$-\\log p_\\theta(x_0) \\le \\mathbb{E}_q\\left[\\log \\frac{q(x_{1:T}|x_0)}{p_\\theta(x_{0:T})}\\right]$$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("\\le ", "\\ge ")
        #expect(try lint(wrong).map(\.code) == ["DL125"])
    }

    /// Maximising over θ on both sides keeps the direction; the max is read through.
    @Test func maximisedSidesKeepTheDirection() throws {
        let right = "$$\\max_\\theta \\mathbb{E}_{q(x_0)}[\\log p_\\theta(x_0)] \\ge \\max_{\\theta} \\mathbb{E}_{q(x_{0:T})}[\\log p_\\theta(x_{0:T}) - \\log q(x_{1:T}|x_0)]$$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("\\ge", "\\le")
        #expect(try lint(wrong).map(\.code) == ["DL125"])
    }

    /// A derivation whose equalities carry the KL term, then drops it with an inequality: only the
    /// step that drops it states the bound, and only there is it judged.
    @Test func aDerivationIsJudgedWhereItDropsTheKL() throws {
        let right = """
        $$\\begin{aligned} \\log p(x_0) &= \\mathbb{E}_{q}[\\log p(x_{0:T}) - \\log q(x_{1:T}|x_0)] + D_{KL}(q(x_{1:T}|x_0) \\| p(x_{1:T}|x_0)) \\\\
        &\\ge \\mathbb{E}_{q}[\\log p(x_{0:T}) - \\log q(x_{1:T}|x_0)] \\end{aligned}$$
        """
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("&\\ge", "&\\le")
        let d = try lint(wrong)
        #expect(d.map(\.code) == ["DL125"] && d.first?.location?.line == 2, "\(Corpus.describe(d))")
    }

    /// A bound by the log-likelihood of the data given the latents (a decoder term, the masked-token
    /// bound of discrete diffusion) keeps the sign of log p_θ; a minus sign in front of the average
    /// turns it into a cross-entropy, which is ≥ 0 and bounds nothing.
    @Test func aReconstructionBoundKeepsTheSignOfTheLogLikelihood() throws {
        let right = "$$\\mathbb{E}[\\log p_\\theta(x_0)] \\geq \\mathbb{E}_{t, x_t}\\left[\\frac{1}{t}\\sum_{i=1}^{L} \\mathbb{1}\\{x_t^i = m\\} \\log p_\\theta(x_0^i \\mid x_t)\\right]$$"
        #expect(try lint(right).isEmpty)
        let negated = "$$-\\log p_\\theta(x_0) \\le -\\mathbb{E}_{x_1 \\sim q(x_1|x_0)}[\\log p_\\theta(x_0 \\mid x_1)] + D_{KL}(q(x_T|x_0) \\| p(x_T))$$"
        #expect(try lint(negated).isEmpty)
        let wrong = try lint(right.replacingOccurrences("\\geq \\mathbb{E}_{t", "\\le -\\mathbb{E}_{t"))
        #expect(wrong.map(\.code) == ["DL125"], "\(Corpus.describe(wrong))")
    }
}
