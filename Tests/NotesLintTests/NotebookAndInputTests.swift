import CheckerCore
import Foundation
import Testing
@testable import NotesLint

/// Notebooks (positions as cell and line), Python files, and input the linter must refuse or
/// survive without crashing.
struct NotebookAndInputTests {
    static let notebook = Corpus.text(Corpus.notes.appendingPathComponent("ddpm-sampling.ipynb"))

    @Test func notebookFindingsNameTheCellAndTheLineInIt() throws {
        // Cell 4 (index 3), line 5: uniform noise; line 6: √ of a log-variance.
        let mutated = Self.notebook
            .replacingOccurrences("np.random.randn(*x.shape)", "np.random.rand(*x.shape)")
            .replacingOccurrences("np.exp(0.5 * log_var)", "np.sqrt(log_var)")
        let d = try NotesLinter.lint(text: mutated, path: "nb.ipynb")
        let uniform = d.first { $0.code == "DL201" }
        #expect(uniform?.location?.cell == 3)
        #expect(uniform?.location?.line == 5)
        #expect(uniform?.location?.column == 13)
        let sqrtLog = d.first { $0.code == "DL207" }
        #expect(sqrtLog?.location?.cell == 3 && sqrtLog?.location?.line == 6)
        #expect(d.count == 2, "\(Corpus.describe(d))")
        #expect(DiagnosticReport.textLine(try #require(uniform)).hasPrefix("nb.ipynb:cell 4:5:13: error: "))
    }

    @Test func notebookMagicsWithCRLFLineEndsAreComments() throws {
        // A notebook saved on Windows: "\r\n" is one Swift Character, and a split at "\n" found
        // only the first magic, so the second was read as Python (a syntax error).
        let cell = #"%matplotlib inline\r\n%time\r\n!pip list\r\nimport torch\r\nz = torch.rand_like(x)\r\n"#
        let text = #"{"cells": [{"cell_type": "code", "source": ""# + cell + #"", "metadata": {}, "outputs": []}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}"#
        let d = CodeProbe.piece(try NotesLinter.lint(text: text, path: "crlf.ipynb"))
        #expect(d.map(\.code) == ["DL201"], "\(Corpus.describe(d))")
        #expect(d.first?.location?.line == 5 && d.first?.location?.column == 5)
    }

    @Test func aPercentThatContinuesAStatementIsPythonNotAMagic() throws {
        // The `%` of string formatting opens the second line of a call: it continues the
        // statement, so reading it as a magic left the call's bracket open (a false DL212).
        func notebook(_ cell: String) -> String {
            let source = cell.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
            return #"{"cells": [{"cell_type": "code", "source": ""# + source + #"", "metadata": {}, "outputs": []}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}"#
        }
        let continued = "for epoch in range(3):\n    print('epoch %d of %d'\n          % (epoch, 3))\n    same = (epoch\n!= 3)\nwidth = 4 \\\n  % 3\n"
        let quiet = try NotesLinter.lint(text: notebook(continued), path: "fmt.ipynb")
        #expect(!quiet.map(\.code).contains("DL212"), "\(Corpus.describe(quiet))")
        // A magic after the statement closed is still a magic, and an unclosed bracket still an error.
        let magicAfter = try NotesLinter.lint(text: notebook("print('a'\n      % 1)\n%timeit f()\nz = torch.rand_like(x)\n"), path: "m.ipynb")
        #expect(magicAfter.map(\.code) == ["DL201"], "\(Corpus.describe(magicAfter))")
        let unclosed = try NotesLinter.lint(text: notebook("print('a' % (1,\nx = 2\n"), path: "u.ipynb")
        #expect(unclosed.map(\.code) == ["DL212"], "\(Corpus.describe(unclosed))")
    }

    @Test func notebookNoiseOnTheLastStep() throws {
        let mutated = Self.notebook.replacingOccurrences("if t > 0 else 0.0", "if t >= 0 else 0.0")
        let d = try NotesLinter.lint(text: mutated, path: "nb.ipynb")
        #expect(d.map(\.code) == ["DL210"], "\(Corpus.describe(d))")
        #expect(d.first?.location?.cell == 3 && d.first?.location?.line == 5)
    }

    @Test func notebookMathIsJudged() throws {
        let mutated = Self.notebook.replacingOccurrences("\\\\sqrt{1-\\\\bar\\\\alpha_t}\\\\,\\\\epsilon", "(1-\\\\bar\\\\alpha_t)\\\\,\\\\epsilon")
        #expect(mutated != Self.notebook)
        let d = try NotesLinter.lint(text: mutated, path: "nb.ipynb")
        #expect(d.map(\.code) == ["DL101"] && d.first?.location?.cell == 0 && d.first?.location?.line == 3, "\(Corpus.describe(d))")
    }

    @Test func brokenNotebookIsAClearError() {
        let broken = String(Self.notebook.prefix(200))
        #expect {
            _ = try NotesLinter.lint(text: broken, path: "broken.ipynb")
        } throws: { error in
            guard let e = error as? LintInputError else { return false }
            guard let position = e.position else { return false }
            return e.kind == .notebookJSON && e.code == "DL003" && e.message.contains("line \(position.line)")
                && e.description.hasPrefix("broken.ipynb:\(position.line):\(position.column): error:")
        }
        #expect {
            _ = try NotesLinter.lint(text: "{\"cells\": 3}", path: "x.ipynb")
        } throws: { ($0 as? LintInputError)?.kind == .notebookStructure }
        #expect {
            _ = try NotesLinter.lint(text: "{\"cells\": [{\"source\": \"x\"}]}", path: "x.ipynb")
        } throws: { ($0 as? LintInputError)?.kind == .notebookStructure }
    }

    @Test func unknownFilesAndMissingFilesAreRefused() {
        #expect(throws: LintInputError.self) { _ = try NotesLinter.lint(text: "", path: "notes.docx") }
        #expect(throws: LintInputError.self) { _ = try NotesLinter.lint(path: "/nonexistent/notes.md") }
    }

    @Test func unterminatedMathIsReportedWhereItOpens() throws {
        let text = "Intro\n\n$$\nx_t = \\sqrt{\\bar\\alpha_t} x_0\n\n## Next section\n\nText.\n"
        let d = try NotesLinter.lint(text: text, path: "u.md")
        #expect(d.map(\.code) == ["DL304"] && d.first?.location?.line == 3, "\(Corpus.describe(d))")
        let env = "\\begin{align}\nx_t &= \\sqrt{\\alpha_t} x_{t-1}\n"
        #expect(try NotesLinter.lint(text: env, path: "e.md").map(\.code) == ["DL304"])
    }

    @Test func pythonFilesAreLinted() throws {
        let code = "import torch\n\ndef q_sample(x_start, t, alphas_cumprod):\n    noise = torch.rand_like(x_start)\n    return torch.sqrt(alphas_cumprod[t]) * x_start + torch.sqrt(1 - alphas_cumprod[t]) * noise\n"
        let d = try NotesLinter.lint(text: code, path: "q.py")
        #expect(d.map(\.code) == ["DL201"] && d.first?.location?.line == 4 && d.first?.location?.column == 13, "\(Corpus.describe(d))")
    }

    @Test func uniformDrawsThatAreNotNoiseAreLeftAlone() throws {
        let code = "import torch\np_uncond = torch.rand(16)\nkeep = torch.rand(16) < 0.9\nt = torch.rand(16) * 999\nimg = torch.rand(1, 3, 8, 8)\ny = model(x, t) + 0.1 * torch.rand_like(x)\n"
        let d = CodeProbe.piece(try NotesLinter.lint(text: code, path: "u.py"))
        #expect(d.map { $0.location?.line ?? 0 } == [5, 6], "\(Corpus.describe(d))")
    }

    @Test func suppressionCommentsSilenceOneRule() throws {
        let code = "import torch\nnoise = torch.rand(3)  # checker-lint: ignore uniform-noise\nz = torch.rand(3)  # checker-lint: ignore DL203\n"
        let d = try NotesLinter.lint(text: code, path: "s.py")
        #expect(d.map { $0.location?.line ?? 0 } == [3], "\(Corpus.describe(d))")
        let md = "<!-- checker-lint: ignore-file DL101 -->\n$x_t = \\sqrt{1-\\beta_t} x_{t-1} + \\beta_t \\epsilon$\n"
        #expect(try NotesLinter.lint(text: md, path: "s.md").isEmpty)
        let next = "<!-- checker-lint: ignore -->\n$x_t = \\sqrt{1-\\beta_t} x_{t-1} + \\beta_t \\epsilon$\n\n$x_t = \\sqrt{1-\\beta_t} x_{t-1} + \\beta_t \\epsilon$\n"
        #expect(try NotesLinter.lint(text: next, path: "s.md").map { $0.location?.line ?? 0 } == [4])
    }

    /// Truncations and garbage must give findings or typed errors, never a crash.
    @Test func malformedInputNeverCrashes() throws {
        let seed = Corpus.text(Corpus.corpus.appendingPathComponent("seed-ddpm-notes.md"))
        let scalars = Array(seed.unicodeScalars)
        for cut in stride(from: 0, to: scalars.count, by: max(1, scalars.count / 25)) {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[..<cut])
            _ = try NotesLinter.lint(text: String(s), path: "cut.md")
        }
        let odd = [
            "$$", "$\\frac{", "$\\sqrt$", "$x_{$", "$\\left( x \\right$", "```python\ndef f(:\n", "```python\nx = [1, 2\n",
            "```python\nx = 1e400 ** 2\ny = x[10**30]\nz = torch.linspace(0, 1, 1e12)\n```", "$\\prod_{s=1}^{10^{12}} \\alpha_s$",
            "$\\alpha_{t-1}^{\\infty} = \\frac{0}{0}$", "- min_beta: nan\n- max_beta: inf\n", "$q(x_t|$", "$$\\begin{split}\\\\&=\\end{split}$$",
            "```python\n\tif x:\n  y = 1\n```", "```python\nclass A:\n    def f(self, t):\n        return self.betas[t] ** 'a'\n```",
        ]
        for text in odd { _ = try NotesLinter.lint(text: text, path: "odd.md") }
        // Deep nesting and huge products: bounded recursion and work, no hang.
        let deep = "$" + String(repeating: "(", count: 5000) + "x" + String(repeating: ")", count: 5000) + "$\n"
        _ = try NotesLinter.lint(text: deep, path: "deep.md")
        let braces = "$" + String(repeating: "{", count: 5000) + "x$\n"
        _ = try NotesLinter.lint(text: braces, path: "deep.md")
        let python = "```python\nx = " + String(repeating: "[", count: 5000) + "\n```\n"
        _ = try NotesLinter.lint(text: python, path: "deep.md")
        let products = "$\\bar\\alpha_t = \\prod_{s=1}^{100000}\\prod_{k=1}^{100000}\\prod_{j=1}^{100000}\\alpha_s$\n"
        _ = try NotesLinter.lint(text: products, path: "p.md")
        for text in ["", "[]", "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"def f(:\"]}]}", "{\"cells\": [{\"cell_type\": \"markdown\", \"source\": \"$$x\"}]}"] {
            _ = try? NotesLinter.lint(text: text, path: "odd.ipynb")
        }
    }
}

struct CodeBlockLanguageTests {
    @Test func untaggedBlocksThatAreNotPythonAreLeftAlone() throws {
        let text = "Output:\n\n```\n$ python train.py --epochs 3\nepoch 1: loss 0.12 (lr: 1e-3)\n```\n\n```bash\npip install torch\n```\n"
        #expect(try NotesLinter.lint(text: text, path: "o.md").isEmpty)
        let python = "```\nimport torch\nnoise = torch.rand_like(x)\n```\n"
        #expect(try NotesLinter.lint(text: python, path: "p.md").map(\.code) == ["DL201"])
        let broken = "```python\ndef f(x)\n    return x\n```\n"
        #expect(try NotesLinter.lint(text: broken, path: "b.md").map(\.code) == ["DL212"])
    }
}

struct PythonSubsetTests {
    /// Forms notes use that must parse: annotations, decorators, f-strings, comprehensions,
    /// lambdas, with/try, generators, star arguments, Unicode names, `...` placeholders.
    @Test func commonPythonParses() throws {
        let code = """
        import torch
        from torch import nn

        @torch.no_grad()
        def sample(model: nn.Module, shape: tuple[int, ...], steps: int = 1000) -> torch.Tensor:
            x = torch.randn(*shape)
            for i in reversed(range(steps)):
                t = torch.full((shape[0],), i, dtype=torch.long)
                with torch.autocast("cuda"):
                    eps = model(x, t)
                x = x - eps * 0.0
                print(f"step {i}: {x.mean():.3f}")
            return x

        def batches(data):
            for item in data:
                yield item
            yield from data

        squares = {k: v ** 2 for k, v in zip(range(3), range(3)) if k > 0}
        first, *rest = [1, 2, 3]
        f = lambda a, b=2: a * b
        try:
            y = f(3)
        except (ValueError, TypeError) as error:
            raise RuntimeError("bad") from error
        finally:
            pass
        ε = 0.1
        x_t = ...
        """
        let d = try NotesLinter.lint(text: code, path: "p.py")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }
}
