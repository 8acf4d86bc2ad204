import CheckerCore
import Testing
@testable import NotesLint

/// A range typed half in the words and half in the formula, `[$10^{-4}, 0.02]$`, renders as one
/// balanced bracket. The bracket opened before the `$` takes the closer the formula has too many;
/// a closer with no opener in the words before it is still reported.
struct ProseBracketBeforeFormulaTests {
    static func lint(_ text: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: text + "\n", path: "n.md")
    }

    static func delimiterFindings(_ text: String) throws -> [Diagnostic] {
        try lint(text).filter { $0.code == "DL303" }
    }

    @Test func aBracketOpenedBeforeTheDollarClosesInsideTheFormula() throws {
        let d = try Self.delimiterFindings("The variances grow linearly over [$10^{-4}, 0.02]$ in the paper.")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aFullWidthBracketInChineseProseCountsToo() throws {
        let d = try Self.delimiterFindings("方差的取值范围是［$10^{-4}, 0.02]$，逐步增大。")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// The interval may also be half-open, as inside a formula.
    @Test func aParenthesisOpenedBeforeTheDollarMayCloseWithABracket() throws {
        let d = try Self.delimiterFindings("The time is drawn from ($0, 1]$ uniformly.")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aStrayBracketWithNoOpenerInTheWordsIsReported() throws {
        let d = try Self.delimiterFindings("The variances grow linearly over $10^{-4}, 0.02]$ in the paper.")
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    /// A bracket the words open and close themselves has nothing left to give.
    @Test func aBracketClosedInTheWordsTakesNothing() throws {
        let d = try Self.delimiterFindings("See [the paper] for the range $10^{-4}, 0.02]$ of the variances.")
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    /// An escaped brace is a set's brace, never the other half of a parenthesis in the words.
    @Test func aStrayEscapedBraceIsNotTakenByAParenthesisInTheWords() throws {
        let d = try Self.delimiterFindings("The support (the set $x_1, x_2 \\}$ here) is finite.")
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
