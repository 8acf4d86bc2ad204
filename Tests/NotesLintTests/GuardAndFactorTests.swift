import Testing
@testable import NotesLint

/// Code forms that are right: a guard constant inside a root, a factor of the variance completed
/// on the next line, and the DDPM mean's β_t/√(1 − ᾱ_t)·ε_θ with the prediction handed in as
/// `noise`. Each beside a wrong variant that is still found.
struct GuardAndFactorTests {
    static let step = """
    import torch

    betas = torch.linspace(1e-4, 0.02, 1000)
    alphas = 1 - betas
    alphas_cumprod = torch.cumprod(alphas, 0)
    sqrt_one_minus_alphas_cumprod = torch.sqrt(1 - alphas_cumprod)


    def denoise(x, noise, t):
        mean = x - (betas[t] * noise) / sqrt_one_minus_alphas_cumprod[t]
        mean = mean / torch.sqrt(alphas[t])
        variance_t_1 = (1. - alphas_cumprod[t - 1]) / (1. - alphas_cumprod[t])
        std = torch.sqrt(variance_t_1 * betas[t])
        return mean + std * torch.randn_like(x)


    def guarded_mean(model, x, t):
        eps = model(x, t)
        offset = 1e-5
        coefficient = (1 - alphas[t]) / ((1 - alphas_cumprod[t] + offset) ** 0.5)
        predicted_mean = (x - coefficient * eps) / alphas[t] ** 0.5
        return predicted_mean

    """

    @Test func theRightFormsAreQuiet() {
        let d = CodeProbe.run(Self.step).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// A slip under the guard (α_t for ᾱ_t) is far larger than the guard and is found.
    @Test func aSlipBesideAGuardIsFound() {
        let wrong = Self.step.replacingOccurrences("((1 - alphas_cumprod[t] + offset) ** 0.5)", "((1 - alphas[t] + offset) ** 0.5)")
        #expect(wrong != Self.step)
        let d = CodeProbe.run(wrong).diagnostics
        #expect(d.map(\.code).contains("DL205"), "\(Corpus.describe(d))")
    }

    /// β_t scaling the step's own draw is found, while β_t over √(1 − ᾱ_t) on the prediction is not.
    @Test func aVarianceScalingTheDrawIsStillFound() {
        let wrong = Self.step.replacingOccurrences("return mean + std * torch.randn_like(x)", "return mean + betas[t] * torch.randn_like(x)")
        #expect(wrong != Self.step)
        let d = CodeProbe.run(wrong).diagnostics
        #expect(d.contains { $0.code == "DL220" && $0.location?.line == 14 }, "\(Corpus.describe(d))")
        #expect(!d.contains { $0.location?.line == 10 }, "\(Corpus.describe(d))")
    }

    /// A wrong factor makes the standard deviation built from it wrong: found there.
    @Test func aWrongFactorIsFoundInTheDeviation() {
        let wrong = Self.step.replacingOccurrences("variance_t_1 = (1. - alphas_cumprod[t - 1]) / (1. - alphas_cumprod[t])", "variance_t_1 = (1. - alphas_cumprod[t]) / (1. - alphas_cumprod[t - 1])")
        #expect(wrong != Self.step)
        let d = CodeProbe.run(wrong).diagnostics
        #expect(d.contains { $0.location?.line == 13 }, "\(Corpus.describe(d))")
    }

    /// A variance taken whole by a root (`sigma = variance ** 0.5`) is still judged as a variance.
    @Test func aVarianceTakenWholeIsStillJudged() {
        let code = """
        import torch

        betas = torch.linspace(1e-4, 0.02, 1000)
        alphas_cumprod = torch.cumprod(1 - betas, 0)


        def sigma_at(t, t_prev, eta=0.5):
            a_t = alphas_cumprod[t]
            a_prev = alphas_cumprod[t_prev]
            variance_t = eta ** 2 * (a_prev / a_t) * (1 - a_t / a_prev)
            sigma_t = variance_t ** 0.5
            return sigma_t

        """
        let d = CodeProbe.run(code).diagnostics
        #expect(d.map(\.code).contains("DL217"), "\(Corpus.describe(d))")
    }
}
