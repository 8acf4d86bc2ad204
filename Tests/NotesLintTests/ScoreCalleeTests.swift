import CheckerCore
import Testing
@testable import NotesLint

/// `grad = score_fn(x, t)`: a callee named for the score gives ∇log p, not ε_θ, whatever name
/// receives it, so a corrector's `x_mean = x + step * grad` is no DDPM mean (no DL205). The same
/// step fed by a call that gives ε is still judged as a DDPM mean.
struct ScoreCalleeTests {
    static let corrector = """
        import torch
        from samplers.base import Refiner
        from sde_tools import rowwise_mul


        class SnrRefiner(Refiner):
            def update_fn(self, x, t):
                score_fn = self.score_fn
                alpha = self.sde.alphas[(t * (self.sde.N - 1) / self.sde.T).long()]
                for _ in range(self.n_steps):
                    grad = score_fn(x, t)
                    noise = torch.randn_like(x)
                    ratio = self.snr * noise.norm() / grad.norm()
                    step = 2 * alpha * ratio ** 2
                    x_mean = x + rowwise_mul(step, grad)
                    x = x_mean + rowwise_mul(noise, torch.sqrt(2 * step))
                return x, x_mean
        """

    /// The score network called on `self` directly.
    static let directCall = corrector
        .replacingOccurrences("        score_fn = self.score_fn\n", "")
        .replacingOccurrences("grad = score_fn(x, t)", "grad = self.score_net(x, t)")

    @Test(arguments: [corrector, directCall])
    func aScoreCalleesValueIsNoNoisePrediction(code: String) {
        #expect(code.contains("x_mean = x + rowwise_mul(step, grad)"))
        let d = CodeProbe.run(code).diagnostics
        #expect(!d.map(\.code).contains("DL205"), "\(Corpus.describe(d))")
    }

    @Test func theSameStepOnANoisePredictionIsStillJudged() {
        let fedByNoise = Self.corrector
            .replacingOccurrences("score_fn = self.score_fn", "denoiser = self.denoiser")
            .replacingOccurrences("grad = score_fn(x, t)", "grad = denoiser(x, t)")
        #expect(fedByNoise != Self.corrector)
        let d = CodeProbe.run(fedByNoise).diagnostics.filter { $0.code == "DL205" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
