import CheckerCore
import Testing
@testable import NotesLint

/// A uniform draw is the noise only where the code uses it as noise: named as noise, scaled to a
/// noise level, or starting a sample in code that builds a diffusion schedule. Data for a
/// regression demo, a centred draw (`rand * 2 - 1`), an augmentation's jitter or a time scaled
/// by a number are uniform on purpose (DL201 stays quiet on them).
struct UniformDrawRoleTests {
    /// A regression demo in the style of an introductory deep-learning book: no schedule anywhere.
    static let regressionDemo = """
        import torch
        import torch.nn.functional as F

        torch.manual_seed(0)
        x = torch.rand(100, 1)
        y = 5 + 2 * x + torch.rand(100, 1)
        W = torch.zeros((1, 1), requires_grad=True)
        y_pred = x @ W
        loss = F.mse_loss(y, y_pred)

        """

    @Test func dataForARegressionIsQuiet() {
        let d = CodeProbe.run(Self.regressionDemo).diagnostics.filter { $0.code == "DL201" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// Draws placed on an interval by the author: centred, jittered by a number, a range's width.
    static let chosenIntervals = """
        import math
        import torch
        import numpy as np

        x0 = torch.rand((512, 2)) * 2 - 1
        angle = (torch.rand([]) * 2 * math.pi - math.pi)
        start = 4 * (np.random.rand(512) - 0.5)
        t1 = torch.rand(64) * 0.95 + 0.05
        guidance = round(9 * np.random.rand(), 2)

        """

    /// Toy data built around a draw, in a notebook that also builds a schedule: the sample's
    /// name does not make it noise when the draw is only part of the value.
    @Test func toyDataAroundADrawIsQuietInDiffusionCode() {
        let code = """
            import torch

            betas = torch.linspace(1e-4, 0.02, 1000)
            alphas_cumprod = torch.cumprod(1 - betas, dim=0)
            n = 256
            x = 1.2 + 1.6 * torch.rand(n) + 0.1 * torch.randn(n)
            y = -2.5 + 0.1 * x + 0.2 * torch.randn(n)

            """
        let d = CodeProbe.run(code).diagnostics.filter { $0.code == "DL201" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// A test function that feeds a network an image-shaped draw only to check its output, in a
    /// file whose sampler also names its sample `x`: the uses that count are the test's own.
    @Test func aDrawThatOnlyProbesANetworkInsideATestIsQuiet() {
        let code = """
            import torch

            betas = torch.linspace(1e-4, 0.02, 1000)
            alphas_cumprod = torch.cumprod(1 - betas, dim=0)


            def sample(model, x, steps):
                for t in reversed(range(steps)):
                    x = x - betas[t] * model(x, t)
                return x


            def test_network():
                model = Net()
                x = torch.rand((1, 1, 28, 28))
                t = torch.zeros(1, dtype=torch.long)
                out = model(x, t)
                assert out.shape == x.shape

            """
        #expect(CodeProbe.run(code).diagnostics.filter { $0.code == "DL201" }.isEmpty)
        let fed = code.replacingOccurrences("out = model(x, t)", "out = sample(model, x, 10)")
        #expect(CodeProbe.run(fed).diagnostics.filter { $0.code == "DL201" }.count == 1)
    }

    @Test func drawsOnAChosenIntervalAreQuiet() {
        let d = CodeProbe.run(Self.chosenIntervals).diagnostics.filter { $0.code == "DL201" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// The same sample-named draw in code that builds ᾱ starts the reverse chain: it is the noise.
    @Test func aSampleDrawnUniformInDiffusionCodeIsFound() {
        let code = """
            import torch

            betas = torch.linspace(1e-4, 0.02, 1000)
            alphas_cumprod = torch.cumprod(1 - betas, dim=0)
            x = torch.rand(16, 3, 32, 32)

            """
        let d = CodeProbe.run(code).diagnostics.filter { $0.code == "DL201" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    /// `mean + std * rand_like(std)`: a Gaussian's reparameterised sample drawn uniform, found
    /// by its scale even where the name says nothing.
    @Test func aDrawScaledByAStandardDeviationIsFound() {
        let code = """
            import torch


            class DiagonalGaussian:
                def __init__(self, mean, logvar):
                    self.mean = mean
                    self.std = torch.exp(0.5 * logvar)

                def sample(self):
                    return self.mean + self.std * torch.rand_like(self.std)

            """
        let d = CodeProbe.run(code).diagnostics.filter { $0.code == "DL201" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
        let fixed = code.replacingOccurrences("torch.rand_like", "torch.randn_like")
        #expect(CodeProbe.run(fixed).diagnostics.filter { $0.code == "DL201" }.isEmpty)
    }

    /// A number as the scale does not make the draw noise; β does, and so does the noise's name.
    @Test func aDrawScaledByTheScheduleIsFoundAndByANumberIsNot() {
        let scaled = """
            import torch

            def forward_chain(x_start, betas):
                x_seq = [x_start]
                for n in range(len(betas)):
                    x_seq.append(torch.sqrt(1 - betas[n]) * x_seq[-1] + betas[n] * torch.rand_like(x_start))
                return x_seq

            """
        #expect(CodeProbe.run(scaled).diagnostics.filter { $0.code == "DL201" }.count == 1)
        let jitter = """
            import torch

            def spiral(n):
                r = torch.sqrt(torch.rand(n)) * 540
                return -torch.cos(r) * r + torch.rand(n) * 0.5

            """
        #expect(CodeProbe.run(jitter).diagnostics.filter { $0.code == "DL201" }.isEmpty)
        let named = "import torch\n\nnoise = torch.rand(100, 1)\n"
        #expect(CodeProbe.run(named).diagnostics.filter { $0.code == "DL201" }.count == 1)
    }

    /// A gradient penalty's interpolation weight, `eps * real + (1 - eps) * fake`: uniform on
    /// purpose, even under a noise's name. The same draw mixed into a forward sample is noise.
    @Test func aMixtureWeightIsNoNoise() {
        let penalty = """
            import torch

            def gradient_penalty(critic, real_data, fake_data):
                epsilon = torch.rand(real_data.size(0), 1)
                interpolates = epsilon * real_data + (1 - epsilon) * fake_data
                return critic(interpolates).norm()
            """
        #expect(CodeProbe.run(penalty).diagnostics.filter { $0.code == "DL201" }.isEmpty)
        let noised = """
            import torch

            betas = torch.linspace(1e-4, 0.02, 1000)
            alphas_cumprod = torch.cumprod(1 - betas, dim=0)

            def q_sample(x0, t):
                epsilon = torch.rand_like(x0)
                return alphas_cumprod[t].sqrt() * x0 + (1 - alphas_cumprod[t]).sqrt() * epsilon
            """
        #expect(CodeProbe.run(noised).diagnostics.filter { $0.code == "DL201" }.count == 1)
    }
}

