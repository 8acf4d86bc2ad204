import CheckerCore
import Testing
@testable import NotesLint

/// An expectation that samples the step with `t ∼ U(…)` binds it as `E_t` does.
struct SampledStepExpectationTests {
    private func droppedSum(_ note: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: note, path: "loss.md").filter { $0.code == "DL119" }
    }

    @Test func anExpectationOverAUniformStepKeepsTheSum() throws {
        let sampled = """
            $$
            L = \\sum_{t=1}^T \\frac{1}{T}\\,\\mathbb{E}_{\\varepsilon}\\left[\\|\\varepsilon - \\varepsilon_\\theta(x_t, t)\\|^2\\right] = \\mathbb{E}_{t \\sim \\text{Uniform}(\\{1, \\dots, T\\})}\\left[\\mathbb{E}_{\\varepsilon}\\left[\\|\\varepsilon - \\varepsilon_\\theta(x_t, t)\\|^2\\right]\\right]
            $$
            """
        let found = try droppedSum(sampled)
        #expect(found.isEmpty, "\(Corpus.describe(found))")
        // The same right side with the step's expectation left out drops the sum.
        let dropped = """
            $$
            L = \\sum_{t=1}^T \\frac{1}{T}\\,\\mathbb{E}_{\\varepsilon}\\left[\\|\\varepsilon - \\varepsilon_\\theta(x_t, t)\\|^2\\right] = \\mathbb{E}_{\\varepsilon \\sim \\mathcal{N}(0, I)}\\left[\\|\\varepsilon - \\varepsilon_\\theta(x_t, t)\\|^2\\right]
            $$
            """
        #expect(try droppedSum(dropped).count == 1)
    }
}

/// `alpha_s` beside `alpha_0`: one quantity at two steps, not a slip of one name for the other.
struct StepIndexedNameTests {
    @Test func namesThatDifferInTheirStepAreNotSlips() throws {
        let note = """
            ```python
            alpha_0 = torch.sqrt(torch.sigmoid(-gamma_0))
            sigma_0 = torch.sqrt(torch.sigmoid(gamma_0))
            ```

            ```python
            mean = (alpha_s / alpha_t) * (z - sigma_t * c * eps_hat)
            ```
            """
        #expect(try NotesLinter.lint(text: note, path: "vdm.md").filter { $0.code == "DL211" }.isEmpty)
        #expect(NameCheck.differOnlyInStepIndex("gamma_s_padded", "gamma_0_padded"))
        // A parameter left unused beside a name one letter from it is still a slip.
        #expect(!NameCheck.differOnlyInStepIndex("grad_E", "grad_U"))
        let slip = "import numpy as np\n\ndef anneal(x, grad_U, eps):\n    return x - eps * grad_E(x)\n"
        #expect(CodeProbe.run(slip).diagnostics.contains { $0.code == "DL211" })
    }
}

/// Code whose α-named table holds the cumulative product names its derived tables by that letter.
struct AlphaTableHoldingProductTests {
    static let swapped = """
        import torch
        betas = torch.linspace(1e-4, 0.02, 300)
        bar_alphas = 1.0 - betas
        alphas = torch.cumprod(bar_alphas, dim=0)
        sqrt_alphas = torch.sqrt(alphas)
        sqrt_recip_alphas = torch.sqrt(1.0 / alphas)
        """

    @Test func derivedTablesFollowTheCodesLetter() {
        let d = CodeProbe.run(Self.swapped).diagnostics.filter { $0.code == "DL216" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        // Beside an α table that is the one-step factor, `sqrt_alphas` of the product is wrong.
        let ddpm = """
            import torch
            betas = torch.linspace(1e-4, 0.02, 300)
            alphas = 1.0 - betas
            alphas_cumprod = torch.cumprod(alphas, dim=0)
            sqrt_alphas = torch.sqrt(alphas_cumprod)
            """
        #expect(CodeProbe.run(ddpm).diagnostics.contains { $0.code == "DL216" })
    }
}

/// A DDIM step that keeps √ᾱ_prev·x̂_0 in a variable named `mean` and adds its direction term at
/// the return.
struct DDIMStepInTwoPartsTests {
    static func sampler(direction: String) -> String {
        """
        import torch

        betas = torch.linspace(1e-4, 0.02, 1000)
        alpha_bar = torch.cumprod(1 - betas, dim=0)

        def ddim_sample(model, xt, t, prev_t):
            eps_theta = model(xt, t)
            a_t = alpha_bar[t]
            a_prev = alpha_bar[prev_t]
            mean = a_prev ** 0.5 * (xt - (1 - a_t) ** 0.5 * eps_theta) / a_t ** 0.5
            return mean + \(direction)
        """
    }

    @Test func theCleanEstimateCarriedToTheEarlierLevelIsNoDDPMMean() {
        let d = CodeProbe.run(Self.sampler(direction: "(1 - a_prev) ** 0.5 * eps_theta")).diagnostics.filter { $0.code == "DL205" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aMeanWithAWrongNoiseCoefficientIsStillReported() {
        let wrong = Self.sampler(direction: "(1 - a_prev) ** 0.5 * eps_theta").replacingOccurrences(of: "(xt - (1 - a_t) ** 0.5 * eps_theta)", with: "(xt - (1 - a_t) * eps_theta)")
        #expect(CodeProbe.run(wrong).diagnostics.contains { $0.code == "DL205" || $0.code == "DL221" })
    }
}

/// A sampler that computes its own β at each step (`cur_beta = calc_beta(lo, hi, t, T)`) is not
/// compared with a schedule the document holds elsewhere.
struct OwnStepBetaTests {
    static func notebook(step: String) -> [String] {
        [
            "import torch\nfrom math import sqrt\nbeta = 0.001\n",
            """
            def calc_beta(lo, hi, t, steps):
                return lo + (t / steps) * (hi - lo)

            def sample(model, timesteps, x):
                for t in range(timesteps, 0, -1):
                    \(step)
                    sigma_t = sqrt(cur_beta)
                    at = 1 - cur_beta
                    at_hat = 1
                    for s in range(1, t + 1):
                        at_hat *= 1 - calc_beta(1e-4, 0.02, s, timesteps)
                    z = torch.randn_like(x) if t > 1 else torch.zeros_like(x)
                    eps = model(x, t)
                    x = (x - eps * (1 - at) / sqrt(1 - at_hat)) / sqrt(at) + sigma_t * z
                return x
            """,
        ]
    }

    private func valueFindings(_ cells: [String]) throws -> [Diagnostic] {
        try NotesLinter.lint(text: OwnNotationAndStepReturnTests.notebook(code: cells), path: "own.ipynb").filter { ["DL204", "DL205"].contains($0.code) }
    }

    @Test func theStepsOwnBetaIsNotComparedWithAnotherSchedule() throws {
        let d = try valueFindings(Self.notebook(step: "cur_beta = calc_beta(1e-4, 0.02, t, timesteps)"))
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let line = Array("beta_t = lo + t * (hi - lo) / T\n".unicodeScalars)
        #expect(CodeAnalysis.ownStepBeta(PythonParser.parse(line, from: 0, to: line.count).statements, userFunctions: []) == "beta_t")
    }

    @Test func aStepReadingTheDocumentsScheduleIsStillJudged() throws {
        // The same step with β read from the document's constant: its σ and mean use 0.001.
        let cells = Self.notebook(step: "cur_beta = beta").map { $0.replacingOccurrences(of: "sigma_t = sqrt(cur_beta)", with: "sigma_t = cur_beta") }
        #expect(try valueFindings(cells).contains { $0.code == "DL204" })
    }
}
