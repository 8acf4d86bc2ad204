import Testing
@testable import NotesLint

/// ᾱ can only fall: a cosine ᾱ evaluated past t = T rises again (a negative β a clip hides).
struct RisingAlphaBarTests {
    static func cosine(points: String) -> String {
        """
        import torch
        T = 400
        s = 0.008
        u = torch.linspace(0, \(points), \(points) + 1)
        f = torch.cos((u / T + s) / (1 + s) * torch.pi / 2) ** 2
        abar = f / f[0]
        betas = torch.clip(1 - abar[1:] / abar[:-1], 0.0001, 0.999)
        """
    }

    @Test func aCosinePastTheLastStepIsFound() {
        let d = CodeProbe.run(Self.cosine(points: "T + 1")).diagnostics.filter { $0.code == "DL230" }
        #expect(d.count == 1 && d.first?.location?.line == 6, "\(Corpus.describe(CodeProbe.run(Self.cosine(points: "T + 1")).diagnostics))")
    }

    @Test func theCosineOnZeroToTIsQuiet() {
        let d = CodeProbe.run(Self.cosine(points: "T")).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// A rising table that is neither named ᾱ nor turned into β (a learning-rate cycle).
    @Test func aRisingTableThatIsNotAlphaBarIsQuiet() {
        let code = """
        import torch
        T = 400
        u = torch.linspace(0, 2 * T, 2 * T + 1)
        lr_cycle = torch.cos(u / T * torch.pi / 2) ** 2
        """
        let d = CodeProbe.run(code).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// The same table built inside a schedule helper or a scheduler's constructor, with the
    /// shift s/(1 + s) added to t/T instead of (t/T + s)/(1 + s): the angle passes π/2 before T.
    static func helper(_ angle: String) -> String {
        """
        import math
        import torch

        def cosine_betas(T, s=0.008):
            steps = torch.arange(T + 1, dtype=torch.float64) / T
            f = torch.cos(\(angle) * math.pi / 2) ** 2
            abar = f / f[0]
            return torch.clip(1 - abar[1:] / abar[:-1], 0, 0.999)

        class Schedule:
            def __init__(self, T=1000):
                self.betas = cosine_betas(T)

        """
    }

    @Test func aCosinePastTheLastStepInsideAFunctionIsFound() {
        let d = CodeProbe.run(Self.helper("(steps + s / (1 + s))")).diagnostics
        #expect(d.contains { $0.code == "DL230" && $0.location?.line == 7 }, "\(Corpus.describe(d))")
    }

    @Test func theCosineInsideAFunctionIsQuiet() {
        let d = CodeProbe.run(Self.helper("((steps + s) / (1 + s))")).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }
}
