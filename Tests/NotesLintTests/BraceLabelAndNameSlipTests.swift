import CheckerCore
import Testing
@testable import NotesLint

/// The label under an `\underbrace` (or over an `\overbrace`) names the part it marks: it is no
/// subscript of it, so `(\underbrace{σ^t}_{g(t)})^2` is still g(t)², the square of the noise scale.
struct BraceLabelTests {
    static func reverseStep(scoreFactor: String) -> String {
        """
        The variance-exploding SDE has drift 0 and diffusion $g(t) = \\sigma^t$. One Euler–Maruyama step back in time:

        $$
        \\mathbf x_{t-\\Delta t} = \\mathbf x_t + \(scoreFactor)\\cdot s_\\theta(\\mathbf x_t, t)\\cdot \\underbrace{\\Delta t}_{\\text{step}} + \\sigma^t\\sqrt{\\Delta t}\\,\\mathbf z_t
        $$
        """
    }

    private func sdeFindings(_ text: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: text, path: "ve.md").filter { $0.code == "DL126" }
    }

    @Test func aLabelledNoiseScaleSquaredIsTheRightScoreFactor() throws {
        let d = try sdeFindings(Self.reverseStep(scoreFactor: "(\\underbrace{\\sigma^t}_{g(t)})^2"))
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let over = try sdeFindings(Self.reverseStep(scoreFactor: "(\\overbrace{\\sigma^t}^{g(t)})^2"))
        #expect(over.isEmpty, "\(Corpus.describe(over))")
    }

    @Test func aLabelledNoiseScaleNotSquaredIsStillReported() throws {
        let d = try sdeFindings(Self.reverseStep(scoreFactor: "\\underbrace{\\sigma^t}_{g(t)}"))
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}

/// What is no slip of a name for another: a capitalised class for one of Python's lower-case
/// functions (`Text` beside `next`), and names that differ only in one-letter parts that stand
/// for different symbols (`σ_prev_0` and `λ_prev_0`, `t_prev_1` and `λ_prev_0`). A real slip
/// (`coef1` for `coeff1`) is reported once, by the finding that names the fix.
struct NameSlipKindsTests {
    @Test func aClassFromAStarImportIsNoSlipForABuiltin() throws {
        let program = """
        from scenes import *

        def build():
            caption = Text("done").scale(1.2)
            return caption
        """
        let d = try NotesLinter.lint(text: program, path: "scene.py").filter { $0.code == "DL211" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        #expect(NameCheck.nearLibraryName("Text", use: .call, imported: []) == nil)
        #expect(NameCheck.nearLibraryName("rnage", use: .call, imported: []) == "range")
    }

    @Test func oneLetterPartsNameDifferentSymbols() throws {
        let note = """
        The multistep update, in the letters of the paper:

        ```python
        def second_order_update(x, model_prev_list, t_prev_list, t):
            λ_prev_0 = λ(t_prev_list[-1])
            h = λ(t) - λ_prev_0
            return (σ(t) / σ_prev_0) * x - α(t) * expm1(-h) * model_prev_list[-1] + t_prev_1
        ```
        """
        let d = try NotesLinter.lint(text: note, path: "solver.md").filter { $0.code == "DL211" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        #expect(NameCheck.similar("eps_o", "eps_0"))
        #expect(!NameCheck.similar("σ_prev_0", "λ_prev_0"))
        #expect(!NameCheck.similar("t_prev_1", "λ_prev_0"))
    }

    @Test func aSlipIsReportedOnceWithItsFix() throws {
        let program = """
        import torch

        coeff1 = torch.linspace(0.1, 0.2, 10)
        coeff2 = torch.linspace(0.3, 0.4, 10)

        def estimate(xt, mu, t):
            return (mu - coef1[t] * xt) / coeff2[t]
        """
        let d = try NotesLinter.lint(text: program, path: "slip.py").filter { ["DL211", "DL238"].contains($0.code) }
        #expect(d.map(\.code) == ["DL211"], "\(Corpus.describe(d))")
    }
}
