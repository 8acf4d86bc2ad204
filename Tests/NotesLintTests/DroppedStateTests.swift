import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "dropped.md")
}

/// A forward sample whose coefficients are right but whose state was left out is a constant
/// plus noise, not a sample of q.
struct DroppedStateTests {
    @Test func theMarginalWithoutTheData() throws {
        let right = "$$x_t = \\sqrt{\\bar{\\alpha}_t}\\, x_0 + \\sqrt{1 - \\bar{\\alpha}_t}\\,\\epsilon$$"
        #expect(try lint(right).isEmpty)
        let wrong = try lint(right.replacingOccurrences("\\, x_0", ""))
        #expect(wrong.map(\.code) == ["DL104"], "\(Corpus.describe(wrong))")
    }

    @Test func theOneStepKernelWithoutThePreviousState() throws {
        let right = "$$x_t = \\sqrt{\\alpha_t}\\, x_{t-1} + \\sqrt{1 - \\alpha_t}\\,\\epsilon$$"
        #expect(try lint(right).isEmpty)
        let wrong = try lint(right.replacingOccurrences("\\, x_{t-1}", ""))
        #expect(wrong.map(\.code) == ["DL103"], "\(Corpus.describe(wrong))")
    }
}
