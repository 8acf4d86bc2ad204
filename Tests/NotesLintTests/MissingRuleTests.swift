import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "m.md")
}

/// The ε-loss weight of Ho et al. (Eq. 12): β_t squared, α_t once, σ_t left free.
struct LossWeightTests {
    static let right = "$$L_{t-1} = \\mathbb{E}_{x_0,\\epsilon}\\Big[\\frac{\\beta_t^2}{2\\sigma_t^2\\alpha_t(1-\\bar\\alpha_t)}\\|\\epsilon - \\epsilon_\\theta(x_t,t)\\|^2\\Big]$$"

    @Test func theRightWeightIsQuiet() throws {
        #expect(try lint(Self.right).isEmpty)
        // α_t written as 1 − β_t is the same weight.
        #expect(try lint(Self.right.replacingOccurrences("\\alpha_t(1", "(1-\\beta_t)(1")).isEmpty)
    }

    @Test(arguments: [("\\beta_t^2}{2", "\\beta_t}{2"), ("\\alpha_t(1-\\bar\\alpha_t)", "\\bar\\alpha_t(1-\\bar\\alpha_t)")])
    func aWrongWeightIsCaught(_ original: String, _ replacement: String) throws {
        let d = try lint(Self.right.replacingOccurrences(original, replacement))
        #expect(d.map(\.code) == ["DL120"], "\(Corpus.describe(d))")
    }

    /// The decoder term's weight at step 1 is no L_{t−1} weight: not judged.
    @Test func aWeightAtAFixedStepIsNotJudged() throws {
        let boundary = "$$-\\log p_\\theta(x_0|x_1) = \\frac{\\beta_1^2}{2\\sigma_1^2\\bar\\alpha_1(1-\\bar\\alpha_1)}\\|\\epsilon - \\epsilon_\\theta(x_1,1)\\|^2$$"
        #expect(try lint(boundary).isEmpty)
    }
}

/// Langevin dynamics follow the score ∇ log p, and update the iterate they read.
struct LangevinTests {
    static let right = "$$x_{i+1} = x_i + \\delta\\nabla_x \\log p(x_i) + \\sqrt{2\\delta}\\,z_i$$"

    @Test func theRightStepIsQuiet() throws {
        #expect(try lint(Self.right).isEmpty)
    }

    @Test func theGradientOfTheDensityIsCaught() throws {
        let d = try lint(Self.right.replacingOccurrences("\\nabla_x \\log p(x_i)", "\\nabla_x p(x_i)"))
        #expect(d.map(\.code) == ["DL121"], "\(Corpus.describe(d))")
    }

    @Test func anUpdateOfAnotherIterateIsCaught() throws {
        let d = try lint(Self.right.replacingOccurrences("x_{i+1}", "x_{t+1}"))
        #expect(d.map(\.code) == ["DL121"], "\(Corpus.describe(d))")
    }
}

/// The noise is N(0, I); its scale belongs to its coefficient.
struct NoiseLawTests {
    @Test func standardNoiseIsQuietAndAnyOtherIsCaught() throws {
        #expect(try lint("$\\epsilon \\sim \\mathcal{N}(0, \\mathbf{I})$ and $z_t \\sim \\mathcal{N}(\\mathbf{0}, I)$").isEmpty)
        #expect(try lint("$\\epsilon \\sim \\mathcal{N}(\\cdot; 1, \\mathbf{I})$").map(\.code) == ["DL123"])
        // A variance the note leaves symbolic (σ² for a VE perturbation) is not judged.
        #expect(try lint("$z \\sim \\mathcal{N}(0, \\sigma^2 I)$").isEmpty)
    }
}

/// An average divides by the number of its terms.
struct AverageTests {
    @Test func anAverageOverNPlusOneTermsIsCaught() throws {
        #expect(try lint("$$\\hat L = \\frac{1}{N}\\sum_{i=1}^{N} \\ell(x_i)$$").isEmpty)
        #expect(try lint("$$\\hat L = \\frac{1}{N}\\sum_{i=0}^{N} \\ell(x_i)$$").map(\.code) == ["DL119"])
    }
}

/// TeX braces group without meaning; markdown-escaped TeX reads as TeX.
struct TeXGroupingTests {
    @Test func aBareBraceGroupIsNotAParenthesis() throws {
        let right = "With $\\alpha_t = 1-\\beta_t$: $$x_t = \\sqrt{\\alpha_t}(\\sqrt{\\alpha_{t-1}}{x_{t-2} + \\sqrt{1-\\alpha_{t-1}}\\epsilon_{t-2}}) + \\sqrt{1-\\alpha_t}\\epsilon_{t-1}$$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("+ \\sqrt{1-\\alpha_t}\\epsilon_{t-1}", "+ (1-\\alpha_t)\\epsilon_{t-1}")
        #expect(try lint(wrong).map(\.code) == ["DL105"])
    }

    @Test func markdownEscapesAreTeX() throws {
        #expect(try lint("the constant of $L_\\{t-1}$ is dropped, and $q\\_\\sigma(x\\_{t-1}|x\\_t)$ is a kernel").isEmpty)
        #expect(try lint("the constant of $L_\\{t-1$ is dropped").map(\.code) == ["DL303"])
    }
}

/// A note that writes ᾱ has DDPM's two symbols: √α_t under x̂_0 is then an error, even if the
/// DDIM paper's reading would make that one formula right.
struct BarredAlphaReadingTests {
    @Test func aNoteWithBarredAlphaIsReadAsDDPM() throws {
        let right = "$x_t = \\sqrt{\\bar\\alpha_t}x_0 + \\sqrt{1-\\bar\\alpha_t}\\epsilon$, so $x_0 = \\frac{x_t - \\sqrt{1-\\bar\\alpha_t}\\epsilon}{\\sqrt{\\bar\\alpha_t}}$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("{\\sqrt{\\bar\\alpha_t}}$", "{\\sqrt{\\alpha_t}}$")
        #expect(try lint(wrong).map(\.code) == ["DL108"])
    }
}

/// What a density can equal: never the number 1, and only the density the Markov property gives.
struct DensityIdentityTests {
    @Test func aDensityIsNotOne() throws {
        #expect(try lint("$$-\\log p_\\theta(x_0|x_1) = \\log\\frac{1}{p_\\theta(x_0|x_1)}$$").isEmpty)
        #expect(try lint("since $q(x_0|x_1) = 1$, the term vanishes").map(\.code) == ["DL116"])
    }

    /// A marginal equal to 1 is a point mass: a discrete variable that is certain (entropy zero
    /// when $p(x_0) = 1$ for some $x_0$). Only a transition of the chain set to 1 drops a term.
    @Test func aMarginalThatIsOneIsAPointMass() throws {
        #expect(try lint("$H(X) = 0$ exactly when $p(x_0) = 1$ for some value $x_0$.").isEmpty)
        #expect(try lint("since $p_\\theta(x_0|x_1) = 1$, the decoder term vanishes").map(\.code) == ["DL116"])
    }

    @Test func theMarkovPropertyForgetsOnlyThePast() throws {
        #expect(try lint("$$q(x_t|x_{t-1}, x_0) = q(x_t|x_{t-1})$$").isEmpty)
        #expect(try lint("$$q(x_{t-1}|x_t) = q(x_{t-1}|x_t, x_0)$$").map(\.code) == ["DL116"])
        // A chain does not forget its start: x_n still depends on x_0.
        #expect(try lint("$$P(X_n|X_0) = P(X_n)$$").map(\.code) == ["DL116"])
        #expect(try lint("$$P(X_n|X_{n-1}, X_0) = P(X_n|X_{n-1})$$").isEmpty)
    }
}

/// A mean with the noise outside the bracket multiplies x_t by the noise: never a DDPM mean.
struct NoiseOutsideTheBracketTests {
    @Test func theNoiseMultiplyingXtIsCaught() throws {
        let right = "$$\\mu_\\theta(x_t, t) = \\frac{1}{\\sqrt{\\alpha_t}}\\Big(x_t - \\frac{\\beta_t}{\\sqrt{1-\\bar\\alpha_t}}\\epsilon_\\theta(x_t,t)\\Big)$$"
        #expect(try lint(right).isEmpty)
        let wrong = "$$\\mu_\\theta(x_t, t) = \\frac{1}{\\sqrt{\\alpha_t}}\\Big(x_t - \\frac{\\beta_t}{\\sqrt{1-\\bar\\alpha_t}}\\Big)\\epsilon_\\theta(x_t,t)$$"
        let d = try lint(wrong)
        #expect(d.map(\.code) == ["DL109"] && d.first?.details.contains { $0.name == "reading" } == true, "\(Corpus.describe(d))")
    }
}

/// The input of ε_θ in the loss is the noised data, and μ̃ written with x_0, x_t and ε together
/// is judged on x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε.
struct LossInputAndMixedMeanTests {
    @Test func theLossNoisesTheData() throws {
        let right = "$$\\mathcal{L} = \\mathbb{E}\\big[\\| \\epsilon - \\epsilon_\\theta(\\sqrt{\\bar\\alpha_t} x_0 + \\sqrt{1 - \\bar\\alpha_t} \\epsilon, t) \\|^2 \\big]$$"
        #expect(try lint(right).isEmpty)
        #expect(try lint(right.replacingOccurrences("} x_0 +", "} x_t +")).map(\.code) == ["DL110"])
    }

    @Test func aMeanInThreeQuantitiesIsJudgedOnTheForwardRelation() throws {
        let right = "$$\\tilde{\\mu}_t = \\frac{\\sqrt{\\alpha_t}(1-\\bar\\alpha_{t-1})}{1-\\bar\\alpha_t}x_t + \\frac{\\sqrt{\\bar{\\alpha}_{t-1}} \\beta_t}{1-\\bar{\\alpha}_t} \\cdot \\frac{x_t - \\sqrt{1-\\bar\\alpha_t}\\epsilon}{\\sqrt{\\bar\\alpha_t}} + 0\\cdot x_0$$"
        #expect(try lint(right).isEmpty)
        let wrong = "$$\\tilde{\\mu}_t = \\frac{1}{\\sqrt{\\alpha_t}} \\Big( x_t - \\frac{\\beta_t}{\\sqrt{1-\\bar{\\alpha}_t}} \\epsilon_t \\Big) \\frac{1-\\bar{\\alpha}_{t-1}}{1-\\bar{\\alpha}_t} + \\frac{\\sqrt{\\bar{\\alpha}_{t-1}} \\beta_t}{1-\\bar{\\alpha}_t} x_0$$"
        #expect(try lint(wrong).map(\.code) == ["DL107"])
    }
}

/// q(x_T | x_0) is the marginal at the last step: its coefficients are indexed by T.
struct TerminalMarginalTests {
    @Test func theLastStepsMarginalIsIndexedByT() throws {
        let right = "$q(x_T | x_0) = \\mathcal{N}(\\sqrt{\\bar\\alpha_T} x_0, (1-\\bar\\alpha_T)I)$"
        #expect(try lint(right).isEmpty)
        let d = try lint(right.replacingOccurrences("_T}", "_t}").replacingOccurrences("_T)I", "_t)I"))
        #expect(d.map(\.code) == ["DL104"], "\(Corpus.describe(d))")
    }
}

/// A derivation of schedule quantities keeps its value from side to side.
struct ScalarStepTests {
    @Test func anAlgebraSlipInAStepIsCaught() throws {
        let right = "$$1-\\bar\\alpha_{t-1}-\\tilde\\beta_t = \\frac{(1-\\bar\\alpha_{t-1})(1-\\bar\\alpha_t-\\beta_t)}{1-\\bar\\alpha_t} = \\frac{(1-\\bar\\alpha_{t-1})\\alpha_t(1-\\bar\\alpha_{t-1})}{1-\\bar\\alpha_t}$$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("\\alpha_t(1-\\bar\\alpha_{t-1})}", "\\alpha_t(1-\\bar\\alpha_{t-1}/\\alpha_t)}")
        #expect(try lint(wrong).map(\.code) == ["DL124"])
    }

    /// A linear schedule's formula holds for that schedule only; σ_t on one side fixes σ_t.
    @Test func definitionsAndConditionsAreNotSteps() throws {
        #expect(try lint("$$\\beta_t=\\frac{t-1}{T-1}(\\beta_T-\\beta_1)+\\beta_1$$").isEmpty)
        #expect(try lint("$$\\frac{\\sqrt{1-\\bar\\alpha_{t-1}-\\sigma_t^2}}{\\sqrt{1-\\bar\\alpha_t}} = \\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t}\\sqrt{\\alpha_t}$$").isEmpty)
    }

    /// Inside Σ_t, α_t is the running term: Σ_{t=1}^T log α_t = log ᾱ_T.
    @Test func aSumBindsItsIndex() throws {
        #expect(try lint("$$\\log\\bar\\alpha_T = \\sum_{t=1}^T \\log\\alpha_t$$").isEmpty)
        #expect(try lint("$$\\log\\bar\\alpha_T = \\sum_{t=1}^T \\log\\bar\\alpha_t$$").map(\.code) == ["DL124"])
    }
}

/// Bayes' rule and the chain rule between products and quotients of densities.
struct DensityQuotientTests {
    @Test func bayesRuleIsRightOnlyWithTheDataConditioned() throws {
        let right = "$$q(x_{t-1}|x_t, x_0) = \\frac{q(x_t|x_{t-1}, x_0)\\,q(x_{t-1}|x_0)}{q(x_t|x_0)} = \\frac{q(x_t|x_{t-1})\\,q(x_{t-1}|x_0)}{q(x_t|x_0)}$$"
        #expect(try lint(right).isEmpty)
        // Without x_0 on the left, the right side is still the posterior given x_0.
        let wrong = right.replacingOccurrences("$$q(x_{t-1}|x_t, x_0) =", "$$q(x_{t-1}|x_t) =")
        #expect(try lint(wrong).map(\.code) == ["DL116"])
    }

    @Test func aJointInTheDenominatorIsCaught() throws {
        let right = "$$q(x_{t-1}|x_t, x_0) = \\frac{q(x_{t-1}, x_t|x_0)}{q(x_t|x_0)}$$"
        #expect(try lint(right).isEmpty)
        // The joint leaves x_0 over in the denominator: the sides are densities of different
        // variables, which DL131 names.
        #expect(try lint(right.replacingOccurrences("{q(x_t|x_0)}", "{q(x_t, x_0)}")).map(\.code) == ["DL131"])
    }
}
