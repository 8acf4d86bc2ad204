import CheckerCore
import Testing
@testable import NotesLint

/// A course's first model corrupts its images by blending them with uniform noise,
/// `x * (1 - amount) + noise * amount` with `noise = torch.rand_like(x)`, and samples from a
/// uniform start `torch.rand(8, 1, 28, 28)`: a process of its own, uniform by design, whose draws
/// DL201 does not judge. A uniform draw in DDPM's forward sample, or a blend trained on uniform
/// noise and sampled from a Gaussian start, is still reported.
struct UniformBlendProcessTests {
    static let corrupt = """
        import torch

        def corrupt(x, amount):
            noise = torch.rand_like(x)
            amount = amount.view(-1, 1, 1, 1)
            return x * (1 - amount) + noise * amount

        """
    static let start = """
        def generate(net, n_steps=5):
            x = torch.rand(8, 1, 28, 28)
            for i in range(n_steps):
                pred = net(x)
                mix = 1 / (n_steps - i)
                x = x * (1 - mix) + pred * mix
            return x

        """

    private func uniformFindings(_ cells: [String]) throws -> [Diagnostic] {
        try NotesLinter.lint(text: NeverBoundNameTests.notebook(cells, metadata: [:]), path: "course.ipynb").filter { $0.code == "DL201" }
    }

    @Test func theCoursesOwnUniformProcessIsNotJudged() throws {
        let d = try uniformFindings([Self.corrupt, Self.start])
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        // The weights written the other way round: (1 - amount) * x + amount * noise.
        let swapped = Self.corrupt.replacingOccurrences("x * (1 - amount) + noise * amount", "(1 - amount) * x + amount * noise")
        #expect(try uniformFindings([swapped, Self.start]).isEmpty)
    }

    @Test func aGaussianStartMakesTheUniformTrainingNoiseWrong() throws {
        let d = try uniformFindings([Self.corrupt, Self.start.replacingOccurrences("torch.rand(8, 1, 28, 28)", "torch.randn(8, 1, 28, 28)")])
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    @Test func aUniformDrawInDDPMsForwardSampleIsStillReported() throws {
        let ddpm = """
            import torch

            def q_sample(x0, abar_t):
                noise = torch.rand_like(x0)
                return abar_t.sqrt() * x0 + (1 - abar_t).sqrt() * noise

            """
        let d = try uniformFindings([ddpm, Self.start])
        #expect(d.contains { $0.location?.cell == 1 }, "\(Corpus.describe(d))")
    }
}
