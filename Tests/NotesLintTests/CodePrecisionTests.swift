import CheckerCore
import Testing
@testable import NotesLint

/// Right code in forms real repositories use, each quiet, next to a wrong variant that is still
/// caught: what keeps the code rules precise without blinding them.
struct CodePrecisionTests {
    static let quiet: [(String, String)] = [
        ("a sigmoid schedule's inputs are not β", """
        import torch
        T = 1000
        betas = torch.linspace(-6, 6, T)
        betas = torch.sigmoid(betas) * (0.02 - 1e-4) + 1e-4
        """),
        ("1/linspace(T, 1, T) is not a decreasing β range", """
        import numpy as np
        T = 1000
        betas = 1.0 / np.linspace(T, 1, T, dtype=np.float64)
        """),
        ("the forward marginal's variance is 1 − ᾱ_t", """
        def q_mean_variance(x_start, t):
            mean = extract(sqrt_alphas_cumprod, t, x_start.shape) * x_start
            variance = extract(1.0 - alphas_cumprod, t, x_start.shape)
            return mean, variance
        """),
        ("a v-target is not a forward sample", """
        def velocity(x_start, t, noise):
            return extract(sqrt_alphas_cumprod, t, x_start.shape) * noise - extract(sqrt_one_minus_alphas_cumprod, t, x_start.shape) * x_start
        """),
        ("the product of α through a sum of logarithms", """
        import torch
        beta_t = torch.linspace(1e-4, 0.02, 1000)
        alpha_t = 1 - beta_t
        alphabar_t = torch.cumsum(torch.log(alpha_t), dim=0).exp()
        """),
        ("cos² written with torch.pow", """
        import torch, math
        def f(t, T, s=0.008):
            return torch.pow(torch.cos((t / T + s) / (1 + s) * math.pi / 2), 2)
        """),
        ("tables counted from 1", """
        def q_sample(x0, t, noise):
            t = t - 1
            return sqrt_alphas_cumprod[t] * x0 + sqrt_one_minus_alphas_cumprod[t] * noise
        """),
        ("x̂_0 from ε is a prediction, not a step", """
        def predict_start(x_t, t, eps):
            return (x_t - torch.sqrt(1 - alphas_cumprod[t]) * eps) / torch.sqrt(alphas_cumprod[t])
        """),
        ("noise switched off in place at the last step", """
        def p_sample(model, x, t):
            eps = model(x, t)
            z = torch.randn_like(x)
            z[t == 0] = 0
            mean = (x - betas[t] / torch.sqrt(1 - alphas_cumprod[t]) * eps) / torch.sqrt(alphas[t])
            return mean + torch.sqrt(betas[t]) * z
        """),
        ("a sampler that starts from x_T returns it transformed, not step noise", """
        def sample(model, timesteps, shape):
            x_t = torch.randn(shape)
            for t in reversed(range(timesteps)):
                z = torch.randn_like(x_t) if t > 0 else torch.zeros_like(x_t)
                eps = model(x_t, t)
                x_t = (x_t - betas[t] / torch.sqrt(1 - alphas_cumprod[t]) * eps) / torch.sqrt(alphas[t]) + torch.sqrt(betas[t]) * z
            return x_t
        """),
        ("a loop counter and its bound, a scalar and its table", """
        for step in range(steps):
            loss = train_step(step)
        def g(x):
            return beta + 1
        betas = [0.1, 0.2]
        alpha = 0.5
        y = alpha_bar * 2
        display(y)
        """),
        ("a zero β put in front on purpose", """
        import torch
        def compute_alpha(beta, t):
            beta = torch.cat([torch.zeros(1), beta], dim=0)
            return (1 - beta).cumprod(dim=0)
        """),
    ]

    @Test(arguments: quiet)
    func rightCodeInRealFormsIsQuiet(_ name: String, _ code: String) {
        let d = CodeProbe.run(code).diagnostics
        #expect(d.isEmpty, "\(name):\n\(Corpus.describe(d))")
    }

    /// The wrong twins of some quiet forms are still reported.
    @Test func wrongTwinsAreStillCaught() {
        let cumsum = "import torch\nbeta_t = torch.linspace(1e-4, 0.02, 1000)\nalpha_t = 1 - beta_t\nalphabar_t = torch.cumsum(alpha_t, dim=0)\n"
        #expect(CodeProbe.run(cumsum).diagnostics.map(\.code).contains("DL206"))
        let cosine = "import torch, math\ndef f(t, T, s=0.008):\n    return torch.cos((t / T + s) / (1 + s) * math.pi / 2)\n"
        #expect(CodeProbe.run(cosine).diagnostics.map(\.code) == ["DL209"])
        let shifted = "def q_sample(x0, t, noise):\n    t = t - 1\n    return sqrt_alphas_cumprod[t] * x0 + (1 - alphas_cumprod[t]) * noise\n"
        #expect(CodeProbe.run(shifted).diagnostics.map(\.code) == ["DL213"])
        let noisy = "def p_sample(model, x, t):\n    eps = model(x, t)\n    z = torch.randn_like(x)\n    mean = (x - betas[t] / torch.sqrt(1 - alphas_cumprod[t]) * eps) / torch.sqrt(alphas[t])\n    if t > 0:\n        return mean + torch.sqrt(betas[t]) * z\n    return mean + z\n"
        #expect(CodeProbe.run(noisy).diagnostics.map(\.code).contains("DL210"))
        let slip = "def g(x):\n    return x_t * 2\n"
        #expect(CodeProbe.run(slip).diagnostics.map(\.code) == ["DL211"])
        let padded = "import torch\nT = 1000\nf = torch.cos((torch.arange(T) / T + 0.008) / 1.008 * 3.141592653589793 / 2) ** 2\nalphas_cumprod = f / f[0]\nbetas = 1 - alphas_cumprod / torch.cat([torch.ones(1), alphas_cumprod[:-1]])\n"
        #expect(CodeProbe.run(padded).diagnostics.map(\.code) == ["DL214"])
    }

    /// Names defined in one block are defined for the blocks after it, in a note and in a
    /// notebook; a slip in a later block is still reported.
    @Test func namesFlowAcrossBlocksAndCells() throws {
        let note = "```python\nalphas_cumprod = torch.cumprod(1 - betas, 0)\n```\n\nThen:\n\n```python\ndef f(t):\n    return alphas_cumprod[t]\n```\n"
        #expect(try NotesLinter.lint(text: note, path: "n.md").isEmpty)
        let slip = note.replacingOccurrences("    return alphas_cumprod[t]", "    return alpha_cumprod[t]")
        #expect(try NotesLinter.lint(text: slip, path: "n.md").map(\.code) == ["DL211"])
        let notebook = """
        {"cells": [
          {"cell_type": "code", "source": ["if (n := 1000) > 0:\\n", "    steps = n\\n"]},
          {"cell_type": "markdown", "source": ["Next"]},
          {"cell_type": "code", "source": ["def f(t):\\n", "    return steps - t\\n"]}
        ]}
        """
        #expect(try NotesLinter.lint(text: notebook, path: "n.ipynb").isEmpty)
    }
}

/// An undefined name is reported as a slip for a defined one only when they are plausibly the same
/// name: a capitalised class and a lowercase function one or two edits apart are two things.
struct NameSlipCaseTests {
    @Test func aClassIsNoSlipForAFunction() {
        let code = "def p_sample(model, x, t):\n    return model(x, t)\n\nblocks = [Upsample(64, 32), p_sample]\n"
        let d = CodeProbe.run(code).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        #expect(!NameCheck.similar("Upsample", "p_sample"))
        #expect(!NameCheck.similar("Sampler", "sampler_"))
    }

    @Test func theSameWordInAnotherCaseIsStillASlip() {
        let code = "from torch.utils.data import Dataset\nimg_size = 64\nloader = DataLoader(dataset, batch_size=IMG_SIZE)\n"
        let d = CodeProbe.run(code).diagnostics
        #expect(d.map(\.code) == ["DL211", "DL211"], "\(Corpus.describe(d))")
        #expect(NameCheck.similar("dataset", "Dataset"))
    }
}
