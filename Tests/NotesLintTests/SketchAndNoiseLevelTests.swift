import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String, path: String = "note.md") throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: path)
}

/// Causes of false alarms met at first contact with course sites, reading notes and research code:
/// a formula set in an untagged fence, a body cut with `...`, a Gumbel draw written inline, a left
/// brace sized with `\Bigg` that opens cases, prose after the first syntax error, a network
/// conditioned on σ, a reverse SDE whose g is defined elsewhere, and model calls inside a branch
/// on the labels. Each quiet case has a twin that keeps the bug and is still reported.
struct SketchAndNoiseLevelTests {
    static func code(_ source: String, _ rule: String) -> [Diagnostic] {
        CodeProbe.run(source).diagnostics.filter { $0.code == rule }
    }

    // MARK: One statement in an untagged fence (DL211)

    static func illustration(fence: String, lines: String) -> String {
        """
        ```python
        import torch
        batch = torch.zeros(4, 3)
        noisy_batch = batch + torch.randn_like(batch)
        predicted_noise = torch.randn_like(batch)
        ```

        Subtract the noise and the image is back:

        \(fence)
        \(lines)
        ```
        """
    }

    @Test func oneStatementInAnUntaggedFenceIsAFormula() throws {
        let d = try lint(Self.illustration(fence: "```", lines: "image = nosiy_batch - predicted_noise")).filter { $0.code == "DL211" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theSameLineInAPythonFenceIsStillASlip() throws {
        let d = try lint(Self.illustration(fence: "```python", lines: "image = nosiy_batch - predicted_noise")).filter { $0.code == "DL211" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    // MARK: A body cut with `...` (DL211)

    static func pipelineExcerpt(cut: String) -> String {
        """
        ```python
        def encode(self, prompt, prompt_2=None, prompt_embeds=None):
            tokenizers = [self.tokenizer, self.tokenizer_2]
            if prompt_embeds is None:
        \(cut)
                for text, tokenizer in zip(prompts, tokenizers):
                    ids = tokenizer(text)
            return ids
        ```
        """
    }

    @Test func aBodyWithLinesCutIsAnExcerpt() throws {
        let d = try lint(Self.pipelineExcerpt(cut: "        ...")).filter { $0.code == "DL211" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theSameBodyWithNothingCutStillHasItsSlip() throws {
        let d = try lint(Self.pipelineExcerpt(cut: "")).filter { $0.code == "DL211" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    // MARK: A uniform draw under a logarithm (DL201)

    static func categoricalSampler(_ noise: String) -> String {
        """
        import torch
        def sample_tokens(probs):
            g = \(noise)
            return (probs / g).argmax(dim=-1)
        """
    }

    @Test func aUniformDrawUnderALogarithmIsAGumbelDraw() {
        let d = Self.code(Self.categoricalSampler("1e-10 - (torch.rand_like(probs) + 1e-10).log()"), "DL201")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let functional = Self.code(Self.categoricalSampler("-torch.log(-torch.log(torch.rand_like(probs) + 1e-10))"), "DL201")
        #expect(functional.isEmpty, "\(Corpus.describe(functional))")
    }

    @Test func aUniformDrawBuildingTheSampleIsStillReported() {
        let d = Self.code(DrawNamedByItsUseTests.forwardSample.replacingOccurrences("torch.randn_like", "torch.rand_like"), "DL201")
        #expect(!d.isEmpty, "\(Corpus.describe(d))")
    }

    // MARK: A sized delimiter that stands alone (DL303)

    @Test func aBiggBraceOverAnArrayNeedsNoPartner() throws {
        let d = try lint("""
            $$
            q(x_s \\mid x_t) = \\Bigg\\{
            \\begin{array}{ll}
            a & x_t = m \\\\
            b & x_t \\neq m
            \\end{array}
            $$
            """).filter { $0.code == "DL303" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aSizedBracketClosingNothingIsStillReported() throws {
        let d = try lint("$$L = \\mathbb{E}_{x_0, \\epsilon} \\Vert \\epsilon - \\epsilon_\\theta(x_t, t) \\Vert^2 \\big]$$").filter { $0.code == "DL303" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    @Test func anUnsizedBraceLeftOpenIsStillReported() throws {
        let d = try lint("$$f(x) = \\{ x \\mid x > 0$$").filter { $0.code == "DL303" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    // MARK: Prose after the first syntax error (DL212)

    static func encoderSketch(_ remark: String) -> String {
        """
        ```python
        class PointEncoder
            \(remark)
            layers = [Linear(3, 64), ReLU()]
        ```
        """
    }

    @Test func aRemarkInChineseAfterTheErrorMakesThePseudoCode() throws {
        let d = try lint(Self.encoderSketch("points = sample(cloud) # 输入 B x N x 3 的点云\n    feats = 点云特征(points)")).filter { $0.code == "DL212" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func withoutProseTheMissingColonIsStillASlip() throws {
        let d = try lint(Self.encoderSketch("points = sample(cloud)")).filter { $0.code == "DL212" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    // MARK: A network conditioned on the noise level σ (DL110)

    @Test func aLossOnXZeroPlusSigmaEpsilonGivenSigmaIsTheVEForm() throws {
        let d = try lint("$$\\mathcal{L}(\\theta) = \\mathbb{E}[\\Vert\\epsilon_\\theta(x_0 + \\sigma \\epsilon, \\sigma) - \\epsilon\\Vert^2]$$").filter { $0.code == "DL110" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theSameInputGivenAStepIsStillJudgedAsDDPMs() throws {
        let d = try lint("$$\\mathcal{L}(\\theta) = \\mathbb{E}[\\Vert\\epsilon_\\theta(x_0 + \\sigma \\epsilon, t) - \\epsilon\\Vert^2]$$").filter { $0.code == "DL110" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    // MARK: A reverse SDE whose g is defined elsewhere (DL126)

    @Test func aScoreFactorInOtherSymbolsThanTheNoiseIsLeftToTheDefinitions() throws {
        let d = try lint("$$d\\mathbf{x} = \\left[ -\\frac{1}{2}\\beta(t)\\mathbf{x} - \\beta(t) \\nabla_{\\mathbf{x}} \\log p_t(\\mathbf{x}) \\right] dt + \\sigma(t) d\\bar{\\mathbf{w}}$$")
            .filter { $0.code == "DL126" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aScoreFactorInTheNoisesOwnSymbolIsStillJudged() throws {
        let d = try lint("$$d\\mathbf{x} = \\left[ -\\frac{1}{2}\\beta(t)\\mathbf{x} - \\frac{1}{2}\\beta(t) \\nabla_{\\mathbf{x}} \\log p_t(\\mathbf{x}) \\right] dt + \\sqrt{\\beta(t)} d\\bar{\\mathbf{w}}$$")
            .filter { $0.code == "DL126" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    // MARK: Model calls inside a branch on the labels (DL210)

    static func guidedLoop(lastStep: String) -> String {
        """
        import torch

        betas = torch.linspace(1e-4, 0.02, 1000)
        alphas = 1 - betas
        alphas_cumprod = torch.cumprod(alphas, dim=0)

        @torch.no_grad()
        def generate(model, shape, steps, labels=None, scale=3.0):
            x = torch.randn(shape)
            for i in reversed(range(0, steps)):
                t = torch.full((shape[0],), i, dtype=torch.long)
                if labels is not None:
                    cond = model(x, t, labels)
                    uncond = model(x, t, torch.zeros_like(labels))
                    eps = uncond + scale * (cond - uncond)
                else:
                    eps = model(x, t, None)
                mean = (x - betas[i] / torch.sqrt(1 - alphas_cumprod[i]) * eps) / torch.sqrt(alphas[i])
        \(lastStep)
            return x
        """
    }

    /// The tables come in a dictionary and the labels' null version is made before the loop: the
    /// starting x_T reaches the model only inside the branch the interpreter cannot decide.
    static let tablesInADictionary = """
        import torch

        @torch.no_grad()
        def sample_loop(model, shape, timesteps, tables, device, labels=None, scale=7.5):
            img = torch.randn(shape, device=device)
            if labels is not None:
                null_labels = torch.zeros_like(labels, device=device)
            for i in reversed(range(0, timesteps)):
                t_batch = torch.full((shape[0],), i, device=device, dtype=torch.long)
                if labels is not None:
                    cond = model(img, t_batch, labels)
                    uncond = model(img, t_batch, null_labels)
                    eps = (1 + scale) * cond - scale * uncond
                else:
                    eps = model(img, t_batch, None)
                beta_t = tables["betas"][i]
                root_one_minus_ab_t = tables["sqrt_one_minus_alphas_cumprod"][i]
                root_recip_a_t = tables["sqrt_recip_alphas"][i]
                model_mean = root_recip_a_t * (img - (beta_t / root_one_minus_ab_t) * eps)
                if i == 0:
                    img = model_mean
                else:
                    noise = torch.randn_like(img)
                    img = model_mean + torch.sqrt(beta_t) * noise
            return img
        """

    @Test func theStartingNoiseSeenByTheModelInEitherBranchIsNoLeftoverNoise() {
        let d = Self.code(Self.tablesInADictionary, "DL210")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aStepThatAddsNoiseAtZeroIsStillReported() {
        let d = Self.code(Self.guidedLoop(lastStep: """
                    x = mean + torch.sqrt(betas[i]) * torch.randn_like(x)
            """), "DL210")
        #expect(!d.isEmpty, "\(Corpus.describe(d))")
    }
}
