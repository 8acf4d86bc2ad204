import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "note.md")
}

/// A note may name a noise with a variance of its own (`x_{k+1} = √α_{k+1}·x_k + ε` where
/// `ε ∼ N(0, 1 − α_{k+1})`, or the two scaled variables a derivation merges): the declaration is
/// no error, and the formulas beside it are not read with a standard normal ε. A noise with a
/// mean, and a step wrong with standard noise, are still reported.
struct NoteScaledNoiseTests {
    @Test func aScaledNoiseOfTheNotesOwnIsRight() throws {
        let induction = "$$\nx_{k+1} = \\sqrt{\\alpha_{k+1}}\\, x_k + \\epsilon, \\quad \\text{where } \\epsilon \\sim \\mathcal{N}(0, 1-\\alpha_{k+1})\n$$"
        let d = try lint(induction)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let merged = "Here $z_{t-1} \\sim \\mathcal{N}(\\mathbf{0}, (1-\\alpha_t)\\mathbf{I})$ and $z_{t-2} \\sim \\mathcal{N}(\\mathbf{0}, (\\alpha_t - \\alpha_t\\alpha_{t-1})\\mathbf{I})$, so their sum has variance $1 - \\alpha_t\\alpha_{t-1}$."
        let m = try lint(merged)
        #expect(m.isEmpty, "\(Corpus.describe(m))")
    }

    @Test func aStepWrongWithStandardNoiseIsStillReported() throws {
        let wrong = "$$\nx_t = \\sqrt{1-\\beta_t}\\, x_{t-1} + \\beta_t\\epsilon, \\quad \\epsilon \\sim \\mathcal{N}(0, I)\n$$"
        #expect(try lint(wrong).map(\.code) == ["DL101"])
    }

    @Test func aNoiseWithAMeanIsStillReported() throws {
        #expect(try lint("$\\epsilon \\sim \\mathcal{N}(1, \\beta_t I)$").map(\.code) == ["DL123"])
    }
}

/// DDPM's premise: the last state forgets the data, q(x_T | x_0) ≈ q(x_T) = N(0, I), which notes
/// state with `=`. The same forms at a step t, or dropping a state other than x_0, are still wrong.
struct TerminalPriorTests {
    @Test func theLastStateAsTheStandardNormalIsRight() throws {
        let prior = "For large $T$ the data is forgotten:\n\n$$\nq(x_T|x_0) = q(x_T) = \\mathcal{N}(x_T; 0, 1)\n$$"
        let d = try lint(prior)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let bold = "$$q(\\mathbf{x}_T \\mid \\mathbf{x}_0) = \\mathcal{N}(\\mathbf{x}_T; \\mathbf{0}, \\mathbf{I})$$"
        #expect(try lint(bold).isEmpty)
    }

    @Test func theSameFormAtAStepIsStillWrong() throws {
        let atT = try lint("$$\nq(x_t|x_0) = \\mathcal{N}(x_t; 0, 1)\n$$")
        #expect(atT.map(\.code) == ["DL104"], "\(Corpus.describe(atT))")
        let previous = try lint("$$\nq(x_T|x_{T-1}) = q(x_T)\n$$")
        #expect(previous.map(\.code) == ["DL116"], "\(Corpus.describe(previous))")
    }
}

/// A paragraph is rendered as one block however its source lines are broken: inline formulas that
/// open a parenthesis on one line of it and close it on the next are balanced. Across paragraphs
/// they are not.
struct ParagraphDelimiterTests {
    static let broken = "Conditioning on $x_0$ gives\n $q(x_{t-1}|x_t$, $x_0$\n $)$\n$ = \\mathcal{N} \\big( $\n$\\tilde{\\mu}_t$,\n $\\tilde{\\beta}_t$\n$\\big)$"

    @Test func piecesOfOneParagraphBalanceTogether() throws {
        let d = try lint(Self.broken)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aBlankLineEndsTheParagraph() throws {
        let split = Self.broken.replacingOccurrences(of: "$x_0$\n $)$", with: "$x_0$\n\n $)$")
        let d = try lint(split)
        #expect(d.map(\.code) == ["DL303", "DL303"], "\(Corpus.describe(d))")
    }
}
