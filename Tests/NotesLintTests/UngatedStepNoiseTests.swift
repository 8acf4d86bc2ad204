import Testing
@testable import NotesLint

/// A reverse step that draws its noise unconditionally, in a document whose sampling loop is not
/// shown, adds noise at the last step too: the last step must return its mean.
struct UngatedStepNoiseTests {
    static let step = """
    import torch

    betas = torch.linspace(1e-4, 0.02, 1000)
    alphas = 1 - betas
    alphas_cumprod = torch.cumprod(alphas, dim=0)

    def p_sample(model, x, t):
        eps = model(x, t)
        mean = (x - betas[t] / torch.sqrt(1 - alphas_cumprod[t]) * eps) / torch.sqrt(alphas[t])
        noise = torch.randn_like(x) if t > 0 else torch.zeros_like(x)
        return mean + torch.sqrt(betas[t]) * noise
    """

    @Test func aGatedStepIsQuiet() {
        let d = CodeProbe.run(Self.step).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func anUngatedStepIsFoundOnItsReturn() {
        let wrong = Self.step.replacingOccurrences(" if t > 0 else torch.zeros_like(x)", "")
        let d = CodeProbe.run(wrong).diagnostics
        let returnLine = wrong.components(separatedBy: "    return mean").first!.filter { $0 == "\n" }.count + 1
        #expect(d.map(\.code) == ["DL210"] && d.first?.location?.line == returnLine, "\(Corpus.describe(d))")
    }

    /// The loop in view stops at t = 1 and finishes with the mean: the step itself needs no gate.
    @Test func aLoopThatFinishesWithTheMeanIsQuiet() {
        let withLoop = Self.step.replacingOccurrences(" if t > 0 else torch.zeros_like(x)", "") + """

        def p_mean(model, x, t):
            eps = model(x, t)
            return (x - betas[t] / torch.sqrt(1 - alphas_cumprod[t]) * eps) / torch.sqrt(alphas[t])

        def sample(model, shape):
            x = torch.randn(shape)
            for t in reversed(range(1, 1000)):
                x = p_sample(model, x, t)
            return p_mean(model, x, 0)
        """
        let d = CodeProbe.run(withLoop).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }
}
