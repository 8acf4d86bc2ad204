import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text, path: "algo.md")
}

/// How notes typeset a sampling or training algorithm in an aligned display: the hat on the
/// fresh draw, the iteration label on the parameters, extra space after a row.
struct SamplingAlgorithmNotationTests {
    /// `1/√α_t·(x_t − β_t/√(1 − ∏α_i)·ε_t) + σ_t·ε̂_t`: the plain ε_t is the noise of x_t the mean
    /// removes, the hatted ε̂_t the fresh draw. Read the other way round the step would be wrong;
    /// the note's own way it is right.
    static let step = "$$x_{t-1} = \\frac{1}{\\sqrt{\\alpha_t}}\\left(x_t - \\frac{1-\\alpha_t}{\\sqrt{1-\\prod_{i=1}^t\\alpha_i}}\\epsilon_t\\right) + \\sqrt{\\beta_t}\\,\\hat{\\epsilon}_t$$\n"

    @Test func aHatMayMarkTheFreshDraw() throws {
        let d = try lint(Self.step)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aWrongMeanIsWrongUnderBothReadings() throws {
        let wrong = Self.step.replacingOccurrences("\\frac{1}{\\sqrt{\\alpha_t}}", "\\frac{1}{\\alpha_t}")
        #expect(wrong != Self.step)
        #expect(try lint(wrong).map(\.code) == ["DL109"])
    }

    /// θ^{(l+1)} = θ^{(l)} − ∇…: the parameters at iteration l. Only a model's output labelled by
    /// its step (ε_θ^{(t)}) is the DDIM paper's typesetting; the loss inside keeps DDPM's α.
    static let training = """
        $$
        \\begin{align*}
        &\\quad \\epsilon_t \\sim \\mathcal{N}(0,I) \\\\
        &\\quad \\theta^{(l+1)} = \\theta^{(l)} - \\nabla_{\\theta}\\left\\lVert \\epsilon_\\theta\\left(\\sqrt{\\prod_{i=1}^t\\alpha_i}\\, x_0 + \\sqrt{1-\\prod_{i=1}^t\\alpha_i}\\,\\epsilon_t, t\\right)-\\epsilon_{t} \\right\\rVert^2 \\\\
        \\end{align*}
        $$

        """

    @Test func anIterationLabelIsNotThePapersTypesetting() throws {
        let d = try lint(Self.training)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let wrong = Self.training.replacingOccurrences("x_0 + \\sqrt{1-\\prod", "x_0 + {1-\\prod")
        #expect(wrong != Self.training)
        #expect(try lint(wrong).map(\.code) == ["DL110"])
    }

    /// `\\[5pt]` after the last row adds space; it is no bracketed term of a row of its own.
    static let sums = """
        $$
        \\begin{align*}
        L &= \\sum_{t=1}^{T} \\lambda_t\\,\\mathbb{E}\\left[\\lVert \\epsilon_\\theta(x_t, t) - \\epsilon \\rVert^2\\right] \\\\[5pt]
        &= \\sum_{t=1}^{T} \\lambda_t\\,\\mathbb{E}_{\\epsilon \\sim \\mathcal{N}(0, I)}\\left[\\lVert \\epsilon_\\theta(x_t, t) - \\epsilon \\rVert^2\\right] \\\\[5pt]
        \\end{align*}
        $$

        """

    @Test func rowSpacingIsNoTerm() throws {
        let d = try lint(Self.sums)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let dropped = Self.sums.replacingOccurrences("&= \\sum_{t=1}^{T} \\lambda_t\\,\\mathbb{E}_{", "&= \\lambda_t\\,\\mathbb{E}_{")
        #expect(dropped != Self.sums)
        #expect(try lint(dropped).map(\.code) == ["DL119"])
    }
}
