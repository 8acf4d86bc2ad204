import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "staged.md")
}

/// A variance built in two statements is judged on its final value, not the intermediate one.
struct StagedVarianceTests {
    private func step(_ refine: String) -> String {
        """
        ```python
        import torch
        T = 1000
        betas = torch.linspace(1e-4, 0.02, T)
        alphas = 1 - betas
        alphas_cumprod = torch.cumprod(alphas, 0)

        def p_sample(x, t, eps):
            mean = (x - betas[t] / torch.sqrt(1 - alphas_cumprod[t]) * eps) / torch.sqrt(alphas[t])
            variance = (1 - alphas_cumprod[t - 1]) / (1 - alphas_cumprod[t])
            \(refine)
            return mean + torch.sqrt(variance) * torch.randn_like(x)
        ```
        """
    }

    @Test func theFinalValueIsJudged() throws {
        let right = try lint(step("variance = variance * betas[t]"))
        #expect(!right.contains { $0.code == "DL204" }, "\(Corpus.describe(right))")
        let augmented = try lint(step("variance *= betas[t]"))
        #expect(!augmented.contains { $0.code == "DL204" }, "\(Corpus.describe(augmented))")
        let wrong = try lint(step("variance = variance * alphas[t]"))
        #expect(wrong.contains { $0.code == "DL204" }, "\(Corpus.describe(wrong))")
    }
}
