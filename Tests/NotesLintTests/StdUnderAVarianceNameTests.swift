import CheckerCore
import Testing
@testable import NotesLint

/// A variable named `variance` that holds √β̃_t, the posterior's standard deviation, computed
/// from its precision α_t/β_t + 1/(1 − ᾱ_{t−1}): the name misleads, but the value is right for the
/// scale it multiplies (DL204 stays quiet). A value that is neither a variance nor a standard
/// deviation of the step is still found.
struct StdUnderAVarianceNameTests {
    static let sampler = """
        import torch

        T = 1000
        betas = torch.linspace(1e-4, 0.02, T)
        alphas = 1 - betas
        alphas_cumprod = torch.cumprod(alphas, dim=0)


        def step(model, x, t):
            eps = model(x, t)
            mean = (x - betas[t] / (1 - alphas_cumprod[t]) ** 0.5 * eps) / alphas[t] ** 0.5
            if t > 0:
                precision = alphas[t] / betas[t] + 1.0 / (1.0 - alphas_cumprod[t - 1])
                variance = (1.0 / precision) ** 0.5
            else:
                variance = 0.0
            return mean + variance * torch.randn_like(x)

        """

    @Test func aStandardDeviationUnderAVarianceNameIsQuiet() {
        let d = CodeProbe.run(Self.sampler).diagnostics.filter { $0.code == "DL204" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aWrongValueUnderTheNameIsStillFound() {
        let wrong = Self.sampler.replacingOccurrences("variance = (1.0 / precision) ** 0.5", "variance = (1.0 / precision) ** 0.25")
        let d = CodeProbe.run(wrong).diagnostics.filter { $0.code == "DL204" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
