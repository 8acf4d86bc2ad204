import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "point-mass.md")
}

/// A state given itself has a point mass, not a density.
struct PointMassTests {
    @Test func theFirstTermOfTheBoundIsTheDecoder() throws {
        let right = "$$L_0 = -\\mathbb{E}_{q(x_1|x_0)}\\left[\\log p_\\theta(x_0|x_1)\\right]$$"
        #expect(try lint(right).isEmpty)
        // x_{t−1} at t = 1 written with the condition x_0 instead of x_1.
        let wrong = try lint("$$L_0 = \\mathbb{E}_{q(x_1|x_0)}\\left[D_{KL}(q(x_{1-1}|x_1, x_0) \\| p_\\theta(x_{1-1}|x_1))\\right]$$")
        #expect(wrong.map(\.code) == ["DL155"], "\(Corpus.describe(wrong))")
    }

    @Test func aTelescopedSumFromOneLeavesAPointMass() throws {
        let right = "$$\\sum_{t=2}^{T} \\log \\frac{q(x_t|x_0)}{q(x_{t-1}|x_0)} = \\log \\frac{q(x_T|x_0)}{q(x_1|x_0)}$$"
        #expect(try lint(right).isEmpty)
        let wrong = try lint("$$\\log \\frac{q(x_T|x_0)}{q(x_0|x_0)} = \\log q(x_T|x_0)$$")
        #expect(wrong.map(\.code) == ["DL155"], "\(Corpus.describe(wrong))")
    }

    /// Naming the point mass as δ is right, and so is a joint over a range written loosely.
    @Test func aPointMassCalledDeltaIsRight() throws {
        #expect(try lint("$$q(x_0|x_1, x_0) = \\delta(x_0)$$").isEmpty)
    }
}
