import Testing
@testable import NotesLint

/// v = α_t·ε − σ_t·x_0: the same form with the noised sample in place of x_0 is found; v from
/// x_0, v written through x_t, and the other targets are quiet.
struct VTargetFromNoisedSampleTests {
    static func trainer(_ target: String) -> String {
        """
        import math
        import torch

        class Trainer:
            def diffuse(self, x0, s, noise):
                a, b = torch.cos(s * math.pi / 2), torch.sin(s * math.pi / 2)
                return a * x0 + b * noise, a, b

            def loss(self, net, x0):
                noise = torch.randn_like(x0)
                s = torch.rand(x0.shape[0])
                xs, alpha_s, sigma_s = self.diffuse(x0, s, noise)
                pred = net(xs, s)
                target = \(target)
                return ((pred - target) ** 2).mean()
        """
    }

    @Test(arguments: ["noise * alpha_s - xs * sigma_s", "alpha_s * noise - sigma_s * xs"])
    func theNoisedSampleInTheVTargetIsFound(_ target: String) {
        let d = CodeProbe.run(Self.trainer(target)).diagnostics.filter { $0.code == "DL229" }
        #expect(d.count == 1 && d.first?.location?.line == 14, "\(Corpus.describe(CodeProbe.run(Self.trainer(target)).diagnostics))")
    }

    @Test(arguments: ["alpha_s * noise - sigma_s * x0", "(noise - sigma_s * xs) / alpha_s", "noise", "x0", "self.sqrt_alphas_cumprod[0] * noise - self.sqrt_one_minus_alphas_cumprod[0] * x0"])
    func rightTargetsAreQuiet(_ target: String) {
        let d = CodeProbe.run(Self.trainer(target)).diagnostics.filter { $0.code == "DL229" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }
}
