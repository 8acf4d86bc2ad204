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

    @Test func aBetaRangeStartedAtZeroIsAChoice() {
        let d = CodeProbe.run(Self.toySchedule).diagnostics
        #expect(!d.map(\.code).contains("DL214"), "\(Corpus.describe(d))")
    }

    @Test func theCosineTableOneStepEarlyIsStillFound() {
        let d = CodeProbe.run(Self.cosineOneStepEarly).diagnostics.filter { $0.code == "DL214" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
