import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String, _ path: String = "forms.md") throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: path)
}

/// Right forms that a rule once misread: each is silent, and its wrong variant is still found.
struct UnflaggedRightFormsTests {
    /// The target (x − x̃)/σ² is the right score of the kernel whatever the score's argument says.
    @Test func aTargetInTheNoisySampleIsJudgedInIt() throws {
        #expect(try lint("$$L = \\mathbb{E}\\left[\\left\\|s_\\theta(x) - \\frac{x - \\tilde{x}}{\\sigma^2}\\right\\|^2\\right]$$").isEmpty)
        let wrong = try lint("$$L = \\mathbb{E}\\left[\\left\\|\\sigma s_\\theta(\\tilde{x}) - \\frac{\\tilde{x} - x}{\\sigma}\\right\\|^2\\right]$$")
        #expect(wrong.map(\.code) == ["DL127"], "\(Corpus.describe(wrong))")
    }

    /// A function of several states the parser reads as an opaque tuple may read any of them.
    @Test func anUnreadArgumentListMayReadTheSampledStates() throws {
        #expect(try lint("$$v(x_t) = \\mathbb{E}_{x_0 \\sim p_0, x_1 \\sim p_1}\\left[\\frac{\\partial}{\\partial t} I(x_0, x_1, t) \\mid x_t\\right]$$").isEmpty)
        let wrong = try lint("$$L_{t-1} = \\mathbb{E}_{x_T \\sim q(x_T|x_0)}\\left[\\|\\tilde\\mu_t(x_t, x_0) - \\mu_\\theta(x_t, t)\\|^2\\right]$$")
        #expect(wrong.map(\.code) == ["DL128"], "\(Corpus.describe(wrong))")
    }

    /// A vector of a few values combined with a sample is its own shape; a table over the steps
    /// is a schedule that needs [t].
    @Test func aShortVectorIsNotASchedule() throws {
        let vae = "```python\nimport torch\nmu = torch.tensor([0.0, 1.0])\nsigma = torch.exp(torch.tensor([0.0, 0.0]))\neps = torch.randn_like(mu)\nz = mu + sigma * eps\n```"
        #expect(try lint(vae).isEmpty)
        let schedule = "```python\nimport torch\nT = 1000\nbetas = torch.linspace(1e-4, 0.02, T)\nalphas_cumprod = torch.cumprod(1 - betas, 0)\n\ndef q_sample(x0, t):\n    noise = torch.randn_like(x0)\n    return torch.sqrt(alphas_cumprod) * x0 + torch.sqrt(1 - alphas_cumprod[t]) * noise\n```"
        #expect(try lint(schedule).contains { $0.code == "DL203" })
    }
}
