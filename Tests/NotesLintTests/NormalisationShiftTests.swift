import CheckerCore
import Testing
@testable import NotesLint

/// A normalisation layer's shift `self.beta = nn.Parameter(torch.zeros(d_model))` (or its scale
/// of ones) is a vector over features, not a β per step: adding it to a sample is no missing
/// `[t]` (DL203). A schedule table added to a sample without its index is still found.
struct NormalisationShiftTests {
    static let layerNormBesideSchedule = """
        import torch
        import torch.nn as nn

        class FeatureNorm(nn.Module):
            def __init__(self, d_model=256, eps=1e-5):
                super().__init__()
                self.gamma = nn.Parameter(torch.ones(d_model))
                self.beta = nn.Parameter(torch.zeros(d_model))
                self.eps = eps

            def forward(self, x):
                mean = x.mean(dim=-1, keepdim=True)
                std = x.std(dim=-1, keepdim=True)
                return self.gamma * (x - mean) / (std + self.eps) + self.beta

        class Noiser:
            def __init__(self, steps=1000):
                self.betas = torch.linspace(1e-4, 0.02, steps)
                self.alpha_bar = torch.cumprod(1 - self.betas, dim=0)

            def add_noise(self, x0, t, noise):
                a = self.alpha_bar[t].view(-1, 1, 1)
                return a.sqrt() * x0 + (1 - a).sqrt() * noise

        """

    /// The same layer with its shift and scale as plain tensors rather than learned weights.
    static let plainTensors = layerNormBesideSchedule
        .replacingOccurrences("nn.Parameter(torch.ones(d_model))", "torch.ones(d_model)")
        .replacingOccurrences("nn.Parameter(torch.zeros(d_model))", "torch.zeros(d_model)")

    @Test(arguments: [layerNormBesideSchedule, plainTensors])
    func aLayersShiftOfZerosIsNoSchedule(code: String) {
        #expect(code.contains("torch.zeros(d_model)"))
        let d = CodeProbe.run(code).diagnostics
        #expect(!d.map(\.code).contains("DL203"), "\(Corpus.describe(d))")
    }

    @Test func aScheduleAddedWithoutItsIndexIsStillFound() {
        let unindexed = Self.layerNormBesideSchedule.replacingOccurrences(
            "a = self.alpha_bar[t].view(-1, 1, 1)\n        return a.sqrt() * x0 + (1 - a).sqrt() * noise",
            "return self.alpha_bar.sqrt() * x0 + (1 - self.alpha_bar).sqrt() * noise")
        #expect(unindexed != Self.layerNormBesideSchedule)
        let d = CodeProbe.run(unindexed).diagnostics.filter { $0.code == "DL203" }
        #expect(d.count == 2 && d.allSatisfy { $0.message.contains("self.alpha_bar") }, "\(Corpus.describe(d))")
    }
}
