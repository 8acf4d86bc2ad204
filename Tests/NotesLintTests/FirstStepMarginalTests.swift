import CheckerCore
import Testing
@testable import NotesLint

/// At step 1 the product ᾱ_1 = α_1 has a single factor, so a loss whose ε_θ input is written
/// `√α_1·x_0 + √(1 − α_1)·ε` (the reconstruction term of the bound) noises x_0 correctly
/// (no DL110). The same input at step 2, or at step t, is still the per-step α where ᾱ belongs.
struct FirstStepMarginalTests {
    static func lint(_ text: String) throws -> [Diagnostic] { try NotesLinter.lint(text: text + "\n", path: "first.md") }

    static let reconstruction = """
        The forward step is $q(x_t|x_{t-1}) = \\mathcal{N}(\\sqrt{\\alpha_t}x_{t-1}, (1-\\alpha_t)I)$ with $\\alpha_t = 1 - \\beta_t$.

        For the last term of the bound, $x_1$ is one step from the data:

        $$
        L_{\\text{rec}} = \\mathbb{E}_{\\varepsilon}\\left[\\|\\varepsilon_\\theta(\\sqrt{\\alpha_1}x_0+\\sqrt{1-\\alpha_1}\\varepsilon) - \\varepsilon\\|_2^2\\right]
        $$
        """

    static let reconstructionBold = """
        Per-step $\\alpha_t = 1-\\beta_t$; the decoder term trains at $t = 1$:

        $$
        L_0 \\propto \\mathbb{E}\\,\\big\\|\\boldsymbol\\epsilon - \\boldsymbol\\epsilon_\\theta\\big(\\sqrt{\\alpha_{1}}\\,\\mathbf{x}_0 + \\sqrt{1-\\alpha_{1}}\\,\\boldsymbol\\epsilon, 1\\big)\\big\\|^2
        $$
        """

    @Test(arguments: [reconstruction, reconstructionBold])
    func theFirstStepsInputMayUseThePerStepAlpha(note: String) throws {
        let d = try Self.lint(note)
        #expect(!d.contains { $0.code == "DL110" }, "\(Corpus.describe(d))")
    }

    @Test(arguments: ["\\alpha_2", "\\alpha_t"])
    func anotherStepsInputWithThePerStepAlphaIsStillFound(alpha: String) throws {
        let wrong = Self.reconstruction
            .replacingOccurrences("\\sqrt{\\alpha_1}x_0", "\\sqrt{" + alpha + "}x_0")
            .replacingOccurrences("\\sqrt{1-\\alpha_1}", "\\sqrt{1-" + alpha + "}")
        #expect(wrong != Self.reconstruction)
        let d = try Self.lint(wrong)
        #expect(d.contains { $0.code == "DL110" }, "\(Corpus.describe(d))")
    }
}
