import CheckerCore
import Testing
@testable import NotesLint

/// A note may number each forward step by the state it leaves, β_k for x_k → x_{k+1}, as
/// consistently as DDPM numbers it by the state it reaches (β_t for x_{t−1} → x_t). A step
/// written forward from the current state, q(x_{k+1} | x_k), is judged in both numberings and
/// reported only when wrong in both, unless the note's ᾱ_k = ∏_{s=1}^{k} α_s pins DDPM's numbering.
/// The step written into x_t keeps DDPM's numbering, and
/// α_{t−1} there is still found. In code, `alpha_bar_pre` is ᾱ_{t−1}, like `alphas_cumprod_prev`.
struct SourceIndexedStepTests {
    static func lint(_ text: String) throws -> [Diagnostic] { try NotesLinter.lint(text: text + "\n", path: "s.md") }

    static let forwardFromCurrent = """
        # Forward process

        With $\\alpha_k := 1 - \\beta_k$, each step leaves $x_k$ for $x_{k+1}$:

        $$q(x_{k+1} \\mid x_k) = \\mathcal{N}\\left(\\sqrt{\\alpha_k} x_k, (1-\\alpha_k) I\\right)$$

        $$x_{k+1} = \\sqrt{1-\\beta_k}\\,x_k + \\sqrt{\\beta_k}\\,\\varepsilon_k$$
        """

    @Test func aStepNumberedByTheStateItLeavesIsQuiet() throws {
        let d = try Self.lint(Self.forwardFromCurrent)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// ᾱ_k in the step, or a variance written as a standard deviation, is wrong in both numberings.
    @Test func aWrongStepWrittenForwardIsFound() throws {
        let cumulative = Self.forwardFromCurrent.replacingOccurrences("\\sqrt{\\alpha_k} x_k, (1-\\alpha_k) I", "\\sqrt{\\bar\\alpha_k} x_k, (1-\\bar\\alpha_k) I")
        #expect(cumulative != Self.forwardFromCurrent)
        let d = try Self.lint(cumulative)
        #expect(d.contains { $0.code == "DL103" }, "\(Corpus.describe(d))")
        let squared = Self.forwardFromCurrent.replacingOccurrences("\\sqrt{\\beta_k}\\,\\varepsilon_k", "\\beta_k\\,\\varepsilon_k")
        #expect(squared != Self.forwardFromCurrent)
        let e = try Self.lint(squared)
        #expect(e.contains { $0.code == "DL101" }, "\(Corpus.describe(e))")
    }

    /// The fix of a step read in the numbering by the state it leaves keeps that numbering: the
    /// step out of x_t carries β_t, not DDPM's β_{t+1}.
    @Test func theFixKeepsTheNumberingTheStepIsReadIn() throws {
        let squared = Self.forwardFromCurrent.replacingOccurrences("\\sqrt{\\beta_k}\\,\\varepsilon_k", "\\beta_k\\,\\varepsilon_k")
        let fixes = try Self.lint(squared).filter { $0.code == "DL101" }.compactMap(\.fix)
        #expect(fixes.count == 1)
        #expect(fixes.allSatisfy { $0.contains("√(1 − β_t)·x_t + √β_t·ε") }, "\(fixes)")
        let rooted = Self.forwardFromCurrent.replacingOccurrences("(1-\\alpha_k) I", "\\sqrt{1-\\alpha_k} I")
        #expect(rooted != Self.forwardFromCurrent)
        let d = try Self.lint(rooted)
        #expect(d.count == 1, "\(Corpus.describe(d))")
        #expect(d.allSatisfy { $0.fix?.contains("√α_t·x_t, (1 − α_t)·I)") == true }, "\(Corpus.describe(d))")
    }

    /// ᾱ_k = ∏_{s=1}^{k} α_s pins DDPM's numbering (the step into x_k carries β_k): the step out of
    /// x_k written with α_k is then wrong.
    @Test func aProductFromStepOnePinsDDPMsNumbering() throws {
        let pinned = Self.forwardFromCurrent + "\n\nso that $x_k = \\sqrt{\\bar\\alpha_k}x_0 + \\sqrt{1-\\bar\\alpha_k}\\varepsilon$ with $\\bar\\alpha_k = \\prod_{s=1}^{k} \\alpha_s$."
        let d = try Self.lint(pinned)
        #expect(d.filter { $0.code == "DL103" }.count == 2, "\(Corpus.describe(d))")
    }

    /// Written into x_t, the step keeps DDPM's numbering: α_{t−1} there is the classic slip.
    @Test func theStepIntoXtKeepsDDPMsNumbering() throws {
        let d = try Self.lint("# Forward\n\n$$q(x_t \\mid x_{t-1}) = \\mathcal{N}(\\sqrt{\\alpha_{t-1}}\\,x_{t-1}, (1-\\alpha_{t-1}) I)$$")
        #expect(d.contains { $0.code == "DL103" }, "\(Corpus.describe(d))")
    }

    static func prevTable(_ value: String) -> String {
        """
        import torch
        import torch.nn.functional as F

        beta = torch.linspace(1e-4, 0.02, 1000)
        alpha = 1 - beta
        alpha_bar = torch.cumprod(alpha, dim=0)
        alpha_bar_pre = \(value)
        sigma = torch.sqrt(beta * (1.0 - alpha_bar_pre) / (1.0 - alpha_bar))

        """
    }

    @Test func aPreviousTableNamedPreIsQuiet() {
        let d = CodeProbe.run(Self.prevTable("F.pad(alpha_bar[:-1], (1, 0), value=1.0)")).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func anUnshiftedPreviousTableIsFound() {
        let d = CodeProbe.run(Self.prevTable("alpha_bar.clone()")).diagnostics
        #expect(d.contains { $0.code == "DL216" }, "\(Corpus.describe(d))")
    }
}
