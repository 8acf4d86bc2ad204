import CheckerCore
import Testing
@testable import NotesLint

/// A chain's joint density is the product of its transitions; a sum of transitions is reported, a
/// sum of their logs and a mixture of densities are not.
struct TransitionProductTests {
    private func codes(_ text: String) throws -> [String] {
        try NotesLinter.lint(text: text + "\n", path: "note.md").map(\.code)
    }

    @Test func aSumOfTransitionsIsNoJointDensity() throws {
        #expect(try codes("$$q(x_{1:T} \\mid x_0) := \\sum_{t=1}^{T} q(x_t \\mid x_{t-1})$$") == ["DL116"])
        #expect(try codes("$$p_\\theta(x_{0:T}) = p(x_T) \\sum^T_{t=1} p_\\theta(x_{t-1} \\mid x_t)$$") == ["DL116"])
        #expect(try codes("$$q_\\sigma(x_{1:T} | x_0) = q_\\sigma(x_T | x_0) \\sum_{t=2}^{T} q_\\sigma(x_{t-1} | x_t, x_0)$$") == ["DL116"])
    }

    @Test func productsLogsAndMixturesStayQuiet() throws {
        #expect(try codes("$$q(x_{1:T} \\mid x_0) := \\prod_{t=1}^{T} q(x_t \\mid x_{t-1})$$").isEmpty)
        #expect(try codes("$$\\log q(x_{1:T} \\mid x_0) = \\sum_{t=1}^{T} \\log q(x_t \\mid x_{t-1})$$").isEmpty)
        #expect(try codes("$$p(x) = \\sum_{k=1}^{K} \\pi_k\\, p_k(x)$$").isEmpty)
        #expect(try codes("$$p(x_0) = \\sum_{y} p(x_0 \\mid y)\\, p(y)$$").isEmpty)
    }
}
