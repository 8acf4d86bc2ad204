import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "corrector.md")
}

/// The Langevin corrector's step size squares the ratio of the noise norm to the score norm.
struct CorrectorStepTests {
    @Test func theRatioOfNormsIsSquared() throws {
        #expect(try lint("$$\\epsilon = 2\\left(\\frac{r\\|z\\|_2}{\\|s_\\theta(x, \\sigma)\\|_2}\\right)^2$$").isEmpty)
        #expect(try lint("$$\\epsilon_i = 2\\alpha_i\\left(r\\frac{\\|z\\|}{\\|s_\\theta(x_i, \\sigma_i)\\|}\\right)^2$$").isEmpty)
        let wrong = try lint("$$\\epsilon_i = 2r\\frac{\\|z\\|_2}{\\|s_\\theta(x_i, \\sigma_i)\\|_2}$$")
        #expect(wrong.map(\.code) == ["DL121"], "\(Corpus.describe(wrong))")
    }

    /// Other ratios of norms (a relative error, a clipping factor) are not step sizes.
    @Test func otherRatiosAreLeftAlone() throws {
        #expect(try lint("$$e = \\frac{\\|x - \\hat{x}\\|}{\\|x\\|}$$").isEmpty)
        #expect(try lint("$$c = \\frac{\\|z\\|}{\\|x\\|}$$").isEmpty)
    }
}
