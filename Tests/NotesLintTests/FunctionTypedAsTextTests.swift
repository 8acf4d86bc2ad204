import CheckerCore
import Testing
@testable import NotesLint

/// `\text{exp}` and `\text{log}` typed as words are the functions: a row of an `align*` written
/// with them is one formula, not prose that joins it to the next row.
struct FunctionTypedAsTextTests {
    @Test func textExpIsTheExponential() {
        let source = "p(x) = \\text{exp}(-x^2/2)"
        let tokens = TexLexer.tokenize(Array(source.unicodeScalars), from: 0, to: source.unicodeScalars.count)
        #expect(tokens.contains { $0.kind == .command("exp") })
        #expect(!tokens.contains { $0.kind == .text })
    }

    @Test func rowsWrittenWithTextExpAreQuiet() throws {
        let note = """
            $$
            \\begin{align*}
            p_0(x) & = \\text{exp}\\left( -\\frac{\\|x\\|^2}{2}\\right) \\\\
            \\nabla_x \\log p_0(x) & = -x \\\\
            \\end{align*}
            $$
            """
        let d = try NotesLinter.lint(text: note + "\n", path: "text-exp.md")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }
}
