import CheckerCore
import Testing
@testable import NotesLint

/// Forms of well-known library code that are right: the cosine schedule's log-SNR written with
/// `cos(…) ** -2` (DL209), a moving average or a soft parameter update between two variances
/// (DL215), `torch.has_mps`, a name torch 1.12 to 2.x had (DL236), and a step value reshaped by
/// einops (DL203). Their wrong neighbours are
/// still found.
struct LibraryIdiomPrecisionTests {
    @Test func theLogSNROfTheCosineScheduleSquaresTheCosine() {
        let code = """
            import math
            import torch

            def alpha_cosine_log_snr(t, s=0.008):
                return -torch.log((torch.cos((t + s) / (1 + s) * math.pi * 0.5) ** -2) - 1)

            """
        #expect(CodeProbe.run(code).diagnostics.filter { $0.code == "DL209" }.isEmpty)
        let unsquared = code.replacingOccurrences(" ** -2", " ** -1")
        #expect(CodeProbe.run(unsquared).diagnostics.filter { $0.code == "DL209" }.count == 1)
    }

    @Test func aMovingAverageOfVariancesIsNotTheLearnedRange() {
        let code = """
            class NoiseScale:
                def __init__(self, beta=0.998):
                    self.beta = beta
                    self.ema_var = 0.0

                def update(self, est_var):
                    self.ema_var = self.beta * self.ema_var + (1 - self.beta) * est_var

            def soft_update(tau, pairs):
                return [tau * var + (1 - tau) * t_var for var, t_var in pairs]

            """
        #expect(CodeProbe.run(code).diagnostics.filter { $0.code == "DL215" }.isEmpty)
        let learned = """
            def p_variance(model_var_values, min_var, max_var):
                frac = (model_var_values + 1) / 2
                model_variance = frac * max_var + (1 - frac) * min_var
                return model_variance

            """
        #expect(CodeProbe.run(learned).diagnostics.filter { $0.code == "DL215" }.count == 1)
    }

    @Test func torchHasMpsIsAName() {
        let code = """
            import torch

            device = "mps" if torch.has_mps else "cpu"
            steps = torch.linespace(0, 1, 10)

            """
        let d = CodeProbe.run(code).diagnostics.filter { $0.code == "DL236" }
        #expect(d.count == 1 && d.first?.fix == "torch.linspace", "\(Corpus.describe(d))")
    }

    /// einops' `rearrange(v, 'b -> b 1 1 1')` reshapes one step's value for broadcasting; the
    /// name it is stored back in (`betas`) still holds that step's value, not the table.
    static func rearrangedStep(meanNoiseScale: String = "sqrt_one_minus_alpha_cumprod") -> String {
        """
        import torch
        from einops import rearrange


        class DDPM:
            def __init__(self, T=1000):
                self.betas = torch.linspace(1e-4, 0.02, T)
                self.alphas = 1. - self.betas
                self.alpha_cumprod = torch.cumprod(self.alphas, 0)
                self.sqrt_one_minus_alpha_cumprod = torch.sqrt(1. - self.alpha_cumprod)

            def p_mean(self, xt, t, noise_pred):
                betas = self.betas[t]
                alphas = self.alphas[t]
                sqrt_one_minus_alpha_cumprod = self.sqrt_one_minus_alpha_cumprod[t]
                betas = rearrange(betas, 'b -> b 1 1 1')
                alphas = rearrange(alphas, 'b -> b 1 1 1')
                sqrt_one_minus_alpha_cumprod = rearrange(sqrt_one_minus_alpha_cumprod, 'b -> b 1 1 1')
                mean = xt - betas * noise_pred / \(meanNoiseScale)
                mean = mean / torch.sqrt(alphas)
                return mean

        """
    }

    @Test func aStepValueRearrangedByEinopsKeepsItsValue() {
        let right = CodeProbe.run(Self.rearrangedStep()).diagnostics
        #expect(right.isEmpty, "\(Corpus.describe(right))")
        let wrong = CodeProbe.run(Self.rearrangedStep(meanNoiseScale: "sqrt_one_minus_alpha_cumprod ** 2")).diagnostics
        #expect(!wrong.isEmpty && !wrong.contains { $0.code == "DL203" }, "\(Corpus.describe(wrong))")
    }
}
