import CheckerCore
import Testing
@testable import NotesLint

/// A network that predicts the clean data (`pred_x0 = model(x, t)`, clipped or not) feeds the
/// posterior mean μ̃_t(x_t, x̂_0) = coef1·x̂_0 + coef2·x_t, or DDIM's mean in x̂_0 and x_t at any
/// earlier level. Both are judged: the right forms are quiet, a wrong coefficient and a variance
/// scaling the draw are found.
struct CleanDataPredictionTests {
    static func posteriorStep(coef2: String = "(1.0 - alphas_cumprod_prev) * torch.sqrt(alphas) / (1.0 - alphas_cumprod)",
                              prediction: String = "model(x, t).clamp(-1, 1)", noiseScale: String = "torch.exp(0.5 * log_var)") -> String {
        """
        import torch
        import torch.nn.functional as F

        T = 1000
        betas = torch.linspace(1e-4, 0.02, T, dtype=torch.float64)
        alphas = 1.0 - betas
        alphas_cumprod = torch.cumprod(alphas, dim=0)
        alphas_cumprod_prev = F.pad(alphas_cumprod[:-1], (1, 0), value=1.0)
        posterior_variance = betas * (1.0 - alphas_cumprod_prev) / (1.0 - alphas_cumprod)
        log_var_clipped = torch.log(torch.cat([posterior_variance[1:2], posterior_variance[1:]]))
        coef1 = betas * torch.sqrt(alphas_cumprod_prev) / (1.0 - alphas_cumprod)
        coef2 = \(coef2)


        @torch.no_grad()
        def p_sample(model, x, t):
            x0_pred = \(prediction)
            mean = coef1[t] * x0_pred + coef2[t] * x
            log_var = log_var_clipped[t]
            if t == 0:
                return mean
            return mean + \(noiseScale) * torch.randn_like(x)

        """
    }

    @Test(arguments: ["model(x, t).clamp(-1, 1)", "model(x, t)", "torch.clamp(model(x, t), -1, 1)"])
    func theRightPosteriorStepIsQuiet(prediction: String) {
        let d = CodeProbe.run(Self.posteriorStep(prediction: prediction)).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// coef2 with 1 − ᾱ_t where 1 − ᾱ_{t−1} belongs: the mean's coefficient of x_t is √α_t.
    @Test func aWrongCoefficientIsFound() {
        let d = CodeProbe.run(Self.posteriorStep(coef2: "(1.0 - alphas_cumprod) * torch.sqrt(alphas) / (1.0 - alphas_cumprod)")).diagnostics
        #expect(d.contains { $0.code == "DL205" }, "\(Corpus.describe(d))")
    }

    /// exp(log β̃_t) scaling the draw: the variance where its square root belongs.
    @Test func aVarianceScalingTheDrawIsFound() {
        let d = CodeProbe.run(Self.posteriorStep(noiseScale: "torch.exp(log_var)")).diagnostics
        #expect(d.contains { $0.code == "DL204" }, "\(Corpus.describe(d))")
    }

    /// DDIM in x̂_0 and x_t (improved-diffusion's form, and a jump to any earlier level).
    static func ddim(meanCoefficient: String = "a_prev.sqrt()") -> String {
        """
        import torch

        T = 1000
        betas = torch.linspace(1e-4, 0.02, T, dtype=torch.float64)
        alphas_cumprod = torch.cumprod(1.0 - betas, dim=0)
        alphas_cumprod_prev = torch.cat([torch.ones(1, dtype=torch.float64), alphas_cumprod[:-1]])


        @torch.no_grad()
        def ddim_step(model, x, t, eta=0.0):
            pred_xstart = model(x, t).clamp(-1, 1)
            a_t = alphas_cumprod[t]
            a_prev = alphas_cumprod_prev[t]
            eps = (x / a_t.sqrt() - pred_xstart) / (1.0 / a_t - 1).sqrt()
            sigma = eta * ((1 - a_prev) / (1 - a_t)).sqrt() * (1 - a_t / a_prev).sqrt()
            mean_pred = pred_xstart * \(meanCoefficient) + (1 - a_prev - sigma ** 2).sqrt() * eps
            if t == 0:
                return mean_pred
            return mean_pred + sigma * torch.randn_like(x)


        @torch.no_grad()
        def ddim_jump(model, x, t, t_prev):
            x0 = model(x, t)
            a_t = alphas_cumprod[t]
            a_prev = alphas_cumprod[t_prev] if t_prev >= 0 else torch.tensor(1.0)
            eps = (x - a_t.sqrt() * x0) / (1 - a_t).sqrt()
            return a_prev.sqrt() * x0 + (1 - a_prev).sqrt() * eps

        """
    }

    @Test func theRightDDIMStepsAreQuiet() {
        let d = CodeProbe.run(Self.ddim()).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// √ᾱ_t where √ᾱ_prev belongs in front of x̂_0.
    @Test func aWrongDDIMCoefficientIsFound() {
        let d = CodeProbe.run(Self.ddim(meanCoefficient: "a_t.sqrt()")).diagnostics
        #expect(d.contains { $0.code == "DL205" }, "\(Corpus.describe(d))")
    }
}
