import CheckerCore
import Testing
@testable import NotesLint

/// A name for one step's value that the code never binds (`sqrt_alphas_cumprod_t`, left for the
/// reader to gather in an exercise) is not stood in for by the whole table: combining it with a
/// sample is no missing `[t]` (DL203). The table itself combined with a sample still is.
struct OneStepNameTests {
    static let exercise = """
        import torch

        T = 300
        betas = torch.linspace(1e-4, 0.02, T)
        alphas_cumprod = torch.cumprod(1 - betas, dim=0)
        sqrt_alphas_cumprod = torch.sqrt(alphas_cumprod)
        sqrt_one_minus_alphas_cumprod = torch.sqrt(1 - alphas_cumprod)


        def q_sample(x_start, t, noise=None):
            if noise is None:
                noise = torch.randn_like(x_start)
            # exercise: gather the two coefficients at step t here
            return sqrt_alphas_cumprod_t * x_start + sqrt_one_minus_alphas_cumprod_t * noise
        """

    @Test func aStepValueNameLeftUnboundIsNoWholeTable() {
        let d = CodeProbe.run(Self.exercise).diagnostics
        #expect(!d.map(\.code).contains("DL203"), "\(Corpus.describe(d))")
    }

    @Test func theTableCombinedWithASampleIsStillFound() {
        let whole = Self.exercise.replacingOccurrences("sqrt_alphas_cumprod_t * x_start", "sqrt_alphas_cumprod * x_start")
        #expect(whole != Self.exercise)
        let d = CodeProbe.run(whole).diagnostics.filter { $0.code == "DL203" }
        #expect(d.count == 1 && d[0].message.contains("'sqrt_alphas_cumprod'"), "\(Corpus.describe(d))")
    }
}
