import CheckerCore
import Testing
@testable import NotesLint

/// Values judged by where they came from, not only by the name they end under: a zero put in
/// front of a table inside the function that built it, a forward marginal's variance reshaped after
/// the call that computed it, a noise level drawn between two schedule values, and a table `alphas`
/// that the code divides at two steps, which is the DDIM paper's α_t (DDPM's ᾱ_t).
struct ValueOriginTests {
    private func codes(_ code: String) -> [String] { CodeProbe.run(code).diagnostics.map(\.code) }

    @Test func aZeroPaddedInsideTheScheduleFunctionStaysPadding() {
        let code = """
            import math
            import torch

            T = 1000

            def cosine_betas(steps, s=0.008):
                t = torch.linspace(0, steps, steps + 1)
                f = torch.cos(((t / steps + s) / (1 + s)) * math.pi / 2) ** 2
                alpha_bar = f / f[0]
                betas = 1 - alpha_bar[1:] / alpha_bar[:-1]
                betas = torch.clip(betas, max=0.999)
                return torch.cat([torch.tensor([0.0]), betas])

            chosen = cosine_betas(T)
            betas = chosen
            betas = betas.view(T + 1, 1, 1, 1)

            """
        #expect(!codes(code).contains("DL214"), "\(Corpus.describe(CodeProbe.run(code).diagnostics))")
        // The same table whose first step comes out as zero because ᾱ is taken at t = 0 … T − 1.
        let early = """
            import math
            import torch

            T = 1000

            def cosine_betas(steps, s=0.008):
                t = torch.arange(steps)
                f = torch.cos(((t / steps + s) / (1 + s)) * math.pi / 2) ** 2
                alpha_bar = f / f[0]
                return 1 - alpha_bar / torch.cat([torch.ones(1), alpha_bar[:-1]])

            chosen = cosine_betas(T)
            betas = chosen
            betas = betas.view(T, 1, 1, 1)

            """
        #expect(codes(early).contains("DL214"), "\(Corpus.describe(CodeProbe.run(early).diagnostics))")
    }

    static let forwardVarianceClass = """
        import math
        import torch
        import torch.nn as nn

        class Forward(nn.Module):
            def __init__(self, steps, beta_T):
                super().__init__()
                s = 0.008
                t = torch.linspace(0, steps, steps + 1)
                f = torch.cos((t / steps + s) / (1 + s) * math.pi / 2) ** 2
                ratio = f[1:] / f[:-1]
                self.variance_schedule = torch.clip(1 - ratio, 0, beta_T)

            def forward_var(self, t):
                alphas = 1 - self.variance_schedule
                alpha_bars = torch.cumprod(alphas, dim=0)
                return 1 - alpha_bars[t]

            def forward(self, x, t):
                var = self.forward_var(t).view(-1, 1, 1, 1)
                sqrt_var = torch.sqrt(var)
                scale = torch.sqrt(1 - var)
                eps = torch.randn_like(x)
                return scale * x + sqrt_var * eps, eps

        """

    /// A reverse step whose noise scale is the forward marginal's √(1 − ᾱ_t), which is wrong there.
    static let reverseStepWithMarginalScale = UngatedStepNoiseTests.step.replacingOccurrences(
        "    noise = torch.randn_like(x) if t > 0 else torch.zeros_like(x)\n    return mean + torch.sqrt(betas[t]) * noise",
        "    var = (1 - alphas_cumprod[t]).view(-1, 1, 1, 1)\n    sqrt_var = torch.sqrt(var)\n    if t > 0:\n        return mean + sqrt_var * torch.randn_like(x)\n    return mean")

    @Test func aForwardVarianceReshapedAfterItsCallIsNoReverseVariance() {
        let d = CodeProbe.run(Self.forwardVarianceClass).diagnostics
        #expect(!d.map(\.code).contains("DL204"), "\(Corpus.describe(d))")
        // A reverse step's variance under the same name, taken from no forward function, is judged.
        let reverse = Self.reverseStepWithMarginalScale
        #expect(reverse.contains("sqrt_var = torch.sqrt(var)"))
        #expect(codes(reverse).contains("DL204"), "\(Corpus.describe(CodeProbe.run(reverse).diagnostics))")
    }

    @Test func aNoiseLevelDrawnBetweenTwoScheduleValuesIsNoNoise() {
        let code = """
            import torch

            def training_inputs(gammas, y0, steps):
                b = y0.shape[0]
                t = torch.randint(1, steps, (b,))
                gamma_low = gammas[t - 1]
                sqrt_gamma_high = gammas[t]
                sample_gammas = (sqrt_gamma_high - gamma_low) * torch.rand((b, 1)) + gamma_low
                noise = torch.randn_like(y0)
                return sample_gammas, noise

            """
        #expect(!codes(code).contains("DL201"))
        let uniformNoise = code.replacingOccurrences("noise = torch.randn_like(y0)", "noise = torch.rand_like(y0)")
        #expect(codes(uniformNoise).contains("DL201"))
    }

    static let ddimInItsOwnNotation = """
        import torch

        class DDIMStep:
            def __init__(self, alphas, eta=0.0):
                self.alphas = alphas.double()
                self.eta = eta

            def step(self, eps, x_t, t, t_prev):
                alpha_t = self.alphas[t]
                alpha_prev = self.alphas[t_prev]
                x0 = (x_t - (1 - alpha_t).sqrt() * eps) / alpha_t.sqrt()
                ratio = (1 - alpha_prev) / (1 - alpha_t)
                sigma_sq = self.eta ** 2 * ratio * (1 - alpha_t / alpha_prev)
                sigma = sigma_sq.sqrt()
                direction = (1 - alpha_prev - sigma_sq).sqrt()
                return alpha_prev.sqrt() * x0 + direction * eps + sigma * torch.randn_like(x_t)

        """

    @Test func alphasDividedAtTwoStepsAreTheDDIMPapersAlpha() {
        let d = CodeProbe.run(Self.ddimInItsOwnNotation).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        // η multiplying the variance instead of η², and an inverted ratio, are still found in that notation.
        let linearEta = CodeProbe.run(Self.ddimInItsOwnNotation.replacingOccurrences("self.eta ** 2 * ratio", "self.eta * ratio")).diagnostics
        #expect(linearEta.map(\.code).contains("DL208"), "\(Corpus.describe(linearEta))")
        let inverted = CodeProbe.run(Self.ddimInItsOwnNotation.replacingOccurrences("(1 - alpha_prev) / (1 - alpha_t)", "(1 - alpha_t) / (1 - alpha_prev)")).diagnostics
        #expect(inverted.map(\.code).contains("DL217"), "\(Corpus.describe(inverted))")
    }

    @Test func alphasBuiltFromBetasStayDDPMsAlpha() {
        // A DDPM table of α_t = 1 − β_t divided at two steps is no notation: it is read as α_t.
        let code = """
            import torch

            betas = torch.linspace(1e-4, 0.02, 1000)
            alphas = 1 - betas

            def kept_signal(t, s):
                return alphas[t] / alphas[s]

            """
        #expect(!CodeAnalysis.alphasHoldAlphaBar(PythonParser.parse(Array(code.unicodeScalars), from: 0, to: code.unicodeScalars.count).statements))
        let handedIn = "def kept_signal(alphas, t, s):\n    return alphas[t] / alphas[s]\n"
        #expect(CodeAnalysis.alphasHoldAlphaBar(PythonParser.parse(Array(handedIn.unicodeScalars), from: 0, to: handedIn.unicodeScalars.count).statements))
    }
}
