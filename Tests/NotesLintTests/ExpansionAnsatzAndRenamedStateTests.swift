import CheckerCore
import Testing
@testable import NotesLint

/// Derivations from the discrete chain to the SDE: a first-order expansion written with `=`, the
/// Euler step of the VP SDE, a supposed form whose coefficients the note solves for, a rescaled
/// state x̂_t = x_t/√ᾱ_t, and the driftless reverse SDE run from noise to data. Each right form
/// is quiet; the slip beside it is still found.
struct ExpansionAnsatzAndRenamedStateTests {
    static func lint(_ text: String) throws -> [Diagnostic] { try NotesLinter.lint(text: text + "\n", path: "derivation.md") }

    @Test func aFirstOrderExpansionIsNoUnequalStep() throws {
        #expect(try Self.lint("By Taylor expansion, $\\sqrt{1-\\beta_t}=1-\\frac{1}{2}\\beta_t$.").isEmpty)
        // Dropping the ½ is wrong at first order already.
        let d = try Self.lint("By Taylor expansion, $\\sqrt{1-\\beta_t}=1-\\beta_t$.")
        #expect(d.map(\.code) == ["DL124"], "\(Corpus.describe(d))")
        #expect(d.first?.message.contains("0.99993") == true && d.first?.message.contains("0.99986") == true)
    }

    @Test func theEulerStepOfTheVPSDEIsAFirstOrderForwardStep() throws {
        let euler = "$$x_t=\\left(1-\\frac{1}{2}\\beta_t\\right)x_{t-1}+\\sqrt{\\beta_t}\\,\\epsilon$$"
        #expect(try Self.lint(euler).isEmpty)
        for slip in ["$$x_t=(1-\\beta_t)x_{t-1}+\\sqrt{\\beta_t}\\,\\epsilon$$", "$$x_t=\\sqrt{1-\\beta_t}x_{t-1}+\\beta_t\\,\\epsilon$$",
                     "$$x_t=\\sqrt{\\alpha_t}x_{t-1}+\\sqrt{1-\\alpha_{t-1}}\\,\\epsilon$$"] {
            let d = try Self.lint(slip)
            #expect(d.count == 1 && ["DL101", "DL103"].contains(d.first?.code), "\(slip)\n\(Corpus.describe(d))")
        }
    }

    /// Values that print alike are printed in full, so the message shows where they part.
    @Test func valuesThatPrintAlikeArePrintedApart() {
        let (a, b) = FormulaJudge.formatApart(0.999930001, 0.99993)
        #expect(a != b)
    }

    static func ansatz(_ label: String, _ form: String) -> String {
        """
        We rewrite the one-shot form as a recursion.

        \(label)
        $$
        \(form)
        $$
        Matching the means and the variances gives both coefficients.
        """
    }

    @Test func aSupposedFormIsSolvedForNotJudged() throws {
        for label in ["假设：", "Suppose:", "Assume that:"] {
            let text = Self.ansatz(label, "x_t=\\alpha_t x_{t-1}+\\beta_t\\epsilon_t")
            let result = try NotesLinter.lintWithCoverage(text: text, path: "n.md")
            #expect(result.diagnostics.isEmpty, "\(label)\n\(Corpus.describe(result.diagnostics))")
            #expect(result.coverage.notJudged.contains { $0.reason?.contains("supposes this form") == true })
        }
        // Without the supposition the same letters are DDPM's α_t and β_t, and the step is wrong.
        #expect(try Self.lint(Self.ansatz("Hence:", "x_t=\\alpha_t x_{t-1}+\\beta_t\\epsilon_t")).map(\.code) == ["DL103"])
        // A supposed form written with the schedule's own expressions is a claim, and judged.
        #expect(try Self.lint(Self.ansatz("Suppose:", "x_t=\\sqrt{\\alpha_t} x_{t-1}+\\beta_t\\epsilon_t")).map(\.code) == ["DL101"])
    }

    @Test func aRescaledStateIsTheNotesOwnVariable() throws {
        let scaled = "$$\\hat{x}_t=\\frac{x_t}{\\sqrt{\\bar\\alpha_t}}=x_0+\\frac{\\sqrt{1-\\bar\\alpha_t}}{\\sqrt{\\bar\\alpha_t}}\\epsilon$$"
        #expect(try Self.lint(scaled).isEmpty)
        #expect(try Self.lint("$$\\tilde{x}_t=x_0+\\sigma_t\\epsilon$$").isEmpty)
        // The plain state with the same right side is a wrong marginal.
        #expect(try Self.lint("$$x_t=x_0+\\frac{\\sqrt{1-\\bar\\alpha_t}}{\\sqrt{\\bar\\alpha_t}}\\epsilon$$").map(\.code) == ["DL104"])
        // A hatted estimate of x_{t−1} from a reverse step is still judged as one.
        let reverse = "$$\\hat{x}_{t-1}=\\frac{1}{\\sqrt{\\alpha_t}}\\left(x_t-\\frac{\\beta_t}{\\sqrt{1-\\bar\\alpha_t}}\\epsilon_\\theta(x_t,t)\\right)+\\beta_t z$$"
        #expect(try Self.lint(reverse).map(\.code) == ["DL109"])
    }

    @Test func aDriftlessReverseSDEWithAPlainDwRunsFromNoiseToData() throws {
        #expect(try Self.lint("Sampling: $dx = \\nabla \\log p(x) dt + dW$.").isEmpty)
        #expect(try Self.lint("$$dx = g(t)^2 \\nabla_x \\log p_t(x)\\, dt + g(t)\\, dw$$").isEmpty)
        // With the reverse-time Brownian motion dw̄, dt runs backward and the sign must be minus.
        #expect(try Self.lint("$$dx = g(t)^2 \\nabla_x \\log p_t(x)\\, dt + g(t)\\, d\\bar{w}$$").map(\.code) == ["DL126"])
        // A coefficient that matches neither reading stays wrong.
        #expect(try Self.lint("$$dx = 3g(t)^2 \\nabla_x \\log p_t(x)\\, dt + g(t)\\, dw$$").map(\.code) == ["DL126"])
    }
}

extension ExpansionAnsatzAndRenamedStateTests {
    /// A slip whose gap is second order in β but first order next to the values it compares (a
    /// wrong denominator in the posterior variance, a factor α_t for ᾱ_t) is no expansion.
    @Test func aSmallSlipInASmallQuantityIsStillFound() throws {
        let denominator = """
        $$\\tilde\\beta_t = 1/\\left(\\frac{\\alpha_t}{1-\\alpha_t}+\\frac{1}{1-\\bar{\\alpha}_{t-1}}\\right)
         = \\frac{(1-\\alpha_t)(1-\\bar{\\alpha}_{t-1})}{1-\\bar{\\alpha}_{t-1}+1-\\alpha_t}$$
        """
        #expect(try Self.lint(denominator).map(\.code).contains("DL124"))
        let factor = """
        $$(1-\\alpha_t)(1-\\bar\\alpha_t)\\bar\\alpha_{t-1} - \\bar\\alpha_t(1-\\alpha_t)(1-\\bar\\alpha_{t-1})
        = (1-\\alpha_t)\\left(\\bar\\alpha_{t-1}(1-\\bar\\alpha_t) - \\alpha_t(1-\\bar\\alpha_{t-1})\\right)$$
        """
        #expect(try Self.lint(factor).map(\.code) == ["DL124"])
    }
}
