import Testing
@testable import NotesLint

/// A sampler handed a scheduler object reads its tables by diffusers' attribute names
/// (`scheduler.betas`, `scheduler.alphas_cumprod`); its step is judged, a finding about the noise
/// stands in the branch that draws it, and a DDIM mean written without its noise is judged with
/// the σ_t of its own direction term.
struct SchedulerObjectTests {
    static let manualStep = """
    import torch


    @torch.no_grad()
    def manual_ddpm(model, scheduler, n=8, size=32):
        alphas_cumprod = scheduler.alphas_cumprod
        alphas = scheduler.alphas
        betas = scheduler.betas
        x = torch.randn((n, 3, size, size))
        for t in range(len(betas) - 1, -1, -1):
            eps = model(x, t).sample
            mean = (x - betas[t] / (1 - alphas_cumprod[t]).sqrt() * eps) / alphas[t].sqrt()
            if t > 0:
                var = betas[t] * (1 - alphas_cumprod[t - 1]) / (1 - alphas_cumprod[t])
                x = mean + var.sqrt() * torch.randn_like(x)
            else:
                x = mean
        return x

    """

    @Test func aRightStepOverTheSchedulersTablesIsQuiet() {
        let d = CodeProbe.run(Self.manualStep).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// The variance scaling the draw is found, on the line of the branch that draws it.
    @Test func aVarianceScalingTheDrawIsFoundInItsBranch() {
        let wrong = Self.manualStep.replacingOccurrences("mean + var.sqrt() * torch.randn_like(x)", "mean + var * torch.randn_like(x)")
        #expect(wrong != Self.manualStep)
        let d = CodeProbe.run(wrong).diagnostics
        #expect(d.map(\.code) == ["DL204"] && d.first?.location?.line == 15, "\(Corpus.describe(d))")
    }

    /// DDIM with η: the mean before its noise uses √(1 − ᾱ_prev − σ_t²) with the σ_t it adds next.
    static let ddimMean = """
    import torch


    @torch.no_grad()
    def sample_ddim(model, shape, scheduler, eta=0.0):
        x = torch.randn(shape)
        alphas_cumprod = scheduler.alphas_cumprod
        for i in reversed(range(1, 1000)):
            a_t = alphas_cumprod[i]
            a_prev = alphas_cumprod[i - 1]
            beta_t = scheduler.betas[i]
            eps = model(x, i)
            x0 = (x - (1 - a_t).sqrt() * eps) / a_t.sqrt()
            sigma_t = eta * ((1 - a_prev) / (1 - a_t) * beta_t).sqrt()
            mean_pred = a_prev.sqrt() * x0 + (1 - a_prev - sigma_t ** 2).sqrt() * eps
            noise = torch.randn_like(x) if eta > 0 else 0
            x = mean_pred + sigma_t * noise if eta > 0 else mean_pred
        return x

    """

    @Test func aDDIMMeanWithItsOwnSigmaIsQuiet() {
        let d = CodeProbe.run(Self.ddimMean).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// A direction term whose σ_t² has a wrong sign matches no σ_t: found.
    @Test func aDDIMMeanWithAWrongDirectionIsFound() {
        let wrong = Self.ddimMean.replacingOccurrences("(1 - a_prev - sigma_t ** 2).sqrt()", "(1 - a_prev + sigma_t ** 2).sqrt()")
        #expect(wrong != Self.ddimMean)
        let d = CodeProbe.run(wrong).diagnostics
        #expect(d.map(\.code).contains("DL205"), "\(Corpus.describe(d))")
    }

    /// Noise added by an augmented assignment (`x += σ·z`): the finding stands on that line.
    @Test func noiseAddedInPlaceIsFoundOnItsLine() {
        let code = """
        import torch

        betas = torch.linspace(1e-4, 0.02, 1000)
        alphas = 1 - betas
        alphas_cumprod = torch.cumprod(alphas, 0)


        def sample(model, shape):
            x = torch.randn(shape)
            for t in range(999, -1, -1):
                eps = model(x, t)
                x = (x - betas[t] * eps / (1 - alphas_cumprod[t]).sqrt()) / alphas[t].sqrt()
                x += torch.randn_like(x) * (betas[t] / alphas[t]).sqrt() if t > 0 else 0
            return x

        """
        let d = CodeProbe.run(code).diagnostics
        #expect(d.map(\.code) == ["DL204"] && d.first?.location?.line == 13, "\(Corpus.describe(d))")
    }
}
