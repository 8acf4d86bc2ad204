import CheckerCore
import Testing
@testable import NotesLint

/// A forward step whose variance is the note's own σ², dequantization under a device move, and an
/// annealed Langevin sampler recognised by its update: right forms stay quiet, their slips do not.
struct FreeVarianceAndLangevinTests {
    private func lint(_ text: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: text + "\n", path: "note.md")
    }

    private func lintCode(_ code: String) -> [String] {
        CodeProbe.piece(NotesLinter.lintPython(text: code, path: "smld.py")).map(\.code)
    }

    /// `N(√α_t·x_{t−1}, σ²I)` leaves σ free for the next line to fix; a β in the wrong place is
    /// still judged, and the fix writes (1 − α_t)·I with its parentheses.
    @Test func aForwardStepWithTheNotesOwnSigmaIsNotJudgedOnItsVariance() throws {
        #expect(try lint("$$q(x_t|x_{t-1}) = \\mathcal{N}(x_t|\\sqrt{\\alpha_t}x_{t-1}, \\sigma^2 I)$$").isEmpty)
        let wrong = try lint("$$q(x_t|x_{t-1}) = \\mathcal{N}(x_t|\\sqrt{\\alpha_t}x_{t-1}, (1-\\alpha_t)^2 I)$$")
        #expect(wrong.map(\.code) == ["DL103"])
        #expect(wrong.first?.fix?.contains("(1 − α_t)·I") == true, "\(Corpus.describe(wrong))")
        let wrongMean = try lint("$$q(x_t|x_{t-1}) = \\mathcal{N}(x_t|\\alpha_t x_{t-1}, \\sigma^2 I)$$")
        #expect(wrongMean.map(\.code) == ["DL103"])
    }

    @Test func dequantizationUnderADeviceMove() {
        #expect(lintCode("import torch\nx = (x * 255.0 + torch.rand_like(x).to(device)) / 256.0\n").isEmpty)
        #expect(lintCode("import torch\nnoise = torch.rand_like(x0).to(device)\nxt = 0.8 * x0 + 0.6 * noise\n") == ["DL201"])
    }

    private static let langevin = """
        import torch

        class CondNorm(torch.nn.Module):
            def forward(self, x, i):
                alpha = self.get_alpha(i)
                return x * alpha

        def sample(score_net, x, sigmas, steps, eps=2e-5):
            for i, sigma in enumerate(sigmas):
                step = eps * (sigma / sigmas[-1]) ** 2
                for _ in range(steps):
                    z = torch.randn_like(x)
                    x = x + step * 0.5 * score_net(x, i) + z * torch.sqrt(step)
            return x

        x_init = torch.rand(64, 3, 32, 32)
        images = sample(net, x_init, sigmas, 100)
        """

    /// NCSN starts annealed Langevin dynamics from uniform noise; the update identifies the
    /// sampler even when its function is not named after Langevin.
    @Test func anAnnealedLangevinSamplerMayStartFromUniformNoise() {
        #expect(lintCode(Self.langevin).isEmpty)
        let ddpm = Self.langevin + "\nbetas = torch.linspace(1e-4, 0.02, 1000)\nalphas = 1 - betas\n"
        #expect(lintCode(ddpm) == ["DL201"])
    }
}
