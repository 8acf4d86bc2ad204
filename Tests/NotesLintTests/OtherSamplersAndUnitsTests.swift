import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text, path: "note.md")
}

/// Code that is right in a convention other than DDPM's step: a flow's Euler loop and a
/// Schrödinger bridge's chain in code with no diffusion schedule, a step handed the level it goes
/// to, DPM-Solver's α_t = √ᾱ_t, data moved to [−1, 1] before it is noised, a branch that asks for
/// uniform noise by name, an energy model's uniform negatives. Each wrong neighbour is still found.
struct OtherSamplersAndUnitsTests {
    static let flowEuler = """
        import torch

        def sample(model, z, steps=50):
            dt = 1.0 / steps
            for i in range(steps, 0, -1):
                t = torch.full((z.shape[0],), i / steps)
                out = model(z, t)
                z = z - dt * out
            return z

        """

    @Test func aFlowsEulerLoopIsNoDDPMStep() {
        let d = CodeProbe.run(Self.flowEuler).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theSameLoopOverADDPMScheduleIsStillJudged() {
        let ddpm = Self.flowEuler
            .replacingOccurrences("import torch\n", "import torch\n\nT = 1000\nbetas = torch.linspace(1e-4, 0.02, T)\nalphas = 1 - betas\nalphas_cumprod = torch.cumprod(alphas, dim=0)\n")
            .replacingOccurrences("for i in range(steps, 0, -1):", "for i in reversed(range(T)):")
            .replacingOccurrences("z = z - dt * out", "z = (z - betas[i] * out) / alphas[i].sqrt()")
        let d = CodeProbe.run(ddpm).diagnostics.filter { $0.code == "DL205" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    static let bridge = """
        import torch

        def simulate(backward, x, n_steps, gamma):
            for k in reversed(range(n_steps)):
                z = torch.randn_like(x)
                x = backward(k, x) + torch.sqrt(torch.tensor(2 * gamma)) * z
            return x

        """

    @Test func aBridgeChainWithNoScheduleMayAddNoiseAtEveryStep() {
        let d = CodeProbe.run(Self.bridge).diagnostics.filter { $0.code == "DL210" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aChainOverADDPMScheduleStillStopsItsNoise() {
        let ddpm = """
            import torch

            T = 1000
            betas = torch.linspace(1e-4, 0.02, T)
            alphas = 1 - betas
            alphas_cumprod = torch.cumprod(alphas, dim=0)

            def sample(model, x):
                for t in reversed(range(T)):
                    z = torch.randn_like(x)
                    eps = model(x, t)
                    x = (x - betas[t] / (1 - alphas_cumprod[t]).sqrt() * eps) / alphas[t].sqrt() + betas[t].sqrt() * z
                return x

            """
        let d = CodeProbe.run(ddpm).diagnostics.filter { $0.code == "DL210" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    static let ancestral = """
        import torch

        class Ancestral:
            def __init__(self, sigmas):
                self._sigmas = sigmas

            def sigmas(self, t):
                return self._sigmas[t]

            def step(self, eps_pred, x_t, t, t_prev):
                sigma = self.sigmas(t)
                sigma_prev = self.sigmas(t_prev)
                up = (sigma_prev ** 2 * (sigma ** 2 - sigma_prev ** 2) / sigma ** 2).sqrt()
                down = (sigma_prev ** 2 - up ** 2).sqrt()
                x = (sigma ** 2 + 1).sqrt() * x_t + eps_pred * (down - sigma)
                x = x + torch.randn_like(x) * up
                return x * (sigma_prev ** 2 + 1).rsqrt()

        """

    @Test func aStepHandedItsTargetLevelLeavesTheNoiseToIt() {
        let d = CodeProbe.run(Self.ancestral).diagnostics.filter { $0.code == "DL210" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        // Handed its own level only, the step's noise is never switched off (as before).
        let single = Self.ancestral
            .replacingOccurrences("def step(self, eps_pred, x_t, t, t_prev):", "def step(self, eps_pred, x_t, t):")
            .replacingOccurrences("sigma_prev = self.sigmas(t_prev)", "sigma_prev = self.sigmas(t) * 0.5")
        #expect(CodeProbe.run(single).diagnostics.filter { $0.code == "DL210" }.count == 1)
    }

    static let dpmSolverTables = """
        import torch

        class Solver:
            def __init__(self, T):
                self.beta = torch.linspace(1e-4, 0.02, T)
                self.alpha = 1.0 - self.beta
                self.alpha_bar = torch.cumprod(self.alpha, dim=0)
                self.alphas = torch.sqrt(self.alpha_bar)
                self.sigmas = torch.sqrt(1.0 - self.alpha_bar)

        """

    @Test func dpmSolversAlphaIsTheSignalScale() {
        let d = CodeProbe.run(Self.dpmSolverTables).diagnostics.filter { $0.code == "DL216" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let wrong = Self.dpmSolverTables.replacingOccurrences("self.alphas = torch.sqrt(self.alpha_bar)", "self.alphas = self.alpha_bar")
        #expect(CodeProbe.run(wrong).diagnostics.filter { $0.code == "DL216" }.count == 1)
    }

    static let rescaled = """
        import torch

        T = 1000
        betas = torch.linspace(1e-4, 0.02, T)
        alphas_cumprod = torch.cumprod(1 - betas, dim=0)

        def noised(x0, t):
            x0 = 2 * x0 - 1
            a = alphas_cumprod[t]
            return torch.sqrt(a) * x0 + torch.sqrt(1 - a) * torch.randn_like(x0)

        """

    @Test func dataMovedToAnotherRangeIsStillTheData() {
        let d = CodeProbe.run(Self.rescaled).diagnostics.filter { $0.code == "DL213" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let wrong = Self.rescaled.replacingOccurrences("torch.sqrt(a) * x0 +", "a * x0 +")
        #expect(CodeProbe.run(wrong).diagnostics.filter { $0.code == "DL213" }.count == 1)
    }

    static let latent = """
        import torch

        def sample_noise(n, dim, mode="normal"):
            if mode == "normal":
                return torch.randn(n, dim)
            elif mode == "uniform":
                return torch.rand(n, dim) * 2 - 1

        def negatives(real_imgs):
            fake_imgs = torch.rand_like(real_imgs) * 2 - 1
            return fake_imgs

        """

    @Test func uniformAskedForByNameIsNoSlip() {
        let d = CodeProbe.run(Self.latent).diagnostics.filter { $0.code == "DL201" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func uniformNoiseNoOneAskedForIsStillFound() {
        let wrong = Self.latent
            .replacingOccurrences("return torch.randn(n, dim)", "return torch.rand(n, dim) * 2 - 1")
            .replacingOccurrences("fake_imgs = torch.rand_like(real_imgs) * 2 - 1\n    return fake_imgs", "noise = torch.rand_like(real_imgs)\n    return real_imgs + 0.1 * noise")
        let d = CodeProbe.run(wrong).diagnostics.filter { $0.code == "DL201" }
        #expect(d.count == 2, "\(Corpus.describe(d))")
    }
}

/// Markdown that the reader must take as written: an inline formula that runs over the lines of
/// its paragraph, and a stray comma inside a sum.
struct InlineMathAcrossLinesTests {
    @Test func anInlineFormulaMayRunOverLines() throws {
        let note = "The map $\\mathbf{z}\\in\\mathbb{R}^{100}\n\\xrightarrow{\\text{MLP}}\n\\mathbb{R}^{784}$ (a tanh output, matched to $[-1,1]$ pixels).\n"
        #expect(try lint(note).isEmpty)
        // The formula is read: a variance in the standard deviation's place is found in it.
        let wrong = "so that $q(x_t \\mid x_0) = \\mathcal{N}(x_t;\n\\sqrt{\\bar\\alpha_t} x_0,\n\\sqrt{1 - \\bar\\alpha_t} I)$ for every $t$.\n"
        #expect(try lint(wrong).map(\.code) == ["DL102"])
    }

    @Test func aStrayDollarDoesNotPairWithALaterFormula() throws {
        let note = "It costs $5 to run.\nThen $x_t = \\sqrt{\\bar\\alpha_t} x_0 + \\sqrt{1-\\bar\\alpha_t}\\epsilon$ holds.\n"
        #expect(try lint(note).isEmpty)
        let wrong = note.replacingOccurrences("\\sqrt{1-\\bar\\alpha_t}\\epsilon", "(1-\\bar\\alpha_t)\\epsilon")
        #expect(try lint(wrong).map(\.code) == ["DL101"])
    }

    @Test func aCommaBeforeAPlusIsAStrayMark() throws {
        let note = "$\\mathbf{x}_t = \\sqrt{\\bar{\\alpha}_t} \\mathbf{x}_0, + \\sqrt{1 - \\bar{\\alpha}_t}\\boldsymbol{\\epsilon}$\n"
        #expect(try lint(note).isEmpty)
        let wrong = note.replacingOccurrences("\\sqrt{1 - \\bar{\\alpha}_t}\\boldsymbol", "(1 - \\bar{\\alpha}_t)\\boldsymbol")
        #expect(try lint(wrong).map(\.code) == ["DL101"])
    }
}
