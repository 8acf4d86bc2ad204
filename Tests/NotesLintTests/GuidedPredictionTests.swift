import CheckerCore
import Testing
@testable import NotesLint

/// Classifier-free guidance combines two estimates of the same noise, so its weights on
/// ε_θ(x_t, c) and ε_θ(x_t, ∅) sum to 1 for every guidance scale (DL157). The usual ways of writing
/// it are quiet; a sign slip, or the guidance direction alone given as the prediction, is found.
struct GuidedPredictionTests {
    static func lint(_ text: String) throws -> [Diagnostic] { try NotesLinter.lint(text: text + "\n", path: "g.md") }

    static let forms = """
        # Guidance

        $$\\hat\\epsilon_\\theta(x_t, c) = \\epsilon_\\theta(x_t) + s\\left(\\epsilon_\\theta(x_t, c) - \\epsilon_\\theta(x_t)\\right)$$

        $$\\tilde{\\epsilon}_\\theta(x_t, t, y) = \\epsilon_\\theta(x_t, t, y) + w\\,(\\epsilon_\\theta(x_t, t, y) - \\epsilon_\\theta(x_t, t, \\emptyset))$$

        $$\\bar\\epsilon = (1+w)\\epsilon_\\theta(x_t, c) - w\\epsilon_\\theta(x_t, \\varnothing)$$

        The guidance direction alone is $\\Delta = w(\\epsilon_\\theta(x_t, c) - \\epsilon_\\theta(x_t))$.
        """

    @Test func theUsualFormsAreQuiet() throws {
        let d = try Self.lint(Self.forms)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// (1 + w)·ε_θ(x_t, c) + w·ε_θ(x_t, ∅): weights summing to 1 + 2w.
    @Test func aSignSlipIsFound() throws {
        let wrong = Self.forms.replacingOccurrences("(1+w)\\epsilon_\\theta(x_t, c) - w\\epsilon_\\theta(x_t, \\varnothing)", "(1+w)\\epsilon_\\theta(x_t, c) + w\\epsilon_\\theta(x_t, \\varnothing)")
        #expect(wrong != Self.forms)
        let d = try Self.lint(wrong)
        #expect(d.map(\.code) == ["DL157"], "\(Corpus.describe(d))")
        #expect(d.first?.message.contains("1 + 2w") == true)
    }

    /// ε_θ(x_t) + s(ε_θ(x_t, c) + ε_θ(x_t)): the difference written as a sum.
    @Test func aSumForTheDifferenceIsFound() throws {
        let wrong = Self.forms.replacingOccurrences("s\\left(\\epsilon_\\theta(x_t, c) - \\epsilon_\\theta(x_t)\\right)", "s\\left(\\epsilon_\\theta(x_t, c) + \\epsilon_\\theta(x_t)\\right)")
        #expect(wrong != Self.forms)
        let d = try Self.lint(wrong)
        #expect(d.map(\.code) == ["DL157"], "\(Corpus.describe(d))")
    }

    /// The direction alone given as the guided prediction: weights summing to 0.
    @Test func theDirectionAloneAsThePredictionIsFound() throws {
        let wrong = Self.forms.replacingOccurrences("\\epsilon_\\theta(x_t, t, y) + w\\,(", "w\\,(")
        #expect(wrong != Self.forms)
        let d = try Self.lint(wrong)
        #expect(d.map(\.code) == ["DL157"], "\(Corpus.describe(d))")
    }
}
