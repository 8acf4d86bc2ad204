import CheckerCore
import Testing
@testable import NotesLint

/// A sampling loop that walks the steps with a stride (`range(T - 1, -1, -stride)`) jumps from t
/// to t − stride; a step function that reads the one-step β_t or α_t at t and is given nothing
/// else applies the update of t → t − 1 at each jump (DL235). Walking every step, or a step
/// function told the step it lands on, is quiet.
struct StridedOneStepUpdateTests {
    static func sampler(loop: String, step: String = "x = self.step(x, t)") -> String {
        """
        import torch


        class Sampler:
            def __init__(self, model, T=1000):
                self.model = model
                self.T = T
                self.betas = torch.linspace(1e-4, 0.02, T)
                self.alphas = 1.0 - self.betas
                self.alpha_bars = torch.cumprod(self.alphas, dim=0)

            def step(self, x_t, t):
                eps = self.model(x_t, t)
                beta = self.betas[t]
                mean = (x_t - beta / (1 - self.alpha_bars[t]).sqrt() * eps) / self.alphas[t].sqrt()
                if t > 0:
                    return mean + beta.sqrt() * torch.randn_like(x_t)
                return mean

            def sample(self, shape, n_steps=50):
                x = torch.randn(shape)
                stride = self.T // n_steps
                \(loop)
                    \(step)
                return x

        """
    }

    @Test func everyStepIsQuiet() {
        let d = CodeProbe.run(Self.sampler(loop: "for t in reversed(range(self.T)):")).diagnostics.filter { $0.code == "DL235" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aStridedLoopOverTheOneStepUpdateIsFound() {
        for loop in ["for t in range(self.T - 1, -1, -stride):", "for t in list(range(self.T - 1, -1, -20)):"] {
            let d = CodeProbe.run(Self.sampler(loop: loop)).diagnostics.filter { $0.code == "DL235" }
            #expect(d.count == 1, "\(loop)\n\(Corpus.describe(d))")
        }
        let named = Self.sampler(loop: "steps = list(range(self.T - 1, -1, -stride))\n        for t in steps:")
        #expect(CodeProbe.run(named).diagnostics.filter { $0.code == "DL235" }.count == 1)
    }

    /// A step function given the step it lands on computes the jump itself.
    @Test func aStepToldWhereItLandsIsQuiet() {
        let text = Self.sampler(loop: "for t in range(self.T - 1, -1, -stride):", step: "x = self.jump(x, t, max(t - stride, 0))")
            + """

            def jump(x_t, t, t_prev):
                beta = 1 - alpha_bars[t] / alpha_bars[t_prev]
                return x_t * alphas[t] / beta

            """
        let d = CodeProbe.run(text).diagnostics.filter { $0.code == "DL235" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }
}
