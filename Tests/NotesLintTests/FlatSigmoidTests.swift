import Testing
@testable import NotesLint

/// A sigmoid β schedule whose argument does not sweep: constant β, found after evaluating the
/// argument at both ends of the step grid.
struct FlatSigmoidTests {
    static let right = """
    import torch

    class Schedule:
        def __init__(self, timesteps, beta_start=1e-4, beta_end=0.02):
            self.timesteps = timesteps
            self.beta_start = beta_start
            self.beta_end = beta_end

        def sigmoid_betas(self):
            t = torch.linspace(0, self.timesteps, self.timesteps)
            self.betas = self.beta_start + (self.beta_end - self.beta_start) * torch.sigmoid(12 * t / self.timesteps - 6)
    """

    @Test func aWideArgumentIsQuiet() {
        #expect(CodeProbe.run(Self.right).diagnostics.isEmpty, "\(Corpus.describe(CodeProbe.run(Self.right).diagnostics))")
    }

    @Test func anArgumentDividedByTTwiceIsFound() {
        let wrong = Self.right.replacingOccurrences("torch.sigmoid(12 * t / self.timesteps - 6)", "torch.sigmoid(((t / self.timesteps) - 0.05) / self.timesteps)")
        let found = CodeProbe.run(wrong).diagnostics
        #expect(found.map(\.code) == ["DL227"] && found.first?.location?.line == 11, "\(Corpus.describe(found))")
    }

    /// An argument the evaluator cannot follow (a parameter of unknown scale) is not judged.
    @Test func anUnknownArgumentIsNotJudged() {
        let unknown = Self.right.replacingOccurrences("torch.sigmoid(12 * t / self.timesteps - 6)", "torch.sigmoid(scale * t / self.timesteps)")
        #expect(!CodeProbe.run(unknown).diagnostics.contains { $0.code == "DL227" }, "\(Corpus.describe(CodeProbe.run(unknown).diagnostics))")
    }
}
