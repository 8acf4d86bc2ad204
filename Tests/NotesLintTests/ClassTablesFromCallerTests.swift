import Testing
@testable import NotesLint

/// A diffusion class whose `__init__` takes β from its caller (`GaussianDiffusion(betas)`, as in
/// improved- and guided-diffusion) has its methods judged with the schedule's tables, not left
/// unjudged; a classifier gradient added to the mean is not taken for the noise prediction; a
/// wrong table is reported once, where `__init__` builds it; and a function that predicts x_0
/// from the noise is judged as that inversion.
struct ClassTablesFromCallerTests {
    /// A class in improved-diffusion's style, its β handed in by the caller.
    static func diffusionClass(noiseTerm: String = "th.sqrt(var) * noise", coef2: String = "np.sqrt(alphas)",
                               guidance: Bool = false, startFromNoise: String = "self.sqrt_recipm1[t] * eps") -> String {
        let guided = guidance ? "        if cond_fn is not None:\n            mean = mean + var * cond_fn(x, t)\n" : ""
        return """
        import numpy as np
        import torch as th


        class Diffusion:
            def __init__(self, betas):
                self.betas = betas
                alphas = 1.0 - betas
                self.alphas_cumprod = np.cumprod(alphas)
                self.alphas_cumprod_prev = np.append(1.0, self.alphas_cumprod[:-1])
                self.posterior_variance = betas * (1.0 - self.alphas_cumprod_prev) / (1.0 - self.alphas_cumprod)
                self.posterior_mean_coef1 = betas * np.sqrt(self.alphas_cumprod_prev) / (1.0 - self.alphas_cumprod)
                self.posterior_mean_coef2 = (1.0 - self.alphas_cumprod_prev) * \(coef2) / (1.0 - self.alphas_cumprod)
                self.sqrt_recip = np.sqrt(1.0 / self.alphas_cumprod)
                self.sqrt_recipm1 = np.sqrt(1.0 / self.alphas_cumprod - 1)
                self.sqrt_one_minus = np.sqrt(1.0 - self.alphas_cumprod)

            def predict_start_from_noise(self, x_t, t, eps):
                return self.sqrt_recip[t] * x_t - \(startFromNoise)

            def p_sample(self, model, x, t, cond_fn=None):
                eps = model(x, t)
                x_start = self.sqrt_recip[t] * x - self.sqrt_recipm1[t] * eps
                mean = self.posterior_mean_coef1[t] * x_start + self.posterior_mean_coef2[t] * x
                var = self.posterior_variance[t]
        \(guided)        noise = th.randn_like(x)
                mask = (t != 0).float().view(-1, *([1] * (len(x.shape) - 1)))
                return mean + mask * \(noiseTerm)


        diffusion = Diffusion(np.linspace(1e-4, 0.02, 1000))

        """
    }

    static func codes(_ code: String) -> [String] { CodeProbe.run(code).diagnostics.map(\.code) }

    @Test func theRightClassIsQuiet() {
        #expect(Self.codes(Self.diffusionClass()).isEmpty, "\(Corpus.describe(CodeProbe.run(Self.diffusionClass()).diagnostics))")
    }

    /// β̃_t where √β̃_t belongs: the tables come from the caller's β, and the step is judged.
    @Test func aVarianceScalingTheNoiseIsFound() {
        let d = CodeProbe.run(Self.diffusionClass(noiseTerm: "var * noise")).diagnostics
        #expect(d.contains { $0.code == "DL204" }, "\(Corpus.describe(d))")
    }

    /// guided-diffusion's `mean + variance * cond_fn(x, t)`: the gradient of log p(y | x_t) is no
    /// noise prediction, so the guided mean is not compared with the unguided one.
    @Test func aClassifierGradientAddedToTheMeanIsQuiet() {
        let code = Self.diffusionClass(guidance: true)
        #expect(Self.codes(code).isEmpty, "\(Corpus.describe(CodeProbe.run(code).diagnostics))")
    }

    /// The guided step still has its noise judged.
    @Test func aGuidedStepWithAVarianceScalingTheNoiseIsFound() {
        let d = CodeProbe.run(Self.diffusionClass(noiseTerm: "var * noise", guidance: true)).diagnostics
        #expect(d.contains { $0.code == "DL204" }, "\(Corpus.describe(d))")
    }

    /// A wrong coefficient table is one error: reported where it is built, not again at each method
    /// that reads it.
    @Test func aWrongTableIsReportedOnceWhereItIsBuilt() {
        let d = CodeProbe.run(Self.diffusionClass(coef2: "np.sqrt(self.alphas_cumprod)")).diagnostics
        #expect(d.map(\.code) == ["DL216"], "\(Corpus.describe(d))")
        #expect(d.first?.location?.line == 13)
    }

    /// x̂_0 with ε_θ scaled by √(1 − ᾱ_t) and not divided by √ᾱ_t.
    @Test func aCleanEstimateWithoutTheDivisionIsFound() {
        let d = CodeProbe.run(Self.diffusionClass(startFromNoise: "self.sqrt_one_minus[t] * eps")).diagnostics
        #expect(d.map(\.code) == ["DL232"], "\(Corpus.describe(d))")
        #expect(d.first?.location?.line == 19)
        #expect(d.first?.message.contains("-0.958034") == true)
    }

    /// Tables indexed from 1 give the estimate of a neighbouring step: a convention.
    @Test func aCleanEstimateOfANeighbouringStepIsQuiet() {
        let code = Self.diffusionClass(startFromNoise: "self.sqrt_recipm1[t] * eps")
            .replacingOccurrences("return self.sqrt_recip[t] * x_t", "return self.sqrt_recip[t - 1] * x_t")
            .replacingOccurrences("x_t - self.sqrt_recipm1[t] * eps", "x_t - self.sqrt_recipm1[t - 1] * eps")
        #expect(code.contains("sqrt_recipm1[t - 1]") && code.contains("sqrt_recip[t - 1]"))
        #expect(Self.codes(code).isEmpty, "\(Corpus.describe(CodeProbe.run(code).diagnostics))")
    }

    /// A function that computes the previous mean from the noise is no clean estimate.
    @Test func theNameMustSayCleanSampleFromNoise() {
        #expect(CodeAnalysis.namesCleanEstimateFromNoise("predict_start_from_noise"))
        #expect(CodeAnalysis.namesCleanEstimateFromNoise("_predict_x0_from_eps"))
        #expect(!CodeAnalysis.namesCleanEstimateFromNoise("_predict_xt_prev_mean_from_eps"))
        #expect(!CodeAnalysis.namesCleanEstimateFromNoise("predict_noise_from_start"))
    }
}
