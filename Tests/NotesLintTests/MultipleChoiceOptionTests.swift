import CheckerCore
import Testing
@testable import NotesLint

/// The options of a multiple-choice question are candidates the reader weighs, most of them wrong
/// on purpose: a formula in one is not judged, and the coverage names the question. The same
/// formula stated as a claim, or in a list that answers no question, is judged (DL116 here).
struct MultipleChoiceOptionTests {
    static let wrongMarkov = "q(x_3 \\mid x_4, x_1) = q(x_3 \\mid x_1)"

    static func lint(_ text: String, path: String = "exam.md") throws -> [Diagnostic] {
        try NotesLinter.lint(text: text + "\n", path: path).filter { $0.code == "DL116" }
    }

    @Test(arguments: [
        "- (a) $\(wrongMarkov)$\n- (b) $q(x_3 \\mid x_4, x_1) = q(x_3 \\mid x_4)$",
        "A. $\(wrongMarkov)$\nB. $q(x_3 \\mid x_4, x_1) = q(x_3 \\mid x_4)$",
        "- [ ] $\(wrongMarkov)$\n- [ ] $q(x_3 \\mid x_4, x_1) = q(x_3 \\mid x_4)$",
    ])
    func optionsUnderAQuestionAreNotJudged(_ options: String) throws {
        let text = "Which of the following holds for any schedule?\n\n" + options
        let d = try Self.lint(text)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func latexOptionsWithBoxesAreNotJudged() throws {
        let text = """
            \\textbf{Question 1:} Which one of the following equalities is true?

            \\begin{itemize}
              \\item[\\textbf{A}] $\\square$ \\quad $\(Self.wrongMarkov)$
              \\item[\\textbf{B}] $\\square$ \\quad $q(x_3 \\mid x_4, x_1) = q(x_3 \\mid x_4)$
            \\end{itemize}
            """
        let (diagnostics, coverage) = try NotesLinter.lintWithCoverage(text: text + "\n", path: "exam.tex")
        #expect(!diagnostics.contains { $0.code == "DL116" }, "\(Corpus.describe(diagnostics))")
        #expect(coverage.notJudged.contains { $0.reason?.contains("multiple-choice question") == true })
    }

    /// Stated as a claim, or in a labelled list that answers no question, the formula is judged.
    @Test(arguments: [
        "By the Markov property, $\(wrongMarkov)$.",
        "The forward chain has two properties.\n\n- (a) $\(wrongMarkov)$\n- (b) it adds noise at every step.",
    ])
    func theFormulaOutsideAnOptionIsReported(_ text: String) throws {
        let d = try Self.lint(text)
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
