import CheckerCore
import Testing
@testable import NotesLint

/// Functions of a continuous time and DDIM steps whose noise is scaled by η: the per-step checks
/// read a table's step, so they judge neither an SDE's time nor noise that η switches off.
struct ContinuousTimeTests {
    private func lint(_ code: String) -> [String] {
        NotesLinter.lintPython(text: code, path: "sde.py").map(\.code)
    }

    /// σ(t) of a variance-exploding SDE and the VP SDE's marginal standard deviation use t as a
    /// time in [0, 1], not as an index: they are no reverse-step standard deviation.
    @Test func anSDETimeIsNotAStepIndex() {
        let exploding = """
            import torch

            def noise_scale(x, t, smallest=0.02, largest=60.0):
                sigma = smallest * (largest / smallest) ** t
                return x, sigma
            """
        #expect(lint(exploding).isEmpty)
        let preserving = """
            import torch

            def perturbation(x, t, b0=0.1, b1=20.0):
                exponent = -0.25 * t ** 2 * (b1 - b0) - 0.5 * t * b0
                std = torch.sqrt(1.0 - torch.exp(2.0 * exponent))
                return torch.exp(exponent) * x, std
            """
        #expect(lint(preserving).isEmpty)
    }

    /// The same names in a step that reads its tables at t are still judged.
    @Test func aStepThatIndexesItsTablesIsStillJudged() {
        let step = """
            import torch
            betas = torch.linspace(1e-4, 0.02, 1000)
            alphas = 1 - betas
            alphas_cumprod = torch.cumprod(alphas, 0)

            def reverse(model, x, t):
                eps = model(x, t)
                mean = (x - betas[t] / torch.sqrt(1 - alphas_cumprod[t]) * eps) / torch.sqrt(alphas[t])
                sigma = betas[t]
                return mean + sigma * torch.randn_like(x) * (t > 0)
            """
        #expect(lint(step) == ["DL204"])
        #expect(lint(step.replacingOccurrences(of: "sigma = betas[t]", with: "sigma = torch.sqrt(betas[t])")).isEmpty)
    }

    /// A DDIM step's σ_t(η) is zero at the last step when the chain ends at ᾱ = 1, so noise that
    /// only η switches on needs no test of t; plain noise of the same step still does.
    @Test func etaScaledNoiseNeedsNoFinalStepGuard() {
        let step = """
            import torch
            betas = torch.linspace(1e-4, 0.02, 1000)
            alphas_cumprod = torch.cumprod(1 - betas, 0)

            def ddim_step(model, t, x, eta=0.0, skip=20):
                eps = model(x, t)
                a_t = alphas_cumprod[t]
                a_prev = alphas_cumprod[t - skip] if t - skip >= 0 else torch.tensor(1.0)
                x0 = (x - (1 - a_t) ** 0.5 * eps) / a_t ** 0.5
                sd = eta * ((1 - a_prev) / (1 - a_t) * (1 - a_t / a_prev)) ** 0.5
                out = a_prev ** 0.5 * x0 + (1 - a_prev - sd ** 2) ** 0.5 * eps
                if eta > 0:
                    out = out + sd * torch.randn_like(x)
                return out
            """
        #expect(lint(step).isEmpty)
        let plain = step.replacingOccurrences(of: "    if eta > 0:\n        out = out + sd * torch.randn_like(x)",
                                              with: "    out = out + (1 - a_t) ** 0.5 * torch.randn_like(x)")
        #expect(plain != step)
        #expect(lint(plain).contains("DL210"))
    }

    /// The continuous time may reach its arithmetic through a method: `std = self.var(t) ** 0.5`
    /// with `var(t) = 1 − exp(−½t²(β_max − β_min) − t·β_min)` is the VP SDE's marginal, not a step.
    @Test func aTimeHandedToAContinuousMethodIsNoStep() {
        let sde = """
            import torch

            class VPSDE:
                def __init__(self, beta_min=0.1, beta_max=20.0):
                    self.beta_min = beta_min
                    self.beta_max = beta_max

                def var(self, t):
                    return 1. - torch.exp(-0.5 * t ** 2 * (self.beta_max - self.beta_min) - t * self.beta_min)

                def mean_weight(self, t):
                    return torch.exp(-0.25 * t ** 2 * (self.beta_max - self.beta_min) - 0.5 * t * self.beta_min)

                def sample(self, t, y0):
                    mu = self.mean_weight(t) * y0
                    std = self.var(t) ** 0.5
                    return torch.randn_like(y0) * std + mu
            """
        #expect(lint(sde).isEmpty, "\(lint(sde))")
    }
}

/// `x_t = x_0 + ε` with ε ∼ N(0, t·I): a path with no schedule symbol at all, whose noise carries
/// its own variance (Brownian motion, the variance-exploding SDE). DDPM's scales are not asked of it.
struct UnscaledPathTests {
    private func lint(_ text: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: text + "\n", path: "path.md")
    }

    @Test func aPathWithNoScheduleSymbolIsNotJudged() throws {
        let brownian = "$$\\min_\\theta \\mathbb{E}_{x_0,\\varepsilon \\sim \\mathcal{N}(0,tI), x_t = x_0+\\varepsilon}\\left[\\left\\lVert s_\\theta(x_t, t) - \\frac{x_0 - x_t}{t}\\right\\rVert^2\\right]$$"
        let d = try lint(brownian)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let bare = try lint("$$x_t = x_0 + \\varepsilon$$")
        #expect(bare.isEmpty, "\(Corpus.describe(bare))")
    }

    @Test func aScheduleWrittenWrongIsStillJudged() throws {
        let wrong = "$$x_t = \\bar\\alpha_t x_0 + \\sqrt{1-\\bar\\alpha_t}\\,\\epsilon$$"
        #expect(try lint(wrong).map(\.code) == ["DL104"])
    }
}
