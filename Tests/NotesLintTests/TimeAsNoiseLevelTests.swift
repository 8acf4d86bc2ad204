import CheckerCore
import Testing
@testable import NotesLint

/// `sigma = t` in a network's preconditioning (EDM, consistency models): the noise level is the
/// time itself, not a reverse step's spread at step t, so it is not judged against β̃_t (no
/// DL204). The same `sigma = t` used as the noise scale of an ancestral step is still wrong there.
struct TimeAsNoiseLevelTests {
    static let preconditioning = """
        import torch
        import torch.nn as nn

        T = 1000
        betas = torch.linspace(1e-4, 0.02, T)
        alphas_cumprod = torch.cumprod(1 - betas, dim=0)


        class Preconditioned(nn.Module):
            def __init__(self, net, sigma_data=0.5, sigma_min=0.002):
                super().__init__()
                self.net = net
                self.sigma_data = sigma_data
                self.sigma_min = sigma_min

            def forward(self, x, t):
                raw = self.net(x, t)
                sigma = t
                c_skip = self.sigma_data ** 2 / ((sigma - self.sigma_min) ** 2 + self.sigma_data ** 2)
                c_out = (sigma - self.sigma_min) * self.sigma_data / (sigma ** 2 + self.sigma_data ** 2) ** 0.5
                return c_skip * x + c_out * raw


        def ancestral_step(model, x, t):
            eps = model(x, t)
            mean = (x - betas[t] / torch.sqrt(1 - alphas_cumprod[t]) * eps) / torch.sqrt(1 - betas[t])
            sigma = torch.sqrt(betas[t])
            noise = torch.randn_like(x) if t > 0 else torch.zeros_like(x)
            return mean + sigma * noise
        """

    @Test func aNoiseLevelThatIsTheTimeIsNoReverseSpread() {
        let d = CodeProbe.run(Self.preconditioning).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theTimeAsAnAncestralStepsScaleIsStillFound() {
        let wrong = Self.preconditioning.replacingOccurrences("    sigma = torch.sqrt(betas[t])", "    sigma = t")
        #expect(wrong != Self.preconditioning)
        let d = CodeProbe.run(wrong).diagnostics.filter { $0.code == "DL204" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
