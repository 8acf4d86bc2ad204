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
    @Test(arguments: ["improved-diffusion-style.py", "diffusers-style.py", "blog-style-zh.md", "blog-style-en.md"])
    func publicStyleCodeIsQuiet(_ name: String) throws {
        let d = try NotesLinter.lint(path: Corpus.corpus.appendingPathComponent(name).path)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func diffusersStyleMutantsAreCaught() throws {
        let text = Corpus.text(Corpus.corpus.appendingPathComponent("diffusers-style.py"))
        let cases: [(String, String, String)] = [
            ("variance = (beta_prod_t_prev / beta_prod_t) * (1 - alpha_prod_t / alpha_prod_t_prev)", "variance = (beta_prod_t / beta_prod_t_prev) * (1 - alpha_prod_t / alpha_prod_t_prev)", "DL204"),
            ("(1 - alpha_prod_t_prev - std_dev_t**2) ** (0.5)", "(1 - alpha_prod_t_prev - eta * variance) ** (0.5)", "DL208"),
            ("            noise = torch.randn(model_output.shape)", "            noise = torch.rand(model_output.shape)", "DL201"),
            ("variance_noise = torch.randn(model_output.shape)", "variance_noise = torch.rand(model_output.shape)", "DL201"),
            ("torch.linspace(beta_start, beta_end, num_train_timesteps, dtype=torch.float32)\n", "torch.linspace(beta_end, beta_start, num_train_timesteps, dtype=torch.float32)\n", "DL202"),
        ]
        for (original, replacement, code) in cases {
            let pieces = text.components(separatedBy: original)
            try #require(pieces.count == 2, "\(original)")
            let d = try NotesLinter.lint(text: pieces[0] + replacement + pieces[1], path: "m.py")
            let line = pieces[0].filter { $0 == "\n" }.count + 1
            #expect(d.contains { $0.code == code && $0.location?.line == line }, "\(code) on \(line):\n\(Corpus.describe(d))")
        }
    }

    @Test func improvedDiffusionStyleMutantsAreCaught() throws {
        let text = Corpus.text(Corpus.corpus.appendingPathComponent("improved-diffusion-style.py"))
        let cases: [(String, String, String)] = [
            ("math.pi / 2) ** 2,", "math.pi / 2),", "DL209"),
            ("th.sqrt(1 - alpha_bar_prev - sigma ** 2) * eps", "th.sqrt(1 - alpha_bar_prev - eta * (1 - alpha_bar_prev) / (1 - alpha_bar) * (1 - alpha_bar / alpha_bar_prev)) * eps", "DL208"),
            ("nonzero_mask * th.exp(0.5 * out[\"log_variance\"])", "nonzero_mask * th.sqrt(out[\"log_variance\"])", "DL207"),
            ("noise = th.randn_like(x)\n        nonzero_mask", "noise = th.rand_like(x)\n        nonzero_mask", "DL201"),
            ("self.alphas_cumprod = np.cumprod(alphas, axis=0)", "self.alphas_cumprod = np.cumsum(alphas, axis=0)", "DL206"),
        ]
        for (original, replacement, code) in cases {
            let pieces = text.components(separatedBy: original)
            try #require(pieces.count == 2, "\(original)")
            let d = try NotesLinter.lint(text: pieces[0] + replacement + pieces[1], path: "m.py")
            let line = pieces[0].filter { $0 == "\n" }.count + 1
            #expect(d.contains { $0.code == code && $0.location?.line == line }, "\(code) on \(line):\n\(Corpus.describe(d))")
        }
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
            .replacingOccurrences("betas = torch.clip(betas, 0.0001, 0.9999)\n", "")
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
