import CheckerCore
import Testing
@testable import NotesLint

/// `q(x_t\|x_{t-1})`: a `\|` alone inside the parentheses of a density q or p is the pipe escaped
/// for Markdown, the conditioning bar, so the chain's factorisation reads as written (no DL116).
/// A wrong product bound in the same notation is still found, and a norm's pair of `\|` stays a
/// norm.
struct EscapedConditionBarTests {
    static func lint(_ text: String) throws -> [Diagnostic] { try NotesLinter.lint(text: text + "\n", path: "bar.md") }

    static let chain = """
        The forward kernel and the chain it builds:

        $$q(x_t\\|x_{t-1}) = \\mathcal{N}(x_t; \\sqrt{1-\\beta_t}\\,x_{t-1}, \\beta_t\\mathbf{I})$$

        $$q(x_{1:T}\\|x_0) = \\prod_{t=1}^T q(x_t\\|x_{t-1})$$

        $$p_\\theta(x_{0:T}) = p(x_T)\\prod_{t=1}^T p_\\theta(x_{t-1}\\|x_t)$$
        """

    @Test func anEscapedPipeInsideADensityIsItsCondition() throws {
        let d = try Self.lint(Self.chain)
        #expect(!d.contains { $0.code == "DL116" }, "\(Corpus.describe(d))")
    }

    @Test func aWrongBoundInTheSameNotationIsStillFound() throws {
        let wrong = Self.chain.replacingOccurrences("q(x_{1:T}\\|x_0) = \\prod_{t=1}^T", "q(x_{1:T}\\|x_0) = \\prod_{t=2}^T")
        #expect(wrong != Self.chain)
        let d = try Self.lint(wrong)
        #expect(d.contains { $0.code == "DL116" }, "\(Corpus.describe(d))")
    }

    @Test func aNormsPairOfBarsIsStillANorm() throws {
        let loss = Self.chain + """


            $$L_{\\text{simple}} = \\mathbb{E}\\,\\|\\epsilon - \\epsilon_\\theta(\\sqrt{1-\\beta_t}\\,x_0 + \\sqrt{\\beta_t}\\,\\epsilon, t)\\|^2$$
            """
        let d = try Self.lint(loss)
        #expect(d.contains { $0.code == "DL110" }, "\(Corpus.describe(d))")
    }
}
