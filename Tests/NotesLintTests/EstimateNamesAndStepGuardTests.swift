import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String, path: String = "n.md") throws -> [Diagnostic] {
    try NotesLinter.lint(text: text, path: path)
}

/// A DDIM derivation that ends in x_0 for the estimate it expanded, Analytic-DPM's variance with
/// its own σ̂_t, and reverse steps whose last-step test reads a batch of steps or a named end time.
struct EstimateNamesAndStepGuardTests {
    static let ddim = """
        $$
        \\begin{aligned}
        x_{t-1} &= \\sqrt{\\bar\\alpha_{t-1}}\\left(\\frac{x_t - \\sqrt{1-\\bar\\alpha_t}\\,\\epsilon_\\theta(x_t, t)}{\\sqrt{\\bar\\alpha_t}}\\right) + \\sqrt{1-\\bar\\alpha_{t-1}-\\sigma_t^2}\\,\\epsilon_\\theta(x_t, t) + \\sigma_t\\epsilon \\\\
        &= \\sqrt{\\bar\\alpha_{t-1}}\\,x_0 + \\sqrt{1-\\bar\\alpha_{t-1}-\\sigma_t^2}\\,\\epsilon_\\theta(x_t, t) + \\sigma_t\\epsilon
        \\end{aligned}
        $$

        """

    /// The last side names the estimate it expanded x_0.
    @Test func aLaterSideMayNameTheEstimateX0() throws {
        let d = try lint(Self.ddim)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aWrongCoefficientOnTheNamedEstimateIsStillWrong() throws {
        let wrong = Self.ddim.replacingOccurrences("&= \\sqrt{\\bar\\alpha_{t-1}}\\,x_0", "&= \\sqrt{\\bar\\alpha_{t}}\\,x_0")
        #expect(wrong != Self.ddim)
        #expect(try lint(wrong).map(\.code).contains("DL112"))
    }

    /// Analytic-DPM: the DDIM mean for σ_t, and noise whose variance adds the note's own σ̂_t².
    static let analytic = "$$x_{t-1} = \\frac{1}{\\sqrt{\\alpha_t}}x_t + \\left(\\sqrt{1-\\bar\\alpha_{t-1}-\\sigma_t^2} - \\frac{\\sqrt{1-\\bar\\alpha_t}}{\\sqrt{\\alpha_t}}\\right)\\epsilon_\\theta(x_t, t) + \\sqrt{\\sigma_t^2 + \\left(\\sqrt{\\bar\\alpha_{t-1}} - \\sqrt{\\frac{\\bar\\alpha_t(1-\\bar\\alpha_{t-1}-\\sigma_t^2)}{1-\\bar\\alpha_t}}\\right)^2\\hat\\sigma_t^2}\\,z$$\n"

    @Test func aNotesOwnSigmaHatIsNotSigma() throws {
        let d = try lint(Self.analytic)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        // With σ_t itself in that place, the noise is not the DDIM update's σ_t·z.
        let plain = Self.analytic.replacingOccurrences("\\hat\\sigma_t^2", "\\sigma_t^2")
        #expect(try lint(plain).map(\.code) == ["DL112"])
    }

    /// improved-diffusion's mask after a scalar step is given to the batch (`t[None].repeat(n)`).
    static let maskedStep = """
        import torch

        betas = torch.linspace(1e-4, 0.02, 1000)
        alphas = 1 - betas
        alphas_cumprod = torch.cumprod(alphas, 0)

        def p_sample(model, x_t, t):
            if t.dim() == 0:
                t = t[None].repeat(x_t.shape[0])
            eps = model(x_t, t)
            mean = (x_t - betas[t] / torch.sqrt(1 - alphas_cumprod[t]) * eps) / torch.sqrt(alphas[t])
            noise = torch.randn_like(x_t)
            nonzero_mask = (t != 0).float().view(x_t.shape[0], *([1] * (x_t.dim() - 1)))
            return mean + nonzero_mask * torch.sqrt(betas[t]) * noise

        """

    @Test func aRepeatedStepKeepsItsMask() {
        let d = CodeProbe.run(Self.maskedStep).diagnostics.filter { $0.code == "DL210" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let unmasked = Self.maskedStep.replacingOccurrences("mean + nonzero_mask * torch.sqrt", "mean + torch.sqrt")
        #expect(CodeProbe.run(unmasked).diagnostics.filter { $0.code == "DL210" }.count == 1)
    }

    /// A continuous-time sampler stops at t = eps, and switches its noise off there.
    static let sdeStep = """
        import torch

        class SDE:
            def euler_maruyama_step(self, model, x, t, dt):
                score = model(x, t)
                g = self.diffusion_coef(t)
                if t[0] == self.eps:
                    z = 0
                else:
                    z = torch.randn_like(x)
                x_mean = x + (g ** 2) * score * dt
                return x_mean + g * dt ** 0.5 * z

        """

    @Test func aNamedEndTimeGatesTheNoise() {
        let d = CodeProbe.run(Self.sdeStep).diagnostics.filter { $0.code == "DL210" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        #expect(CodeAnalysis.comparesTimeWithNamedEnd(PythonParser.parse(Array(Self.sdeStep.unicodeScalars), from: 0, to: Self.sdeStep.unicodeScalars.count).statements.flatMap { s -> [PyStatement] in
            if case .classDef(_, let body, _) = s { return body.flatMap { if case .function(_, _, let b, _) = $0 { return b } else { return [] } } }
            return []
        }))
    }

    /// `DataLoaders.from_dd(…)`: a class of a library, read for an attribute, beside the note's
    /// `dataloaders` and an imported `DataLoader`.
    @Test func aClassReadForAnAttributeIsNoSlip() {
        let code = "from torch.utils.data import DataLoader\n\ndataloaders = [DataLoader([])]\nloaders = DataLoaders.from_dd(dataloaders, 64)\n"
        #expect(CodeProbe.run(code).diagnostics.filter { $0.code == "DL211" }.isEmpty)
        let slip = code.replacingOccurrences("from_dd(dataloaders, 64)", "from_dd(dataloders, 64)")
        #expect(CodeProbe.run(slip).diagnostics.filter { $0.code == "DL211" }.map(\.fix) == ["dataloaders"])
    }
}
