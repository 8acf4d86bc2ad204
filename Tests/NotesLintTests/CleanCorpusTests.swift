import CheckerCore
import Foundation
import Testing
@testable import NotesLint

/// Correct notes in several notations (ᾱ written four ways, the DDIM paper's α, bold vectors,
/// English and Chinese, a notebook) give no finding.
struct CleanCorpusTests {
    @Test func theCorpusIsThere() {
        #expect(Corpus.cleanNotes.count >= 4, "\(Corpus.notes.path)")
    }

    @Test(arguments: Corpus.cleanNotes)
    func noFindingOnACorrectNote(_ name: String) throws {
        let d = try NotesLinter.lint(path: Corpus.notes.appendingPathComponent(name).path)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theDDIMNoteIsReadInItsOwnConvention() {
        let text = Corpus.text(Corpus.notes.appendingPathComponent("ddim-notes-en.md"))
        let source = SourceText(path: "ddim.md", text: text)
        let document = MarkdownDocument(source: source)
        #expect(MathAnalysis.analyze([(source, document.math)]).convention == .ddim)
        let zh = Corpus.text(Corpus.notes.appendingPathComponent("ddpm-notes-zh.md"))
        let zhSource = SourceText(path: "zh.md", text: zh)
        #expect(MathAnalysis.analyze([(zhSource, MarkdownDocument(source: zhSource).math)]).convention == .ddpm)
    }

    @Test func bundledNotesSummary() {
        let summary = lintBundledNotes()
        #expect(summary.files.count == Corpus.cleanNotes.count)
        #expect(summary.passed, "\(summary.description)")
    }
}

/// Correct code in the style of the public implementations stays quiet (the cosine schedule's
/// alphas/alphas[0] form, improved-diffusion's nonzero_mask, _extract_into_tensor).
struct PublicStyleCodeTests {
    @Test(arguments: ["improved-diffusion-style.py", "diffusers-style.py", "blog-style-zh.md", "blog-style-en.md", "lecture-style-en.md"])
    func publicStyleCodeIsQuiet(_ name: String) throws {
        let d = try NotesLinter.lint(path: Corpus.corpus.appendingPathComponent(name).path)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }
}

/// The cosine schedule's off-by-one (field notes §6): β₀ = 0 when ᾱ is f(t)/f(0) from t = 0.
struct CosineOffByOneTests {
    static let code = """
    import math
    import torch

    T = 1000
    s = 0.008
    x = torch.linspace(0, T, T + 1, dtype=torch.float64)
    alphas_cumprod = torch.cos(((x / T) + s) / (1 + s) * math.pi * 0.5) ** 2
    alphas_cumprod = alphas_cumprod / alphas_cumprod[0]
    betas = 1 - (alphas_cumprod[1:] / alphas_cumprod[:-1])
    betas = torch.clip(betas, 0.0001, 0.9999)
    """

    @Test func theRightCosineScheduleIsQuiet() throws {
        let d = try NotesLinter.lint(text: Self.code, path: "c.py")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func startingAtZeroIsCaught() throws {
        let wrong = Self.code
            .replacingOccurrences("betas = 1 - (alphas_cumprod[1:] / alphas_cumprod[:-1])", "betas = 1 - alphas_cumprod[:-1] / torch.cat([torch.ones(1), alphas_cumprod[:-2]])")
            .replacingOccurrences("betas = torch.clip(betas, 0.0001, 0.9999)", "")
        #expect(!wrong.contains("clip"))
        let d = try NotesLinter.lint(text: wrong, path: "c.py")
        #expect(d.map(\.code) == ["DL214"] && d.first?.location?.line == 9, "\(Corpus.describe(d))")
    }
}

/// The learned-range variance of improved-diffusion interpolates log-variances.
struct LearnedRangeTests {
    static let code = """
    import torch

    def learned_range(model_var_values, min_log, max_log):
        frac = (model_var_values + 1) / 2
        model_log_variance = frac * max_log + (1 - frac) * min_log
        return torch.exp(model_log_variance)
    """

    @Test func logSpaceIsQuietAndVarianceSpaceIsCaught() throws {
        #expect(try NotesLinter.lint(text: Self.code, path: "l.py").isEmpty)
        let wrong = Self.code.replacingOccurrences("frac * max_log + (1 - frac) * min_log", "frac * max_var + (1 - frac) * min_var")
            .replacingOccurrences("min_log, max_log", "min_var, max_var")
        let d = try NotesLinter.lint(text: wrong, path: "l.py")
        #expect(d.map(\.code) == ["DL215"] && d.first?.location?.line == 5, "\(Corpus.describe(d))")
    }
}
