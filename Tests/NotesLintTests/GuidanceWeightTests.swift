import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "guidance.md")
}

/// The score of a guided density follows from the density by linearity; a score with another
/// guidance weight than the density the note defined is flagged.
struct GuidanceWeightTests {
    private let reweighted = "$$\\tilde{p}(x \\mid y) \\propto p(x)\\, p(y \\mid x)^{w}$$"
    private let sharpened = "$$\\log \\tilde{p}(x \\mid y) \\propto \\log p(x \\mid y) + w \\log p(y \\mid x)$$"

    @Test func aScoreWithTheDefinedWeightIsRight() throws {
        let direct = "$$\\nabla_x \\log \\tilde{p}(x \\mid y) = \\nabla_x \\log p(x) + w \\nabla_x \\log p(y \\mid x)$$"
        #expect(try lint(reweighted + "\n\n" + direct).isEmpty)
        // The same score through Bayes' rule, with the difference of the conditional and the
        // unconditional score (the classifier-free form).
        let difference = "$$\\nabla_x \\log \\tilde{p}(x \\mid y) = \\nabla_x \\log p(x) + w\\left(\\nabla_x \\log p(x \\mid y) - \\nabla_x \\log p(x)\\right)$$"
        #expect(try lint(reweighted + "\n\n" + difference).isEmpty)
        let sharpenedScore = "$$\\nabla_x \\log \\tilde{p}(x \\mid y) = (1 + w)\\nabla_x \\log p(x \\mid y) - w \\nabla_x \\log p(x)$$"
        #expect(try lint(sharpened + "\n\n" + sharpenedScore).isEmpty)
    }

    @Test func aScoreWithAnotherWeightIsFlagged() throws {
        let difference = "$$\\nabla_x \\log \\tilde{p}(x \\mid y) = \\nabla_x \\log p(x) + w\\left(\\nabla_x \\log p(x \\mid y) - \\nabla_x \\log p(x)\\right)$$"
        let found = try lint(sharpened + "\n\n" + difference)
        #expect(found.map(\.code) == ["DL151"], "\(Corpus.describe(found))")
        #expect(found.first?.fix?.contains("(1 + w)") == true)
    }

    /// Without a definition of p̃ in the note, or with a score of something else, there is nothing
    /// to compare.
    @Test func withoutADefinitionNothingIsCompared() throws {
        let difference = "$$\\nabla_x \\log \\tilde{p}(x \\mid y) = \\nabla_x \\log p(x) + s\\left(\\nabla_x \\log p(x \\mid y) - \\nabla_x \\log p(x)\\right)$$"
        #expect(try lint(difference).isEmpty)
        let other = "$$\\nabla_x \\log p(x \\mid y) = \\nabla_x \\log p(x) + \\nabla_x \\log p(y \\mid x)$$"
        #expect(try lint(sharpened + "\n\n" + other).isEmpty)
    }
}
