import CheckerCore
import Testing
@testable import NotesLint

/// Code whose α and β are standard deviations (α_t² + β_t² = 1, or any scalings it squares for
/// variances) builds its forward sample as ᾱ_t·x_0 + β̄_t·ε with no square roots. DDPM's tables,
/// where β_t is a variance, do not apply to it: its values are not judged, and the coverage says so.
struct ScalingScheduleTests {
    static let scalings = """
        import numpy as np
        import torch

        class ScaledDiffusion:
            def __init__(self, alphas, betas):
                self.alphas = np.array(alphas, dtype=np.float64)
                self.betas = np.array(betas, dtype=np.float64)
                self.bar_alphas = np.cumprod(self.alphas)
                self.bar_noise_var = self.bar_alphas ** 2 * np.cumsum(self.betas ** 2 / self.bar_alphas ** 2)
                self.bar_noise_std = np.sqrt(self.bar_noise_var)

            def q_sample(self, x_start, t):
                noise = torch.randn_like(x_start)
                x_t = self.bar_alphas[t] * x_start + self.bar_noise_std[t] * noise
                return x_t, noise
        """

    @Test func scalingsAreNotJudgedAsDDPMTables() {
        let (d, coverage) = CodeProbe.run(Self.scalings)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        #expect(coverage.contains { $0.construct == "function q_sample" && $0.verdict == .skipped && $0.reason.contains("standard deviations") })
    }

    /// Without the squares, β is DDPM's variance and ᾱ_t·x_0 misses its square root.
    @Test func aForwardSampleWithoutTheSquaresIsStillJudged() {
        let ddpm = """
            import numpy as np
            import torch

            class Diffusion:
                def __init__(self, betas):
                    self.betas = np.array(betas, dtype=np.float64)
                    self.alphas_cumprod = np.cumprod(1.0 - self.betas)

                def q_sample(self, x_start, t):
                    noise = torch.randn_like(x_start)
                    x_t = self.alphas_cumprod[t] * x_start + np.sqrt(1.0 - self.alphas_cumprod[t]) * noise
                    return x_t, noise
            """
        let d = CodeProbe.run(ddpm).diagnostics
        #expect(d.map(\.code) == ["DL213"], "\(Corpus.describe(d))")
    }

    /// A cumulative variance is a sum: `cumsum` into a name for a variance is right; into a name
    /// for ᾱ it is still the product written as a sum.
    @Test func aCumulativeVarianceMayBeASum() {
        let variance = """
            import numpy as np

            betas = np.linspace(1e-4, 0.02, 1000)
            bar_betas_square = np.cumsum(betas)
            """
        #expect(CodeProbe.run(variance).diagnostics.filter { $0.code == "DL206" }.isEmpty)
        let product = variance.replacingOccurrences("bar_betas_square = np.cumsum(betas)", "bar_alphas = np.cumsum(1 - betas)")
        #expect(CodeProbe.run(product).diagnostics.map(\.code) == ["DL206"])
    }
}
