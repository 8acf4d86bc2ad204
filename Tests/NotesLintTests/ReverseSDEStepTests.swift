import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text, path: "sde.md")
}

/// A note that derives DDPM's step from the reverse SDE ends with a step that matches DDPM's to
/// first order in β_t: (1 + β_t/2)·(x_t − β_t/√(1 − ᾱ_t)·ε_θ) + √β_t·z (Euler–Maruyama) or
/// (2 − √(1 − β_t))·x_t − β_t/√(1 − ᾱ_t)·ε_θ + √β_t·z (the reverse-diffusion predictor). Both are
/// right as approximations; a slip in a first-order term is still wrong.
struct ReverseSDEStepTests {
    static let euler = "$$x_{t-1} = \\left(1 + \\frac{1}{2}\\beta_t\\right)\\left(x_t - \\frac{\\beta_t}{\\sqrt{1-\\bar\\alpha_t}}\\epsilon_\\theta(x_t, t)\\right) + \\sqrt{\\beta_t}\\,z$$\n"
    static let predictor = "$$x_{t-1} = \\left(2 - \\sqrt{1 - \\beta_t}\\right)x_t - \\frac{\\beta_t}{\\sqrt{1-\\bar\\alpha_t}}\\epsilon_\\theta(x_t, t) + \\sqrt{\\beta_t}\\,z$$\n"

    @Test func theEulerMaruyamaStepIsRight() throws {
        let d = try lint(Self.euler)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theReverseDiffusionPredictorIsRight() throws {
        let d = try lint(Self.predictor)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// β_t where β_t/2 belongs changes the first-order term of the x_t coefficient.
    @Test func aWrongFirstOrderTermIsStillWrong() throws {
        let wrong = Self.euler.replacingOccurrences("1 + \\frac{1}{2}\\beta_t", "1 + \\beta_t")
        #expect(wrong != Self.euler)
        #expect(try lint(wrong).map(\.code) == ["DL109"])
    }

    /// 1 − ᾱ_t without its root scales ε_θ far beyond first order.
    @Test func aMissingRootInTheNoiseCoefficientIsStillWrong() throws {
        let wrong = Self.predictor.replacingOccurrences("{\\sqrt{1-\\bar\\alpha_t}}", "{1-\\bar\\alpha_t}")
        #expect(wrong != Self.predictor)
        #expect(try lint(wrong).map(\.code) == ["DL109"])
    }

    /// The noise of an SDE step is still √β_t·z, not β_t·z.
    @Test func aVarianceForAStandardDeviationIsStillWrong() throws {
        let wrong = Self.euler.replacingOccurrences("\\sqrt{\\beta_t}\\,z", "\\beta_t\\,z")
        #expect(wrong != Self.euler)
        #expect(!(try lint(wrong)).isEmpty)
    }
}
