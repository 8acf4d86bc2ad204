import CheckerCore
import Testing
@testable import NotesLint

/// `grad = model(x, t)`: a network output the code names a gradient is the score, so the
/// Langevin update `x + ½ε²·grad + ε·z` is no DDPM step. A noise prediction in the same update is
/// still judged.
struct GradientNamedOutputTests {
    static func program(output: String) -> String {
        """
        import torch

        T = 1000
        betas = torch.linspace(1e-4, 0.02, T)
        alpha_bars = torch.cumprod(1 - betas, dim=0)

        @torch.no_grad()
        def sample(model, n, inner=50, eps=0.1):
            x = torch.randn(n, 2)
            for t in reversed(range(T)):
                t_batch = torch.full((n,), t, dtype=torch.long)
                for _ in range(inner):
                    \(output) = model(x, t_batch)
                    z = torch.randn_like(x)
                    x = x + 0.5 * eps ** 2 * \(output) + eps * z
            return x
        """
    }

    @Test func aLangevinStepAlongANamedGradientIsSilent() throws {
        let d = try NotesLinter.lint(text: Self.program(output: "grad"), path: "langevin.py").filter { $0.severity != .note }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aNamedGradientIsNoSlipForAVerb() throws {
        #expect(NameCheck.sameWordsUpToInflection("generator", "generate"))
        #expect(NameCheck.sameWordsUpToInflection("predictor", "predict"))
        #expect(!NameCheck.sameWordsUpToInflection("generator", "gradient"))
    }
}

/// `betas = linspace(0, 1, n) ** 2` then `return betas * (hi − lo) + lo`: the function's schedule
/// is what it returns, whose first β is lo, not the 0 of the step before.
struct ReturnedScheduleTests {
    static func program(returned: String) -> String {
        """
        import numpy as np

        def polynomial_betas(lo, hi, n, power=2.0):
            betas = np.linspace(0, 1, n) ** power
            return \(returned)

        betas = polynomial_betas(1e-4, 0.02, 1000)
        alphas_bar = np.cumprod(1 - betas)
        """
    }

    @Test func aTableTransformedInTheReturnIsNotJudgedBeforeIt() throws {
        let d = try NotesLinter.lint(text: Self.program(returned: "betas * (hi - lo) + lo"), path: "schedule.py").filter { $0.code == "DL214" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aTableReturnedAsItIsIsStillJudged() throws {
        let d = try NotesLinter.lint(text: Self.program(returned: "betas"), path: "schedule.py").filter { $0.code == "DL214" }
        #expect(!d.isEmpty)
    }
}
