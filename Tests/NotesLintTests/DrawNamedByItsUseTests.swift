import CheckerCore
import Testing
@testable import NotesLint

/// What a uniform draw is, a time or the noise, is read from the name it is given: the variable it
/// is assigned to, or the function that returns it. A time drawn in `def sample_t(...)` is quiet;
/// a state indexed by time (`x_t`, `noisy_t`) is not a time, so a uniform draw building it is the
/// classic `rand_like` for `randn_like` (DL201).
struct DrawNamedByItsUseTests {
    static let timeSampler = """
        import torch


        class FlowMatching:
            def __init__(self, t_min=0.0, t_max=1.0):
                self.t_min = t_min
                self.t_max = t_max

            def sample_time(self, n, device):
                return torch.rand(n, device=device) * (self.t_max - self.t_min) + self.t_min

            def _draw_t(self, n):
                return self.t_min + (self.t_max - self.t_min) * torch.rand(n)

        """

    @Test func aTimeReturnedByItsSamplerIsQuiet() {
        let d = CodeProbe.run(Self.timeSampler).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    static let forwardSample = """
        import torch

        betas = torch.linspace(1e-4, 0.02, 1000)
        alphas_bar = torch.cumprod(1 - betas, dim=0)


        def diffuse(x0, t):
            a = alphas_bar[t].view(-1, 1, 1, 1)
            x_t = a.sqrt() * x0 + (1 - a).sqrt() * torch.randn_like(x0)
            return x_t


        def noisy_t(x0, t):
            a = alphas_bar[t].view(-1, 1, 1, 1)
            return a.sqrt() * x0 + (1 - a).sqrt() * torch.randn_like(x0)

        """

    @Test func aGaussianForwardSampleIsQuiet() {
        let d = CodeProbe.run(Self.forwardSample).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// `rand_like` building x_t, assigned or returned, is the noise drawn uniform.
    @Test func aUniformDrawBuildingAStateIsFound() {
        let uniform = Self.forwardSample.replacingOccurrences("torch.randn_like", "torch.rand_like")
        #expect(uniform != Self.forwardSample)
        let d = CodeProbe.run(uniform).diagnostics.filter { $0.code == "DL201" }
        #expect(d.count == 2, "\(Corpus.describe(d))")
    }
}
