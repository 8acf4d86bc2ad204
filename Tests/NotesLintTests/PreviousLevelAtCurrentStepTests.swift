import CheckerCore
import Testing
@testable import NotesLint

/// ᾱ_{t−1} is the ᾱ table's entry one step before t. A step that reads the current entry under a
/// name for the previous one (`abar_prev = abar[t]` beside `abar_t = abar[t]`) gets ᾱ_{t−1} = ᾱ_t:
/// DL233. The entry one step earlier, an index named for the previous step, or a table of
/// previous levels read at t is right.
struct PreviousLevelAtCurrentStepTests {
    static func scheduler(_ previous: String) -> String {
        """
        import torch


        class Sampler:
            def __init__(self, T=1000):
                self.betas = torch.linspace(1e-4, 0.02, T)
                self.alphas = 1.0 - self.betas
                self.alpha_bars = torch.cumprod(self.alphas, dim=0)

            def step(self, x, eps, t):
                a_bar = self.alpha_bars[t]
                \(previous)
                a = self.alphas[t]
                var = (1 - a_bar_prev) / (1 - a_bar) * (1 - a)
                mean = (x - (1 - a) / (1 - a_bar).sqrt() * eps) / a.sqrt()
                return mean + var.sqrt() * torch.randn_like(x)

        """
    }

    @Test func thePreviousEntryIsQuiet() {
        for previous in [
            "a_bar_prev = self.alpha_bars[t - 1] if t > 0 else torch.tensor(1.0)",
            "prev_t = t - 1\n        a_bar_prev = self.alpha_bars[prev_t] if prev_t >= 0 else torch.tensor(1.0)",
        ] {
            let d = CodeProbe.run(Self.scheduler(previous)).diagnostics.filter { $0.code == "DL233" }
            #expect(d.isEmpty, "\(previous)\n\(Corpus.describe(d))")
        }
    }

    @Test func theCurrentEntryNamedPreviousIsFound() {
        let d = CodeProbe.run(Self.scheduler("a_bar_prev = self.alpha_bars[t]")).diagnostics.filter { $0.code == "DL233" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
        #expect(d.first?.fix?.contains("self.alpha_bars[t - 1]") == true)
    }

    /// t moved one step back between the two reads: the second is the previous level.
    @Test func aReboundIndexIsAnotherStep() {
        let d = CodeProbe.run(Self.scheduler("t = t - 1\n        a_bar_prev = self.alpha_bars[t]")).diagnostics.filter { $0.code == "DL233" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }
}
