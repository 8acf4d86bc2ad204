import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "colour.md")
}

/// A brace group that only colours part of a formula is not a level of the formula: a parenthesis
/// may open before it and close inside it. Other brace groups still hold their parentheses.
struct ColourGroupTests {
    @Test func parenthesesMayCrossAColourGroup() throws {
        let coloured = "$$a = \\exp\\Big(-\\frac{1}{2}\\big(u^2 - 2uv \\color{blue}{+ v^2 \\big) \\Big)}$$"
        let d = try lint(coloured)
        #expect(!d.contains { $0.code == "DL303" }, "\(Corpus.describe(d))")
        let switched = "$$a = \\exp\\Big(-\\frac{1}{2}\\big(u^2 - 2uv {\\color{blue} + v^2 \\big) \\Big)}$$"
        let e = try lint(switched)
        #expect(!e.contains { $0.code == "DL303" }, "\(Corpus.describe(e))")
        let plainGroup = try lint("$$a = \\exp\\Big(-\\frac{1}{2}\\big(u^2 - 2uv {+ v^2 \\big) \\Big)}$$")
        #expect(plainGroup.contains { $0.code == "DL303" }, "\(Corpus.describe(plainGroup))")
    }
}
