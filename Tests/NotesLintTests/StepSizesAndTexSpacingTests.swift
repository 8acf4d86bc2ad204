import CheckerCore
import Testing
@testable import NotesLint

/// Three more forms that read like errors and are right: a Langevin step size named `eps`, under
/// the root of its own noise scale; an element gathered from a table that pseudo-code leaves to
/// the reader; and TeX's `~` spacing at the start of a line inside `$$`. Each wrong variant is
/// still found.
struct StepSizesAndTexSpacingTests {
    // MARK: A step size named eps

    /// x ← x + ε·s(x) + √(2ε)·z with ε = 1e-3 a number: √(2ε) is the noise scale.
    static let langevin = """
        import numpy as np
        import torch


        def langevin(score, x, n_steps=200, eps=1e-3):
            for _ in range(n_steps):
                x = x + eps * score(x) + np.sqrt(2 * eps) * torch.randn_like(x)
            return x

        """

    @Test(arguments: ["n_steps=200, eps=1e-3", "n_steps=200"])
    func aStepSizeNamedEpsIsNoNoise(signature: String) {
        // Also with the step size assigned in the body.
        let text = signature == "n_steps=200"
            ? Self.langevin.replacingOccurrences("n_steps=200, eps=1e-3):\n", "n_steps=200):\n    eps = 1e-3\n")
            : Self.langevin
        let d = CodeProbe.run(text).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// A drawn ε multiplied inside the root is still found.
    @Test func aDrawnNoiseUnderTheRootIsFound() {
        let text = """
            import torch

            betas = torch.linspace(1e-4, 0.02, 1000)
            alphas_cumprod = torch.cumprod(1 - betas, dim=0)


            def q_sample(x0, t):
                eps = torch.randn_like(x0)
                return alphas_cumprod[t].sqrt() * x0 + torch.sqrt((1 - alphas_cumprod[t]) * eps)

            """
        let d = CodeProbe.run(text).diagnostics
        #expect(d.contains { $0.code == "DL224" }, "\(Corpus.describe(d))")
    }

    // MARK: An element gathered from a table left to the reader

    static let gatheredElement = """
        for step, x_0 in enumerate(loader):
            t = torch.randint(0, T, size=(x_0.shape[0],))
            sqrt_ab_t = torch.gather(sqrt_alphas_bar, dim=0, index=t).reshape(-1, 1, 1, 1)
            sqrt_1m_ab_t = sqrt_one_minus_alphas_bar.gather(-1, t).reshape(-1, 1, 1, 1)
            noise = torch.randn_like(x_0)
            x_t = sqrt_ab_t * x_0 + sqrt_1m_ab_t * noise

        """

    @Test func aGatheredElementIsNoSlipForItsTable() {
        let d = CodeProbe.run(Self.gatheredElement).diagnostics
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// A misspelt element is still an undefined name.
    @Test func aMisspeltElementIsFound() {
        let wrong = Self.gatheredElement.replacingOccurrences("sqrt_ab_t * x_0", "sqrt_abt_t * x_0")
        #expect(wrong != Self.gatheredElement)
        let d = CodeProbe.run(wrong).diagnostics
        #expect(d.contains { $0.code == "DL211" }, "\(Corpus.describe(d))")
    }

    // MARK: TeX spacing inside a display

    static func lint(_ text: String) throws -> [Diagnostic] { try NotesLinter.lint(text: text + "\n", path: "n.md") }

    @Test func tildeSpacingInsideADisplayIsNoFence() throws {
        let text = """
            # Rectified flow

            $$
            \\min_\\theta \\int_0^1 \\mathbb{E}\\left[ \\|(X_1 - X_0) - v_\\theta(X_t, t)\\|^2 \\right] \\mathrm{d}t,
            ~~~~~\\text{with}~~~~
            X_t = t X_1 + (1-t) X_0.
            $$

            The path is straight.
            """
        let d = try Self.lint(text)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// A real tilde fence inside a display that was never closed still ends it.
    @Test func aTildeFenceInsideAnOpenDisplayIsFound() throws {
        let text = """
            # Rectified flow

            $$
            X_t = t X_1 + (1-t) X_0.
            ~~~python
            x_t = t * x1 + (1 - t) * x0
            ~~~

            The path is straight.
            """
        let d = try Self.lint(text)
        #expect(d.contains { $0.code == "DL304" }, "\(Corpus.describe(d))")
    }
}
