import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "n.md")
}

private func coverageReasons(_ text: String) throws -> [String] {
    let (_, coverage) = try NotesLinter.lintWithCoverage(text: text + "\n", path: "n.md")
    return coverage.equations.compactMap(\.reason)
}

/// The cumulative symbols of a note are the ones its own definitions name: in the α² + β² = 1
/// convention the product of the α's and its companion √(1 − ᾱ²) may carry a hat, an overline or
/// a tilde, and β with that mark is the companion, not the per-step β.
struct NoteDefinedCumulativeMarkTests {
    /// Hats on the cumulative symbols, step i, the product written out with dots.
    static let hats = """
    Let $\\alpha_i^2+\\beta_i^2=1$ and $\\hat\\alpha_i = \\alpha_1\\alpha_2\\cdots\\alpha_i$; one checks $\\hat\\alpha_i^2+\\hat\\beta_i^2=1$.

    Merging two noises, $\\alpha_i^2(1-\\hat\\alpha_{i-1}^2)+\\beta_i^2 = 1-\\hat\\alpha_i^2 = \\hat\\beta_i^2$, and $x_i = \\hat\\alpha_i x_0 + \\hat\\beta_i \\hat\\varepsilon_i$.
    """

    /// Overlines, step t, the product with ∏ and the companion given by its square root.
    static let overlines = """
    We keep $\\alpha_t^2+\\beta_t^2=1$, put $\\overline{\\alpha}_t=\\prod_{s=1}^{t}\\alpha_s$ and $\\overline{\\beta}_t=\\sqrt{1-\\overline{\\alpha}_t^2}$.

    $$\\beta_t^2+\\alpha_t^2\\overline{\\beta}_{t-1}^2 = \\beta_t^2 + \\alpha_t^2 - \\overline{\\alpha}_t^2 = \\overline{\\beta}_t^2$$
    """

    /// Tildes, step k, the squared product and the companion given by its square.
    static let tildes = """
    With $\\alpha_k^2+\\beta_k^2=1$ define $\\tilde\\alpha_k^2=(\\alpha_k\\alpha_{k-1}\\cdots\\alpha_1)^2$ and $\\tilde\\beta_k^2 = 1-\\tilde\\alpha_k^2$.

    $$x_k = \\tilde\\alpha_k x_0 + \\tilde\\beta_k \\epsilon$$
    """

    @Test func rightFormulasInEachMarkAreSilent() throws {
        for note in [Self.hats, Self.overlines, Self.tildes] {
            let d = try lint(note)
            #expect(d.isEmpty, "\(Corpus.describe(d))")
        }
    }

    @Test func slipsInTheNotesOwnMarksAreStillCaught() throws {
        // The merged variance ends at 1 − α̂_{i−1}² instead of 1 − α̂_i².
        let step = Self.hats.replacingOccurrences("= 1-\\hat\\alpha_i^2 =", "= 1-\\hat\\alpha_{i-1}^2 =")
        #expect(try lint(step).map(\.code) == ["DL124"])
        // A variance β̂_i² where the standard deviation β̂_i belongs.
        let marginal = Self.hats.replacingOccurrences("\\hat\\beta_i \\hat\\varepsilon_i", "\\hat\\beta_i^2 \\hat\\varepsilon_i")
        let found = try lint(marginal)
        #expect(found.map(\.code) == ["DL104"])
        // The finding states the reading it assumed, the note's own marks included.
        #expect(found.first?.message.contains("α̂ the product of the α's, β̂ = √(1 − α̂²)") == true, "\(Corpus.describe(found))")
        let overline = Self.overlines.replacingOccurrences("+ \\alpha_t^2 - \\overline", "+ \\alpha_t - \\overline")
        #expect(try lint(overline).map(\.code) == ["DL124"])
        let tilde = Self.tildes.replacingOccurrences("\\tilde\\beta_k \\epsilon", "\\tilde\\beta_k^2 \\epsilon")
        #expect(try lint(tilde).map(\.code) == ["DL104"])
    }

    @Test func aMarkTheNoteNeverDefinesIsNotJudged() throws {
        // β̂ in DDPM's symbols is no quantity of the papers: neither β_t nor anything else by assumption.
        let text = "$$x_t = \\sqrt{1-\\hat\\beta_t}\\,x_{t-1} + \\sqrt{\\hat\\beta_t}\\,\\epsilon$$"
        #expect(try lint(text).isEmpty)
        #expect(try coverageReasons(text).contains { $0.contains("never says what β̂") })
        // The same slip in β_t itself, whose meaning is known, is still caught.
        let known = "$$x_t = \\sqrt{1-\\beta_t}\\,x_{t-1} + \\sqrt{\\beta_t}\\,\\epsilon + \\sqrt{\\beta_t}\\,\\epsilon$$"
        #expect(try !lint(known).isEmpty)
    }

    @Test func aHatDefinedAsTheProductIsReadAsTheProduct() throws {
        let defined = "Write $\\hat\\alpha_t = \\prod_{s=1}^t \\alpha_s$ with $\\alpha_t = 1-\\beta_t$.\n$$x_t = \\sqrt{\\hat\\alpha_t}\\,x_0 + \\sqrt{1-\\hat\\alpha_t}\\,\\epsilon$$"
        #expect(try lint(defined).isEmpty)
        #expect(try coverageReasons(defined).isEmpty)
        let wrong = defined.replacingOccurrences("\\sqrt{1-\\hat\\alpha_t}\\,\\epsilon", "\\sqrt{\\hat\\alpha_t}\\,\\epsilon")
        #expect(try lint(wrong).map(\.code) == ["DL104"])
        // Without a definition, a hat on α is the courses' usual mark of the product; a tilde is
        // not, and the same wrong formula written with α̃ is left unjudged.
        let undefined = "$$x_t = \\sqrt{\\hat\\alpha_t}\\,x_0 + \\sqrt{\\hat\\alpha_t}\\,\\epsilon$$"
        #expect(try lint(undefined).map(\.code) == ["DL104"])
        let tilde = undefined.replacingOccurrences("hat", "tilde")
        #expect(try lint(tilde).isEmpty)
        #expect(try coverageReasons(tilde).contains { $0.contains("never says what α̃") })
    }
}

/// A note may name the product of its α's with a letter of its own (γ_t, A_k): read by its
/// definition, in the note's convention.
struct ProductLetterTests {
    static let gamma = "Let $\\alpha_t = 1-\\beta_t$ and $\\gamma_t = \\prod_{s=1}^{t}\\alpha_s$. Then $$x_t = \\sqrt{\\gamma_t}\\,x_0 + \\sqrt{1-\\gamma_t}\\,\\epsilon$$ and $$x_{t-1} = \\frac{1}{\\sqrt{\\alpha_t}}\\Big(x_t - \\frac{\\beta_t}{\\sqrt{1-\\gamma_t}}\\epsilon_\\theta(x_t,t)\\Big) + \\sigma_t z$$"
    static let capital = "Take $\\alpha_k^2+\\beta_k^2=1$ and write $A_k = \\alpha_1\\alpha_2\\cdots\\alpha_k$. Then $$x_k = A_k x_0 + \\sqrt{1-A_k^2}\\,\\epsilon$$"

    @Test func theNotesOwnLetterIsReadAsTheProduct() throws {
        #expect(try lint(Self.gamma).isEmpty)
        #expect(try lint(Self.capital).isEmpty)
        #expect(try coverageReasons(Self.gamma).count <= 1)
    }

    @Test func slipsWrittenWithTheLetterAreCaught() throws {
        let gamma = Self.gamma.replacingOccurrences("+ \\sqrt{1-\\gamma_t}\\,\\epsilon$$", "+ \\sqrt{\\gamma_t}\\,\\epsilon$$")
        #expect(try lint(gamma).map(\.code) == ["DL104"])
        let capital = Self.capital.replacingOccurrences("\\sqrt{1-A_k^2}", "A_k")
        #expect(try lint(capital).map(\.code) == ["DL104"])
        // Undefined, the same letter is no schedule quantity: the same slip is not judged.
        let undefined = "$$x_t = \\sqrt{\\gamma_t}\\,x_0 + \\sqrt{\\gamma_t}\\,\\epsilon$$"
        #expect(try lint(undefined).isEmpty)
    }
}

/// A note may bind its step letters in the text (`set t = τ_i`, `s = τ_{i−1}`, `s = t − 1`): the
/// formulas after the binding are read with the letter as what it stands for.
struct StepLetterBindingTests {
    static let strided = """
    Pick steps $\\tau_1 < \\dots < \\tau_S$. At each round, set $t = \\tau_i$ and compute

    $$x_{\\tau_{i-1}} = \\sqrt{\\bar\\alpha_{\\tau_{i-1}}}\\,\\frac{x_t - \\sqrt{1-\\bar\\alpha_t}\\,\\epsilon_\\theta(x_t, t)}{\\sqrt{\\bar\\alpha_t}} + \\sqrt{1-\\bar\\alpha_{\\tau_{i-1}}}\\,\\epsilon_\\theta(x_t, t)$$
    """

    @Test func aStridedStepAfterTheBindingIsRight() throws {
        #expect(try lint(Self.strided).isEmpty)
        // In the DDIM paper's α, with both letters bound.
        let paper = """
        Let $t=\\tau_i$ be the current step and $s=\\tau_{i-1}$ the next one.

        $$x_s = \\sqrt{\\alpha_s}\\, f_\\theta^{(t)}(x_t) + \\sqrt{1-\\alpha_s}\\,\\epsilon_\\theta^{(t)}(x_t)$$
        """
        #expect(try lint(paper).isEmpty)
        // `s = t − 1` makes x_s the previous state: the reverse step is judged, and right.
        let previous = "Let $s = t-1$. Then $$x_s = \\frac{1}{\\sqrt{\\alpha_t}}\\Big(x_t - \\frac{\\beta_t}{\\sqrt{1-\\bar\\alpha_t}}\\epsilon_\\theta(x_t,t)\\Big) + \\sigma_t z$$"
        #expect(try lint(previous).isEmpty)
        #expect(try coverageReasons(previous).allSatisfy { $0.contains("binds the step letter") })
    }

    @Test func withoutTheBindingOrWithAWrongCoefficientItFires() throws {
        let unbound = Self.strided.replacingOccurrences("set $t = \\tau_i$ and ", "")
        #expect(try lint(unbound).map(\.code) == ["DL119"])
        let wrong = Self.strided.replacingOccurrences("+ \\sqrt{1-\\bar\\alpha_{\\tau_{i-1}}}\\,\\epsilon", "+ (1-\\bar\\alpha_{\\tau_{i-1}})\\,\\epsilon")
        #expect(try lint(wrong).map(\.code) == ["DL112"])
        let previous = "Let $s = t-1$. Then $$x_s = \\frac{1}{\\sqrt{\\alpha_t}}\\Big(x_t - \\frac{\\beta_t}{1-\\bar\\alpha_t}\\epsilon_\\theta(x_t,t)\\Big) + \\sigma_t z$$"
        #expect(try lint(previous).map(\.code) == ["DL109"])
    }

    @Test func aBindingEndsAtTheNextHeading() throws {
        let update = "$$x_{\\tau_{i-1}} = \\sqrt{\\bar\\alpha_{\\tau_{i-1}}}\\,\\hat x_0 + \\sqrt{1-\\bar\\alpha_{\\tau_{i-1}}}\\,\\epsilon_\\theta(x_t, t)$$"
        let text = "## Strided sampling\nSet $t = \\tau_i$.\n\n\(update)\n\n## Another section\n\n\(update)"
        let d = try lint(text)
        #expect(d.map(\.code) == ["DL119"] && d.first?.location?.line == 8, "\(Corpus.describe(d))")
    }

    @Test func aStepWhoseRelationIsNeverFixedIsNotJudgedAsTheLastOne() throws {
        // s < t only: no single previous step, and no finding whatever the coefficients.
        #expect(try lint("For a later step $s < t$: $$x_s = \\sqrt{\\bar\\alpha_s}\\,\\hat x_0 + \\sqrt{\\bar\\alpha_s}\\,\\epsilon_\\theta(x_t, t)$$").isEmpty)
    }

    @Test func valuesOfTheLetterAreNoBinding() throws {
        // `at t = T` names one step; the formulas after it keep their t.
        // The display stands on its own line: a `$$…$$` pair inside the sentence is inline math.
        let text = "At $t = T$ the sample is noise, and\n$$x_t = \\sqrt{\\bar\\alpha_t}\\,x_0 + \\sqrt{\\bar\\alpha_t}\\,\\epsilon$$"
        #expect(try lint(text).map(\.code) == ["DL104"])
    }
}

/// Independent noises written as one: the variances add, whatever the symbols.
struct NoiseSumTests {
    static let su = "With $\\alpha_t^2+\\beta_t^2=1$, $\\bar\\alpha_t=\\prod_{s=1}^t\\alpha_s$ and $\\bar\\beta_t=\\sqrt{1-\\bar\\alpha_t^2}$, the two noises merge: $\\alpha_t\\bar\\beta_{t-1}\\bar\\varepsilon_{t-1}+\\beta_t\\varepsilon_t=\\bar\\beta_t\\varepsilon$."
    static let ddpm = "$$\\sqrt{\\alpha_t(1-\\bar\\alpha_{t-1})}\\,\\epsilon_1+\\sqrt{1-\\alpha_t}\\,\\epsilon_2=\\sqrt{1-\\bar\\alpha_t}\\,\\bar\\epsilon$$"

    @Test func rightMergesAreSilent() throws {
        #expect(try lint(Self.su).isEmpty)
        #expect(try lint(Self.ddpm).isEmpty)
        // Scales the note chooses (σ₁, σ₂, σ) are no schedule: nothing to judge.
        #expect(try lint("$$\\sigma_1 z_1 + \\sigma_2 z_2 = \\sigma z$$").isEmpty)
    }

    @Test func aVarianceWrittenForTheMergedScaleIsCaught() throws {
        let su = Self.su.replacingOccurrences("=\\bar\\beta_t\\varepsilon$", "=\\bar\\beta_t^2\\varepsilon$")
        #expect(try lint(su).map(\.code) == ["DL105"])
        let ddpm = Self.ddpm.replacingOccurrences("=\\sqrt{1-\\bar\\alpha_t}\\,\\bar\\epsilon", "=(1-\\bar\\alpha_t)\\,\\bar\\epsilon")
        #expect(try lint(ddpm).map(\.code) == ["DL105"])
    }
}
