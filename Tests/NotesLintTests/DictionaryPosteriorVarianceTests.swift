import CheckerCore
import Testing
@testable import NotesLint

/// `schedule["posterior_variance"]`: the posterior variance β̃ a dictionary of the schedule holds,
/// 0 at the first step (ᾱ_{−1} = 1), so its root switches the last step's noise off (no DL210). A
/// noise scaled by √β_t, which is not 0 there, still reaches the last sample.
struct DictionaryPosteriorVarianceTests {
    static let sampler = """
        import torch

        T = 500
        betas = torch.linspace(1e-4, 0.02, T)


        def gather(table, t, shape):
            return table[t].reshape(-1, *([1] * (len(shape) - 1)))


        def reverse_step(model, x, t, schedule):
            alphas = schedule["alphas"]
            alpha_bars = schedule["alpha_bars"]
            posterior_variance = schedule["posterior_variance"]
            a = gather(alphas, t, x.shape)
            ab = gather(alpha_bars, t, x.shape)
            eps = model(x, t)
            mean = (x - (1 - a) * eps / torch.sqrt(1 - ab)) / torch.sqrt(a)
            var = gather(posterior_variance, t, x.shape)
            return mean + torch.sqrt(var) * torch.randn_like(x)


        def sample(model, shape, schedule):
            x = torch.randn(shape)
            for step in reversed(range(T)):
                t = torch.full((shape[0],), step, dtype=torch.long)
                x = reverse_step(model, x, t, schedule)
            return x
        """

    @Test func aPosteriorVarianceFromADictionaryEndsTheNoise() {
        let d = CodeProbe.run(Self.sampler).diagnostics
        #expect(!d.map(\.code).contains("DL210"), "\(Corpus.describe(d))")
    }

    @Test func aBetaScaledNoiseStillReachesTheLastSample() {
        let beta = Self.sampler.replacingOccurrences("var = gather(posterior_variance, t, x.shape)", "var = gather(betas, t, x.shape)")
        #expect(beta != Self.sampler)
        let d = CodeProbe.run(beta).diagnostics.filter { $0.code == "DL210" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
