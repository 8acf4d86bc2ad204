import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "levels.md")
}

/// Statements about the ends of the noise schedule are held to the order the note declares.
struct NoiseLevelOrderTests {
    private let descending = "The noise levels satisfy $\\sigma_1 > \\sigma_2 > \\cdots > \\sigma_L$.\n\n"
    private let ascending = "The noise levels satisfy $\\sigma_1 < \\sigma_2 < \\cdots < \\sigma_L$.\n\n"

    @Test func theEndsAreNamedByTheDeclaredOrder() throws {
        let right = descending + "- $\\sigma_1$ (the largest noise): explores the whole space\n- $\\sigma_L$ (the smallest noise): close to the data\n"
        #expect(try lint(right).isEmpty)
        let swapped = try lint(descending + "- $\\sigma_L$ (the largest noise): explores the whole space\n")
        #expect(swapped.map(\.code) == ["DL152"], "\(Corpus.describe(swapped))")
        // The same sentence is right under the ascending order.
        #expect(try lint(ascending + "- $\\sigma_L$ (the largest noise): explores the whole space\n").isEmpty)
        let japanese = try lint(descending + "1. $\\sigma_1$ (最小ノイズ): 細部を仕上げる\n")
        #expect(japanese.map(\.code) == ["DL152"], "\(Corpus.describe(japanese))")
    }

    @Test func annealingRunsFromTheLargestLevelDown() throws {
        let right = descending + "Sampling anneals the noise from $\\sigma_1$ to $\\sigma_L$, decreasing it step by step.\n"
        #expect(try lint(right).isEmpty)
        let reversed = try lint(descending + "Sampling anneals $\\sigma_L \\to \\sigma_1$, decreasing the noise step by step.\n")
        #expect(reversed.map(\.code) == ["DL152"], "\(Corpus.describe(reversed))")
        #expect(try lint(ascending + "Sampling anneals $\\sigma_L \\to \\sigma_1$, decreasing the noise step by step.\n").isEmpty)
    }

    /// Without a declared order, or with two different ones, the statements are not judged.
    @Test func withoutOneDeclaredOrderNothingIsJudged() throws {
        let claim = "- $\\sigma_L$ (the largest noise): explores the whole space\n"
        #expect(try lint(claim).isEmpty)
        #expect(try lint(descending + ascending + claim).isEmpty)
    }
}
