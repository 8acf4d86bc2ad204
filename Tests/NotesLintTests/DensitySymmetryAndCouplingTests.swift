import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "densities.md")
}

/// Two statements between densities that are no identity of one chain: a symmetric proposal
/// kernel, q(x' | x) = q(x | x') (DL131), and a coupling named by its own subscript and defined
/// as a product of marginals (DL116). Bayes' rule written upside down is still found.
struct DensitySymmetryAndCouplingTests {
    @Test func aSymmetricProposalIsNoIdentityBetweenVariables() throws {
        let text = "When the proposal is symmetric, $q(x' \\mid x) = q(x \\mid x')$, the ratio of proposals cancels."
        #expect(try lint(text).filter { $0.code == "DL131" }.isEmpty)
    }

    @Test func anIndependentCouplingIsADefinition() throws {
        let text = "With the independent coupling $p_{0 \\times 1}(x_0, x_1) = p_0(x_0) p_1(x_1)$ the paths cross."
        #expect(try lint(text).filter { $0.code == "DL116" }.isEmpty)
    }

    @Test func bayesRuleUpsideDownIsStillFound() throws {
        let text = "$$q(x_{t-1} \\mid x_t, x_0) = q(x_t \\mid x_{t-1}, x_0)\\frac{q(x_t \\mid x_0)}{q(x_{t-1} \\mid x_0)}$$"
        #expect(!(try lint(text)).filter { $0.code == "DL131" }.isEmpty)
    }
}
