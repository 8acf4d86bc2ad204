import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "forms.md")
}

/// A Gaussian written for f(A | C) has parameters that are functions of C.
struct GaussianConditionTests {
    @Test func theReverseKernelWithoutTheDataCannotReadTheData() throws {
        let right = "$$q(x_{t-1}|x_t, x_0) \\sim \\mathcal{N}\\Big(\\frac{\\sqrt{\\alpha_t}(1-\\bar\\alpha_{t-1})}{1-\\bar\\alpha_t}x_t + \\frac{\\sqrt{\\bar\\alpha_{t-1}}\\beta_t}{1-\\bar\\alpha_t}x_0, \\tilde\\beta_t I\\Big)$$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("q(x_{t-1}|x_t, x_0)", "p(x_{t-1}|x_t)")
        let d = try lint(wrong)
        #expect(d.map(\.code) == ["DL132"] && d.first?.message.contains("x_0") == true, "\(Corpus.describe(d))")
    }

    /// HTML colouring inside the math is markup: its `<` is no relation that would split the formula.
    @Test func colouredTermsAreReadThroughTheirMarkup() throws {
        let right = "$$ <span style=\"color: Purple;\"> q(x_{t-1}|x_t, x_0) \\sim \\mathcal{N}\\Big( a_t x_t + b_t x_0, </span>\n<span style=\"color: Red;\"> \\tilde\\beta_t \\Big) </span> $$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("q(x_{t-1}|x_t, x_0)", "p(x_{t-1}|x_t)")
        #expect(try lint(wrong).map(\.code) == ["DL132"])
    }

    /// The model's estimate of x_0 is a function of x_t; a case written at t = 1 reads x_1 for x_t;
    /// a marginal written without its condition is left to the note's shorthand.
    @Test func estimatesCasesAndMarginalsAreLeftAlone() throws {
        for right in [
            "$$p_\\theta(x_{t-1}|x_t) = \\mathcal{N}(x_{t-1}; \\mu_\\theta(x_t, t), \\sigma_t^2 I)$$",
            "$$p_\\theta(x_{t-1}|x_t) = \\mathcal{N}(x_{t-1}; \\tilde\\mu_t(x_t, \\hat x_0), \\tilde\\beta_t I)$$",
            "$$p_\\theta(x_{t-1}|x_t) = \\mathcal{N}(f_\\theta(x_1), \\sigma_1^2 I)$$",
            "$$q(x_t|x_{t-1}) = \\mathcal{N}(x_t; \\sqrt{1-\\beta_t}x_{t-1}, \\beta_t I)$$",
            "$$q(x_t) = \\mathcal{N}(\\sqrt{\\bar\\alpha_t}x_0, (1-\\bar\\alpha_t)I)$$",
        ] {
            #expect(try lint(right).isEmpty, "\(right)")
        }
        // The forward kernel reads the state two steps back: it is not given that one.
        let wrong = "$$q(x_t|x_{t-1}) = \\mathcal{N}(x_t; \\sqrt{1-\\beta_t}x_{t-2}, \\beta_t I)$$"
        #expect(try lint(wrong).map(\.code).contains("DL132"))
    }
}

/// The logarithm belongs on both sides of = or ∝, or on neither.
struct LogOnOneSideTests {
    @Test func guidanceIsWrittenInOneSpace() throws {
        let inLogs = "$$\\log \\tilde p(x_t|y) = \\log p(x_t|y) + w\\log p(y|x_t) + C$$"
        #expect(try lint(inLogs).isEmpty)
        let inDensities = "$$\\tilde p(x_t|y) \\propto p(x_t|y)\\, p(y|x_t)^{w}$$"
        #expect(try lint(inDensities).isEmpty)
        let mixed = "$$\\log \\tilde p(x_t|y) \\propto p(x_t|y)\\, p(y|x_t)^{w}$$"
        #expect(try lint(mixed).map(\.code) == ["DL133"])
        let unicode = "$$\\log \\tilde p(x_t|y) ∝ p(x_t|y)\\, p(y|x_t)^{w}$$"
        #expect(try lint(unicode).map(\.code) == ["DL133"])
        let varpropto = "$$\\log \\tilde p(x_t|y) \\varpropto p(x_t|y)\\, p(y|x_t)^{w}$$"
        #expect(try lint(varpropto).map(\.code) == ["DL133"])
    }

    /// A logistic posterior, σ applied to the log-odds: a function of logs, no weighted log.
    @Test func aSigmoidOfTheLogOddsIsNoLogOfDensities() throws {
        let logistic = "$$p(y=1|x) = \\sigma\\left(\\log \\frac{p(x|y=1)}{p(x|y=0)} + \\log \\frac{p(y=1)}{p(y=0)}\\right)$$"
        let d = try lint(logistic)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let weighted = "$$p(y=1|x) = w\\log \\frac{p(x|y=1)}{p(x|y=0)}$$"
        #expect(try lint(weighted).map(\.code) == ["DL133"])
    }
}

/// Maximum likelihood averages the log of the density.
struct ExpectedLikelihoodTests {
    @Test func theObjectiveIsTheExpectedLogLikelihood() throws {
        let right = "$$\\theta^* = \\arg\\max_\\theta \\mathbb{E}_{x_0 \\sim q(x_0)}[\\log p_\\theta(x_0)]$$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("\\log p_\\theta", "p_\\theta")
        #expect(try lint(wrong).map(\.code) == ["DL134"])
        // The expected density on its own is a quantity, not an objective.
        #expect(try lint("$$m = \\mathbb{E}_{x_0 \\sim q(x_0)}[p_\\theta(x_0)]$$").isEmpty)
    }
}

/// The tower rule: the inner expectation of a split joint one samples from a conditional.
struct NestedExpectationTests {
    @Test func theInnerExpectationIsConditionedOnTheOuterStates() throws {
        let right = "$$\\mathbb{E}_q = \\mathbb{E}_{x_{1:T} \\sim q(x_{1:T})}\\big[\\mathbb{E}_{x_0 \\sim q(x_0|x_{1:T})}[\\cdot]\\big]$$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("q(x_0|x_{1:T})", "q(x_0)")
        #expect(try lint(wrong).map(\.code) == ["DL135"])
        // Sampling noise independently of the data is right: ε is no state of the chain.
        let noise = "$$\\mathbb{E}_q = \\mathbb{E}_{x_0 \\sim q(x_0)}\\big[\\mathbb{E}_{\\epsilon \\sim \\mathcal{N}(0, I)}[\\cdot]\\big]$$"
        #expect(try lint(noise).isEmpty)
    }
}
