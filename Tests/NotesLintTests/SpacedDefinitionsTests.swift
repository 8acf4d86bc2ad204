import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "spaced.md")
}

/// Two definitions on one line set apart by wide spacing (`\ \ \ `, `~~`, `\;\;`, `\hspace{…}`)
/// are two statements, as with `\quad`; one control space only spaces a formula.
struct SpacedDefinitionsTests {
    @Test func wideSpacingSeparatesDefinitions() throws {
        let rightForms = [
            "$$\\alpha_t \\ := \\ 1 - \\beta_t \\ \\ \\ \\ \\bar{\\alpha_t} \\ := \\ \\prod_{s=1}^t \\alpha_s$$",
            "$$\\alpha_t = 1 - \\beta_t ~~ \\bar\\alpha_t = \\prod_{i=1}^{t} \\alpha_i$$",
            "$$\\alpha_t = 1-\\beta_t \\hspace{1em} \\overline{\\alpha}_t = \\prod_{s \\le t} \\alpha_s$$",
            "$$\\alpha_t := 1 - \\beta_t \\;\\; \\bar{\\alpha}_t := \\prod_{s=1}^{t} \\alpha_s$$",
        ]
        for text in rightForms {
            let d = try lint(text)
            #expect(!d.contains { $0.code == "DL117" }, "\(text): \(Corpus.describe(d))")
        }
    }

    @Test func aWrongDefinitionBesideARightOneStillFires() throws {
        let wrong = try lint("$$\\alpha_t \\ := \\ 1 + \\beta_t \\ \\ \\ \\ \\bar{\\alpha_t} \\ := \\ \\prod_{s=1}^t \\alpha_s$$")
        #expect(wrong.contains { $0.code == "DL117" }, "\(Corpus.describe(wrong))")
        let wrongSecond = try lint("$$\\alpha_t = 1 - \\beta_t ~~ \\bar\\alpha_t = \\prod_{i=1}^{t} \\beta_i$$")
        #expect(!wrongSecond.isEmpty, "\(Corpus.describe(wrongSecond))")
    }

    @Test func singleSpacesKeepOneFormula() throws {
        // `\ ` around an operator spaces the formula: the right side is still one sum.
        let source = Array("a = b \\ + \\ c = d \\ \\ + e".unicodeScalars)
        let tokens = TexLexer.tokenize(source, from: 0, to: source.count)
        #expect(!tokens.contains { $0.kind == .separator })
    }

    @Test func printedNumbersOfAFindingDiffer() {
        let (a, b) = FormulaJudge.formatApart(0.99986, 0.9998600004)
        #expect(a != b)
        let (c, d) = FormulaJudge.formatApart(0.5, 0.25)
        #expect(c == "0.5" && d == "0.25")
    }
}
