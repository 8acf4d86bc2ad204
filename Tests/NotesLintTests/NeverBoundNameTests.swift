import CheckerCore
import Foundation
import Testing
@testable import NotesLint

/// Names a runnable program uses that nothing in it binds (DL238), and the programs whose names
/// cannot be judged that way.
struct NeverBoundNameTests {
    private func neverBound(_ code: String) -> [Diagnostic] {
        CodeProbe.run(code, wholeProgram: true).diagnostics.filter { $0.code == "DL238" }
    }

    private func neverBound(notebook cells: [String], metadata: [String: Any] = [:]) throws -> [Diagnostic] {
        try NotesLinter.lint(text: Self.notebook(cells, metadata: metadata), path: "run.ipynb").filter { $0.code == "DL238" }
    }

    static func notebook(_ cells: [String], metadata: [String: Any]) -> String {
        let json: [String: Any] = [
            "cells": cells.map { ["cell_type": "code", "source": $0, "metadata": [String: Any](), "outputs": [Any]()] as [String: Any] },
            "metadata": metadata, "nbformat": 4, "nbformat_minor": 5,
        ]
        return String(decoding: (try? JSONSerialization.data(withJSONObject: json)) ?? Data(), as: UTF8.self)
    }

    static let cosineSchedule = """
        import torch

        def cosine_betas(steps, s=0.008):
            t = torch.linspace(0, steps, steps + 1) / steps
            f = torch.cos((t + s) / (1 + s) * math.pi * 0.5) ** 2
            return torch.clip(1 - f[1:] / f[:-1], 0, 0.999)

        """

    @Test func aModuleUsedWithoutItsImportIsReported() {
        let d = neverBound(Self.cosineSchedule)
        #expect(d.count == 1 && d.first?.message.contains("'math'") == true && d.first?.fix == "import math", "\(Corpus.describe(d))")
        #expect(d.first?.location?.line == 5)
        #expect(neverBound("import math\n" + Self.cosineSchedule).isEmpty)
    }

    @Test func everyWayPythonBindsANameCounts() {
        let code = """
            import torch
            from functools import partial as bind
            try:
                import numpy as np
            except ImportError:
                np = None

            class Sampler:
                steps = 10
                def run(self, x, *extra, scale=1.0, **options):
                    global last_run
                    with torch.no_grad() as guard:
                        ys = [y * scale for y in x if (z := y) > 0]
                    f = lambda v: v + z
                    for i, (a, b) in enumerate(zip(x, ys)):
                        pass
                    try:
                        pass
                    except ValueError as err:
                        print(err)
                    last_run = (guard, extra, options, f, i, a, b)
                    return bind(print, np)

            def report():
                return last_run, Sampler.steps, __name__, len([])
            """
        #expect(neverBound(code).isEmpty, "\(Corpus.describe(neverBound(code)))")
    }

    @Test func aNotebookReportsANameNoCellBinds() throws {
        let right = ["import torch\nimport matplotlib.pyplot as plt\n", "x = torch.zeros(3)\nplt.plot(x)\n"]
        #expect(try neverBound(notebook: right).isEmpty)
        let wrong = ["import torch\n", "x = torch.zeros(3)\nplt.plot(x)\n"]
        let d = try neverBound(notebook: wrong)
        #expect(d.count == 1 && d.first?.location?.cell == 1 && d.first?.message.contains("'plt'") == true, "\(Corpus.describe(d))")
    }

    @Test func codeAfterARaiseNeverRuns() {
        let code = """
            import torch

            def schedule(kind, steps):
                if kind == "geometric":
                    raise NotImplementedError("not yet")
                    return beta * (1 - beta) ** torch.arange(steps)
                return torch.linspace(1e-4, 0.02, steps)
            """
        #expect(neverBound(code).isEmpty)
        #expect(neverBound(code.replacingOccurrences(of: "raise NotImplementedError(\"not yet\")", with: "print(\"not yet\")")).count == 1)
    }

    @Test func programsThatMayBindUnlistedNamesAreNotJudged() throws {
        for preamble in ["from helpers import *\n", "exec(open('setup.py').read())\n", "globals().update(config)\n"] {
            let d = neverBound("import torch\n" + preamble + "x = torch.zeros(3)\nshow(x)\n")
            #expect(d.isEmpty, "\(preamble): \(Corpus.describe(d))")
        }
        for magic in ["%run setup.py\n", "%pylab inline\n", "%store -r x\n"] {
            #expect(try neverBound(notebook: ["import torch\n" + magic, "y = torch.zeros(3)\nshow(y)\n"]).isEmpty, "\(magic)")
        }
        #expect(try neverBound(notebook: ["import torch\n", "y = torch.zeros(3)\nshow(y)\n"]).count == 1)
    }

    @Test func piecesOfAProgramAreNotJudged() throws {
        // A blog's notebook that shows its classes and hides its imports.
        let hidden = ["class Block(nn.Module):\n    def forward(self, x):\n        return F.relu(x)\n"]
        #expect(try neverBound(notebook: hidden).isEmpty)
        // A method quoted outside its class.
        let quoted = ["import torch\n", "def sample(self, model, n):\n    logging.info('sampling')\n    return torch.randn(n)\n"]
        #expect(try neverBound(notebook: quoted).isEmpty)
        // An exercise's gap, where the names used after it are to be bound.
        let exercise = ["import torch\n", "def train(batches):\n    for b in batches:\n        # your code here\n        losses.append(loss.item())\n"]
        #expect(try neverBound(notebook: exercise).isEmpty)
        let filled = ["import torch\n", "def train(batches):\n    for b in batches:\n        loss = b.sum()\n        losses.append(loss.item())\n"]
        #expect(try neverBound(notebook: filled).count == 1)
    }

    @Test func aMarkdownExcerptIsNotJudged() throws {
        let note = "# Sampling\n\n```python\nx = torch.randn(4)\n```\n"
        #expect(try NotesLinter.lint(text: note, path: "note.md").filter { $0.code == "DL238" }.isEmpty)
    }

    @Test func aNotebookInAnotherLanguageIsNotReadAsPython() throws {
        let sage = ["B = BraidGroup(3)\nL = Link(B([1, 2]))\n"]
        let metadata: [String: Any] = ["kernelspec": ["name": "sagemath", "language": "sage"]]
        let text = Self.notebook(sage, metadata: metadata)
        #expect(try NotesLinter.lint(text: text, path: "braids.ipynb").isEmpty)
        let collector = CoverageCollector(file: "braids.ipynb")
        _ = try NotesLinter.lintNotebook(text: text, path: "braids.ipynb", coverage: collector)
        #expect(collector.coverage.code.contains { $0.verdict == .skipped && $0.reason.contains("sage") })
        let python: [String: Any] = ["kernelspec": ["name": "python3", "language": "python"]]
        #expect(try neverBound(notebook: ["import torch\n", "y = torch.zeros(3)\nshow(y)\n"], metadata: python).count == 1)
    }
}
