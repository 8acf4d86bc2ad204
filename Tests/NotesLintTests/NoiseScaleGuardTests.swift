import CheckerCore
import Testing
@testable import NotesLint

/// `if sigma_t > 0: x = x + sigma_t * noise` adds nothing where σ is 0, as DDIM's σ is at the last
/// step when the chain ends at ᾱ = 1: a test of the noise's own scale gates the draw like a test
/// of the step (DL210 stays quiet), and so does a DDIM σ = η·σ̂ whose η is a constant of the step
/// (`ETA = 0.5`) or whose deterministic branch is `zeros_like` of a table entry. An ungated draw at
/// the last step is still found.
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

    /// A DDIM step with no loop in sight: its σ vanishes at the last step when the chain ends at
    /// ᾱ = 1, whatever η is, so it is judged with η = 0 even when the step sets η itself.
    static let ddimStep = """
        import torch


        class Step(torch.nn.Module):
            def forward(self, x_t, t, deterministic=False):
                ETA = 0.5
                a_t = self.scheduler.get_alpha_bar(t).view(-1, 1, 1, 1)
                a_prev = self.scheduler.get_alpha_bar(t - 1).view(-1, 1, 1, 1)
                eps = self.unet(x_t, t)
                x0 = (x_t - torch.sqrt(1 - a_t) * eps) / torch.sqrt(a_t)
                if deterministic:
                    sigma_t = torch.zeros_like(a_t)
                else:
                    sigma_t = ETA * torch.sqrt((1 - a_prev) / (1 - a_t)) * torch.sqrt(1 - a_t / a_prev)
                direction = torch.sqrt(1 - a_prev - sigma_t ** 2) * eps
                return torch.sqrt(a_prev) * x0 + direction + sigma_t * torch.randn_like(x_t)

        """

    @Test func aDDIMStepWithItsOwnEtaIsQuiet() {
        let d = CodeProbe.run(Self.ddimStep).diagnostics.filter { $0.code == "DL210" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aDDPMStepWithNoGateIsStillFound() {
        let code = Self.ddimStep.replacingOccurrences("sigma_t * torch.randn_like(x_t)", "torch.sqrt(1 - a_t / a_prev) * torch.randn_like(x_t)")
        let d = CodeProbe.run(code).diagnostics.filter { $0.code == "DL210" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
