import CheckerCore
import Testing
@testable import NotesLint

/// Forms of written notes that are right: `$$…$$` inside a sentence (kramdown's inline math), a
/// display that turns to one part of the expression above, a density the note sets to a number,
/// and an average whose summand names its sample inside an argument the parser does not read.
/// Each has a wrong variant that is still found.
struct InlineDisplayAndPartTests {
    static func lint(_ text: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: text + "\n", path: "n.md")
    }

    // MARK: `$$…$$` inside a sentence

    /// A pair with words beside it on its line is a formula in the sentence, not a display.
    @Test func aDollarPairInsideASentenceIsInline() {
        let document = MarkdownDocument(source: SourceText(path: "n.md", text: "The variance $$ \\sigma_t^2 $$ is fixed.\n\n$$ x = y $$\n\n$$ a = b $$ (3)\n"))
        #expect(document.math.map(\.display) == [false, true, true])
    }

    /// A parenthesis opened in the words closes inside the inline pair, as it does with `$…$`.
    @Test func aProseParenthesisClosedInAnInlinePairIsQuiet() throws {
        let d = try Self.lint("The variance $$ \\sigma_t^2 $$ is a constant (either $$ \\beta_t $$ or $$ \\tilde{\\beta}_t) $$. The mean is learned.")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// An inline pair in the words between two displays is no step the next display continues.
    @Test func aDisplayAfterAnInlinePairDoesNotContinueIt() throws {
        let text = """
            Using the fact that $$ \\bar{\\alpha}_t = \\bar{\\alpha}_{t-1} \\alpha_t $$ and $$ \\beta_t = 1 - \\alpha_t $$:

            $$
            = \\frac{1}{\\sqrt{\\alpha_t}} \\cdot \\frac{\\beta_t + \\alpha_t(1 - \\bar{\\alpha}_{t-1})}{1 - \\bar{\\alpha}_t}
            = \\frac{1}{\\sqrt{\\alpha_t}}
            $$
            """
        let d = try Self.lint(text)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// A display on its own lines is still continued: a wrong step after the words is found.
    @Test func aWrongContinuedDisplayIsStillFound() throws {
        let text = """
            $$
            \\tilde\\beta_t = \\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t}\\beta_t
            $$

            which we rewrite as

            $$
            = \\frac{1-\\bar\\alpha_t}{1-\\bar\\alpha_{t-1}}\\beta_t
            $$
            """
        let d = try Self.lint(text)
        #expect(!d.isEmpty, "\(Corpus.describe(d))")
    }

    // MARK: A display that turns to a part of the expression above

    static let coefficientDerivation = """
        The coefficient of $x_t$ is

        $$
        \\frac{\\beta_t + \\alpha_t(1 - \\bar{\\alpha}_{t-1})}{\\sqrt{\\alpha_t}(1 - \\bar{\\alpha}_t)} = \\frac{1}{\\sqrt{\\alpha_t}}
        $$

        The coefficient of $\\epsilon$ simplifies to,

        $$
        = - \\frac{\\beta_t}{\\sqrt{\\alpha_t} \\sqrt{1 - \\bar{\\alpha}_t}}
        $$
        """

    /// "The coefficient of ε simplifies to" — the `= …` that follows is that coefficient alone.
    @Test func aDisplayAfterWordsNamingAPartDoesNotContinue() throws {
        let d = try Self.lint(Self.coefficientDerivation)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        #expect(MathAnalysis.turnsToAPart("\n\nThe coefficient of $\\epsilon$ simplifies to,\n\n"))
        #expect(MathAnalysis.turnsToAPart("分母可以化简为"))
        #expect(!MathAnalysis.turnsToAPart("\n\nusing $\\bar\\alpha_t = \\alpha_t\\bar\\alpha_{t-1}$:\n\n"))
    }

    /// Words that only lead on ("which simplifies to") keep the derivation: the step from 1/√α_t
    /// to the noise's coefficient is then a wrong step, and found.
    @Test func aDisplayAfterWordsThatLeadOnContinues() throws {
        let text = Self.coefficientDerivation.replacingOccurrences("The coefficient of $\\epsilon$ simplifies to,", "which simplifies to,")
        #expect(text.contains("which simplifies"))
        let d = try Self.lint(text)
        #expect(d.map(\.code).contains("DL124"), "\(Corpus.describe(d))")
    }

    // MARK: A density the note sets to a number

    /// With t uniform on [0, 1] the note writes p(t) = 1, so p(x, t)/p(t) = p(x, t).
    @Test func aDensitySetToOneDropsOut() throws {
        let d = try Self.lint("Here $t$ is uniform on $[0, 1]$, hence $p(t) = 1$, and $p(x | t) = \\frac{p(x, t)}{p(t)} = p(x, t)$.")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// Without that statement the step drops a density: it is found.
    @Test func aDroppedDensityIsStillFound() throws {
        let d = try Self.lint("Then $p(x | t) = \\frac{p(x, t)}{p(t)} = p(x, t)$.")
        #expect(d.map(\.code) == ["DL131"], "\(Corpus.describe(d))")
    }

    // MARK: An average whose summand names its sample in an unread argument

    /// `p(x | t, z = z^{(i)})`: the argument holding a relation is not read, so it may read i.
    @Test func anAverageOverSamplesNamedInAnArgumentIsQuiet() throws {
        let d = try Self.lint("$$p(x|t) \\approx \\frac{1}{N} \\sum_{i=1}^N p(x|t,z=z^{(i)})$$")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// A summand that reads no sample at all still averages one term N times.
    @Test func anIdleAverageIsStillFound() throws {
        let d = try Self.lint("$$\\mathcal{L} = \\frac{1}{N} \\sum_{i=1}^N \\log p_\\theta(x)$$")
        #expect(d.map(\.code) == ["DL130"], "\(Corpus.describe(d))")
    }
}
