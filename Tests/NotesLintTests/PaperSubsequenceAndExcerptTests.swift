import CheckerCore
import Testing
@testable import NotesLint

/// A DDPM note that quotes DDIM's σ over the subsequence τ in the paper's own α, a law written
/// `N(0; I)`, and a code block that shows only a signature: each is right and stays quiet; the
/// wrong variant of each is still found.
struct PaperSubsequenceAndExcerptTests {
    static func lint(_ text: String) throws -> [Diagnostic] { try NotesLinter.lint(text: text + "\n", path: "n.md") }

    /// A note in DDPM's symbols (ᾱ_t = ∏ α_s) quoting σ_{τ_i}(η) as the DDIM paper writes it, where α
    /// is DDPM's ᾱ: α over τ marks the paper's notation for that formula.
    static let quotedSigma = """
        # Sampling

        We write $\\bar\\alpha_t = \\prod_{s=1}^t \\alpha_s$ and $x_t = \\sqrt{\\bar\\alpha_t}x_0 + \\sqrt{1-\\bar\\alpha_t}\\epsilon$.

        Over a subsequence $\\tau$ of the steps, DDIM's noise level with parameter $\\eta$ is
        $\\sigma_{\\tau_{i}} = \\eta \\sqrt{\\frac{1 - \\alpha_{\\tau_{i - 1}}}{1 - \\alpha_{\\tau_{i}}}}\\sqrt{1 - \\frac{\\alpha_{\\tau_{i}}}{\\alpha_{\\tau_{i - 1}}}}$.
        """

    @Test func sigmaOverTheSubsequenceIsReadInThePapersNotation() throws {
        let d = try Self.lint(Self.quotedSigma)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// The ratio inverted is wrong in the paper's notation too.
    @Test func anInvertedRatioOverTheSubsequenceIsFound() throws {
        let wrong = Self.quotedSigma.replacingOccurrences(
            "\\frac{1 - \\alpha_{\\tau_{i - 1}}}{1 - \\alpha_{\\tau_{i}}}", "\\frac{1 - \\alpha_{\\tau_{i}}}{1 - \\alpha_{\\tau_{i - 1}}}")
        #expect(wrong != Self.quotedSigma)
        let d = try Self.lint(wrong)
        #expect(d.contains { $0.code == "DL113" }, "\(Corpus.describe(d))")
    }

    /// `N(0; I)`: a semicolon between the mean and the covariance.
    @Test func aLawWithASemicolonIsCentred() throws {
        let d = try Self.lint("# Noise\n\nThe generator reads $z \\sim \\mathcal{N}(0; \\mathbf{I})$ and the noise is $\\epsilon \\sim \\mathcal{N}(0; \\mathbf{I})$.")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aShiftedLawWithASemicolonIsFound() throws {
        let d = try Self.lint("# Noise\n\nThe noise is $\\epsilon \\sim \\mathcal{N}(1; \\mathbf{I})$.")
        #expect(d.contains { $0.code == "DL123" }, "\(Corpus.describe(d))")
    }

    /// A block that ends at a header shows a signature; a header whose body is not indented, with
    /// more code after it, does not parse.
    @Test func aSignatureExcerptIsNoSyntaxError() throws {
        let d = try Self.lint("# Signature\n\n```python\ndef __init__(self, model, timesteps=1000,\n             beta_schedule=\"cosine\"):\n```")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let nested = try Self.lint("# Signature\n\n- Parameters\n    ```python\n    class Diffusion:\n        def __init__(self, model, timesteps=1000):\n    ```")
        #expect(nested.isEmpty, "\(Corpus.describe(nested))")
    }

    @Test func aBodyNotIndentedIsFound() throws {
        let d = try Self.lint("# Signature\n\n```python\ndef __init__(self, model, timesteps=1000):\nself.model = model\n```")
        #expect(d.contains { $0.code == "DL212" }, "\(Corpus.describe(d))")
    }
}
