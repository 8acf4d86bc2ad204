import CheckerCore
import Testing
@testable import NotesLint

/// An equation between differentials carries dt on every term but the noise: `dx = […]` with no
/// dt sets a differential equal to a rate, and a drift term left without dt inside the bracket
/// of an SDE mixes the two. The upright d of `\mathrm{d}t`, `\text{d}t` and `{\rm d}t` is the
/// same differential. An equation in another time variable (dσ) is not asked for dt.
struct DifferentialEquationTests {
    private func sdeFindings(_ display: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: "The score SDE:\n\n$$\n\(display)\n$$\n", path: "sde.md").filter { ["DL126", "DL156"].contains($0.code) }
    }

    @Test(arguments: [
        "\\mathrm{d}x_t = \\left[f(x_t, t) - \\frac{1}{2}g(t)^2\\nabla\\log p_t(x_t)\\right]\\mathrm{d}t",
        "dx = [f(x,t) - \\frac{1}{2}g(t)^2 \\nabla_x \\log p_t(x)]\\,dt",
        "dx_t = \\left[f(x_t,t) - \\frac{1}{2}g(t)^2 \\nabla_x \\log p_t(x_t)\\right] \\text{d}t",
        "dx = [f(x,t) - g(t)^2 \\nabla_x \\log p_t(x)]dt + g(t)d\\bar{w}",
        "\\mathrm{d}x_t = \\left[f(x_t, t) - g(t)^2 \\nabla \\log p_t(x_t)\\right]\\mathrm{d}t + g(t)\\,\\mathrm{d}\\bar{w}_t",
    ])
    func rightDifferentialEquationsAreSilent(_ display: String) throws {
        let d = try sdeFindings(display)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aProbabilityFlowODEWithoutDtIsReported() throws {
        let d = try sdeFindings("\\mathrm{d}x_t = \\left[f(x_t, t) - \\frac{1}{2}g(t)^2\\nabla\\log p_t(x_t)\\right]")
        #expect(d.map(\.code) == ["DL156"], "\(Corpus.describe(d))")
    }

    /// `\nabla_x \log p_t` leaves the density's argument implicit: it is the same score.
    @Test func aScoreWrittenWithoutItsArgumentIsStillTheScore() throws {
        #expect(try sdeFindings("dx = [f(x,t) - \\frac{1}{2}g(t)^2\\nabla_x\\log p_t]\\,dt").isEmpty)
        let d = try sdeFindings("dx = [f(x,t) - \\frac{1}{2}g(t)^2\\nabla_x\\log p_t]")
        #expect(d.map(\.code) == ["DL156"], "\(Corpus.describe(d))")
    }

    /// EDM's probability-flow ODE runs in the noise level: its differential is dσ, not dt.
    @Test func anEquationInAnotherTimeVariableIsNotAskedForDt() throws {
        let d = try sdeFindings("dx = -\\sigma \\nabla_x \\log p(x, \\sigma) d\\sigma")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let dropped = try sdeFindings("dx = -\\sigma \\nabla_x \\log p(x, \\sigma)")
        #expect(dropped.map(\.code) == ["DL156"], "\(Corpus.describe(dropped))")
    }

    @Test func aDriftTermWithoutDtInAnSDEIsReported() throws {
        let d = try sdeFindings("d\\mathbf x = [f(\\mathbf x,t)-g^2(t)\\nabla_{\\mathbf x}\\log p_t(\\mathbf x)dt + g(t)d\\mathbf w]")
        #expect(d.map(\.code) == ["DL126"], "\(Corpus.describe(d))")
    }
}

/// L_simple rewritten for a data prediction, ‖(x_t − √ᾱ_t·x_0)/√(1 − ᾱ_t) − (x_t − √ᾱ_t·x_θ)/√(1 − ᾱ_t)‖²
/// and its SNR-weighted form ᾱ_t/(1 − ᾱ_t)·‖x_0 − x_θ‖², is the same loss; a difference that is
/// not x_0 − x_θ is not judged as one.
struct RewrittenSimpleLossTests {
    static func note(_ rows: String) -> String {
        """
        With $x_t = \\sqrt{\\bar\\alpha_t}x_0 + \\sqrt{1-\\bar\\alpha_t}\\epsilon$:

        $$
        \\begin{aligned}
        L_{\\text{simple}} &= \\mathbb{E}_{x_0,\\epsilon}\\left[\\| \\epsilon - \\epsilon_\\theta(x_t,t) \\|^2\\right] \\\\
        \(rows)
        \\end{aligned}
        $$
        """
    }

    @Test func theLossInTheDataPredictionIsRight() throws {
        let rows = """
        &= \\mathbb{E}_{x_0,x_t}\\left[\\| \\frac{x_t - \\sqrt{\\bar\\alpha_t}x_0}{\\sqrt{1-\\bar\\alpha_t}} - \\frac{x_t - \\sqrt{\\bar\\alpha_t}x_\\theta(x_t,t)}{\\sqrt{1-\\bar\\alpha_t}} \\|^2\\right] \\\\
        &= \\mathbb{E}_{x_0,x_t}\\left[\\frac{\\bar\\alpha_t}{1-\\bar\\alpha_t}\\| x_0 - x_\\theta(x_t,t) \\|^2\\right]
        """
        let d = try NotesLinter.lint(text: Self.note(rows), path: "loss.md").filter { $0.code == "DL110" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aNoiseLossWithTheWrongDifferenceIsStillReported() throws {
        let d = try NotesLinter.lint(text: Self.note("&= \\mathbb{E}\\left[\\| \\epsilon + \\epsilon_\\theta(x_t,t) \\|^2\\right]"), path: "loss.md").filter { $0.code == "DL110" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
