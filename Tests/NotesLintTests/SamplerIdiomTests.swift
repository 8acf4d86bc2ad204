import CheckerCore
import Testing
@testable import NotesLint

/// Idioms of real samplers and derivations, each with a right form that stays quiet and a wrong one
/// that is still reported: joints beside a posterior, β as the reverse variance, a marginal's
/// variance, a 1 × 1 step tensor, a demonstration of the wrong way.
struct SamplerIdiomTests {
    private func lint(_ text: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: text + "\n", path: "note.md")
    }

    /// A joint over three states, rewritten with the posterior: plain joints match without giving
    /// the conditional the states beyond its nearest conditions.
    @Test func jointsAndAPosteriorInOneLogRatio() throws {
        let chain = """
        $$
        \\begin{aligned}
        &=\\mathbb{E}[-\\log p(x_T) -\\sum_{t=2}^T \\log \\frac{p_{\\theta}(x_{t-1}|x_t) q(x_{t-1}, x_0)}{q(x_t , x_{t-1}, x_0)}] \\\\
        &=\\mathbb{E}[-\\log p(x_T) -\\sum_{t=2}^T \\log \\frac{p_{\\theta}(x_{t-1}|x_t) q(x_{t-1}, x_0)}{q(x_{t-1} | x_{t}, x_0) q(x_t, x_0)}]
        \\end{aligned}
        $$
        """
        #expect(try lint(chain).isEmpty)
        let wrong = chain.replacingOccurrences(of: "{q(x_{t-1} | x_{t}, x_0) q(x_t, x_0)}", with: "{q(x_{t-1} | x_{t}) q(x_t, x_0)}")
        #expect(try lint(wrong).map(\.code) == ["DL116"])
    }

    /// σ_t² = β_t is Ho et al.'s other reverse variance, also under the name `posterior_variance`.
    @Test func betaAsThePosteriorVarianceChoice() {
        let code = "import torch\nbetas = torch.linspace(1e-4, 0.02, 1000)\nalphas_cumprod = torch.cumprod(1 - betas, 0)\nposterior_variance = betas\n"
        #expect(NotesLinter.lintPython(text: code, path: "v.py").isEmpty)
        let wrong = code.replacingOccurrences(of: "posterior_variance = betas", with: "posterior_variance = betas ** 2")
        #expect(NotesLinter.lintPython(text: wrong, path: "v.py").map(\.code) == ["DL216"])
    }

    /// A variance from the note's own marginal or prior function is no reverse-step variance.
    @Test func aMarginalVarianceIsNoReverseVariance() {
        let code = """
            import torch

            def marginal_variance(t):
                return 1

            def score(x, t, mean):
                sigma = marginal_variance(t)
                return -(x - mean) / sigma
            """
        #expect(NotesLinter.lintPython(text: code, path: "s.py").isEmpty)
    }

    /// A step called with a 1 × 1 tensor of the step, `torch.tensor([[t]])`, decides its own guard.
    @Test func aNestedStepTensorDecidesTheGuard() {
        let code = """
            import torch
            T = 1000
            betas = torch.linspace(1e-4, 0.02, T)
            alphas = 1 - betas
            alphas_cp = torch.cumprod(alphas, 0)

            def step_back(xt, t, eps_pred):
                t = t.int().flatten()
                res = (1 / torch.sqrt(alphas[t])) * (xt - (1 - alphas[t]) / torch.sqrt(1 - alphas_cp[t]) * eps_pred)
                if t <= 0:
                    return res
                z = torch.randn_like(xt)
                return res + z * torch.sqrt(betas[t])

            img = torch.randn((1, 1, 28, 28))
            for t in range(T - 1, -1, -1):
                t_tensor = torch.tensor([[t]], dtype=torch.float32)
                pred_noise = model(img, t_tensor)
                img = step_back(img, t_tensor, pred_noise)
            """
        let d = CodeProbe.piece(NotesLinter.lintPython(text: code, path: "loop.py"))
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let ungated = code.replacingOccurrences(of: "    if t <= 0:\n        return res\n", with: "")
        #expect(ungated != code)
        #expect(NotesLinter.lintPython(text: ungated, path: "loop.py").map(\.code).contains("DL210"))
    }

    /// A line the note writes to show the wrong way (`x_exploding = …`, `noised_bad = …`) is a
    /// counterexample; the same line under a plain name is reported.
    @Test func aNamedCounterexampleIsNotAnError() {
        let code = "import torch\nbetas = torch.linspace(1e-4, 0.02, 1000)\nx = torch.randn(8)\nfor t in range(600):\n    beta = betas[t]\n    noise = torch.randn_like(x)\n    x_exploding = (1 - beta) * x + beta * noise\n"
        #expect(NotesLinter.lintPython(text: code, path: "demo.py").isEmpty)
        let plain = code.replacingOccurrences(of: "x_exploding = (1 - beta) * x", with: "x_next = (1 - beta) * x")
        #expect(!NotesLinter.lintPython(text: plain, path: "demo.py").isEmpty)
        #expect(CodeAnalysis.assignsCounterexample(line: "    noised_img_bad = torch.sqrt(1 - B) * x"))
        #expect(!CodeAnalysis.assignsCounterexample(line: "    x_prev = mean + sigma * z"))
    }
}

/// A notebook that compares schedules defines several β ranges in its code; a range stated in the
/// prose can still contradict the code's.
struct CodeSchedulesCompareTests {
    static let notebook = """
    {"cells": [
      {"cell_type": "code", "source": ["import torch\\n", "betas = torch.linspace(0.001, 0.02, 1000)\\n"]},
      {"cell_type": "markdown", "source": ["Now a gentler schedule for comparison."]},
      {"cell_type": "code", "source": ["betas_gentle = torch.linspace(0.0005, 0.01, 1000)\\n"]}
    ]}
    """

    @Test func twoCodeSchedulesDoNotContradict() throws {
        let d = try NotesLinter.lint(text: Self.notebook, path: "compare.ipynb")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func proseThatDisagreesWithTheCodeStillDoes() throws {
        let prose = Self.notebook.replacingOccurrences(of: "Now a gentler schedule for comparison.", with: "The linear schedule of $\\\\beta_t$ spans $[0.002, 0.02]$.")
        let d = try NotesLinter.lint(text: prose, path: "compare.ipynb")
        #expect(d.map(\.code).contains("DL302"), "\(Corpus.describe(d))")
    }

    /// A step repeated at each level (`for j in range(repeats)` inside the loop over t): a finding
    /// on its noise term stands on the line that adds the noise, not at the top of the file.
    @Test func aFindingInAnInnerLoopStandsOnItsLine() {
        let sampler = """
            import torch

            def sample(model, n, T, eta, repeats, betas, alphas, alphas_cumprod):
                x_t = torch.randn(n, 2)
                for i in range(T, 0, -1):
                    for j in range(repeats):
                        z = torch.randn_like(x_t)
                        a_bar_prev = alphas_cumprod[i - 2] if i > 1 else 1
                        sigma = ((1 - a_bar_prev) * betas[i - 1] / (1 - alphas_cumprod[i - 1])).sqrt()
                        eps = model(x_t, i - 1)
                        mean = (x_t - betas[i - 1] / (1 - alphas_cumprod[i - 1]).sqrt() * eps) / alphas[i - 1].sqrt()
                        x_t = mean + eta * sigma * z
                return x_t
            """
        let d = CodeProbe.run(sampler).diagnostics
        #expect(d.map(\.code) == ["DL204"], "\(Corpus.describe(d))")
        #expect(d.first?.location?.line == 12)
    }
}

