import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "kernel.md")
}

/// Three readings of a state's symbol that are no forward step: the kernel rewritten as a
/// Gaussian in the state it is given (a step of the posterior's derivation), one state set equal
/// to another (a rejected Metropolis–Hastings proposal, a repeated token), and a loss whose ε_θ
/// reads a latent the note defined just above. Each has a twin with the bug, still reported.
struct KernelRewrittenAndKeptStateTests {
    @Test func theKernelAsAGaussianInTheStateItIsGivenIsQuiet() throws {
        let d = try lint("As a function of $x_{t-1}$: $$q(x_t|x_{t-1}) = \\mathcal{N}\\left(x_{t-1}; \\frac{x_t}{\\sqrt{\\alpha_t}}, \\frac{1-\\alpha_t}{\\alpha_t} I\\right)$$")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aKernelOverItsConditionWithAMeanInItIsStillReported() throws {
        let d = try lint("$$q(x_t|x_{t-1}) = \\mathcal{N}(x_{t-1}; \\sqrt{\\alpha_t} x_{t-1}, (1-\\alpha_t) I)$$")
        #expect(d.map(\.code) == ["DL132"], "\(Corpus.describe(d))")
    }

    @Test func aStateKeptAsItWasIsNoForwardStep() throws {
        let d = try lint("Otherwise the proposal is rejected and $x_{t+1} = x_t$.")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aStepWithTheVarianceForTheStandardDeviationIsStillReported() throws {
        let d = try lint("$$x_t = \\sqrt{1-\\beta_t}\\, x_{t-1} + \\beta_t \\epsilon$$")
        #expect(!d.isEmpty, "\(Corpus.describe(d))")
    }

    static let latentLoss = """
        The latent is noised in one step:
        $$
        z_t = \\sqrt{\\bar{\\alpha}_t} z_0 + \\sqrt{1-\\bar{\\alpha}_t} \\epsilon, \\quad \\epsilon \\sim \\mathcal{N}(0,I)
        $$

        and the network learns its noise:
        $$
        \\mathcal{L}_\\text{simple} = \\mathbb{E}_{z_0, \\epsilon, t} \\left[ \\|\\epsilon - \\epsilon_\\theta(z_t, t)\\|^2 \\right]
        $$
        """

    @Test func aLossReadingTheLatentDefinedAboveIsQuiet() throws {
        let d = try lint(Self.latentLoss).filter { $0.code == "DL110" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aLossWhoseWrittenInputNoisesWithTheVarianceIsStillReported() throws {
        let d = try lint("$$L = \\mathbb{E}\\left[\\|\\epsilon - \\epsilon_\\theta(\\sqrt{\\bar\\alpha_t} x_0 + (1-\\bar\\alpha_t)\\epsilon, t)\\|^2\\right]$$")
        #expect(d.contains { $0.code == "DL110" }, "\(Corpus.describe(d))")
    }
}
