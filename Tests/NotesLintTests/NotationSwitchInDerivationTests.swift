import CheckerCore
import Testing
@testable import NotesLint

/// A note that uses the DDIM paper's α (its α_t is DDPM's ᾱ_t) beside DDPM's ᾱ may start a
/// derivation from the paper's update and go on in DDPM's symbols from the next line. A side
/// written without any ᾱ is then read in the paper's notation before two sides are called
/// different (DL142); a link wrong in both readings is still found, and a note in DDPM's notation
/// alone gets no such reading.
struct NotationSwitchInDerivationTests {
    static func lint(_ text: String) throws -> [Diagnostic] { try NotesLinter.lint(text: text + "\n", path: "switch.md") }

    static let derivation = paperNotation + "\n\n" + switchingDerivation

    /// Two statements that are right only in the paper's notation: the note uses it.
    static let paperNotation = """
        In the DDIM paper's symbols $\\alpha_t$ is the cumulative product: $q(x_t \\mid x_0) = \\mathcal{N}(\\sqrt{\\alpha_t}\\,x_0, (1-\\alpha_t) I)$,
        that is $x_t = \\sqrt{\\alpha_t}\\,x_0 + \\sqrt{1-\\alpha_t}\\,\\epsilon$. From here on $\\bar\\alpha_t$ is that product and $\\alpha_t$ one step's factor.
        """

    static let switchingDerivation = """
        With $\\sigma_t^2 = \\frac{(1-\\alpha_t)(1-\\bar\\alpha_{t-1})}{1-\\bar\\alpha_t}$, the DDIM update becomes DDPM's step:

        $$
        \\begin{aligned}
        x_{t-1} &= \\sqrt{\\alpha_{t-1}}\\,\\frac{x_t - \\sqrt{1-\\alpha_t}\\,\\epsilon_\\theta^{(t)}(x_t)}{\\sqrt{\\alpha_t}} + \\sqrt{1-\\alpha_{t-1}-\\sigma_t^2}\\,\\epsilon_\\theta^{(t)}(x_t) + \\sigma_t z \\\\
        &= \\frac{x_t}{\\sqrt{\\alpha_t}} - \\left(\\sqrt{\\frac{1-\\bar\\alpha_t}{\\alpha_t}} - \\sqrt{1-\\bar\\alpha_{t-1}-\\frac{(1-\\alpha_t)(1-\\bar\\alpha_{t-1})}{1-\\bar\\alpha_t}}\\right)\\epsilon_\\theta(x_t) + \\sigma_t z
        \\end{aligned}
        $$
        """

    @Test func aDerivationThatSwitchesNotationIsQuiet() throws {
        let d = try Self.lint(Self.derivation)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// The DDPM side with ᾱ_t where α_t belongs under the first root: wrong in either reading of the
    /// paper side.
    @Test func aLinkWrongInBothReadingsIsFound() throws {
        let wrong = Self.derivation.replacingOccurrences("\\sqrt{\\frac{1-\\bar\\alpha_t}{\\alpha_t}}", "\\sqrt{\\frac{1-\\bar\\alpha_t}{\\bar\\alpha_t}}")
        #expect(wrong != Self.derivation)
        let d = try Self.lint(wrong)
        #expect(d.contains { $0.code == "DL142" }, "\(Corpus.describe(d))")
    }

    /// Without the paper's notation in the note, α_t where ᾱ_t belongs is the classic slip.
    @Test func aNoteInDDPMsNotationAloneGetsNoPaperReading() throws {
        let d = try Self.lint(Self.switchingDerivation)
        #expect(d.contains { $0.code == "DL142" || $0.code == "DL112" }, "\(Corpus.describe(d))")
    }
}
