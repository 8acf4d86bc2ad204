import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "groups.md")
}

/// What DL303 does not count as a bracket out of place: a parenthesis that crosses a group typeset
/// inline (a bold face, an underbrace, the bare group after `\log`), the `)` of a numbered row's
/// label, an emoticon in the words. Fractions and scripts still hold their parentheses, and a
/// missing or extra parenthesis is still found.
struct InlineGroupAndRowLabelTests {
    @Test func aParenthesisMayCrossABoldOrUnderbracedGroup() throws {
        let bold = "$$\\log p(\\mathbf{z | c}) = \\log p(\\mathbf{c | z}) + \\log p(\\mathbf{z}) - \\log p(\\mathbf{c)}$$"
        #expect(try lint(bold).filter { $0.code == "DL303" }.isEmpty)
        let braced = "$$\\nabla \\log p(x \\mid y) = \\underbrace{\\nabla \\log p(x)}_{\\text{prior}} + \\underbrace{\\nabla \\log p(y \\mid x}_{\\text{classifier}})$$"
        #expect(try lint(braced).filter { $0.code == "DL303" }.isEmpty)
        let logGroup = "$$\\log p_\\theta = \\log{\\pi(x_T}) - \\frac{1}{2}\\int_0^T \\sigma(t)\\,dt$$"
        #expect(try lint(logGroup).filter { $0.code == "DL303" }.isEmpty)
    }

    @Test func aParenthesisCrossingAFractionOrAnExtraOneIsStillFound() throws {
        let fraction = "$$a = \\frac{(1 - \\bar\\alpha_t}{\\beta_t)}$$"
        #expect(!(try lint(fraction)).filter { $0.code == "DL303" }.isEmpty)
        let extra = "$$q(x_t \\mid x_0)) = \\mathcal{N}(x_t; \\sqrt{\\bar\\alpha_t}\\,\\mathbf{x}_0, (1 - \\bar\\alpha_t)\\mathbf{I})$$"
        #expect(try lint(extra).filter { $0.code == "DL303" }.count == 1)
    }

    @Test func theLabelOfANumberedRowClosesNothing() throws {
        let rows = "$$\n\\begin{aligned}\n&1)\\quad x_{t-1} = \\mu_\\theta(x_t, t) \\\\\n&2)\\quad x_t = x_{t-1}\n\\end{aligned}\n$$"
        #expect(try lint(rows).filter { $0.code == "DL303" }.isEmpty)
        let stray = "$$\n\\begin{aligned}\nx &= y_1) \\\\\n&2)\\quad a = b\n\\end{aligned}\n$$"
        #expect(try lint(stray).filter { $0.code == "DL303" }.count == 1)
    }

    @Test func anEmoticonInTheWordsIsNoBracket() throws {
        let smiley = "$$\n\\begin{aligned}\na &= b &\\text{;the first term is clear :)} \\\\\nc &= d &\\text{nice ;-)}\n\\end{aligned}\n$$"
        #expect(try lint(smiley).filter { $0.code == "DL303" }.isEmpty)
        let opened = "$$\na = b \\quad \\text{(first term} \\\\\n$$"
        #expect(!(try lint(opened)).filter { $0.code == "DL303" }.isEmpty)
    }
}
