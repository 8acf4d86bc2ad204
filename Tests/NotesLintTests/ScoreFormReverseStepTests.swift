import CheckerCore
import Testing
@testable import NotesLint

/// DDPM's ancestral step written with the score (Song et al. 2021, the discretised VP reverse
/// SDE): x_{t−1} = (x_t + β_t·s_θ(x_t, t))/√(1 − β_t) + √β_t·z. Its mean is judged as the score
/// form of the reverse mean (DL109); the noise's σ_t is a choice and is left alone. A network named
/// s_θ that enters as the noise prediction does, −β_t/√(1 − ᾱ_t)·s_θ, is the note's ε_θ.
struct ScoreFormReverseStepTests {
    static func lint(_ text: String) throws -> [Diagnostic] { try NotesLinter.lint(text: text + "\n", path: "ancestral.md") }

    static let steps = [
        "$$x_{t-1} = \\frac{1}{\\sqrt{1-\\beta_t}}\\left(x_t + \\beta_t\\, s_\\theta(x_t, t)\\right) + \\sqrt{\\beta_t}\\, z$$",
        "$$\\mathbf{x}_{i-1} = \\frac{\\mathbf{x}_i + \\beta_i\\, \\mathbf{s}_{\\theta^*}(\\mathbf{x}_i, i)}{\\sqrt{1-\\beta_i}} + \\sqrt{\\beta_i}\\,\\mathbf{z}_i$$",
        "$$x_{t-1} = \\frac{1}{\\sqrt{\\alpha_t}}\\big(x_t + (1-\\alpha_t)\\, s_\\theta(x_t, t)\\big) + \\sigma_t z$$",
    ]

    @Test func theAncestralStepWithTheScoreIsQuiet() throws {
        for step in Self.steps {
            let d = try Self.lint(step)
            #expect(d.isEmpty, "\(step)\n\(Corpus.describe(d))")
        }
    }

    @Test func aNoisePredictionNamedSIsQuiet() throws {
        let d = try Self.lint("$$x_{t-1} = \\frac{1}{\\sqrt{\\alpha_t}}\\left(x_t - \\frac{\\beta_t}{\\sqrt{1-\\bar\\alpha_t}}\\, s_\\theta(x_t, t)\\right) + \\sigma_t z$$")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// The score subtracted as if it were the noise, or divided by √ᾱ_t.
    @Test func aWrongMeanIsFound() throws {
        let subtracted = Self.steps[0].replacingOccurrences("x_t + \\beta_t", "x_t - \\beta_t")
        let cumulative = Self.steps[2].replacingOccurrences("\\frac{1}{\\sqrt{\\alpha_t}}", "\\frac{1}{\\sqrt{\\bar\\alpha_t}}")
        for text in [subtracted, cumulative] {
            #expect(!Self.steps.contains(text))
            let d = try Self.lint(text)
            #expect(d.map(\.code) == ["DL109"], "\(text)\n\(Corpus.describe(d))")
        }
    }
}
