import CheckerCore
import Testing
@testable import NotesLint

/// A sampler is also checked against the code's own ᾱ tables, so that its step count, index shift or
/// skipped steps are judged against itself. Only tables that are ᾱ, or products of a β, take part: a
/// rising √(1 − ᾱ) or posterior-variance table is no β, and reading it as one excused wrong means.
struct OwnTableSearchTests {
    private func lint(_ code: String) -> [String] {
        NotesLinter.lintPython(text: code, path: "sampler.py").map(\.code)
    }

    private static let sampler = """
        import torch
        from torch import nn


        def pick(v, t, shape):
            out = torch.gather(v, index=t, dim=0).float()
            return out.view([t.shape[0]] + [1] * (len(shape) - 1))


        class Sampler(nn.Module):
            def __init__(self, model, beta_1=1e-4, beta_T=0.02, T=1000):
                super().__init__()
                self.model = model
                self.T = T
                self.register_buffer("betas", torch.linspace(beta_1, beta_T, T).double())
                alphas = 1.0 - self.betas
                alphas_bar = torch.cumprod(alphas, dim=0)
                alphas_bar_prev = torch.cat([torch.ones(1).double(), alphas_bar[:-1]])
                self.register_buffer("sqrt_one_minus_alphas_bar", torch.sqrt(1.0 - alphas_bar))
                self.register_buffer("c1", torch.sqrt(1.0 / alphas))
                self.register_buffer("c2", self.c1 * (1.0 - alphas) / torch.sqrt(1.0 - alphas_bar))
                self.register_buffer("posterior_var", self.betas * (1.0 - alphas_bar_prev) / (1.0 - alphas_bar))

            def mean_from_eps(self, x_t, t, eps):
                return pick(self.c1, t, x_t.shape) * x_t - pick(self.c2, t, x_t.shape) * eps

            def mean_and_variance(self, x_t, t):
                eps = self.model(x_t, t)
                mean = self.mean_from_eps(x_t, t, eps=eps)
                return mean, pick(self.posterior_var, t, x_t.shape)
        """

    /// The right coefficients stay quiet; the ε coefficient without its root is found once, in the
    /// function that computes the mean, not again in its caller.
    @Test func aWrongCoefficientTableIsNotExcusedByARisingTable() {
        #expect(lint(Self.sampler).isEmpty)
        let wrong = Self.sampler.replacingOccurrences(of: "/ torch.sqrt(1.0 - alphas_bar))", with: "/ (1.0 - alphas_bar))")
        #expect(wrong != Self.sampler)
        #expect(lint(wrong) == ["DL205"])
    }

    /// A noise handed to a step that calls the model itself is the step's fresh draw, not ε_θ.
    @Test func freshNoiseHandedToAStepIsNotThePrediction() {
        let step = """
            import torch
            betas = torch.linspace(1e-4, 0.02, 1000)
            alphas = 1 - betas
            alphas_cumprod = torch.cumprod(alphas, 0)

            def reverse_step(model, x_t, t, noise):
                pred = model(x_t, t)
                mean = (x_t - betas[t] / torch.sqrt(1 - alphas_cumprod[t]) * pred) / torch.sqrt(alphas[t])
                std = torch.sqrt(betas[t]) if t > 0 else 0.0
                return mean + std * noise
            """
        #expect(lint(step).isEmpty)
        #expect(lint(step.replacingOccurrences(of: "* pred) /", with: "* pred) *")) == ["DL205"])
    }
}
