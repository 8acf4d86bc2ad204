import CheckerCore
import Testing
@testable import NotesLint

/// A uniform draw of one value per image (`torch.rand(n, 1, 1, 1)`), mapped onto a colour or a
/// shade in cold diffusion's fading, is a sampled parameter, not the process's noise; the same
/// draw named as the noise, or a per-pixel uniform draw, is still found (DL201).
struct OneValuePerSampleDrawTests {
    static let fading = """
        import torch


        def fade(x, lower=0.2, upper=0.8):
            colour = torch.rand(x.shape[0], 1, 1, 1, device=x.device) * 2 - 1
            shade = lower + (upper - lower) * torch.rand((x.shape[0], 1, 1, 1))
            return shade * x + (1 - shade) * colour

        """

    @Test func aColourDrawnPerImageIsNoNoise() {
        let d = CodeProbe.run(Self.fading).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// The same per-image shape named as the noise of the forward sample.
    @Test func aPerImageDrawNamedAsTheNoiseIsFound() {
        let text = """
            import torch

            betas = torch.linspace(1e-4, 0.02, 1000)
            alphas_cumprod = torch.cumprod(1 - betas, dim=0)


            def q_sample(x0, t):
                noise = torch.rand(x0.shape[0], 1, 1, 1)
                return alphas_cumprod[t].sqrt() * x0 + (1 - alphas_cumprod[t]).sqrt() * noise

            """
        let d = CodeProbe.run(text).diagnostics
        #expect(d.contains { $0.code == "DL201" }, "\(Corpus.describe(d))")
    }

    /// A per-pixel uniform draw scaled onto an interval is still uniform noise.
    @Test func aPerPixelDrawIsFound() {
        let d = CodeProbe.run(Self.fading.replacingOccurrences("torch.rand(x.shape[0], 1, 1, 1, device=x.device)", "torch.rand_like(x)")).diagnostics
        #expect(d.contains { $0.code == "DL201" }, "\(Corpus.describe(d))")
    }
}
