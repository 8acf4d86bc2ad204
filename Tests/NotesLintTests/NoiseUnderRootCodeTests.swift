import Testing
@testable import NotesLint

/// The noise and its prediction multiply coefficients from outside their roots.
struct NoiseUnderRootCodeTests {
    static let step = """
    import torch

    def step(model, x, t, alphas, alphas_cumprod):
        eps = model(x, t)
        coef = (1 - alphas[t]) / torch.sqrt(1 - alphas_cumprod[t]) * eps
        rms = torch.sqrt((eps ** 2).mean())
        return (x - coef) / torch.sqrt(alphas[t]), rms
    """

    @Test func coefficientsOutsideTheRootAreQuiet() {
        let d = CodeProbe.run(Self.step).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aMisplacedParenthesisIsFound() {
        let wrong = Self.step.replacingOccurrences("torch.sqrt(1 - alphas_cumprod[t]) * eps", "torch.sqrt((1 - alphas_cumprod[t]) * eps)")
        let d = CodeProbe.run(wrong).diagnostics
        #expect(d.map(\.code).contains("DL224") && d.first { $0.code == "DL224" }?.location?.line == 5, "\(Corpus.describe(d))")
    }
}
