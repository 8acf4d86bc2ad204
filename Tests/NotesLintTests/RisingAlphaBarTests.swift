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
}
