import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "escaped.md")
}

/// Notes written for a Markdown renderer that reads the text before TeX does escape Markdown's own
/// characters inside math: `x\_t`, `\left\[ … \right]`, `[β_t ∈ (0,1) \]`. TeX never sees those
/// backslashes, so the brackets balance as typed; a bracket that is really left open still shows.
struct MarkdownEscapedMathTests {
    @Test func escapedBracketsBalanceAsTyped() throws {
        let rightForms = [
            "The schedule $[\\beta_t \\in (0, 1) \\]_{t=1}^T$ rises.",
            "$$\\mathbb{E}\\_q \\left\\[ \\log p\\_\\theta(\\mathrm{x}\\_0 | \\mathrm{x}\\_1) - D\\_{KL}(q \\| p) \\right]$$",
            "$$L = \\mathbb{E}_{t, x_0} \\left\\[ \\| \\epsilon - \\epsilon_\\theta(x_t, t) \\|^2 \\right\\]$$",
            "Tuples $\\[a, b\\]$ and $x^\\*$ are plain text.",
            "$\\mu_\\theta(x_t, t) = \\frac{1}{\\sqrt{\\alpha_t}} \\left\\( x_t - \\frac{\\beta_t}{\\sqrt{1 - \\bar{\\alpha}\\_t}} \\epsilon\\_\\theta(x_t, t) \\right\\)$",
        ]
        for text in rightForms {
            let d = try lint(text)
            #expect(!d.contains { $0.code == "DL303" }, "\(text): \(Corpus.describe(d))")
        }
    }

    /// kramdown reads `\\{` as TeX's `\{` (a visible brace) and `\{` as `{`: a set written
    /// `$\\{z_i, x_i\\}^N_\{i=1\}$` balances; a visible brace left open still shows.
    @Test func escapedVisibleBracesBalanceAsRendered() throws {
        let right = "The pairs $\\\\{z_i,x_i\\\\}^N_\\{i=1\\}$ are given."
        #expect(try lint(right).filter { $0.code == "DL303" }.isEmpty)
        let open = "The pairs $\\\\{z_i,x_i^N_\\{i=1\\}$ are given."
        #expect(!(try lint(open)).filter { $0.code == "DL303" }.isEmpty)
    }

    @Test func anOpenBracketStillShows() throws {
        let wrongForms = [
            "$$\\mathbb{E}\\_q \\left\\[ \\log p(\\mathrm{x}\\_0 | \\mathrm{x}\\_1 \\right]$$",
            "The schedule $[\\beta_t \\in (0, 1) \\]_{t=1}^T \\]$ rises.",
            "$$\\mathbb{E}_q [ \\log p(x_0 | x_1) $$",
            "$\\frac{1}{\\sqrt{\\alpha_t}} \\left\\( x_t - (\\beta_t \\epsilon\\_\\theta \\right\\)$",
        ]
        for text in wrongForms {
            let d = try lint(text)
            #expect(d.contains { $0.code == "DL303" }, "\(text): \(Corpus.describe(d))")
        }
    }

    @Test func anEscapedPipeIsTheConditioningBar() throws {
        let right = try lint("$q(\\mathbf{x}\\_t \\| \\mathbf{x}\\_0) = \\mathcal{N}(\\mathbf{x}\\_t; \\sqrt{\\bar\\alpha\\_t}\\mathbf{x}\\_0, (1-\\bar\\alpha\\_t)\\mathbf{I})$")
        #expect(right.isEmpty, "\(Corpus.describe(right))")
        let wrong = try lint("$q(x\\_t \\| x\\_0) = \\mathcal{N}(x\\_t; \\bar\\alpha\\_t x\\_0, (1-\\bar\\alpha\\_t) I)$")
        #expect(wrong.contains { $0.code == "DL104" }, "\(Corpus.describe(wrong))")
    }

    @Test func escapedFormulasAreStillJudged() throws {
        let right = try lint("$$\\mathrm{x}\\_t = \\sqrt{\\bar\\alpha\\_t} \\mathrm{x}\\_0 + \\sqrt{1 - \\bar\\alpha\\_t} \\epsilon$$")
        #expect(right.isEmpty, "\(Corpus.describe(right))")
        let wrong = try lint("$$\\mathrm{x}\\_t = \\sqrt{\\bar\\alpha\\_t} \\mathrm{x}\\_0 + (1 - \\bar\\alpha\\_t) \\epsilon$$")
        #expect(!wrong.isEmpty, "\(Corpus.describe(wrong))")
    }
}
