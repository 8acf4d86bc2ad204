import CheckerCore
import Testing
@testable import NotesLint

/// The judge compares mathematics, not text: a right formula in an unusual form is quiet, and the
/// same error written differently is still caught.
struct SemanticJudgeTests {
    static let right: [String] = [
        "$x_t = (1-\\beta_t)^{1/2} x_{t-1} + \\beta_t^{0.5}\\epsilon$",
        "$x_t = \\sqrt{\\alpha_t}\\left(x_{t-1} + \\sqrt{\\frac{1}{\\alpha_t} - 1}\\,\\epsilon\\right)$",
        "$x_t = \\sqrt{\\bar\\alpha_t}\\cdot x_0 + \\sqrt{1-\\bar\\alpha_t}\\cdot\\boldsymbol{\\epsilon}$",
        "$\\mathbf{x}_t = \\sqrt{\\overline{\\alpha}_{t}}\\mathbf{x}_0 + \\sqrt{1-\\prod_{s=1}^{t}(1-\\beta_s)}\\,\\mathbf{z}$",
        "$\\tilde\\beta_t = \\beta_t\\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t}$",
        "$\\tilde\\beta_t = \\frac{(1-\\bar\\alpha_{t-1})(1-\\alpha_t)}{1-\\bar\\alpha_t}$",
        "$\\hat x_0 = \\frac{x_t}{\\sqrt{\\bar\\alpha_t}} - \\sqrt{\\frac{1}{\\bar\\alpha_t} - 1}\\,\\epsilon_\\theta(x_t, t)$",
        "$\\mu_\\theta(x_t, t) = \\frac{x_t}{\\sqrt{\\alpha_t}} - \\frac{\\beta_t}{\\sqrt{\\alpha_t}\\sqrt{1-\\bar\\alpha_t}}\\epsilon_\\theta(x_t, t)$",
        "$x_{t-1} = \\frac{1}{\\sqrt{\\alpha_t}}\\left(x_t - \\frac{\\beta_t}{\\sqrt{1-\\bar\\alpha_t}}\\epsilon_\\theta(x_t,t)\\right) + \\sqrt{\\beta_t}\\,z$",
        "$\\tilde\\mu_t = \\frac{\\sqrt{\\alpha_t}(1-\\bar\\alpha_{t-1})x_t + \\sqrt{\\bar\\alpha_{t-1}}\\beta_t x_0}{1-\\bar\\alpha_t}$",
        "$q(x_t|x_{t-1}) = \\mathcal{N}(x_t; \\sqrt{1-\\beta_t}x_{t-1}, \\beta_t\\mathbf{I})$",
        "$D_{KL}(\\mathcal{N}(\\mu_1,\\sigma_1^2)\\|\\mathcal{N}(\\mu_2,\\sigma_2^2)) = \\frac{1}{2}\\left(\\log\\frac{\\sigma_2^2}{\\sigma_1^2} + \\frac{\\sigma_1^2+(\\mu_1-\\mu_2)^2}{\\sigma_2^2} - 1\\right)$",
        "$\\sigma_t^2 = \\tilde\\beta_t$",
        "$x_t = \\sqrt{\\hat{\\alpha}_t}\\,x_0 + \\sqrt{1-\\hat{\\alpha}_t}\\,\\xi$ with $\\alpha_t = 1-\\beta_t$",
        "$f(t) = \\cos^2\\left(\\frac{t/T + s}{1 + s}\\cdot\\frac{\\pi}{2}\\right)$",
        "$f(t) = \\cos\\left(\\frac{t/T + s}{1 + s}\\cdot\\frac{\\pi}{2}\\right)^2$",
        "$\\sigma_t^2 = \\eta^2\\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t}\\left(1-\\frac{\\bar\\alpha_t}{\\bar\\alpha_{t-1}}\\right)$",
        "$x_{t-1} = \\sqrt{\\bar\\alpha_{t-1}}\\hat x_0 + \\sqrt{1-\\bar\\alpha_{t-1}-\\sigma_t^2}\\,\\epsilon_\\theta(x_t,t) + \\sigma_t z$",
    ]

    static let wrong: [(String, String)] = [
        ("$x_t = \\sqrt{1-\\beta_t} x_{t-1} + \\beta_t\\epsilon$", "DL101"),
        ("$x_t = \\sqrt{\\alpha_t} x_{t-1} + (1-\\alpha_t)\\epsilon$", "DL101"),
        ("$x_t = \\sqrt{\\alpha_t} x_{t-1} + \\beta_t\\epsilon$", "DL101"),
        ("$x_t = \\bar\\alpha_t x_0 + \\sqrt{1-\\bar\\alpha_t}\\epsilon$", "DL104"),
        ("$x_t = \\sqrt{\\bar\\alpha_t}x_0 + (1-\\bar\\alpha_t)\\epsilon$", "DL101"),
        ("$\\tilde\\beta_t = \\frac{1-\\bar\\alpha_{t}}{1-\\bar\\alpha_{t-1}}\\beta_t$", "DL106"),
        ("$\\tilde\\beta_t = \\beta_t$", "DL106"),
        ("$x_{t-1} = \\frac{1}{\\sqrt{\\alpha_t}}\\left(x_t - \\beta_t\\epsilon_\\theta(x_t,t)\\right)$", "DL109"),
        ("$\\hat x_0 = \\frac{x_t - \\sqrt{1-\\bar\\alpha_t}\\epsilon_\\theta(x_t,t)}{\\bar\\alpha_t}$", "DL108"),
        ("$x_t = (1-\\beta_t) x_{t-1} + \\sqrt{\\beta_t}\\epsilon$", "DL103"),
        ("$x_t = \\sqrt{\\hat{\\alpha}_t}\\,x_0 + (1-\\hat{\\alpha}_t)\\,\\xi$ with $\\alpha_t = 1-\\beta_t$", "DL101"),
        ("$f(t) = \\cos\\left(\\frac{t/T + s}{1 + s}\\cdot\\frac{\\pi}{2}\\right)$", "DL114"),
        ("$\\sigma_t^2 = \\eta\\frac{1-\\bar\\alpha_{t-1}}{1-\\bar\\alpha_t}\\left(1-\\frac{\\bar\\alpha_t}{\\bar\\alpha_{t-1}}\\right)$", "DL208"),
        ("$\\sigma_t(\\eta) = \\eta^2(1-\\bar\\alpha_t)$", "DL113"),
        ("$x_{t-1} = \\sqrt{\\bar\\alpha_{t-1}}\\hat x_0 + \\sigma_t\\,\\epsilon_\\theta(x_t,t) + \\sigma_t z$", "DL112"),
    ]

    @Test(arguments: right)
    func rightFormulaInAnUnusualFormIsQuiet(_ formula: String) throws {
        let d = try NotesLinter.lint(text: formula + "\n", path: "r.md")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test(arguments: wrong)
    func sameErrorWrittenDifferentlyIsCaught(_ formula: String, _ code: String) throws {
        let d = try NotesLinter.lint(text: formula + "\n", path: "w.md")
        #expect(d.map(\.code) == [code], "\(Corpus.describe(d))")
    }

    /// Derivation steps are compared by the chain rule: p(x_0 | x_{1:T})·p(x_{1:T}) is p(x_{0:T}),
    /// but q(x_{1:T} | x_0) is not q(x_{1:T}, x_0).
    @Test func derivationStepsKeepConditionals() throws {
        let right = "$$\n\\begin{aligned}\nL &\\leq \\log \\frac{q(x_{1:T}|x_0)}{p_\\theta(x_0|x_{1:T})\\,p_\\theta(x_{1:T})} \\\\\n&= \\log \\frac{q(x_{1:T}|x_0)}{p_\\theta(x_{0:T})}\n\\end{aligned}\n$$\n"
        #expect(try NotesLinter.lint(text: right, path: "r.md").isEmpty)
        let wrong = right.replacingOccurrences("&= \\log \\frac{q(x_{1:T}|x_0)}", "&= \\log \\frac{q(x_{1:T}, x_0)}")
        let d = try NotesLinter.lint(text: wrong, path: "w.md")
        #expect(d.map(\.code) == ["DL118"] && d.first?.location?.line == 4, "\(Corpus.describe(d))")
        let bound = "$-\\log p_\\theta(x_0) \\leq \\log \\frac{q(x_{1:T}|x_0)}{p_\\theta(x_{0:T})}$\n"
        #expect(try NotesLinter.lint(text: bound, path: "b.md").isEmpty)
        let badBound = bound.replacingOccurrences("q(x_{1:T}|x_0)", "q(x_{0:T})")
        #expect(try NotesLinter.lint(text: badBound, path: "b.md").map(\.code) == ["DL118"])
    }

    /// The DDIM paper's α is DDPM's ᾱ: the same formula is right in one convention, wrong in the
    /// other. Alone, `x_t = √α_t x_0 + √(1 − α_t) ε` is read in the DDIM convention (it is right there).
    @Test func conventionIsInferredPerDocument() throws {
        let ddim = "In DDIM, $\\alpha_t = \\prod_{s=1}^t (1-\\beta_s)$ and $x_t = \\sqrt{\\alpha_t}x_0 + \\sqrt{1-\\alpha_t}\\epsilon$.\n"
        #expect(try NotesLinter.lint(text: ddim, path: "d.md").isEmpty)
        let ddpm = "With $\\alpha_t = 1-\\beta_t$: $x_t = \\sqrt{\\alpha_t}x_0 + \\sqrt{1-\\alpha_t}\\epsilon$.\n"
        #expect(try NotesLinter.lint(text: ddpm, path: "p.md").map(\.code) == ["DL104"])
        let alone = "$x_t = \\sqrt{\\alpha_t}x_0 + \\sqrt{1-\\alpha_t}\\epsilon$\n"
        #expect(try NotesLinter.lint(text: alone, path: "a.md").isEmpty)
    }
}

struct SamplingLoopTests {
    static let loop = """
    ```python
    import torch

    x = torch.randn(16, 3, 32, 32)
    for t in reversed(range(T)):
        z = torch.randn_like(x) if t > 0 else torch.zeros_like(x)
        eps = model(x, t)
        x = (x - betas[t] / torch.sqrt(1 - alphas_cumprod[t]) * eps) / torch.sqrt(alphas[t]) + torch.sqrt(betas[t]) * z
    ```

    $x_T \\sim \\mathcal{N}(0, I)$ and $x_t \\sim \\mathcal{N}(\\sqrt{\\bar\\alpha_t}x_0, (1-\\bar\\alpha_t)I)$.
    """

    @Test func aSamplingLoopThatStopsTheNoiseAtZeroIsQuiet() throws {
        let d = try NotesLinter.lint(text: Self.loop, path: "l.md")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aSamplingLoopThatAddsNoiseAtZeroIsCaught() throws {
        let wrong = Self.loop.replacingOccurrences("z = torch.randn_like(x) if t > 0 else torch.zeros_like(x)", "z = torch.randn_like(x)")
        let d = try NotesLinter.lint(text: wrong, path: "l.md")
        #expect(d.map(\.code) == ["DL210"] && d.first?.location?.line == 6, "\(Corpus.describe(d))")
    }

    @Test func distributionsWrittenWithSim() throws {
        let wrong = Self.loop.replacingOccurrences("(1-\\bar\\alpha_t)I)$.", "\\sqrt{1-\\bar\\alpha_t}I)$.")
        let d = try NotesLinter.lint(text: wrong, path: "l.md")
        #expect(d.map(\.code) == ["DL102"], "\(Corpus.describe(d))")
    }
}

struct GitHubMathTests {
    static let note = """
    Each step is $q(x_t\\ |\\ x_{t-1})=\\mathcal N(x_t;\\ \\sqrt{1-\\beta_t}x_{t-1},\\ {\\beta_t}I)$, that is

    ```math
    \\begin{align*}
    x_t &= \\sqrt{\\alpha_t}x_{t-1} + \\sqrt{1 - \\alpha_t}\\epsilon_{t-1} \\
     &= \\sqrt{\\alpha_t}\\sqrt{\\alpha_{t-1}}x_{t-2} + \\sqrt{\\alpha_t}\\sqrt{1 - \\alpha_{t-1}}\\epsilon_{t-2} + \\sqrt{1-\\alpha_t}\\epsilon_{t-1}.
    \\end{align*}
    ```

    with $\\alpha_t = 1 - \\beta_t$; the same noise letter reused in one sum means independent draws:
    $x_t=\\sqrt{\\alpha_t}(\\sqrt{\\alpha_{t-1}}x_{t-2}+\\sqrt{1-\\alpha_{t-1}}\\epsilon)+\\sqrt{1-\\alpha_t}\\epsilon$.
    """

    @Test func mathFencesAndReusedNoiseLetters() throws {
        let d = try NotesLinter.lint(text: Self.note, path: "g.md")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let wrong = Self.note.replacingOccurrences("\\sqrt{\\alpha_t}\\sqrt{1 - \\alpha_{t-1}}\\epsilon_{t-2}", "\\sqrt{\\alpha_t}(1 - \\alpha_{t-1})\\epsilon_{t-2}")
        let w = try NotesLinter.lint(text: wrong, path: "g.md")
        #expect(w.map(\.code) == ["DL105"] && w.first?.location?.line == 6, "\(Corpus.describe(w))")
    }
}

struct DDIMPaperNotationTests {
    /// Eq. 12 of Song et al. 2021 as the paper typesets it (underbraces, ε_θ^{(t)}).
    static let eq12 = "$$\nx_{t-1} = \\sqrt{\\alpha_{t-1}} \\underbrace{\\left(\\frac{x_t - \\sqrt{1-\\alpha_t}\\epsilon_\\theta^{(t)}(x_t)}{\\sqrt{\\alpha_t}}\\right)}_{\\text{predicted } x_0} + \\underbrace{\\sqrt{1-\\alpha_{t-1}-\\sigma_t^2}\\cdot\\epsilon_\\theta^{(t)}(x_t)}_{\\text{direction pointing to } x_t} + \\underbrace{\\sigma_t\\epsilon_t}_{\\text{random noise}}\n$$\n"

    @Test func equation12IsRightInTheDDIMConvention() throws {
        let d = try NotesLinter.lint(text: Self.eq12, path: "ddim.md")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let wrong = Self.eq12.replacingOccurrences("\\sqrt{1-\\alpha_{t-1}-\\sigma_t^2}", "\\sqrt{1-\\alpha_{t-1}-\\sigma_t}")
        #expect(try NotesLinter.lint(text: wrong, path: "ddim.md").map(\.code) == ["DL112"])
    }
}

struct CalloutTests {
    @Test func formulasInsideCalloutsAreJudged() throws {
        let text = "> [!note] Forward step\n> $$\n> x_t = \\sqrt{1-\\beta_t}\\,x_{t-1}\n> + \\beta_t\\,\\epsilon\n> $$\n"
        let d = try NotesLinter.lint(text: text, path: "c.md")
        #expect(d.map(\.code) == ["DL101"] && d.first?.location?.line == 3, "\(Corpus.describe(d))")
        let right = text.replacingOccurrences("+ \\beta_t", "+ \\sqrt{\\beta_t}")
        #expect(try NotesLinter.lint(text: right, path: "c.md").isEmpty)
    }
}
