import CheckerCore
import Testing
@testable import NotesLint

/// Values a note gives its symbols: σ² set to the posterior variance by completing the square,
/// β set to a number in a worked example. Formulas written with them are judged with those values;
/// without them the same formulas are still found. And a delimiter left open inside sized brackets
/// is named as the one left open.
struct NoteGivenValuesTests {
    static func lint(_ text: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: text + "\n", path: "n.md")
    }

    static let completedSquare = """
        Completing the square gives the variance

        $$\\sigma^{2} = \\frac{1 - \\bar \\alpha_{t-1}}{1 - \\bar \\alpha_{t}} \\beta_{t}$$

        and the mean

        $$\\mu = (\\frac{\\sqrt{\\alpha_t}}{\\beta_{t}} x_t + \\frac{\\sqrt{\\bar \\alpha_{t-1}}}{1 - \\bar \\alpha_{t-1}} x_0) \\cdot \\sigma^{2}$$
        $$= \\frac{\\sqrt{\\alpha_t} (1 - \\bar \\alpha_{t-1}) x_t + \\beta_{t} \\sqrt{\\bar \\alpha_{t-1}} x_0}{1 - \\bar \\alpha_{t}}$$
        """

    /// μ written as (…)·σ² after σ² = β̃_t is the posterior mean.
    @Test func aMeanWrittenWithTheNotesSigmaIsQuiet() throws {
        let d = try Self.lint(Self.completedSquare)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// A wrong coefficient in it is still found.
    @Test func aWrongMeanWithTheNotesSigmaIsFound() throws {
        let wrong = Self.completedSquare.replacingOccurrences("\\frac{\\sqrt{\\bar \\alpha_{t-1}}}{1 - \\bar \\alpha_{t-1}} x_0) \\cdot", "\\frac{\\sqrt{\\bar \\alpha_{t}}}{1 - \\bar \\alpha_{t-1}} x_0) \\cdot")
        #expect(wrong != Self.completedSquare)
        let d = try Self.lint(wrong)
        #expect(d.map(\.code).contains("DL107"), "\(Corpus.describe(d))")
    }

    /// Without σ² = β̃_t, σ is DDIM's free σ_t, and (…)·σ² is no kernel mean for every σ_t.
    @Test func withoutTheDefinitionSigmaStaysFree() throws {
        let undefined = Self.completedSquare.replacingOccurrences("$$\\sigma^{2} = \\frac{1 - \\bar \\alpha_{t-1}}{1 - \\bar \\alpha_{t}} \\beta_{t}$$", "")
        #expect(undefined != Self.completedSquare)
        let d = try Self.lint(undefined)
        #expect(d.map(\.code).contains("DL107"), "\(Corpus.describe(d))")
    }

    /// A note that also writes DDIM's √(1 − ᾱ_{t−1} − σ_t²) keeps σ_t free.
    @Test func aNoteWithDDIMsSigmaKeepsItFree() {
        let judge = FormulaJudge(convention: .ddpm)
        func chains(_ tex: String) -> [FormulaChain] {
            let s = Array(tex.unicodeScalars)
            return FormulaReader.chains(of: TexLexer.tokenize(s, from: 0, to: s.count))
        }
        let ddim = chains("x_{t-1} = \\sqrt{\\bar\\alpha_{t-1}}\\hat x_0 + \\sqrt{1-\\bar\\alpha_{t-1}-\\sigma_t^2}\\,\\epsilon_\\theta")
        let definition = chains("\\sigma_t^2 = \\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t}\\beta_t")
        #expect(judge.definesSigmaAsPosteriorVariance(definition))
        #expect(!judge.definesSigmaAsPosteriorVariance(definition + ddim))
        let otherChoice = chains("\\sigma_t^2 = \\beta_t")
        #expect(!judge.definesSigmaAsPosteriorVariance(definition + otherChoice))
    }

    /// "With β = 0.01, x_t = 0.995·x_{t−1} + 0.1·ε": a worked example under its own β.
    @Test func aWorkedExampleUnderItsOwnBetaIsQuiet() throws {
        let d = try Self.lint("$\\beta = 0.01$の値を設定した場合、$x_t = 0.995x_{t-1}+0.1\\epsilon$となる。")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let english = try Self.lint("When $\\beta = 0.01$, the step is $x_t = 0.995x_{t-1}+0.1\\epsilon$.")
        #expect(english.isEmpty, "\(Corpus.describe(english))")
    }

    /// The same numbers claimed for the schedule's step are found.
    @Test func theNumbersWithoutTheHypothesisAreFound() throws {
        let d = try Self.lint("The forward step is $x_t = 0.995x_{t-1}+0.1\\epsilon$.")
        #expect(d.map(\.code).contains("DL103"), "\(Corpus.describe(d))")
    }

    /// `\left[ … \left[ … \mu_q(x_t, x_0\|^2 \right] \right]`: the '(' is the delimiter left open.
    @Test func theParenthesisLeftOpenInsideSizedBracketsIsNamed() throws {
        let d = try Self.lint("$$J = \\mathbb{E}\\left[\\mathbb{E}_{q}\\left[\\frac{1}{2}\\|\\mu_\\theta(x_t,t)-\\mu_q(x_t,x_0\\|^2\\right]\\right]$$")
        #expect(d.count == 1 && d.first?.message == "'(' is never closed", "\(Corpus.describe(d))")
        #expect(d.first?.location?.column == 79, "\(Corpus.describe(d))")  // the `(` of μ_q
    }

    /// `\{` is named as written.
    @Test func anEscapedBraceIsNamedAsWritten() throws {
        let d = try Self.lint("Here $\\phi = \\{\\phi_1, \\{\\phi_2\\}$ holds both.")
        #expect(d.map(\.message) == ["'\\{' is never closed"], "\(Corpus.describe(d))")
    }
}
