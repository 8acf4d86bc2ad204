import CheckerCore
import Testing
@testable import NotesLint

/// A test of the step written with the library (`if torch.all(t == 0):`) switches the noise off
/// like `if t == 0:` (DL210), and a uniform draw shaped like a toy point set's angles
/// (`rand_like(theta)`) is more of that data, not the noise (DL201).
struct LibraryTestAndDataShapeTests {
    static let step = """
        import torch

        class Sampler:
            def __init__(self, T=1000):
                self.betas = torch.linspace(1e-4, 0.02, T)
                self.alphas = 1 - self.betas
                self.alpha_bar = torch.cumprod(self.alphas, dim=0)

            def step(self, xt, eps, t):
                a_bar = self.alpha_bar[t].view(-1, 1)
                x0 = (xt - torch.sqrt(1 - a_bar) * eps) / torch.sqrt(a_bar)
                if torch.all(t == 0):
                    return x0
                mean = (xt - self.betas[t].view(-1, 1) / torch.sqrt(1 - a_bar) * eps) / torch.sqrt(self.alphas[t].view(-1, 1))
                return mean + torch.sqrt(self.betas[t].view(-1, 1)) * torch.randn_like(xt)

        """

    @Test func aLibraryTestOfTheStepSwitchesTheNoiseOff() {
        let d = CodeProbe.run(Self.step).diagnostics.filter { $0.code == "DL210" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aLibraryTestOfAnotherStepStillLeavesTheNoise() {
        let late = Self.step.replacingOccurrences("if torch.all(t == 0):", "if torch.all(t == 5):")
        #expect(late != Self.step)
        let d = CodeProbe.run(late).diagnostics.filter { $0.code == "DL210" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    static let ring = """
        import math
        import torch

        def arc_points(n, scale=2.0):
            theta = -math.pi / 6 - 2 * math.pi / 3 * torch.rand(n)
            r_arc = scale * 0.6 + (scale / 4) * torch.rand_like(theta)
            return torch.stack([r_arc * torch.cos(theta), r_arc * torch.sin(theta)], dim=1)

        """

    @Test func aDrawShapedLikeAnglesIsData() {
        let d = CodeProbe.run(Self.ring).diagnostics.filter { $0.code == "DL201" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aDrawShapedLikeTheSampleIsStillNoise() {
        let noised = Self.ring.replacingOccurrences("    return torch.stack", "    x = torch.stack").appending("""
            def noised(x, sigma):
                return x + sigma * torch.rand_like(x)

            """)
        let d = CodeProbe.run(noised).diagnostics.filter { $0.code == "DL201" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
