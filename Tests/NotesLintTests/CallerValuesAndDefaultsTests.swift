import Testing
@testable import NotesLint

/// What the interpreter assumes about values it is not given: an argument the caller does not
/// know is not taken for the data by the parameter's name, a numeric default says a parameter is
/// one number whatever its name, and 1 + cos(u) is the half-angle form of a squared cosine.
struct CallerValuesAndDefaultsTests {
    static let interpolation = """
    import torch

    betas = torch.linspace(1e-4, 0.02, 1000)
    alphas_cumprod = torch.cumprod(1 - betas, 0)


    def q_sample(x_0, t, noise):
        return alphas_cumprod[t].sqrt() * x_0 + (1 - alphas_cumprod[t]).sqrt() * noise


    def interpolate(x1, x2, t=500, lam=0.5):
        a = q_sample(x1, t, torch.randn_like(x1))
        b = q_sample(x2, t, torch.randn_like(x2))
        x_t = (1 - lam) * a + lam * b
        return x_t

    """

    /// Two clouds noised apart and mixed: no forward sample of one x_0, so not judged as one.
    @Test func aMixOfTwoNoisedSamplesIsQuiet() {
        let d = CodeProbe.run(Self.interpolation).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// The forward sample itself is still judged, with its x_0 taken for the data.
    @Test func aWrongForwardSampleIsStillFound() {
        let wrong = Self.interpolation.replacingOccurrences("(1 - alphas_cumprod[t]).sqrt() * noise", "(1 - alphas_cumprod[t]) * noise")
        let d = CodeProbe.run(wrong).diagnostics
        #expect(d.map(\.code).contains("DL213"), "\(Corpus.describe(d))")
    }

    /// `alpha = 0.99` weighs the noise loss against a label loss: a number, not the α table its
    /// name suggests.
    @Test func aNumericDefaultIsOneNumber() {
        let code = """
        import torch
        import torch.nn as nn


        class Diffusion(nn.Module):
            def __init__(self, model, timesteps=1000):
                super().__init__()
                self.model = model
                self.betas = torch.linspace(1e-4, 0.02, timesteps)
                self.alphas_cumprod = torch.cumprod(1 - self.betas, 0)

            def noised(self, x, t):
                noise = torch.randn_like(x)
                ab = self.alphas_cumprod[t]
                return ab.sqrt() * x + (1 - ab).sqrt() * noise, noise

            def loss(self, x, t, labels, noise_criteria=nn.MSELoss(), label_criteria=nn.CrossEntropyLoss(), alpha=0.99):
                x_noisy, noise = self.noised(x, t)
                pred_noise, logits = self.model(x_noisy, t)
                return alpha * noise_criteria(pred_noise, noise) + (1 - alpha) * label_criteria(logits, labels)

        """
        let d = CodeProbe.run(code).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    static let cosine = """
    import math
    import torch


    def alpha_bar_table(T, s=0.008):
        t = torch.arange(T + 1) / T
        f = torch.cos((t + s) / (1 + s) * math.pi / 2) ** 2
        return f / f[0]

    """

    /// (1 + cos 2u)/2 = cos² u: the half-angle form carries its square.
    @Test func theHalfAngleFormIsASquaredCosine() {
        let halfAngle = Self.cosine.replacingOccurrences("torch.cos((t + s) / (1 + s) * math.pi / 2) ** 2", "(torch.cos((t + s) / (1 + s) * math.pi) + 1) / 2")
        #expect(halfAngle != Self.cosine)
        #expect(CodeProbe.run(Self.cosine).diagnostics.isEmpty)
        let d = CodeProbe.run(halfAngle).diagnostics
        #expect(!d.contains { $0.code == "DL209" }, "\(Corpus.describe(d))")
    }

    /// The cosine without its square is still found.
    @Test func aCosineWithoutItsSquareIsFound() {
        let unsquared = Self.cosine.replacingOccurrences(" ** 2\n", "\n")
        #expect(unsquared != Self.cosine)
        let d = CodeProbe.run(unsquared).diagnostics
        #expect(d.contains { $0.code == "DL209" }, "\(Corpus.describe(d))")
    }
}
