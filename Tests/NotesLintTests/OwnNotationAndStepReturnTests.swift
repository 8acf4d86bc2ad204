import Foundation
import CheckerCore
import Testing
@testable import NotesLint

/// Notes and code whose own conventions the checks must read before judging: a step that returns
/// its mean beside the sample, x_t = x_0 at the start of the chain, a loss that follows a model
/// called on a plain draw, shell escapes inside a block, a constant β, a sentence typed inside a
/// display, an α_t defined from ᾱ_t, another model's published β range, and a step letter that runs
/// over the τ's.
struct OwnNotationAndStepReturnTests {
    private func lint(_ text: String, _ path: String = "note.md") throws -> [Diagnostic] {
        try NotesLinter.lint(text: text, path: path)
    }

    /// A notebook of code cells, in order.
    static func notebook(code cells: [String]) -> String {
        let json: [String: Any] = [
            "cells": cells.map { ["cell_type": "code", "source": $0, "metadata": [String: Any](), "outputs": [Any]()] as [String: Any] },
            "metadata": [String: Any](), "nbformat": 4, "nbformat_minor": 5,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: json)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static let stepReturningItsMean = """
    import torch

    betas = torch.linspace(1e-4, 0.02, 1000)
    alphas = 1 - betas
    alphas_cumprod = torch.cumprod(alphas, 0)


    def reverse_step(model, x, t):
        eps = model(x, t)
        mean = (x - betas[t] / torch.sqrt(1 - alphas_cumprod[t]) * eps) / torch.sqrt(alphas[t])
        noise = torch.randn_like(x)
        x = mean + torch.sqrt(betas[t]) * noise
        return x, mean

    """

    @Test func aStepThatReturnsItsMeanBesideTheSampleLeavesTheLastStepToItsCaller() {
        let right = CodeProbe.run(Self.stepReturningItsMean).diagnostics
        #expect(right.isEmpty, "\(Corpus.describe(right))")
        let wrong = CodeProbe.run(Self.stepReturningItsMean.replacingOccurrences("return x, mean", "return x")).diagnostics
        #expect(wrong.map(\.code) == ["DL210"], "\(Corpus.describe(wrong))")
        // A clean estimate beside the sample is no noise-free version of it.
        let estimate = Self.stepReturningItsMean.replacingOccurrences("return x, mean", "x0_hat = (x - torch.sqrt(1 - alphas_cumprod[t]) * eps) / torch.sqrt(alphas_cumprod[t])\n    return x, x0_hat")
        let withEstimate = CodeProbe.run(estimate).diagnostics
        #expect(withEstimate.map(\.code) == ["DL210"], "\(Corpus.describe(withEstimate))")
    }

    @Test func xTEqualToXZeroIsTheStartOfTheChain() throws {
        let start = try lint("At $t = 0$ no noise has been added yet:\n\n$$\nx_t = x_0\n$$\n")
        #expect(start.isEmpty, "\(Corpus.describe(start))")
        let wrong = try lint("The marginal:\n\n$$\nx_t = \\bar\\alpha_t x_0 + \\sqrt{1-\\bar\\alpha_t}\\epsilon\n$$\n")
        #expect(wrong.map(\.code) == ["DL104"], "\(Corpus.describe(wrong))")
    }

    /// A notebook that trains a diffusion model, then fits a small layer to a random target.
    static func twoCells(_ second: String) -> String {
        let first = """
        import torch
        betas = torch.linspace(1e-4, 0.02, 1000)
        alphas_cumprod = torch.cumprod(1 - betas, 0)

        def loss_fn(model, x0):
            t = torch.randint(0, 1000, (x0.shape[0],))
            noise = torch.randn_like(x0)
            a = alphas_cumprod[t].view(-1, 1)
            x_t = a.sqrt() * x0 + (1 - a).sqrt() * noise
            return ((model(x_t, t) - noise) ** 2).mean()

        data = torch.randn(8, 4)
        first_loss = loss_fn(net, data)
        """
        return Self.notebook(code: [first, second])
    }

    @Test func aLossAfterAModelCalledOnAPlainDrawIsNoDiffusionLoss() throws {
        let toy = "inp = torch.randn(4, 16)\ntarget = torch.randn(4, 8)\nfor step in range(5):\n    out = layer(inp)\n    loss = ((out - target) ** 2).mean()\n"
        let quiet = try lint(Self.twoCells(toy), "fit.ipynb")
        #expect(!quiet.map(\.code).contains("DL219"), "\(Corpus.describe(quiet))")
        let mismatch = "x0 = torch.randn(4, 8)\nt = torch.randint(0, 1000, (4,))\nnoise = torch.randn_like(x0)\na = alphas_cumprod[t].view(-1, 1)\nx_t = a.sqrt() * x0 + (1 - a).sqrt() * noise\nloss = ((model(x_t, t) - torch.randn_like(x0)) ** 2).mean()\n"
        let wrong = try lint(Self.twoCells(mismatch), "fit.ipynb")
        #expect(wrong.map(\.code).contains("DL219"), "\(Corpus.describe(wrong))")
    }

    @Test func anIndentedShellEscapeKeepsItsBlockOpen() throws {
        let cell = "import os\nif not os.path.exists('w.bin'):\n    !wget -q https://example.org/w.bin\nelse:\n    !ls -l w.bin\nprint('ready')\n"
        let d = try lint(Self.notebook(code: [cell]), "escape.ipynb")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let broken = try lint(Self.notebook(code: ["import os\nif True:\nprint('no block')\n"]), "broken.ipynb")
        #expect(broken.map(\.code) == ["DL212"], "\(Corpus.describe(broken))")
    }

    static let constantBetaSampler = """
    import torch

    T = 250
    beta = torch.tensor(0.02)


    def sample(model, n):
        x = torch.randn(n, 1)
        for t in range(T, 0, -1):
            eps = model(x, torch.full((n, 1), t).float())
            if t == 1:
                x = (x - beta / torch.sqrt(beta) * eps) / torch.sqrt(1 - beta)
            else:
                sigma = torch.sqrt(beta)
                x = (x - beta / torch.sqrt(1 - (1 - beta) ** t) * eps) / torch.sqrt(1 - beta) + sigma * torch.randn(n, 1)
        return x

    """

    @Test func aScalarBetaIsTheNotesConstantSchedule() {
        let right = CodeProbe.run(Self.constantBetaSampler).diagnostics
        #expect(right.isEmpty, "\(Corpus.describe(right))")
        let wrong = CodeProbe.run(Self.constantBetaSampler.replacingOccurrences("sigma = torch.sqrt(beta)", "sigma = beta")).diagnostics
        #expect(wrong.map(\.code).contains("DL204"), "\(Corpus.describe(wrong))")
    }

    @Test func aSentenceTypedInADisplayDoesNotContinueTheFormulaAbove() throws {
        let display = "$$\n\\tilde{\\beta}_t:=\\frac{1-\\bar{\\alpha}_{t-1}}{1-\\bar{\\alpha}_t}\\beta_t\\\\\n由于方差\\beta_t取常数，反向过程的方差也取这个值\\\\\n$$\n"
        let d = try lint(display)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        // A row that is only an expression, with no sentence before it, still continues the chain.
        let chained = "$$\n\\tilde{\\beta}_t:=\\frac{1-\\bar{\\alpha}_{t-1}}{1-\\bar{\\alpha}_t}\\beta_t\\\\\n\\beta_t\n$$\n"
        #expect(try lint(chained).map(\.code) == ["DL106"])
    }

    static let ownAlphaNote = """
    For Gaussian steps the marginal is known in closed form:

    $$q(x_t|x_0) = N(x_t; \\alpha_t x_0, \\sigma_t^2 I),$$

    DEFINITION

    The posterior mean is

    $$\\tilde\\mu_t = \\frac{\\alpha_t \\sigma_{t-1}^2}{\\alpha_{t-1}\\sigma_t^2} x_t + \\frac{\\alpha_{t-1}\\beta_t}{\\sigma_t^2} x_0$$
    """

    @Test func anAlphaDefinedFromAlphaBarIsTheNotesOwn() throws {
        let defined = Self.ownAlphaNote.replacingOccurrences("DEFINITION", "where $\\alpha_t = \\sqrt{\\bar \\alpha_t}$ with $\\bar \\alpha_t = \\prod_{s=1}^{t}(1 - \\beta_s)$, and $\\sigma_t^2 = 1- \\alpha_t^2$.")
        let d = try lint(defined)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let collector = CoverageCollector(file: "note.md")
        _ = NotesLinter.lintDocument(markdown: [SourceText(path: "note.md", text: defined)], code: [], coverage: collector)
        #expect(collector.coverage.equations.contains { ($0.reason ?? "").contains("defines its own α_t from ᾱ_t") })
        let undefined = try lint(Self.ownAlphaNote.replacingOccurrences("DEFINITION", ""))
        #expect(!undefined.isEmpty)
    }

    static func rangeNote(_ aside: String) -> String {
        """
        We train with DDPM's linear schedule.

        ```python
        import torch
        betas = torch.linspace(1e-4, 0.02, 1000)
        ```

        \(aside)
        """
    }

    @Test func anotherModelsPublishedRangeIsNoSlip() throws {
        let aside = try lint(Self.rangeNote("Stable Diffusion uses other values:\n- beta_start: 0.00085\n- beta_end: 0.012\n"))
        #expect(aside.isEmpty, "\(Corpus.describe(aside))")
        let slip = try lint(Self.rangeNote("Our values:\n- beta_start: 0.0001\n- beta_end: 0.2\n"))
        #expect(slip.map(\.code).contains("DL302"), "\(Corpus.describe(slip))")
    }

    @Test func aStepLetterThatRunsOverTheSubsequenceIsTheSubsequencesStep() throws {
        let formula = "$$\\hat{x}_0 = \\frac{1}{\\sqrt{\\bar\\alpha_{\\tau_i}}}(x_{\\tau_i} - \\sqrt{1-\\bar\\alpha_t}\\epsilon_t)$$\n"
        let mixed = try lint("DDIM on a subsequence.\n\n" + formula)
        #expect(mixed.map(\.code) == ["DL119"], "\(Corpus.describe(mixed))")
        for binding in ["For each t in $[\\tau_S, \\tau_{S-1}, ..., \\tau_1]$ take one step.", "Below, $t \\in \\{\\tau_1, \\dots, \\tau_S\\}$."] {
            let bound = try lint(binding + "\n\n" + formula)
            #expect(bound.isEmpty, "\(binding): \(Corpus.describe(bound))")
        }
    }

    @Test func anX0ThatStandsForTheEstimateMakesThePredictionTheNoiseOfXt() throws {
        let chain = "$$x_{t-1} = \\sqrt{\\bar\\alpha_{t-1}}x_0 + \\sqrt{1-\\bar\\alpha_{t-1}}\\epsilon_\\theta = \\sqrt{\\bar\\alpha_{t-1}}x_0 + \\sqrt{1-\\bar\\alpha_{t-1}}\\frac{x_t - \\sqrt{\\bar\\alpha_t}x_0}{DENOMINATOR}$$\n"
        let estimate = try lint(chain.replacingOccurrences("DENOMINATOR", "\\sqrt{1-\\bar\\alpha_t}"))
        #expect(estimate.isEmpty, "\(Corpus.describe(estimate))")
        let wrong = try lint(chain.replacingOccurrences("DENOMINATOR", "1-\\bar\\alpha_t"))
        #expect(wrong.map(\.code).contains("DL142"), "\(Corpus.describe(wrong))")
    }
}
