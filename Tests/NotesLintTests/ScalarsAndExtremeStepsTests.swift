import CheckerCore
import Testing
@testable import NotesLint

/// Forms that read like errors by their names or at the edge of their range and are right: a
/// parameter named `beta` that holds one number, a square taken over a ratio of cosines, x̂_0
/// re-noised with the largest σ_t DDIM allows, a table its element is read from in pseudo-code,
/// and a formula stated under "when σ_t = 0". Each wrong variant is still found.
struct ScalarsAndExtremeStepsTests {
    static func code(_ text: String) -> [Diagnostic] { CodeProbe.run(text).diagnostics }

    // MARK: A schedule name that holds one number

    /// A constant β (α_t = (1 − β)^t): the body roots and raises `beta` but never indexes it.
    static let constantBeta = """
        import numpy as np


        def forward_step(z_prev, beta):
            eps = np.random.normal(size=z_prev.shape)
            return np.sqrt(1 - beta) * z_prev + np.sqrt(beta) * eps


        def kernel(x, t, beta):
            alpha_t = np.power(1 - beta, t)
            return np.sqrt(alpha_t) * x, np.sqrt(1 - alpha_t)

        """

    @Test func aConstantBetaParameterIsOneNumber() {
        let d = Self.code(Self.constantBeta)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// A singular name the body does index is a table, and its bare use beside the sample is
    /// found; a plural name is a table whatever the body does with it.
    @Test(arguments: [("beta", "alpha_bar"), ("betas", "alphas_cumprod")])
    func anIndexedTableUsedBareIsFound(betaName: String, alphaBarName: String) {
        let text = """
            import numpy as np


            def reverse_mean(x, t, eps_pred, \(betaName), \(alphaBarName)):
                alpha_t = 1 - \(betaName)[t]
                return (x - \(betaName) / np.sqrt(1 - \(alphaBarName)[t]) * eps_pred) / np.sqrt(alpha_t)

            """
        let d = Self.code(text)
        #expect(d.contains { $0.code == "DL203" }, "\(Corpus.describe(d))")
    }

    /// A module table used bare is found, as before.
    @Test func aModuleTableUsedBareIsFound() {
        let text = """
            import numpy as np

            betas = np.linspace(1e-4, 0.02, 1000)
            alphas_cumprod = np.cumprod(1 - betas)


            def reverse_mean(x, t, eps_pred):
                return (x - betas / np.sqrt(1 - alphas_cumprod[t]) * eps_pred) / np.sqrt(1 - betas[t])

            """
        let d = Self.code(text)
        #expect(d.contains { $0.code == "DL203" }, "\(Corpus.describe(d))")
    }

    // MARK: A square over a ratio of cosines

    static let cosineRatio = """
        import math


        def alpha_bar(u, s=0.008):
            return (math.cos((u + s) / (1 + s) * math.pi / 2) / math.cos(s / (1 + s) * math.pi / 2)) ** 2

        """

    /// (cos(u)/cos(u_0))² is cos²(u)/cos²(u_0).
    @Test func aSquaredRatioOfCosinesIsQuiet() {
        let d = Self.code(Self.cosineRatio)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// Without the square the ratio is found, once per cosine.
    @Test func theRatioWithoutItsSquareIsFound() {
        let wrong = Self.cosineRatio.replacingOccurrences(") ** 2", ")")
        #expect(wrong != Self.cosineRatio)
        let d = Self.code(wrong)
        #expect(d.filter { $0.code == "DL209" }.count == 2, "\(Corpus.describe(d))")
    }

    // MARK: x̂_0 re-noised with σ_t² = 1 − ᾱ_{t−1}

    /// A 20-step cosine schedule, clipped, whose sampler re-noises x̂_0 to the previous level with
    /// fresh noise: DDIM's kernel at its largest σ_t, with no direction term. The rounding of
    /// 1 − ᾱ_prev − σ_t² must not turn it into an error.
    static func renoise(noiseScale: String = "torch.sqrt(1 - a_prev)") -> String {
        """
        import numpy as np
        import torch

        T = 20


        def cosine_betas(n, s=0.008):
            u = np.linspace(0, n, n + 1)
            f = np.cos(((u / n) + s) / (1 + s) * np.pi / 2) ** 2
            f = f / f[0]
            return np.clip(1 - f[1:] / f[:-1], 0, 0.999)


        betas = torch.tensor(cosine_betas(T), dtype=torch.float32)
        alphas_cumprod = torch.cumprod(1 - betas, dim=0)


        @torch.no_grad()
        def generate(net, shape, T):
            x = torch.randn(shape)
            for t in reversed(range(T)):
                eps = net(x, torch.full((shape[0],), t, dtype=torch.long))
                a_t = alphas_cumprod[t].view(1, 1, 1, 1)
                x0_hat = (x - torch.sqrt(1 - a_t) * eps) / torch.sqrt(a_t)
                noise = torch.randn_like(x) if t > 0 else 0
                a_prev = alphas_cumprod[t - 1].view(1, 1, 1, 1) if t > 0 else torch.tensor(1.0)
                x = torch.sqrt(a_prev) * x0_hat + \(noiseScale) * noise
            return x

        """
    }

    @Test func reNoisingTheCleanEstimateIsQuiet() {
        let d = Self.code(Self.renoise())
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// Re-noised to the current level's variance, σ_t² exceeds 1 − ᾱ_prev: no DDIM step.
    @Test func reNoisingToTheWrongLevelIsFound() {
        let d = Self.code(Self.renoise(noiseScale: "torch.sqrt(1 - a_t)"))
        #expect(d.contains { $0.code == "DL205" }, "\(Corpus.describe(d))")
    }

    // MARK: Pseudo-code that reads a table's element

    static let pseudoCode = """
        def train_step(x0):
            t = torch.randint(T)
            noise = torch.randn_like(x0)
            alpha_bar_t = alpha_bar[t]
            xt = sqrt(alpha_bar_t) * x0 + sqrt(1 - alpha_bar_t) * noise
            return ((noise - model(xt, t)) ** 2).mean()

        """

    /// `alpha_bar_t = alpha_bar[t]` with the table left to the reader is no slip for `alpha_bar_t`.
    @Test func aTableLeftToTheReaderIsNoSlip() {
        let d = Self.code(Self.pseudoCode)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// A misspelt element name is found, and only as an undefined name, not as a table.
    @Test func aMisspeltElementIsFound() {
        let wrong = Self.pseudoCode.replacingOccurrences("sqrt(1 - alpha_bar_t)", "sqrt(1 - alpha_bar_tt)")
        #expect(wrong != Self.pseudoCode)
        let d = Self.code(wrong)
        #expect(d.map(\.code) == ["DL211"], "\(Corpus.describe(d))")
    }

    // MARK: A formula under "when σ_t = 0"

    static func lint(_ text: String) throws -> [Diagnostic] { try NotesLinter.lint(text: text + "\n", path: "n.md") }

    /// A DDPM note that also says what the sample is at the end of the range.
    static let hypothesis = """
        # 前向过程

        $$x_t=\\sqrt{\\bar\\alpha_t}\\,x_0+\\sqrt{1-\\bar\\alpha_t}\\,\\epsilon$$

        当 $\\sigma_t=0$ 时 $x_t=x_0$：还没有加入任何噪声。
        """

    @Test func aFormulaUnderAZeroNoiseLevelIsQuiet() throws {
        let d = try Self.lint(Self.hypothesis)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let english = Self.hypothesis.replacingOccurrences("当 $\\sigma_t=0$ 时 $x_t=x_0$：还没有加入任何噪声。", "When $\\sigma_t = 0$, $x_t = x_0$: no noise has been added yet.")
        let e = try Self.lint(english)
        #expect(e.isEmpty, "\(Corpus.describe(e))")
    }

    /// The same line without its hypothesis is a wrong marginal.
    @Test func theFormulaWithoutTheHypothesisIsFound() throws {
        let wrong = Self.hypothesis.replacingOccurrences("当 $\\sigma_t=0$ 时 $x_t=x_0$", "直接采样 $x_t=x_0+\\sqrt{1-\\bar\\alpha_t}\\,\\epsilon$")
        #expect(wrong != Self.hypothesis)
        let d = try Self.lint(wrong)
        #expect(d.contains { $0.code == "DL104" }, "\(Corpus.describe(d))")
    }
}
