import Testing
@testable import NotesLint

/// A sampling loop that leaves at step 0 must first make that step's mean the sample.
struct LoopExitTests {
    static let sampler = """
    import torch

    def sample(model, x, betas, alphas, alphas_cumprod, T):
        for step in range(T - 1, -1, -1):
            eps = model(x, step)
            mean = (x - betas[step] / torch.sqrt(1 - alphas_cumprod[step]) * eps) / torch.sqrt(alphas[step])
            if step == 0:
                x = mean
                break
            z = torch.randn_like(x)
            x = mean + torch.sqrt(betas[step]) * z
        return x
    """

    @Test func keepingTheLastMeanIsQuiet() {
        let d = CodeProbe.run(Self.sampler).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func breakingBeforeTheLastMeanIsFoundOnTheBreak() {
        let wrong = Self.sampler.replacingOccurrences("            x = mean\n            break", "            break")
        let d = CodeProbe.run(wrong).diagnostics
        let breakLine = wrong.components(separatedBy: "            break").first!.filter { $0 == "\n" }.count + 1
        #expect(d.map(\.code) == ["DL218"] && d.first?.location?.line == breakLine, "\(Corpus.describe(d))")
    }

    /// The mean read after the loop is returned from there: nothing is lost.
    @Test func aMeanReturnedAfterTheLoopIsQuiet() {
        let right = Self.sampler.replacingOccurrences("            x = mean\n            break", "            break").replacingOccurrences("    return x", "    return mean")
        let d = CodeProbe.run(right).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }
}
