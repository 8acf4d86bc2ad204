import CheckerCore
import Testing
@testable import NotesLint

/// Causes of false alarms met at first contact with research code and course notebooks: a β
/// table's floor, a β table padded from α for steps counted from 1, a start the code sets to 0,
/// an optimiser's (β₁, β₂), DPM-Solver's log mean coefficient, and DDIM's η-scaled noise. Each
/// quiet case has a twin that keeps the bug and is still reported. A falling β table, which once
/// stopped the linter, is read to the end.
struct FloorPaddingAndSignalScaleTests {
    static func findings(_ code: String, _ rule: String) -> [Diagnostic] {
        CodeProbe.run(code).diagnostics.filter { $0.code == rule }
    }

    // MARK: A β table's first value (DL214)

    @Test func aFloorAddedToACosineRampIsTheFirstBeta() {
        let d = Self.findings("""
            import math
            import torch
            T = 200
            u = torch.arange(T) / T
            beta = 1e-5 + (1 - torch.cos(u * math.pi / 2)) * 0.01
            alpha_bar = torch.cumprod(1 - beta, dim=0)
            """, "DL214")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theSameRampWithoutItsFloorStartsAtZero() {
        let d = Self.findings("""
            import math
            import torch
            T = 200
            u = torch.arange(T) / T
            beta = (1 - torch.cos(u * math.pi / 2)) * 0.01
            alpha_bar = torch.cumprod(1 - beta, dim=0)
            """, "DL214")
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    @Test func aRangeStartedAtASmallNamedOffsetIsNotZero() {
        let d = Self.findings("""
            import torch
            eps = 1e-5
            beta = torch.linspace(0. + eps, 1. - eps, 100)
            alpha = 1 - beta
            """, "DL214")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func alphaPaddedWithAOneInFrontPadsBeta() {
        let d = Self.findings("""
            import torch
            T = 4
            t = torch.arange(0, T + 1) / T
            alpha_bar = torch.exp(-(0.1 * t + 9.95 * t ** 2))
            alpha = alpha_bar[1:] / alpha_bar[:-1]
            alpha = torch.cat([torch.tensor([1.0]), alpha])
            beta = 1 - alpha
            """, "DL214")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theSameTableWithoutThePaddingStillFlagsACosineStartedEarly() {
        let d = Self.findings("""
            import math
            import torch
            T = 1000
            f = torch.cos((torch.arange(T + 1) / T + 0.008) / 1.008 * math.pi / 2) ** 2
            alpha_bar = f / f[0]
            betas = 1 - alpha_bar / torch.cat([torch.tensor([1.0]), alpha_bar[:-1]])
            """, "DL214")
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    @Test func aStartParameterDefaultingToZeroIsAChosenStart() {
        let d = Self.findings("""
            import torch
            class Scheduler:
                def __init__(self, steps, beta_start=0, beta_end=0.02):
                    betas = torch.linspace(start=beta_start, end=beta_end, steps=steps)
                    self.betas = betas
                    self.alphas_cumprod = torch.cumprod(1 - betas, dim=0)
            """, "DL214")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func anOptimisersBetaPairIsNoSchedule() {
        let d = Self.findings("""
            import torch
            lr = 1e-4
            betas = (0.0, 0.9)
            """, "DL214")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    // MARK: A falling β table is read to the end

    @Test func aFallingBetaTableIsReportedAndTheLintFinishes() throws {
        let d = try NotesLinter.lint(text: """
            import torch
            betas = torch.linspace(0.6, 0.02, 100)
            alphas = 1 - betas
            alphas_cumprod = torch.cumprod(alphas, 0)

            """, path: "falling.py").filter { $0.code == "DL202" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    // MARK: DPM-Solver's log mean coefficient (DL209)

    static func logMeanCoefficient(_ name: String) -> String {
        """
        import math
        import torch
        class NoiseScheduleVP:
            def __init__(self, cosine_s=0.008):
                self.cosine_s = cosine_s

            def \(name)(self, t):
                log_alpha_fn = lambda s: torch.log(torch.cos((s + self.cosine_s) / (1.0 + self.cosine_s) * math.pi / 2.0))
                return log_alpha_fn(t) - log_alpha_fn(torch.zeros_like(t))
        """
    }

    @Test func theLogOfTheMeanCoefficientTakesTheCosineUnsquared() {
        let d = Self.findings(Self.logMeanCoefficient("marginal_log_mean_coeff"), "DL209")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theSameCosineAsTheLogOfAlphaBarIsReported() {
        let d = Self.findings(Self.logMeanCoefficient("log_alpha_bar"), "DL209")
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    // MARK: DDIM's η-scaled noise (DL210)

    static func ddimStep(noiseScale: String) -> String {
        """
        import torch
        def ddim(model, x, timesteps, alphas_cumprod, eta=0.0):
            alphas = alphas_cumprod[timesteps]
            alphas_prev = alphas_cumprod[torch.nn.functional.pad(timesteps[:-1], pad=(1, 0))]
            sigmas = eta * torch.sqrt((1 - alphas_prev) / (1 - alphas) * (1 - alphas / alphas_prev))
            for i in range(len(timesteps) - 1):
                index = len(timesteps) - 1 - i
                e_t = model(x, timesteps[index])
                a_t = alphas[index].item()
                a_prev = alphas_prev[index].item()
                sigma_t = sigmas[index].item()
                pred_x0 = (x - (1 - a_t) ** 0.5 * e_t) / a_t ** 0.5
                dir_xt = (1.0 - a_prev - sigma_t ** 2) ** 0.5 * e_t
                noise = \(noiseScale) * torch.randn_like(x)
                x = a_prev ** 0.5 * pred_x0 + dir_xt + noise
            return x
        """
    }

    @Test func noiseScaledByEtaIsTheGeneralizedStepsFreeParameter() {
        let d = Self.findings(Self.ddimStep(noiseScale: "sigma_t"), "DL210")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theSameStepWithAFixedNoiseScaleIsReported() {
        let d = Self.findings(Self.ddimStep(noiseScale: "(1 - a_prev) ** 0.5"), "DL210")
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
