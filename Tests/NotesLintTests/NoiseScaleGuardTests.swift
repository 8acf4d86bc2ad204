import CheckerCore
import Testing
@testable import NotesLint

/// `if sigma_t > 0: x = x + sigma_t * noise` adds nothing where σ is 0, as DDIM's σ is at the last
/// step when the chain ends at ᾱ = 1: a test of the noise's own scale gates the draw like a test
/// of the step (DL210 stays quiet). An ungated draw at the last step is still found.
struct NoiseScaleGuardTests {
    static func sampler(_ noiseLines: String) -> String {
        """
        import torch


        class Sampler:
            def step(self, model, x, i):
                t = self.timesteps[i]
                ab, ab_prev, sigma_t = self.abar[i], self.abar_prev[i], self.sigmas[i]
                eps = model(x, t)
                x0 = (x - (1 - ab) ** 0.5 * eps) / ab ** 0.5
                x = ab_prev ** 0.5 * x0 + (1 - ab_prev - sigma_t ** 2) ** 0.5 * eps
        \(noiseLines)
                return x

            def sample(self, model, shape):
                x = torch.randn(shape)
                for i in reversed(range(len(self.timesteps))):
                    x = self.step(model, x, i)
                return x

        """
    }

    @Test func noiseGatedOnItsScaleIsQuiet() {
        for gate in ["if sigma_t > 0:", "if sigma_t != 0:", "if 0 < sigma_t:"] {
            let code = Self.sampler("        \(gate)\n            x = x + sigma_t * torch.randn_like(x)")
            let d = CodeProbe.run(code).diagnostics.filter { $0.code == "DL210" }
            #expect(d.isEmpty, "\(gate): \(Corpus.describe(d))")
        }
    }

    @Test func noiseGatedOnSomethingElseIsStillFound() {
        let code = Self.sampler("        if self.stochastic:\n            x = x + sigma_t * torch.randn_like(x)")
        let ungated = Self.sampler("        x = x + sigma_t * torch.randn_like(x)")
        for c in [code, ungated] {
            let d = CodeProbe.run(c).diagnostics.filter { $0.code == "DL210" }
            #expect(d.count == 1, "\(Corpus.describe(d))")
        }
    }
}
