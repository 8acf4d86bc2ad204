import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "note.md")
}

/// A note in Su's notation with an appendix in DDPM's ᾱ and β: its DDPM formulas are right in
/// DDPM's reading (a formula with ᾱ or β reads differently in Su's, not only one with a plain α).
struct SuNoteWithDDPMAppendixTests {
    static let note = """
    Su writes $\\alpha_t^2 + \\beta_t^2 = 1$ and $\\boldsymbol{x}_t = \\alpha_t\\boldsymbol{x}_{t-1} + \\beta_t\\boldsymbol{\\varepsilon}_t$.

    In DDPM's own symbols the same chain is

    $$q(\\boldsymbol{x}_t|\\boldsymbol{x}_{t-1}) = \\mathcal{N}(\\boldsymbol{x}_t; \\sqrt{1-\\beta_t}\\boldsymbol{x}_{t-1}, \\beta_t\\boldsymbol{I})$$

    $$q(\\boldsymbol{x}_t|\\boldsymbol{x}_0) = \\mathcal{N}(\\boldsymbol{x}_t; \\sqrt{\\bar{\\alpha}_t}\\boldsymbol{x}_0, (1-\\bar{\\alpha}_t)\\boldsymbol{I})$$

    $$\\tilde{\\beta}_t = \\frac{1-\\bar{\\alpha}_{t-1}}{1-\\bar{\\alpha}_t}\\beta_t$$

    """

    @Test func theAppendixIsRightInDDPMsReading() throws {
        let d = try lint(Self.note)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aMarginalWrongInBothReadingsIsReported() throws {
        let wrong = Self.note.replacingOccurrences(of: "(1-\\bar{\\alpha}_t)\\boldsymbol{I})$$", with: "(1-\\bar{\\alpha}_t^3)\\boldsymbol{I})$$")
        #expect(try lint(wrong).map(\.code) == ["DL104"])
    }
}

/// Beside τ_i, the letter i counts the subsequence: σ_i stands for σ_{τ_i}, it is no step t.
struct SubsequencePositionTests {
    @Test func sigmaIndexedByThePositionIsNoMix() throws {
        let mean = "$$\\mu'_i = \\sqrt{\\bar{\\alpha}_{\\tau_{i-1}}}\\hat{x}_0 + \\sqrt{1-\\bar{\\alpha}_{\\tau_{i-1}}-\\sigma_i^2}\\,\\epsilon_{\\theta}(x_{\\tau_i}, \\tau_i)$$"
        #expect(try lint(mean).isEmpty)
    }

    @Test func aStepTBesideTauIsStillAMix() throws {
        let mixed = "$$x_{\\tau_{i-1}} = \\sqrt{\\bar{\\alpha}_{t-1}}\\hat{x}_0 + \\sqrt{1-\\bar{\\alpha}_{\\tau_{i-1}}}\\,\\epsilon_{\\theta}(x_{\\tau_i}, \\tau_i)$$"
        #expect(try lint(mixed).map(\.code) == ["DL119"])
    }

    /// A bare τ is a time of its own: the earlier step τ < t that a DDIM jump from t lands on, so
    /// x_τ beside x_t is the jump, not a subsequence mixed with a step.
    @Test func aBareTauIsAnEarlierTimeNotASubsequence() throws {
        let jump = "$$x_\\tau = \\sqrt{\\bar{\\alpha}_\\tau}\\frac{x_t-\\sqrt{1-\\bar{\\alpha}_t}\\epsilon_\\theta(x_t,t)}{\\sqrt{\\bar{\\alpha}_t}}+\\sqrt{1-\\bar{\\alpha}_\\tau-\\sigma_t^2}\\epsilon_\\theta(x_t,t)+\\sigma_t\\epsilon$$"
        let d = try lint(jump).filter { $0.code == "DL119" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }
}

/// Bayes' rule written twice, with and without x_0: q(x_t | x_{t−1}) = q(x_t | x_{t−1}, x_0) by the
/// Markov property, so both ratios are the same density.
struct MarkovBayesTests {
    @Test func bothRatiosAreTheForwardKernel() throws {
        let chain = "$$q(x_t|x_{t-1}) = \\frac{q(x_{t-1}|x_t)q(x_t)}{q(x_{t-1})} = \\frac{q(x_{t-1}|x_t,x_0)q(x_t|x_0)}{q(x_{t-1}|x_0)}$$"
        let d = try lint(chain)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theReverseKernelWithoutX0IsStillNotThePosterior() throws {
        let wrong = "$$q(x_{t-1}|x_t) = \\frac{q(x_t|x_{t-1})q(x_{t-1})}{q(x_t)} = \\frac{q(x_t|x_{t-1},x_0)q(x_{t-1}|x_0)}{q(x_t|x_0)}$$"
        let d = try lint(wrong)
        #expect(d.map(\.code) == ["DL116"], "\(Corpus.describe(d))")
    }
}

/// A guided reverse SDE adds the classifier's score beside the data's: each carries −g².
struct GuidedReverseSDETests {
    @Test func theGuidedSDEIsRight() throws {
        let sde = "$$dx = \\{ f(x,t) - g(t)^2 [\\nabla_x \\log p_t (x) + \\nabla_x \\log p_t (y | x)] \\} dt + g(t) d \\bar{w}$$"
        let d = try lint(sde)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func halfTheSquareIsStillWrong() throws {
        let wrong = "$$dx = \\{ f(x,t) - \\frac{1}{2}g(t)^2 [\\nabla_x \\log p_t (x) + \\nabla_x \\log p_t (y | x)] \\} dt + g(t) d \\bar{w}$$"
        #expect(try lint(wrong).map(\.code) == ["DL126"])
    }
}

/// A Gaussian chain in the note's own symbols (λ_t, σ_t) is a general autoregressive process; a
/// chain with DDPM's β is still judged. A product written from the top down, and a parameter after
/// a semicolon, do not change what a factorisation gives.
struct GeneralChainTests {
    @Test func anAutoregressiveChainIsNotDDPMs() throws {
        let ar = "\\begin{align*}\nq(x_t \\mid x_{t-1}) &= \\mathrm{N}(x_t \\mid \\lambda_t x_{t-1}, \\sigma_{t}^2).\n\\end{align*}"
        #expect(try lint(ar).isEmpty)
        let ddpm = "$$q(x_t \\mid x_{t-1}) = \\mathcal{N}(x_t; \\sqrt{1-\\beta_t} x_{t-1}, \\beta_t^2 I)$$"
        #expect(try lint(ddpm).map(\.code) == ["DL103"])
    }

    @Test func aProductWrittenDownwardsFactorises() throws {
        let model = "$$p(x_{0:T}; \\theta) = p(x_T) \\prod_{t=T-1}^0 p(x_t \\mid x_{t+1}; \\theta)$$"
        #expect(try lint(model).isEmpty)
        let data = "$$q(x_{0:T}) = q(x_T) \\prod_{t=T-1}^0 q(x_t \\mid x_{t+1})$$"
        #expect(try lint(data).isEmpty)
        let wrong = "$$p(x_{0:T}; \\theta) = p(x_T) \\prod_{t=T-1}^0 p(x_{t+1} \\mid x_t; \\theta)$$"
        #expect(try lint(wrong).map(\.code) == ["DL131"])
    }
}
