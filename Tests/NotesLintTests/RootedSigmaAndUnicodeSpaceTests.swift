import Testing
@testable import NotesLint

/// A name that says standard deviation but is square-rooted where it is used holds a variance;
/// a formula typed with no-break or thin spaces is still one formula.
struct RootedSigmaAndUnicodeSpaceTests {
    static let shiftedStep = """
    import torch

    betas = torch.linspace(1e-4, 0.02, 1000)
    alphas = 1 - betas
    alpha_bars = torch.cumprod(alphas, 0)


    def sample(noise_model, x, t):
        scale = (1 - alphas[t + 1]) / torch.sqrt(1 - alpha_bars[t + 1])
        sigma = (1 - alpha_bars[t]) * (1 - alphas[t + 1]) / (1 - alpha_bars[t + 1])
        mean = (x - scale * noise_model(x, t + 1)) / torch.sqrt(alphas[t + 1])
        return mean + USE * torch.randn_like(x)

    """

    @Test func aSigmaThatIsSquareRootedWhereUsedHoldsAVariance() {
        let rooted = CodeProbe.run(Self.shiftedStep.replacingOccurrences("USE", "torch.sqrt(sigma)")).diagnostics
        #expect(!rooted.map(\.code).contains("DL204"), "\(Corpus.describe(rooted))")
        // Used as it is, the variance scales the draw: a variance where a standard deviation belongs.
        let direct = CodeProbe.run(Self.shiftedStep.replacingOccurrences("USE", "sigma")).diagnostics
        #expect(direct.map(\.code).contains("DL204"), "\(Corpus.describe(direct))")
    }

    @Test func noBreakAndThinSpacesInAFormulaAreSpaces() throws {
        for space in ["\u{00A0}", "\u{2009}", "\u{202F}"] {
            let right = "$$\nx_t = \\sqrt{\\bar{\\alpha}_t}x_0\(space)+\(space)\\sqrt{1\(space)-\(space)\\bar{\\alpha}_t}\\epsilon\n$$\n"
            let d = try NotesLinter.lint(text: right, path: "note.md")
            #expect(d.isEmpty, "\(Corpus.describe(d))")
            let wrong = right.replacingOccurrences("\\sqrt{1\(space)-\(space)\\bar{\\alpha}_t}", "(1\(space)-\(space)\\bar{\\alpha}_t)")
            #expect(try NotesLinter.lint(text: wrong, path: "note.md").map(\.code) == ["DL101"])
        }
    }
}
