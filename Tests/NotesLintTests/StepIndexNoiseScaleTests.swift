import Testing
@testable import NotesLint

/// x_0 + t·ε with the integer step index as the noise scale, where the steps index a ᾱ table:
/// found; the same form with a continuous noise level and no table, and the table-based forward
/// sample, are quiet.
struct StepIndexNoiseScaleTests {
    static let schedule = """
    import torch
    T = 500
    betas = torch.linspace(1e-4, 0.02, T)
    alphas_cumprod = torch.cumprod(1 - betas, dim=0)

    """
    static let training = """

    def train_step(x0):
        noise = torch.randn_like(x0)
        t = torch.randint(0, T, (x0.shape[0],))
        return mse(net(perturb(x0, t, noise), t), noise)
    """

    @Test func theStepIndexAsNoiseScaleIsFound() {
        let code = Self.schedule + "def perturb(x, t, noise):\n    return x + t.view(-1, 1, 1, 1) * noise\n" + Self.training
        let d = CodeProbe.run(code).diagnostics
        #expect(d.map(\.code) == ["DL213"] && d.first?.location?.line == 6, "\(Corpus.describe(d))")
    }

    @Test func theTableForwardSampleIsQuiet() {
        let code = Self.schedule + "def perturb(x, t, noise):\n    a = alphas_cumprod[t].view(-1, 1, 1, 1)\n    return a.sqrt() * x + (1 - a).sqrt() * noise\n" + Self.training
        let d = CodeProbe.run(code).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// σ = t in continuous time (Karras et al. 2022): no ᾱ table, no integer steps.
    @Test func aContinuousNoiseLevelWithoutATableIsQuiet() {
        let code = """
        import torch

        def perturb(x, t, noise):
            return x + t.view(-1, 1, 1, 1) * noise

        def train_step(x0):
            noise = torch.randn_like(x0)
            t = torch.exp(torch.randn(x0.shape[0]) * 1.2 - 1.2)
            return mse(net(perturb(x0, t, noise), t), noise)
        """
        let d = CodeProbe.run(code).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }
}
