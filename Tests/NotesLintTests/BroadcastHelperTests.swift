import CheckerCore
import Testing
@testable import NotesLint

/// A broadcast helper imported from the code's own project (`expand_to_dims(v, x)`,
/// `append_dims(v, n)`) reshapes its first argument and keeps its values, so a forward sample
/// written through it is judged (DL213). When the mean is right, the finding stands where the
/// noise's coefficient is assigned.
struct BroadcastHelperTests {
    static let process = """
        import torch
        from .utils import expand_to_dims, append_dims


        class Process:
            def __init__(self, T=1000):
                self.betas = torch.linspace(1e-4, 0.02, T)
                self.alphas_cumprod = torch.cumprod(1 - self.betas, dim=0)

            def q_sample(self, t, x_0, noise=None):
                if noise is None:
                    noise = torch.randn_like(x_0)
                signal = expand_to_dims(self.alphas_cumprod[t] ** 0.5, x_0)
                spread = append_dims((1 - self.alphas_cumprod[t]) ** 0.5, x_0.ndim)
                return signal * x_0 + spread * noise, noise

        """

    @Test func aForwardSampleThroughHelpersIsQuiet() {
        let d = CodeProbe.run(Self.process).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aWrongNoiseCoefficientIsFoundWhereItIsAssigned() {
        let wrong = Self.process.replacingOccurrences("append_dims((1 - self.alphas_cumprod[t]) ** 0.5", "append_dims(self.alphas_cumprod[t] ** 0.5")
        #expect(wrong != Self.process)
        let d = CodeProbe.run(wrong).diagnostics.filter { $0.code == "DL213" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
        #expect(d.first?.location?.line == 14, "\(Corpus.describe(d))")
    }
}
