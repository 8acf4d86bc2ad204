import CheckerCore
import Testing
@testable import NotesLint

/// A loop's variable is one step's β (a variance, DL220) only when it is named as one: a noise
/// level bound by a loop over levels (`for sigma in test_sigmas`) is a standard deviation.
struct LoopBoundScaleTests {
    static let levels = """
        import torch

        def robustness(clean, test_sigmas):
            scores = []
            for sigma in test_sigmas:
                noisy = clean + torch.randn_like(clean) * sigma
                scores.append(noisy.std())
            return scores

        """

    @Test func aNoiseLevelBoundByALoopIsAStandardDeviation() {
        let d = CodeProbe.run(Self.levels).diagnostics.filter { $0.code == "DL220" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aBetaBoundByALoopIsStillAVariance() {
        let code = Self.levels.replacingOccurrences("sigma", "beta")
        let d = CodeProbe.run(code).diagnostics.filter { $0.code == "DL220" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
