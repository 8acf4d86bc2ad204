import CheckerCore
import Testing
@testable import NotesLint

/// A β range the code starts at 0 on purpose (`torch.linspace(0, 0.8, n)`, a toy schedule) is a
/// choice, not the cosine schedule's table one step early: neither the β table nor the ᾱ table
/// made from it is reported (DL214). An ᾱ = f(t)/f(0) table over t = 0 … T − 1, which starts at 1
/// through the off-by-one, still is.
struct ChosenZeroStartTests {
    static let toySchedule = """
        import torch

        n_steps = 10
        beta = torch.linspace(0, 0.8, n_steps)
        alpha = 1. - beta
        alpha_bar = torch.cumprod(alpha, dim=0)


        def noisify(x0, t):
            eps = torch.randn_like(x0)
            ab = alpha_bar[t].reshape(-1, 1, 1, 1)
            return ab.sqrt() * x0 + (1 - ab).sqrt() * eps, eps
        """

    static let cosineOneStepEarly = """
        import math
        import torch

        n_steps = 10
        grid = torch.arange(n_steps)
        f = torch.cos((grid / n_steps + 0.008) / 1.008 * math.pi / 2) ** 2
        alpha_bar = f / f[0]


        def noisify(x0, t):
            eps = torch.randn_like(x0)
            ab = alpha_bar[t].reshape(-1, 1, 1, 1)
            return ab.sqrt() * x0 + (1 - ab).sqrt() * eps, eps
        """

    /// T + 1 cosine values f(t)/f(0), t = 0 … T, in a class whose every read is one step ahead
    /// (`[t + 1]` for the steps t = 0 … T − 1): the first entry, ᾱ = 1, is never read at a step.
    static func cosineReadOneAhead(_ index: String) -> String {
        """
        import math
        import torch

        class Schedule:
            def __init__(self, T=1000, s=0.008):
                steps = torch.arange(T + 1, dtype=torch.float64) / T
                f = torch.cos((steps + s) / (1 + s) * math.pi / 2) ** 2
                self.alphas_cumprod = (f / f[0]).float()
                self.sqrt_alphas_cumprod = torch.sqrt(self.alphas_cumprod)
                self.sqrt_one_minus_alphas_cumprod = torch.sqrt(1.0 - self.alphas_cumprod)

            def q_sample(self, x0, t, noise):
                a = self.sqrt_alphas_cumprod[\(index)].reshape(-1, 1, 1, 1)
                b = self.sqrt_one_minus_alphas_cumprod[t + 1].reshape(-1, 1, 1, 1)
                return a * x0 + b * noise
        """
    }

    @Test func aTableReadOneStepAheadNeverReadsItsFirstEntry() {
        let d = CodeProbe.run(Self.cosineReadOneAhead("t + 1")).diagnostics
        #expect(!d.map(\.code).contains("DL214"), "\(Corpus.describe(d))")
    }

    @Test func oneReadAtTheStepItselfStillCounts() {
        // The same class with one read at [t]: the sample at t = 0 is x_0 itself there.
        let d = CodeProbe.run(Self.cosineReadOneAhead("t")).diagnostics.filter { $0.code == "DL214" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    @Test func aBetaRangeStartedAtZeroIsAChoice() {
        let d = CodeProbe.run(Self.toySchedule).diagnostics
        #expect(!d.map(\.code).contains("DL214"), "\(Corpus.describe(d))")
    }

    @Test func theCosineTableOneStepEarlyIsStillFound() {
        let d = CodeProbe.run(Self.cosineOneStepEarly).diagnostics.filter { $0.code == "DL214" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
