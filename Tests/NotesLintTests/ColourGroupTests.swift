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

    /// A macro of the note's own that colours (`\newcommand{\hide}{\color{white}}`) opens a colour
    /// group as `\color` does; a macro of its own that does not colour still holds its parentheses.
    @Test(arguments: [("\\color{white}", false), ("\\textcolor{gray}{#1}", false), ("\\mathbf{#1}", false), ("\\frac{1}{#1}", true)])
    func parenthesesMayCrossTheNotesOwnColourMacro(_ body: String, _ found: Bool) throws {
        let arguments = body.contains("#1") ? "[1]" : ""
        let text = """
        $$
        \\newcommand{\\hide}\(arguments){\(body)}
        a = \\exp\\Big(-\\frac{1}{2}\\big(u^2 - 2uv \\hide{+ C(u, v) \\big) \\Big)}
        $$
        """
        let d = try lint(text)
        #expect(d.contains { $0.code == "DL303" } == found, "\(Corpus.describe(d))")
    }
}
