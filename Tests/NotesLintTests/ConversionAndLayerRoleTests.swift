import CheckerCore
import Testing
@testable import NotesLint

/// A function that returns x_t combined with a prediction is judged as a reverse step (DL205)
/// only when it is one: a conversion between predictions (ε̂ from v) and a network layer's
/// residual (`h + x` in `forward`) are not. A reverse step with a wrong coefficient is still found.
struct ConversionAndLayerRoleTests {
    static let tables = """
        import torch

        betas = torch.linspace(1e-4, 0.02, 1000)
        alphas = 1 - betas
        alphas_cumprod = torch.cumprod(alphas, dim=0)
        sqrt_alpha_cumprod = alphas_cumprod.sqrt()
        sqrt_one_minus_alpha_cumprod = (1 - alphas_cumprod).sqrt()

        """

    /// v = √ᾱ_t·ε − √(1 − ᾱ_t)·x̂_0 with x̂_0 from the class's own helper: x_t and ε combined,
    /// but the result is the v-target, not the next sample.
    @Test func vFromEpsilonIsAConversion() {
        let code = """
            import torch
            import torch.nn as nn
            from .base import Method


            class GaussianDiffusion(Method):
                def __init__(self, model: nn.Module, device: torch.device, num_timesteps: int, beta_start: float, beta_end: float):
                    super().__init__(model)
                    betas = torch.linspace(beta_start, beta_end, num_timesteps)
                    abar = torch.cumprod(1.0 - betas, dim=0)
                    self.register_buffer('betas', betas)
                    self.register_buffer('sqrt_alpha_cumprod', torch.sqrt(abar))
                    self.register_buffer('sqrt_one_minus_alpha_cumprod', torch.sqrt(1.0 - abar))

                def _x0_from_eps(self, x_t, t, eps):
                    a = self.sqrt_alpha_cumprod[t][:, None, None, None]
                    s = self.sqrt_one_minus_alpha_cumprod[t][:, None, None, None]
                    return (x_t - s * eps) / a

                def _eps_from_v(self, x_t, t, v):
                    a = self.sqrt_alpha_cumprod[t][:, None, None, None]
                    s = self.sqrt_one_minus_alpha_cumprod[t][:, None, None, None]
                    return a * v + s * x_t

                def _eps_from_x0(self, x_t, t, x0):
                    a = self.sqrt_alpha_cumprod[t][:, None, None, None]
                    s = self.sqrt_one_minus_alpha_cumprod[t][:, None, None, None]
                    return (x_t - a * x0) / s

                def _v_from_eps(self, x_t, t, eps):
                    a = self.sqrt_alpha_cumprod[t][:, None, None, None]
                    s = self.sqrt_one_minus_alpha_cumprod[t][:, None, None, None]
                    x0 = self._x0_from_eps(x_t, t, eps)
                    return a * eps - s * x0

            """
        let d = CodeProbe.run(code).diagnostics.filter { $0.code == "DL205" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aResidualLayerIsNotAReverseStep() {
        let code = """
            import torch
            import torch.nn as nn


            class ResBlock(nn.Module):
                def __init__(self, ch):
                    super().__init__()
                    self.conv1 = nn.Conv2d(ch, ch, 3, padding=1)
                    self.conv2 = nn.Conv2d(ch, ch, 3, padding=1)

                def forward(self, x, t):
                    h = self.conv1(x)
                    h = self.conv2(h)
                    return h + x

            """
        let d = CodeProbe.run(code).diagnostics.filter { $0.code == "DL205" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// The same return in a step function with the noise weight missing its root.
    @Test func aWrongReverseStepIsStillFound() {
        let code = Self.tables + """
            def p_sample(model, x_t, t):
                eps = model(x_t, t)
                return (x_t - betas[t] / (1 - alphas_cumprod[t]) * eps) / alphas[t].sqrt()

            """
        let d = CodeProbe.run(code).diagnostics.filter { $0.code == "DL205" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
