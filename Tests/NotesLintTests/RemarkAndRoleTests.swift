import CheckerCore
import Testing
@testable import NotesLint

/// What a line is for, before what it says is judged: a remark typed inside an aligned derivation,
/// a coin drawn for classifier-free guidance, a forward-process function's own scale, the DDIM
/// paper's α built as a cumulative product, and an SDE's discretized drift and diffusion.
struct RemarkAndRoleTests {
    private func codes(_ code: String) -> [String] { CodeProbe.run(code).diagnostics.map(\.code) }

    static let derivationWithRemarks = """
        # Posterior variance

        $$\\begin{align}
        \\sigma^2 & = 1 / \\big( \\frac{\\alpha_t}{\\beta_t} + \\frac{1}{1-\\bar\\alpha_{t-1}} \\big) \\\\
        & = 1 / \\big( \\frac{\\alpha_t - \\bar{\\alpha}_t + \\beta_t}{\\beta_t(1-\\bar{\\alpha}_{t-1})} \\big) \\\\
        & \\text{remember that } \\alpha_t = 1 - \\beta_t \\text{:} \\\\
        & = \\frac{(1 - \\bar{\\alpha}_{t-1})\\beta_t}{1 - \\bar{\\alpha}_t}
        \\end{align}$$

        """

    @Test func aRemarkInsideAnAlignedDerivationIsNoStepOfIt() throws {
        let d = try NotesLinter.lint(text: Self.derivationWithRemarks, path: "note.md")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        // The derivation after the remark is still judged: a wrong last step is found.
        let wrong = Self.derivationWithRemarks.replacingOccurrences("& = \\frac{(1 - \\bar{\\alpha}_{t-1})\\beta_t}{1 - \\bar{\\alpha}_t}", "& = \\frac{(1 - \\bar{\\alpha}_{t})\\beta_t}{1 - \\bar{\\alpha}_{t-1}}")
        #expect(wrong != Self.derivationWithRemarks)
        #expect(!(try NotesLinter.lint(text: wrong, path: "note.md")).isEmpty)
    }

    @Test func aUniformCoinUsedOnlyInAComparisonIsNoNoise() {
        let code = """
            import torch

            betas = torch.linspace(1e-4, 0.02, 1000)
            alphas_cumprod = torch.cumprod(1 - betas, dim=0)

            def train_step(model, images, labels, p_uncond, steps):
                b = images.shape[0]
                z_uncond = torch.rand(b)
                keep = (z_uncond > p_uncond).int()
                t = torch.randint(0, steps, (b,))
                noise = torch.randn_like(images)
                return model(images, t, labels * keep), noise

            """
        #expect(!codes(code).contains("DL201"))
        // A draw that is compared and also noises the image is still noise.
        let alsoNoise = """
            import torch

            def noised(images, abar, p):
                z = torch.rand_like(images)
                flagged = (z > p).float().mean()
                return abar.sqrt() * images + (1 - abar).sqrt() * z, flagged

            """
        #expect(codes(alsoNoise).contains("DL201"))
    }

    static let continuousForward = """
        import math
        import torch

        class TextDiffusion:
            def gamma(self, t, ns=0.0002, ds=0.00025):
                return torch.cos(((t + ns) / (1 + ds)) * math.pi / 2) ** 2

            def forward_diffusion(self, x_0, t):
                time = t.unsqueeze(1)
                mean_weight = torch.sqrt(self.gamma(time))
                std = torch.sqrt(1 - self.gamma(time))
                z = torch.randn_like(x_0)
                return mean_weight * x_0 + z * std, z, std

        """

    @Test func aForwardProcessFunctionsScaleIsNoReverseVariance() {
        #expect(!codes(Self.continuousForward).contains("DL204"))
        // The same scale in a reverse step is judged.
        let reverse = ValueOriginTests.reverseStepWithMarginalScale
            .replacingOccurrences("var = (1 - alphas_cumprod[t]).view(-1, 1, 1, 1)\n    sqrt_var = torch.sqrt(var)", "std = torch.sqrt(1 - alphas_cumprod[t])")
            .replacingOccurrences("sqrt_var * torch.randn_like(x)", "std * torch.randn_like(x)")
        #expect(reverse.contains("std = torch.sqrt"))
        #expect(codes(reverse).contains("DL204"))
    }

    @Test func anAlphaTableBuiltAsTheCumulativeProductIsTheDDIMPapersAlpha() {
        let code = """
            import torch

            betas = torch.linspace(0.0001, 0.02, 1000)
            _alphas = torch.cumprod(1 - betas, dim=0)

            """
        #expect(!codes(code).contains("DL216"))
        let neither = code.replacingOccurrences("_alphas = torch.cumprod(1 - betas, dim=0)", "_alphas = torch.cumprod(1 - 2 * betas, dim=0)")
        #expect(codes(neither).contains("DL216"))
    }

    @Test func aDiscretizedDriftAndDiffusionIsNoSample() {
        // `scale_rows` multiplies each sample of a batch by its own factor (a helper of the library).
        let code = """
            import jax.numpy as jnp

            class VPSDE:
                def __init__(self, beta_min=0.1, beta_max=20, N=1000):
                    self.N = N
                    self.discrete_betas = jnp.linspace(beta_min / N, beta_max / N, N)
                    self.alphas = 1. - self.discrete_betas

                def discretize(self, x, t):
                    timestep = (t * (self.N - 1) / self.T).astype(jnp.int32)
                    beta = self.discrete_betas[timestep]
                    alpha = self.alphas[timestep]
                    f = scale_rows(jnp.sqrt(alpha), x) - x
                    G = jnp.sqrt(beta)
                    return f, G

            """
        let d = CodeProbe.run(code).diagnostics
        #expect(!d.map(\.code).contains("DL205"), "\(Corpus.describe(d))")
    }
}
