import CheckerCore
import Testing
@testable import NotesLint

/// DDIM's σ_t (and η) is a free parameter: a formula that holds for every σ_t is right, one that
/// holds for none is wrong, whatever single value a probe would give σ_t.
struct FreeSigmaTests {
    static func lint(_ text: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: text + "\n", path: "n.md")
    }

    /// The kernel family q_σ: right for any σ_t, with the variance σ_t² or the deterministic 0.
    static let rightKernels = [
        "$q_\\sigma(x_{t-1}|x_t,x_0) = \\mathcal{N}(x_{t-1}; \\sqrt{\\bar\\alpha_{t-1}}x_0 + \\sqrt{1-\\bar\\alpha_{t-1}-\\sigma_t^2}\\frac{x_t-\\sqrt{\\bar\\alpha_t}x_0}{\\sqrt{1-\\bar\\alpha_t}}, \\sigma_t^2 I)$",
        "$q(x_{t-1}|x_t,x_0) = \\mathcal{N}(x_{t-1}; \\sqrt{\\bar\\alpha_{t-1}}x_0 + \\sqrt{1-\\bar\\alpha_{t-1}}\\cdot\\frac{x_t-\\sqrt{\\bar\\alpha_t}x_0}{\\sqrt{1-\\bar\\alpha_t}}, 0)$",
        "$q(x_{t-1}|x_t,x_0) = \\mathcal{N}(x_{t-1}; \\tilde\\mu_t(x_t,x_0), \\sigma_t^2 I)$",
        "$\\tilde\\beta_t = \\sigma_t^2 = \\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t}\\beta_t$",
        "$x_{t-1} = \\sqrt{\\bar\\alpha_{t-1}}\\frac{x_t-\\sqrt{1-\\bar\\alpha_t}\\epsilon_\\theta(x_t,t)}{\\sqrt{\\bar\\alpha_t}} + \\sqrt{1-\\bar\\alpha_{t-1}-\\sigma_t^2}\\,\\epsilon_\\theta(x_t,t) + \\sigma_t z$",
        "$\\sigma_t(\\eta) = \\eta\\sqrt{\\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t}}\\sqrt{1-\\frac{\\bar\\alpha_t}{\\bar\\alpha_{t-1}}}$",
        "$\\sigma_t^2(\\eta) = \\eta^2\\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t}\\Big(1-\\frac{\\bar\\alpha_t}{\\bar\\alpha_{t-1}}\\Big)$",
    ]

    @Test(arguments: rightKernels)
    func aFormulaRightForEverySigmaIsQuiet(_ formula: String) throws {
        let d = try Self.lint(formula)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// The same formulas with one planted error each.
    static let wrongKernels: [(String, String)] = [
        // The x_t coefficient's denominator without its root: no σ_t makes this a kernel.
        ("$q_\\sigma(x_{t-1}|x_t,x_0) = \\mathcal{N}(x_{t-1}; \\sqrt{\\bar\\alpha_{t-1}}x_0 + \\sqrt{1-\\bar\\alpha_{t-1}-\\sigma_t^2}\\frac{x_t-\\sqrt{\\bar\\alpha_t}x_0}{1-\\bar\\alpha_t}, \\sigma_t^2 I)$", "DL107"),
        // Deterministic kernel written with σ_t² still under the root but variance 0: holds only at σ_t = 0.
        ("$q(x_{t-1}|x_t,x_0) = \\mathcal{N}(x_{t-1}; \\sqrt{\\bar\\alpha_{t}}x_0 + \\sqrt{1-\\bar\\alpha_{t-1}}\\cdot\\frac{x_t-\\sqrt{\\bar\\alpha_t}x_0}{\\sqrt{1-\\bar\\alpha_t}}, 0)$", "DL107"),
        // The update with noise σ_t·z but no σ_t² under the root.
        ("$x_{t-1} = \\sqrt{\\bar\\alpha_{t-1}}\\frac{x_t-\\sqrt{1-\\bar\\alpha_t}\\epsilon_\\theta(x_t,t)}{\\sqrt{\\bar\\alpha_t}} + \\sqrt{1-\\bar\\alpha_{t-1}}\\,\\epsilon_\\theta(x_t,t) + \\sigma_t z$", "DL112"),
        // σ_t(η) with the first ratio upside down.
        ("$\\sigma_t(\\eta) = \\eta\\sqrt{\\frac{1-\\bar\\alpha_t}{1-\\bar\\alpha_{t-1}}}\\sqrt{1-\\frac{\\bar\\alpha_t}{\\bar\\alpha_{t-1}}}$", "DL113"),
        // σ_t² written σ_t^2(η) with η where η² belongs.
        ("$\\sigma_t^2(\\eta) = \\eta\\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t}\\Big(1-\\frac{\\bar\\alpha_t}{\\bar\\alpha_{t-1}}\\Big)$", "DL208"),
    ]

    @Test(arguments: wrongKernels)
    func aFormulaWrongForEverySigmaIsCaught(_ formula: String, _ code: String) throws {
        let d = try Self.lint(formula)
        #expect(d.map(\.code) == [code], "\(Corpus.describe(d))")
    }

    /// The DDIM finding says which reading it assumed and what is missing.
    @Test func theMissingSigmaIsNamed() throws {
        let d = try Self.lint(Self.wrongKernels[2].0)
        #expect(d.first?.message.contains("σ_t²") == true && d.first?.message.contains("read in DDPM's") == true, "\(Corpus.describe(d))")
    }

    /// DDPM's posterior with the forward variance β_t stays an error: the mean is DDPM's, so no
    /// free σ_t is involved.
    @Test func theDDPMPosteriorWithBetaIsStillCaught() throws {
        let right = "$q(x_{t-1}|x_t,x_0) = \\mathcal{N}(x_{t-1}; \\tilde\\mu_t(x_t,x_0), \\tilde\\beta_t I)$"
        #expect(try Self.lint(right).isEmpty)
        let wrong = right.replacingOccurrences("\\tilde\\beta_t I", "\\beta_t I")
        #expect(try Self.lint(wrong).map(\.code) == ["DL106"])
    }

    /// A Gaussian's natural parameters η_1 = μ/σ², η_2 = −1/(2σ²): an indexed η is not DDIM's.
    @Test func naturalParametersAreNotDDIMsEta() throws {
        let natural = "$$\\sigma^2 = -\\frac{1}{2\\eta_2}, \\quad \\mu = -\\frac{\\eta_1}{2\\eta_2}$$"
        let d = try Self.lint(natural)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        #expect(try Self.lint(Self.wrongKernels[3].0).map(\.code) == ["DL113"])
    }
}

/// A Gaussian's parameters written down in a product-of-Gaussians derivation are definitions,
/// not sampling steps.
struct GaussianParameterDefinitionTests {
    static let block = """
    $$
    \\begin{aligned}
    \\mu_1 &= \\sqrt{1-\\beta_t}\\,x_{t-1}, & \\sigma_1^2 &= \\beta_t \\\\
    \\mu_2 &= \\sqrt{\\bar\\alpha_{t-1}}\\,x_0, & \\sigma_2^2 &= 1-\\bar\\alpha_{t-1} \\\\
    \\mu_x &= \\sqrt{\\bar\\alpha_t}\\,x_0, & \\sigma_3^2 &= 1-\\bar\\alpha_t
    \\end{aligned}
    $$
    """

    @Test func definitionsAreNotJudgedAsUpdates() throws {
        let (d, coverage) = try NotesLinter.lintWithCoverage(text: Self.block, path: "g.md")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        #expect(coverage.notJudged.contains { $0.reason?.contains("μ_x names a Gaussian's parameter") == true })
    }

    /// The same right-hand sides given to the sampler's own symbols are judged.
    @Test func theSamplersSymbolsAreStillJudged() throws {
        let wrong = "$x_{t-1} = \\sqrt{\\bar\\alpha_{t-1}}\\,x_0 + \\sqrt{1-\\bar\\alpha_{t-1}}\\,\\epsilon$ and $\\sigma_t = \\beta_t$"
        let d = try NotesLinter.lint(text: wrong + "\n", path: "g.md")
        #expect(d.map(\.code) == ["DL101"], "\(Corpus.describe(d))")
    }
}

/// `≈` states an approximation: α_1 ≈ 1 is no definition of α_1.
struct ApproximationTests {
    @Test func anApproximationIsNotAnIdentity() throws {
        let text = "Since $\\beta_1$ is small, $\\alpha_1 \\approx 1$ and $\\mu_\\theta(x_1, 1) \\approx x_0$.\n"
        #expect(try NotesLinter.lint(text: text, path: "a.md").isEmpty)
        let wrong = text.replacingOccurrences("\\alpha_1 \\approx 1", "\\alpha_1 = 1 + \\beta_1")
        #expect(try NotesLinter.lint(text: wrong, path: "a.md").map(\.code) == ["DL117"])
    }
}

/// A DDIM step written with ε_t twice (in x̂_0 and in the direction) reads ε_t as the prediction
/// and the other ε as the fresh noise, whose coefficient is σ_t, not σ_t².
struct RepeatedEpsilonTests {
    static let right = "$$x_{t-1}=\\sqrt{\\alpha_{t-1}^{-}}\\Big(\\frac{x_t-\\sqrt{1-\\bar\\alpha_t}\\,\\epsilon_t}{\\sqrt{\\bar\\alpha_t}}\\Big)+\\sqrt{1-\\alpha_{t-1}^{-}-\\sigma^2}\\,\\epsilon_t+\\sigma\\epsilon$$"

    @Test func theRightStepIsQuiet() throws {
        let d = try NotesLinter.lint(text: Self.right + "\n", path: "d.md")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theVarianceOnTheNoiseIsCaught() throws {
        let d = try NotesLinter.lint(text: Self.right.replacingOccurrences("+\\sigma\\epsilon$$", "+\\sigma^2\\epsilon$$") + "\n", path: "d.md")
        #expect(d.map(\.code) == ["DL112"] && d.first?.message.contains("σ_t²") == true, "\(Corpus.describe(d))")
    }
}
