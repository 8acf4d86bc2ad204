import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "r.md")
}

/// Su's convention α_t² + β_t² = 1: his α_t is DDPM's √α_t and β_t a standard deviation.
struct SuConventionTests {
    static let note = """
    Under the constraint $\\alpha_t^2 + \\beta_t^2 = 1$, with $\\bar\\alpha_t = \\alpha_1\\cdots\\alpha_t$ and $\\bar\\beta_t = \\sqrt{1-\\bar\\alpha_t^2}$:

    $$x_t = \\alpha_t x_{t-1} + \\beta_t \\varepsilon_t$$

    $$x_t = \\bar\\alpha_t x_0 + \\bar\\beta_t \\bar\\varepsilon_t$$

    $$p(x_{t-1}|x_t, x_0) = \\mathcal{N}\\Big(x_{t-1}; \\frac{\\alpha_t\\bar\\beta_{t-1}^2}{\\bar\\beta_t^2}x_t + \\frac{\\bar\\alpha_{t-1}\\beta_t^2}{\\bar\\beta_t^2}x_0, \\frac{\\bar\\beta_{t-1}^2\\beta_t^2}{\\bar\\beta_t^2}I\\Big)$$
    """

    @Test func suNotesAreReadInTheirOwnConvention() throws {
        let d = try lint(Self.note)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let (_, coverage) = try NotesLinter.lintWithCoverage(text: Self.note, path: "su.md")
        #expect(coverage.reading.hasPrefix("Su's"))
    }

    @Test func anErrorInSuNotationIsCaught() throws {
        // The marginal with β̄_t² (a variance) multiplying the noise.
        let wrong = Self.note.replacingOccurrences("\\bar\\beta_t \\bar\\varepsilon_t", "\\bar\\beta_t^2 \\bar\\varepsilon_t")
        let d = try lint(wrong)
        #expect(d.map(\.code) == ["DL104"] && d.first?.message.contains("noise variance") == true, "\(Corpus.describe(d))")
    }
}

/// The α_t, σ_t notation of continuous-time models (x_t = α_t·x_0 + σ_t·ε) leaves the schedule
/// free; the variance-exploding x_t = x_0 + σ·ε too.
struct ContinuousNotationTests {
    @Test func alphaSigmaNotationIsNotReadAsDDPM() throws {
        let text = "$$x_t = \\alpha_t x_0 + \\sigma_t \\epsilon$$\nwith $\\alpha_0 = 1$, $\\alpha_1 = 0$, and $\\hat x_0 = \\frac{x_t - \\sigma_t\\epsilon_\\theta(x_t,t)}{\\alpha_t}$; also $x_t = x_0 + \\sigma\\epsilon$."
        #expect(try lint(text).isEmpty)
        // Written with DDPM's symbols, the same slip is caught.
        let wrong = "With $\\alpha_t = 1-\\beta_t$: $x_t = \\alpha_t x_0 + \\sqrt{1-\\bar\\alpha_t}\\epsilon$"
        #expect(try lint(wrong).map(\.code) == ["DL104"])
    }
}

/// Values and quantities that are not the schedule's definitions.
struct ScheduleStatementTests {
    @Test func chosenValuesAndOtherAlphasAreNotDefinitions() throws {
        let text = "Zero terminal SNR sets $\\bar\\alpha_T = 0$; rescaled, $\\tilde\\alpha_t = \\frac{\\bar\\alpha_t - \\bar\\alpha_T}{1 - \\bar\\alpha_T}$."
        #expect(try lint(text).isEmpty)
        #expect(try lint("$\\bar\\alpha_t = \\prod_{s=1}^t (1+\\beta_s)$").map(\.code) == ["DL117"])
    }

    /// β̃ at the first step is 0 (ᾱ_0 = 1): judged at the step its subscript names.
    @Test func theFirstPosteriorVarianceIsZero() throws {
        let right = "$$\\tilde\\beta_1 = \\frac{(1-\\alpha_1)(1-\\bar\\alpha_0)}{1-\\bar\\alpha_1} = 0$$"
        #expect(try lint(right).isEmpty)
        #expect(try lint("$$\\tilde\\beta_1 = \\beta_1$$").map(\.code) == ["DL106"])
    }
}

/// The Gaussian KL written for equal variances or in d dimensions is a special case, not judged
/// against the scalar form; the general form still is.
struct KLSpecialCaseTests {
    @Test func aSpecialCaseIsNotJudged() throws {
        let special = "$$D_{KL}(\\mathcal{N}(\\mu_1,\\sigma_1^2)\\|\\mathcal{N}(\\mu_2,\\sigma_2^2)) = \\frac{\\|\\mu_1-\\mu_2\\|^2}{2\\sigma_2^2} + \\frac{d}{2}\\Big(\\frac{\\sigma_1^2}{\\sigma_2^2} - \\log\\frac{\\sigma_1^2}{\\sigma_2^2} - 1\\Big)$$"
        #expect(try lint(special).isEmpty)
        let wrong = "$$D_{KL}(\\mathcal{N}(\\mu_1,\\sigma_1^2)\\|\\mathcal{N}(\\mu_2,\\sigma_2^2)) = \\frac{(\\mu_1-\\mu_2)^2}{2\\sigma_2^2} + \\frac{1}{2}\\Big(\\frac{\\sigma_1^2}{\\sigma_2^2} - \\log\\frac{\\sigma_1^2}{\\sigma_2^2} + 1\\Big)$$"
        #expect(try lint(wrong).map(\.code) == ["DL111"])
    }
}

/// On a subsequence τ, states and coefficients share the index τ_i.
struct SubsequenceIndexTests {
    @Test func mixingTauAndTIsCaught() throws {
        let right = "$$x_{\\tau_{i-1}} = \\sqrt{\\bar\\alpha_{\\tau_{i-1}}}\\,\\frac{x_{\\tau_i} - \\sqrt{1-\\bar\\alpha_{\\tau_i}}\\,\\epsilon_\\theta(x_{\\tau_i})}{\\sqrt{\\bar\\alpha_{\\tau_i}}} + \\sqrt{1-\\bar\\alpha_{\\tau_{i-1}}}\\,\\epsilon_\\theta(x_{\\tau_i})$$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("\\sqrt{\\bar\\alpha_{\\tau_{i-1}}}\\,", "\\sqrt{\\bar\\alpha_{t-1}}\\,")
        #expect(try lint(wrong).map(\.code) == ["DL119"])
    }
}

/// An equation number typed after a formula is not a factor of it.
struct EquationNumberTests {
    @Test func aTrailingNumberIsDropped() throws {
        let right = "$$x_{t-1}=\\frac{1}{\\sqrt{\\alpha_t}}\\Big(x_t-\\frac{1-\\alpha_t}{\\sqrt{1-\\bar{\\alpha}_t}}\\hat{\\epsilon}\\Big)+\\sqrt{\\beta_t}\\,z     (13)$$"
        #expect(try lint(right).isEmpty)
        let wrong = right.replacingOccurrences("{\\sqrt{1-\\bar{\\alpha}_t}}", "{1-\\bar{\\alpha}_t}")
        #expect(try lint(wrong).map(\.code) == ["DL109"])
    }
}
