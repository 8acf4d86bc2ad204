import CheckerCore
import Testing
@testable import NotesLint

/// A step function written in one notebook cell and called by a sampling loop in another: noise
/// that the step draws and the loop's last iteration keeps (DL210) is reported at the call in the
/// loop's cell. Positions inside the step's cell mean nothing in the loop's cell. In a Markdown
/// note every fence is one text, and the finding stays on the draw inside the step function.
struct NoiseDrawnInAnotherCellTests {
    static let notebook = """
    {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
      {"cell_type": "code", "source": ["import torch\\n", "betas = torch.linspace(1e-4, 0.02, 100)\\n", "alphas = 1 - betas\\n", "alpha_bars = torch.cumprod(alphas, 0)\\n"]},
      {"cell_type": "code", "source": ["def p_sample(model, x, t):\\n", "    eps = model(x, t)\\n", "    mean = (x - betas[t] / (1 - alpha_bars[t]).sqrt() * eps) / alphas[t].sqrt()\\n", "    z = torch.randn_like(x)\\n", "    return mean + betas[t].sqrt() * z\\n"]},
      {"cell_type": "markdown", "source": ["Sampling runs the step from the last level down to 0."]},
      {"cell_type": "code", "source": ["def p_sample_loop(model, shape):\\n", "    x = torch.randn(shape)\\n", "    for i in reversed(range(100)):\\n", "        x = p_sample(model, x, i)\\n", "    return x\\n"]}
    ]}
    """

    @Test func theFindingStandsAtTheCallInTheLoopsCell() throws {
        let d = try NotesLinter.lint(text: Self.notebook, path: "cells.ipynb").filter { $0.code == "DL210" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
        #expect(d.first?.location?.cell == 3)  // 0-based: the fourth cell
        #expect(d.first?.location?.line == 4, "\(Corpus.describe(d))")
    }

    @Test func inAMarkdownNoteTheFindingStaysOnTheDraw() throws {
        let note = """
            ```python
            import torch
            betas = torch.linspace(1e-4, 0.02, 100)
            alphas = 1 - betas
            alpha_bars = torch.cumprod(alphas, 0)

            def p_sample(model, x, t):
                eps = model(x, t)
                mean = (x - betas[t] / (1 - alpha_bars[t]).sqrt() * eps) / alphas[t].sqrt()
                z = torch.randn_like(x)
                return mean + betas[t].sqrt() * z
            ```

            Sampling:

            ```python
            def p_sample_loop(model, shape):
                x = torch.randn(shape)
                for i in reversed(range(100)):
                    x = p_sample(model, x, i)
                return x
            ```
            """
        let d = try NotesLinter.lint(text: note + "\n", path: "fences.md").filter { $0.code == "DL210" }
        #expect(d.map(\.location?.line) == [10], "\(Corpus.describe(d))")
    }
}
