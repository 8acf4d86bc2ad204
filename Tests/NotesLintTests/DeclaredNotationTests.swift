import CheckerCore
import Testing
@testable import NotesLint

/// A note's own declarations of its symbols, wherever they stand: Su's α_t² + β_t² = 1 as the last
/// clause of a longer formula, α_t written out as the root of the cumulative product beside
/// σ_t = √(1 − α_t²), and `nn` bound by a star import of the author's own module.
struct DeclaredNotationTests {
    private func lint(_ text: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: text, path: "note.md")
    }

    static let suInAClause = """
        # Forward process

        Each step keeps part of the signal: $x_t = \\alpha_t x_{t-1} + \\beta_t \\varepsilon_t, \\varepsilon_t \\sim \\mathcal N(0, I), \\alpha_t, \\beta_t > 0 \\wedge \\alpha_t^2 + \\beta_t^2 = 1$.

        Unrolling two steps:

        $$
        x_t = \\alpha_t \\alpha_{t-1} x_{t-2} + \\alpha_t \\beta_{t-1} \\varepsilon_{t-1} + \\beta_t \\varepsilon_t
        $$

        """

    @Test func suNotationDeclaredInTheLastClauseOfAFormula() throws {
        let d = try lint(Self.suInAClause)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        // In that notation a merge whose older noise lost its factor α_t is still wrong.
        let unscaled = Self.suInAClause.replacingOccurrences("x_{t-2} + \\alpha_t \\beta_{t-1}", "x_{t-2} + \\beta_{t-1}")
        #expect(try lint(unscaled).map(\.code) == ["DL105"])
    }

    static let continuousNotation = """
        # Noising in one step

        $x_t = \\alpha_t x_0 + \\sigma_t \\epsilon$, with

        - $\\alpha_t = \\sqrt{\\prod_{i=1}^t (1-\\beta_i)}$
        - $\\sigma_t = \\sqrt{1-\\alpha_t^2}$

        The reverse mean:

        $$\\mu_\\theta(x_t, t) = \\frac{1}{\\sqrt{1-\\beta_t}}\\left(x_t - \\frac{\\beta_t}{\\sqrt{\\sigma_t^2}} \\epsilon_\\theta(x_t, t)\\right)$$

        """

    @Test func alphaWrittenAsTheRootOfTheProductIsTheNotesOwn() throws {
        let d = try lint(Self.continuousNotation)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        // A cosine schedule without its square is still found in such a note.
        let cosine = Self.continuousNotation + "\n$$f(t) = \\cos\\left(\\frac{t/T + s}{1 + s} \\cdot \\frac{\\pi}{2}\\right)$$\n"
        #expect(try lint(cosine).map(\.code).contains("DL114"))
    }

    @Test func nnBoundByTheAuthorsStarImportIsNotTorch() {
        let code = """
            from layers import *

            class Net:
                def __init__(self, dim):
                    self.conv = nn.Conv2D(filters=dim, kernel_size=3, padding='SAME')

            """
        #expect(!CodeProbe.run(code).diagnostics.map(\.code).contains("DL236"))
        let torchCode = "import torch\nimport torch.nn as nn\n\nconv = nn.Conv2D(3, 8, 3)\n"
        #expect(CodeProbe.run(torchCode).diagnostics.map(\.code).contains("DL236"))
    }
}
