import Testing
@testable import NotesLint

/// The DDPM mean's noise weight β_t/√(1 − ᾱ_t) written without its root, found by form where the
/// tables are held by another object.
struct MeanNoiseCoefficientTests {
    static let right = """
    import torch

    class Sampler:
        def __init__(self, schedule, model):
            self.schedule = schedule
            self.model = model

        def step(self, x, t):
            noise_pred = self.model(x, t)
            mean = 1 / torch.sqrt(1 - self.schedule.betas[t]) * (x - (self.schedule.betas[t] / torch.sqrt(1 - self.schedule.alphas_cumprod[t])) * noise_pred)
            return mean
    """

    @Test func theRootedCoefficientIsQuiet() {
        #expect(CodeProbe.run(Self.right).diagnostics.isEmpty, "\(Corpus.describe(CodeProbe.run(Self.right).diagnostics))")
    }

    @Test(arguments: ["self.schedule.alphas_cumprod[t]", "self.schedule.alphas[t]"])
    func theCoefficientWithoutItsRootIsFound(_ table: String) {
        let wrong = Self.right.replacingOccurrences("torch.sqrt(1 - self.schedule.alphas_cumprod[t])", "(1 - \(table))")
        let found = CodeProbe.run(wrong).diagnostics
        #expect(found.map(\.code) == ["DL205"] && found.first?.location?.line == 10, "\(Corpus.describe(found))")
    }

    /// β_t/(1 − ᾱ_t) weighting x_0 is the posterior mean, right as it is.
    @Test func thePosteriorMeansWeightOnTheDataIsQuiet() {
        let posterior = Self.right.replacingOccurrences("(self.schedule.betas[t] / torch.sqrt(1 - self.schedule.alphas_cumprod[t])) * noise_pred", "(self.schedule.betas[t] / (1 - self.schedule.alphas_cumprod[t])) * x_start")
        #expect(posterior.contains("x_start"))
        #expect(!CodeProbe.run(posterior).diagnostics.contains { $0.code == "DL205" }, "\(Corpus.describe(CodeProbe.run(posterior).diagnostics))")
    }
}
