import CheckerCore
import Testing
@testable import NotesLint

private func codes(_ text: String) throws -> [String] {
    try NotesLinter.lint(text: text + "\n", path: "numeric-reach.md").map(\.code)
}

/// A derivation that goes on in the next display (`$$= …$$`) is one chain: each step is compared
/// with the last side of the display above it.
struct DisplayContinuationTests {
    private let opening = "$$\\alpha_t(1-\\bar\\alpha_{t-1}) + \\beta_t = \\alpha_t - \\bar\\alpha_t + \\beta_t$$"

    @Test func aRightNextStepIsSilentAndAWrongOneIsFound() throws {
        #expect(try codes("\(opening)\n$$= 1 - \\bar\\alpha_t$$").isEmpty)
        #expect(try codes("\(opening)\nusing the definition of α:\n$$= 1 - \\bar\\alpha_{t-1}$$") == ["DL124"])
    }

    @Test func aContinuedSideIsJudgedAgainstTheDefinedQuantity() throws {
        let step = "$$x_t = \\sqrt{\\alpha_t}x_{t-1} + \\sqrt{1-\\alpha_t}\\epsilon_1$$\n"
        #expect(try codes(step + "$$= \\sqrt{\\alpha_t\\alpha_{t-1}}x_{t-2} + \\sqrt{1-\\alpha_t\\alpha_{t-1}}\\bar\\epsilon$$").isEmpty)
        #expect(try codes(step + "$$= \\sqrt{\\alpha_t\\alpha_{t-1}}x_{t-2} + (1-\\alpha_t\\alpha_{t-1})\\bar\\epsilon$$") == ["DL105"])
        // An error in the first display is reported once, on its own line.
        let wrongFirst = "$$x_t = \\sqrt{\\alpha_t}x_{t-1} + (1-\\alpha_t)\\epsilon_1$$\n$$= \\sqrt{\\alpha_t\\alpha_{t-1}}x_{t-2} + \\sqrt{1-\\alpha_t\\alpha_{t-1}}\\bar\\epsilon$$"
        #expect(try NotesLinter.lint(text: wrongFirst + "\n", path: "numeric-reach.md").map { $0.location?.line } == [1])
    }

    @Test func aDisplayCutShortByProseIsNotContinued() throws {
        // `\text{Var}(x_t|x_0)` ends the statement; the next display resumes the whole product.
        let text = "$$V = \\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t}\\text{Var}(x_t|x_0)$$\n$$= \\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t}(1-\\bar\\alpha_t)$$"
        #expect(try codes(text).isEmpty)
    }

    @Test func onlyADisplayThatOpensWithTheRelationNearbyContinues() throws {
        #expect(try codes("\(opening)\n$$\\text{numerator} = 1 - \\bar\\alpha_{t-1}$$").isEmpty)
        let farAway = "\(opening)\n\none\n\ntwo\n\nthree\n$$= 1 - \\bar\\alpha_{t-1}$$"
        #expect(try codes(farAway).isEmpty)
    }

    @Test func aTransposeIsNotThePowerT() throws {
        #expect(try codes("$$(\\sqrt{\\alpha_t} I)(\\sqrt{\\alpha_t} I)^T = \\alpha_t I$$").isEmpty)
    }
}

/// x̂_0 from the velocity (√ᾱ_t·x_t − √(1 − ᾱ_t)·v_θ) and from the score ((x_t + (1 − ᾱ_t)·s_θ)/√ᾱ_t),
/// in DDPM's and in Su's notation.
struct PredictionTargetTests {
    @Test func fromTheVelocity() throws {
        #expect(try codes("$$\\hat x_0 = \\sqrt{\\bar\\alpha_t}x_t - \\sqrt{1-\\bar\\alpha_t}v_\\theta(x_t, t)$$").isEmpty)
        #expect(try codes("$$\\hat x_0 = \\sqrt{\\bar\\alpha_t}x_t + \\sqrt{1-\\bar\\alpha_t}v_\\theta(x_t, t)$$") == ["DL108"])
        #expect(try codes("$$\\hat x_0 = x_t - \\sqrt{1-\\bar\\alpha_t}v_\\theta(x_t, t)$$") == ["DL108"])
    }

    @Test func fromTheScore() throws {
        #expect(try codes("$$\\hat x_0 = \\frac{x_t + (1-\\bar\\alpha_t)s_\\theta(x_t, t)}{\\sqrt{\\bar\\alpha_t}}$$").isEmpty)
        #expect(try codes("$$\\hat x_0 = x_t + (1-\\bar\\alpha_t)s_\\theta(x_t, t)$$") == ["DL108"])
    }

    @Test func inSuNotation() throws {
        let su = "$$\\alpha_t^2 + \\beta_t^2 = 1$$\n"
        #expect(try codes(su + "$$\\hat{x}_0 = \\frac{x_t + \\bar\\beta_t^2 s_\\theta}{\\bar\\alpha_t}, \\quad \\hat{x}_0 = \\bar\\alpha_t x_t - \\bar\\beta_t v_\\theta$$").isEmpty)
        #expect(try codes(su + "$$\\hat{x}_0 = x_t + \\bar\\beta_t^2 s_\\theta$$") == ["DL108"])
        #expect(try codes(su + "$$\\hat{x}_0 = x_t + \\bar\\beta_t v_\\theta$$") == ["DL108"])
    }

    @Test func theContinuousTimeScheduleStaysFree() throws {
        #expect(try codes("$$\\hat x_0 = \\frac{x_t + \\sigma_t^2 s_\\theta(x_t, t)}{\\alpha_t}$$").isEmpty)
    }
}

/// μ_θ(x_t, t) sees x_t and t only: the true x_0 beside a model output is an error.
struct ModelMeanTests {
    private let direction = "\\sqrt{1-\\bar\\alpha_{t-1}-\\sigma_t^2}\\frac{x_t - \\sqrt{\\bar\\alpha_t}f_\\theta^{(t)}(x_t)}{\\sqrt{1-\\bar\\alpha_t}}"

    @Test func theEstimateIsRightTheTrueDataIsNot() throws {
        #expect(try codes("$$\\mu_\\theta(x_t, t) = \\sqrt{\\bar\\alpha_{t-1}}f_\\theta^{(t)}(x_t) + \(direction)$$").isEmpty)
        #expect(try codes("$$\\mu_\\theta(x_t, t) = \\sqrt{\\bar\\alpha_{t-1}}x_0 + \(direction)$$") == ["DL140"])
    }

    @Test func thePosteriorMeanMayUseTheData() throws {
        #expect(try codes("$$\\tilde\\mu_t(x_t, x_0) = \\frac{\\sqrt{\\bar\\alpha_{t-1}}\\beta_t}{1-\\bar\\alpha_t}x_0 + \\frac{\\sqrt{\\alpha_t}(1-\\bar\\alpha_{t-1})}{1-\\bar\\alpha_t}x_t$$").isEmpty)
    }
}

/// Numbers given for Ho et al.'s schedule, in a note that states it (β_1 = 10⁻⁴, β_T = 0.02,
/// T = 1000), read at their written precision.
struct ScheduleValueTests {
    private let stated = "With $\\beta_1 = 10^{-4}$, $\\beta_T = 0.02$ and $T = 1000$:\n"
    private let sum = "\\sum_{t=1}^{T}\\beta_t = \\frac{T}{2}(\\beta_1+\\beta_T)"

    @Test func theSumOfTheBetas() throws {
        #expect(try codes(stated + "$$\(sum) = 10.05$$").isEmpty)
        #expect(try codes(stated + "$$\(sum) = 10.2$$") == ["DL141"])
    }

    @Test func roundedValuesAndApproximationsOfAnySideAreRight() throws {
        #expect(try codes(stated + "$$\\bar\\alpha_T \\approx 4\\times 10^{-5}, \\quad \\sqrt{\\bar\\alpha_T} \\approx 0.006$$").isEmpty)
        // 4.0·10⁻⁵ is ᾱ_T, not e^{−Σβ} (4.3·10⁻⁵): with ≈ either side may be meant.
        #expect(try codes(stated + "$$\\bar\\alpha_T \\approx e^{-\\sum_{t=1}^T \\beta_t} \\approx 4.0\\times 10^{-5}$$").isEmpty)
        #expect(try codes(stated + "$$\\bar\\alpha_T \\approx 2\\times 10^{-4}$$") == ["DL141"])
    }

    @Test func namedEndsAndAnIntegerExponent() throws {
        let ends = "With $\\beta_{\\min} = 0.0001$, $\\beta_{\\max} = 0.02$, $T = 1000$:\n"
        #expect(try codes(ends + "$$e^{-\\frac{T}{2}(\\beta_{\\min}+\\beta_{\\max})} = e^{-10}$$").isEmpty)
        #expect(try codes(ends + "$$e^{-\\frac{T}{2}(\\beta_{\\min}+\\beta_{\\max})} = e^{-10.2}$$") == ["DL141"])
    }

    @Test func aNoteThatDoesNotStateTheScheduleIsNotJudged() throws {
        #expect(try codes("$$\(sum) = 10.2$$").isEmpty)
    }
}

/// `α_1 α_2 ⋯ α_t` and `β_1 + ⋯ + β_T` read as ∏ and Σ over the subscript that varies.
struct ElidedRunTests {
    @Test func productsWrittenWithDots() throws {
        let right = "$$\\bar\\alpha_t = \\alpha_1\\alpha_2\\cdots\\alpha_t, \\quad \\bar\\alpha_t = \\alpha_t\\alpha_{t-1}\\cdots\\alpha_1, \\quad \\bar\\alpha_t = (1-\\beta_1)(1-\\beta_2)\\cdots(1-\\beta_t)$$"
        #expect(try codes(right).isEmpty)
        #expect(try codes("$$\\bar\\alpha_t = \\alpha_1\\alpha_2\\cdots\\alpha_{t-1}$$") == ["DL117"])
        // The cumulative products multiplied again: ∏_s ᾱ_s is not ᾱ_t.
        #expect(try codes("$$x_t \\sim \\mathcal N(\\sqrt{\\bar\\alpha_t\\bar\\alpha_{t-1}\\cdots\\bar\\alpha_1}x_0, (1-\\bar\\alpha_t\\bar\\alpha_{t-1}\\cdots\\bar\\alpha_1) I)$$") == ["DL104"])
    }

    @Test func sumsWrittenWithDots() throws {
        let stated = "With $\\beta_1 = 10^{-4}$, $\\beta_T = 0.02$ and $T = 1000$:\n"
        #expect(try codes(stated + "$$\\beta_1 + \\beta_2 + \\cdots + \\beta_T = 10.05$$").isEmpty)
        #expect(try codes(stated + "$$\\beta_1 + \\cdots + \\beta_T = 10.2$$") == ["DL141"])
    }

    @Test func runsThatDifferInMoreThanOneSubscriptStayUnread() throws {
        #expect(try codes("$$q(x_{1:T}|x_0) = q(x_1|x_0)q(x_2|x_1)\\cdots q(x_T|x_{T-1})$$").isEmpty)
    }
}

/// Identities between x_t, x_0, ε and the predictions, checked in the basis (x_0, ε, ε_θ).
struct ForwardIdentityTests {
    @Test func theErrorOfThePredictionAndItsSign() throws {
        #expect(try codes("$$\\sqrt{\\bar\\alpha_t}(\\hat x_0 - x_0) = \\sqrt{1-\\bar\\alpha_t}(\\epsilon - \\epsilon_\\theta(x_t, t))$$").isEmpty)
        #expect(try codes("$$\\sqrt{\\bar\\alpha_t}(\\hat x_0 - x_0) = \\sqrt{1-\\bar\\alpha_t}(\\epsilon_\\theta(x_t, t) - \\epsilon)$$") == ["DL142"])
        // The DDIM paper's f_θ^{(t)} is the prediction of x_0, its α_t DDPM's ᾱ_t.
        #expect(try codes("$$\\sqrt{\\alpha_t}(f_\\theta^{(t)}(x_t) - x_0) = \\sqrt{1-\\alpha_t}(\\epsilon_t - \\epsilon_\\theta^{(t)}(x_t))$$").isEmpty)
        #expect(try codes("$$\\sqrt{\\alpha_t}(f_\\theta^{(t)}(x_t) - x_0) = \\sqrt{1-\\alpha_t}(\\epsilon_\\theta^{(t)}(x_t) - \\epsilon_t)$$") == ["DL142"])
    }

    @Test func targetsAndTwoNoisesAreNotJudged() throws {
        #expect(try codes("$$\\epsilon_\\theta(x_t, t) = \\epsilon$$").isEmpty)
        #expect(try codes("$$\\sqrt{\\bar\\alpha_t}x_0 + \\sqrt{1-\\bar\\alpha_t}\\epsilon_1 = \\sqrt{\\bar\\alpha_t}x_0 + \\sqrt{1-\\bar\\alpha_t}\\epsilon_2$$").isEmpty)
    }
}

/// H[N(μ, σ²I_D)] = (D/2)(1 + log 2π) + (D/2) log σ²; ½ log(2πeσ²) in one dimension.
struct GaussianEntropyTests {
    private let lhs = "H[\\mathcal N(\\mu, \\sigma^2I)]"

    @Test func theLogVarianceScalesWithTheDimension() throws {
        #expect(try codes("$$\(lhs)=\\frac D 2 (\\log 2\\pi +1)+\\frac D 2\\log \\sigma^2$$").isEmpty)
        #expect(try codes("$$\(lhs)=\\frac D 2 \\log 2\\pi e \\sigma^2$$").isEmpty)
        #expect(try codes("$$\(lhs)=\\frac D 2 (\\log 2\\pi +1)+\\frac 1 2\\log \\sigma^2$$") == ["DL143"])
    }

    @Test func oneDimension() throws {
        #expect(try codes("$$H(\\mathcal N(\\mu, \\sigma^2))=\\frac 1 2 \\log (2\\pi e \\sigma^2)$$").isEmpty)
        #expect(try codes("$$H(\\mathcal N(\\mu, \\sigma^2))=\\log (2\\pi e \\sigma^2)$$") == ["DL143"])
    }

    @Test func anEntropyPerCoordinateIsNotJudged() throws {
        // σ²I without a dimension on the right: per coordinate, or D left implicit.
        #expect(try codes("$$\(lhs)=\\frac 1 2 (\\log 2\\pi +1)+\\frac 1 2\\log \\sigma^2$$").isEmpty)
    }
}

/// Means written with the score: E[x_{t−1} | x_t] = (x_t + β_t·∇ log p(x_t))/√α_t (and μ_θ with s_θ),
/// E[x_0 | x_t] = (x_t + (1 − ᾱ_t)·∇ log p(x_t))/√ᾱ_t.
struct ScoreMeanTests {
    private let score = "\\nabla_{x_t} \\log p(x_t)"

    @Test func theOneStepMean() throws {
        #expect(try codes("$$\\mathbb{E}[x_{t-1} \\mid x_t] = \\frac{1}{\\sqrt{\\alpha_t}}(x_t + \\beta_t \(score))$$").isEmpty)
        #expect(try codes("$$\\mathbb{E}[x_{t-1} \\mid x_t] = x_t + (1-\\bar\\alpha_t) \(score)$$") == ["DL109"])
        #expect(try codes("$$\\mu_\\theta(x_t, t) = \\frac{1}{\\sqrt{\\alpha_t}}(x_t + \\beta_t s_\\theta(x_t, t))$$").isEmpty)
        #expect(try codes("$$\\mu_\\theta(x_t, t) = x_t + \\beta_t s_\\theta(x_t, t)$$") == ["DL109"])
    }

    @Test func tweedieForTheData() throws {
        #expect(try codes("$$\\mathbb{E}[x_0 \\mid x_t] = \\frac{x_t + (1-\\bar\\alpha_t)\(score)}{\\sqrt{\\bar\\alpha_t}}$$").isEmpty)
        #expect(try codes("$$\\mathbb{E}[x_0 \\mid x_t] = x_t + (1-\\bar\\alpha_t)\(score)$$") == ["DL108"])
    }

    @Test func aLangevinStepIsNotAMean() throws {
        #expect(try codes("$$x_{i+1} = x_i + \\eta \\nabla_x \\log p(x_i) + \\sqrt{2\\eta} z_i$$").filter { $0 == "DL109" }.isEmpty)
    }
}
