import CheckerCore
import Testing
@testable import NotesLint

/// A pipeline that conditions its network on a time ratio recovers that time by inverting the
/// cosine schedule: it names ᾱ_t and the schedule's f(0) `var` and `min_var`. Those are shares of
/// the forward marginal, not a reverse step's spread (DL204 stays quiet); the step's own variance
/// in the same file is still judged.
struct CosineTimeFromAlphaBarTests {
    static func pipeline(stepVariance: String) -> String {
        """
        import torch

        betas = torch.linspace(1e-4, 0.02, 1000)
        alphas = 1 - betas
        alphas_cumprod = torch.cumprod(alphas, dim=0)


        def time_ratio(t, alphas_cumprod):
            s = torch.tensor([0.008])
            min_var = torch.cos(s / (1 + s) * torch.pi * 0.5) ** 2
            var = alphas_cumprod[t].clamp(0, 1)
            return (((var * min_var) ** 0.5).acos() / (torch.pi * 0.5)) * (1 + s) - s


        def p_sample(model, x, t):
            r = time_ratio(t, alphas_cumprod)
            eps = model(x, r)
            mean = (x - betas[t] / torch.sqrt(1 - alphas_cumprod[t]) * eps) / torch.sqrt(alphas[t])
            var = \(stepVariance)
            noise = torch.randn_like(x) if t > 0 else torch.zeros_like(x)
            return mean + torch.sqrt(var) * noise

        """
    }

    private func findings(_ code: String) -> [Diagnostic] {
        CodeProbe.run(code).diagnostics.filter { $0.code == "DL204" }
    }

    @Test func alphaBarInvertedToATimeIsNoReverseVariance() {
        let d = findings(Self.pipeline(stepVariance: "betas[t] * (1 - alphas_cumprod[t - 1]) / (1 - alphas_cumprod[t])"))
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theStepsInvertedPosteriorFractionIsStillReported() {
        let d = findings(Self.pipeline(stepVariance: "betas[t] * (1 - alphas_cumprod[t]) / (1 - alphas_cumprod[t - 1])"))
        #expect(d.count == 1, "\(Corpus.describe(d))")
        #expect(d.first.map { Corpus.describe([$0]).contains("'var'") } ?? false)
    }
}
