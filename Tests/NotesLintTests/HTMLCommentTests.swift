import CheckerCore
import Testing
@testable import NotesLint

/// Text inside `<!-- … -->` is not rendered, so it is not part of the note: neither its
/// formulas nor its code are judged.
struct HTMLCommentTests {
    static let formula = "$$x_t = \\sqrt{\\bar\\alpha_t}\\,x_0 + (1-\\bar\\alpha_t)\\,\\epsilon$$"

    @Test func aCommentedOutFormulaIsNotJudged() throws {
        let hidden = try NotesLinter.lint(text: "Draft:\n<!--\n\(Self.formula)\n-->\nDone.\n", path: "c.md")
        #expect(hidden.isEmpty, "\(Corpus.describe(hidden))")
        let shown = try NotesLinter.lint(text: "Draft:\n\n\(Self.formula)\n\nDone.\n", path: "c.md")
        #expect(shown.map(\.code) == ["DL101"], "\(Corpus.describe(shown))")
    }

    /// Only a closed comment hides text: an opener with no end hides nothing.
    @Test func anUnclosedCommentHidesNothing() throws {
        let d = try NotesLinter.lint(text: "<!-- draft\n\n\(Self.formula)\n", path: "c.md")
        #expect(d.map(\.code) == ["DL101"], "\(Corpus.describe(d))")
    }
}
