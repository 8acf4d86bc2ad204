import Testing
@testable import NotesLint

/// ᾱ_{t−1} at the first step is 1; a shifted ᾱ table whose first entry is filled with ᾱ_0 is found.
struct PreviousAlphaBarTests {
    static let right = """
    import torch

    class Tables:
        def __init__(self, steps):
            self.betas = torch.linspace(1e-4, 0.02, steps)
            self.alphas_cumprod = torch.cumprod(1 - self.betas, dim=0)
            self.alphas_cumprod_prev = torch.roll(self.alphas_cumprod, shifts=1, dims=0)
            self.alphas_cumprod_prev[0] = 1.0
            self.posterior_variance = (1 - self.alphas_cumprod_prev) / (1 - self.alphas_cumprod) * self.betas
    """

    @Test func aFirstEntryOfOneIsQuiet() {
        #expect(CodeProbe.run(Self.right).diagnostics.isEmpty, "\(Corpus.describe(CodeProbe.run(Self.right).diagnostics))")
    }

    @Test(arguments: ["self.alphas_cumprod_prev[1]", "self.alphas_cumprod[0]"])
    func aFirstEntryOfAlphaBarZeroIsFound(_ filler: String) {
        let wrong = Self.right.replacingOccurrences("self.alphas_cumprod_prev[0] = 1.0", "self.alphas_cumprod_prev[0] = \(filler)")
        let found = CodeProbe.run(wrong).diagnostics
        #expect(found.map(\.code) == ["DL226"], "\(Corpus.describe(found))")
        #expect(found.first?.location?.line == 8, "\(Corpus.describe(found))")
    }

    /// A roll of a table that is not ᾱ (β, say) is no previous-ᾱ table.
    @Test func aShiftOfAnotherTableIsNotJudged() {
        let other = """
        import torch

        def shifted(steps):
            betas = torch.linspace(1e-4, 0.02, steps)
            prev = torch.roll(betas, shifts=1, dims=0)
            prev[0] = prev[1]
            return prev
        """
        #expect(CodeProbe.run(other).diagnostics.isEmpty, "\(Corpus.describe(CodeProbe.run(other).diagnostics))")
    }
}
