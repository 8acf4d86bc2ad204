import Testing
@testable import NotesLint

/// A step function over 0-based tables (T entries read at [t]) reaches t = 0: its noise gate
/// belongs there, also when it returns its x̂_0 beside the sample.
struct StepGateTests {
    static let step = """
    import torch

    class Process:
        def __init__(self, steps=1000):
            self.betas = torch.linspace(1e-4, 0.02, steps)
            self.alphas = 1 - self.betas
            self.alphas_cumprod = torch.cumprod(self.alphas, dim=0)

        def backward(self, x_t, eps, t):
            x0 = (x_t - torch.sqrt(1 - self.alphas_cumprod[t]) * eps) / torch.sqrt(self.alphas_cumprod[t])
            mean = (x_t - self.betas[t] / torch.sqrt(1 - self.alphas_cumprod[t]) * eps) / torch.sqrt(self.alphas[t])
            if t == 0:
                return mean, x0
            z = torch.randn_like(x_t)
            return mean + torch.sqrt(self.betas[t]) * z, x0
    """

    @Test func aGateAtZeroIsQuiet() {
        let d = CodeProbe.run(Self.step).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aGateAtOneIsFoundOnTheGate() {
        let wrong = Self.step.replacingOccurrences("if t == 0:", "if t == 1:")
        let d = CodeProbe.run(wrong).diagnostics
        let gateLine = wrong.components(separatedBy: "if t == 1:").first!.filter { $0 == "\n" }.count + 1
        #expect(d.map(\.code) == ["DL223"] && d.first?.location?.line == gateLine, "\(Corpus.describe(d))")
    }

    /// A step whose t counts from 1 reads its tables one step back; the gate at t = 1 is then the
    /// last step, whether the shift is written in the subscript or in an index of its own.
    @Test func aGateAtOneOverTablesReadOneStepBackIsQuiet() {
        let shiftedInline = Self.step.replacingOccurrences("if t == 0:", "if t == 1:").replacingOccurrences("[t]", "[t - 1]")
        #expect(shiftedInline.contains("[t - 1]"))
        #expect(CodeProbe.run(shiftedInline).diagnostics.isEmpty, "\(Corpus.describe(CodeProbe.run(shiftedInline).diagnostics))")
        let shiftedIndex = Self.step.replacingOccurrences("if t == 0:", "if t == 1:")
            .replacingOccurrences("        x0 = (x_t", "        i = torch.clamp(t - 1, 0, 999)\n        x0 = (x_t")
            .replacingOccurrences("[t]", "[i]")
        #expect(shiftedIndex.contains("[i]"))
        #expect(CodeProbe.run(shiftedIndex).diagnostics.isEmpty, "\(Corpus.describe(CodeProbe.run(shiftedIndex).diagnostics))")
    }
}
