import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "s.md")
}

/// Products and sums of densities: at the ends of the range every factor must be a density of
/// states of the chain, x_0 … x_T, not conditioned on itself.
struct DensityRangeTests {
    @Test func theForwardChainStartsAtOne() throws {
        let right = "$$q(x_{1:T}\\mid x_0) = \\prod_{t=1}^{T} q(x_t\\mid x_{t-1})$$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("\\prod_{t=1}", "\\prod_{t=0}")
        #expect(try lint(wrong).map(\.code).contains("DL119"))
    }

    /// The bound's KL terms run from t = 2: at t = 1 the posterior would be q(x_0 | x_1, x_0).
    @Test func theBoundsSumStartsAtTwo() throws {
        let right = "$$L = \\mathbb{E}_q\\Big[\\sum_{t=2}^{T} \\log\\frac{q(x_{t-1}|x_t,x_0)}{p_\\theta(x_{t-1}|x_t)} - \\log p_\\theta(x_0|x_1)\\Big]$$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("\\sum_{t=2}", "\\sum_{t=1}")
        let d = try lint(wrong)
        #expect(d.map(\.code) == ["DL119"] && d.first?.message.contains("q(x_0 | x_1, x_0)") == true, "\(Corpus.describe(d))")
    }

    /// The reverse chain written with i as the running index, from 0 instead of 1.
    @Test func aReverseChainFromZeroIsCaughtWhateverTheIndexName() throws {
        let right = "$$p_\\theta(x_{0:T}) = p(x_T)\\prod_{i=1}^{T} p_\\theta(x_{i-1}\\mid x_i)$$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("\\prod_{i=1}", "\\prod_{i=0}")
        #expect(try lint(wrong).map(\.code).contains("DL119"))
    }
}

/// Factorisations are checked by their targets: each variable on the left is the target of
/// exactly one factor, and factors are conditioned only on what the left side holds.
struct FactorisationTests {
    @Test func aMarginalIsNotTheChainsProduct() throws {
        let right = "$$q(x_{1:T}|x_0) = q(x_T|x_0)\\prod_{t=2}^{T} q(x_{t-1}|x_t,x_0)$$"
        #expect(try lint(right).isEmpty)
        // The marginal of x_T written as a product over the whole chain, times a density of x_0.
        let wrong = "$$q(x_T|x_0) = q(x_0)\\prod_{t=1}^{T} q(x_t|x_{t-1})$$"
        #expect(try lint(wrong).map(\.code) == ["DL116"])
    }

    @Test func theJointIsNotTheConditionalOfTheData() throws {
        let right = "$$p_\\theta(x_{0:T}) = p_\\theta(x_T)\\prod_{t=1}^{T} p_\\theta(x_{t-1}|x_t)$$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("p_\\theta(x_{0:T})", "p_\\theta(x_0|x_T)")
        #expect(try lint(wrong).map(\.code) == ["DL116"])
    }
}

/// The time step named i (or k), `∏_i^t` without a start, and `⟹` before a formula do not hide errors.
struct NotationVariantTests {
    @Test func anIndexNamedIIsTheTimeStep() throws {
        let right = "$$x_i = \\sqrt{1-\\beta_i}\\,x_{i-1} + \\sqrt{\\beta_i}\\,\\epsilon$$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("\\sqrt{\\beta_i}", "\\beta_i")
        #expect(try lint(wrong).map(\.code) == ["DL101"])
    }

    @Test func aProductWithoutItsStartRunsFromOne() throws {
        let right = "$$\\bar\\alpha_t = \\prod_i^t \\alpha_i$$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("\\alpha_i$$", "\\alpha_t$$")
        #expect(try !lint(wrong).isEmpty)
    }

    /// With α_t = 1 − β_t stated, √α_t under x̂_0 is DDPM's per-step α, an error (alone, the
    /// formula would be right in the DDIM paper's notation).
    @Test func aFormulaAfterAnImplicationIsJudged() throws {
        let right = "With $\\alpha_t = 1-\\beta_t$:\n$$\\implies x_0 = \\frac{x_t - \\sqrt{1-\\bar\\alpha_t}\\,\\epsilon}{\\sqrt{\\bar\\alpha_t}}$$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("{\\sqrt{\\bar\\alpha_t}}$$", "{\\sqrt{\\alpha_t}}$$")
        #expect(try lint(wrong).map(\.code) == ["DL108"])
    }

    /// The second argument of μ̃_t is x̂_0 from ε.
    @Test func thePredictedDataGivenToTheMeanIsJudged() throws {
        let right = "$$\\mu_\\theta(x_t, t) = \\tilde\\mu_t\\Big(x_t, \\frac{1}{\\sqrt{\\bar\\alpha_t}}\\big(x_t - \\sqrt{1-\\bar\\alpha_t}\\,\\epsilon_\\theta(x_t)\\big)\\Big)$$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("\\frac{1}{\\sqrt{\\bar\\alpha_t}}", "\\frac{1}{\\sqrt{\\alpha_t}}")
        #expect(try lint(wrong).map(\.code) == ["DL108"])
    }

    /// ε̄ in the mean with z as the fresh noise: the ε̄ is the model's prediction, and the noise's
    /// coefficient is judged (a variance where the standard deviation belongs).
    @Test func aReverseStepWrittenWithEpsilonBar() throws {
        let right = "$$x_{t-1} = \\frac{1}{\\sqrt{\\alpha_t}}\\Big(x_t - \\frac{1-\\alpha_t}{\\sqrt{1-\\bar\\alpha_t}}\\bar\\epsilon_0\\Big) + \\sqrt{\\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t}\\beta_t}\\,z_t$$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("\\sqrt{\\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t}\\beta_t}", "\\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t}\\beta_t")
        let d = try lint(wrong)
        #expect(d.map(\.code) == ["DL109"] && d.first?.message.contains("variance") == true, "\(Corpus.describe(d))")
    }

    @Test func noiseInsideARootIsCaught() throws {
        let right = "$$x_{t-1} = \\sqrt{\\bar\\alpha_{t-1}}\\hat x_0 + \\sqrt{1-\\bar\\alpha_{t-1}-\\sigma_t^2}\\,\\epsilon_\\theta(x_t,t) + \\sigma_t z$$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("\\sqrt{1-\\bar\\alpha_{t-1}-\\sigma_t^2}\\,\\epsilon_\\theta(x_t,t)", "\\sqrt{1-\\bar\\alpha_{t-1}-\\sigma_t^2\\epsilon_\\theta(x_t,t)}")
        #expect(try lint(wrong).map(\.code) == ["DL122"])
    }
}

/// Delimiters and ranges written in prose.
struct ProseDelimiterTests {
    @Test func aParenthesisOpenedInTextClosesInTheFormula() throws {
        let right = "$$L \\propto \\mathbb{E}_{x_0, \\epsilon \\text{ (to get } x_t)}\\big[\\|\\epsilon - \\epsilon_\\theta\\|^2\\big]$$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("\\text{ (to get }", "\\text{ to get }")
        #expect(try lint(wrong).map(\.code) == ["DL303"])
    }

    @Test func fullWidthParenthesesBalance() throws {
        let right = "$$p_\\theta（x_{t-1}|x_t)$$"
        #expect(try lint(right).isEmpty)
        #expect(try lint("$$p_\\theta（x_{t-1}|x_t$$").map(\.code) == ["DL303"])
    }

    /// A remark typed in CJK prose inside the formula may open with a full-width parenthesis and
    /// close with an ASCII one: the same bracket typed in two input modes.
    @Test func aFullWidthParenthesisInTextPairsWithAnASCIIOne() throws {
        let right = "$$\\hat z_t \\sim p_\\phi(\\hat z_t \\mid h_t) \\quad \\text{（prior: 事前分布)}$$"
        let d = try lint(right)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let wrong = right.replacingOccurrences("\\text{（prior: 事前分布)}", "\\text{prior: 事前分布)}")
        #expect(try lint(wrong).map(\.code) == ["DL303"])
    }

    /// A full-width pair split across two `\text` groups around a symbol stays words.
    @Test func aFullWidthPairAcrossTwoTextGroupsIsWords() throws {
        let d = try lint("$$a = \\underbrace{b}_{\\text{定数（}\\theta\\text{によらない）}} - c$$")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// "(0, 1)" is the interval every α_t and β_t lies in, not the ends of a schedule.
    @Test func theUnitIntervalIsNoBetaRange() throws {
        let right = "Each $\\alpha_t$ is in $(0, 1)$ and $\\beta_t$ runs over $[10^{-4}, 0.02]$."
        #expect(try lint(right).isEmpty)
        let wrong = right + "\nThe linear schedule of $\\beta_t$ spans $[10^{-3}, 0.02]$."
        #expect(try lint(wrong).map(\.code) == ["DL302"])
    }
}

/// ε_θ written without its arguments is still the model's prediction.
struct BareModelNoiseTests {
    @Test func epsilonThetaWithoutArgumentsIsThePrediction() throws {
        let right = "$$x_{t-1} = \\frac{1}{\\sqrt{\\alpha_t}}\\Big(x_t - \\frac{\\beta_t}{\\sqrt{1-\\bar\\alpha_t}}\\epsilon_\\theta\\Big) + \\sigma_t z$$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("{\\sqrt{1-\\bar\\alpha_t}}\\epsilon_\\theta", "{1-\\bar\\alpha_t}\\epsilon_\\theta")
        #expect(try lint(wrong).map(\.code) == ["DL109"])
    }
}
