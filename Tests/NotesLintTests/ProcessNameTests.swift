import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "process.md")
}

/// The forward process adds noise (states given before states drawn); the reverse process is the
/// model that removes it. A sentence that defines one under the other's name is flagged.
struct ProcessNameTests {
    @Test func theForwardChainIsNotTheReverseProcess() throws {
        let right = "The forward process is $q(x_{1:T} \\mid x_0) = \\prod_{t=1}^{T} q(x_t \\mid x_{t-1})$, a fixed Markov chain."
        #expect(try lint(right).isEmpty)
        let wrong = try lint(right.replacingOccurrences("forward process", "reverse process"))
        #expect(wrong.map(\.code) == ["DL150"], "\(Corpus.describe(wrong))")
    }

    /// A joint written without conditions takes its direction from the kernels of its product.
    @Test func theModelJointIsNotTheForwardProcess() throws {
        let right = "We learn the reverse process $p_\\theta(x_{0:T}) = p(x_T)\\prod_{t=1}^{T} p_\\theta(x_{t-1} \\mid x_t)$ from data."
        #expect(try lint(right).isEmpty)
        let wrong = try lint(right.replacingOccurrences("reverse process", "diffusion process"))
        #expect(wrong.map(\.code) == ["DL150"], "\(Corpus.describe(wrong))")
        let chinese = try lint("正向过程：$q(x_t|x_{t-1}) = \\mathcal{N}(x_t; \\sqrt{1-\\beta_t}x_{t-1}, \\beta_t I)$")
        #expect(chinese.isEmpty)
        let chineseWrong = try lint("逆向过程：$q(x_t|x_{t-1}) = \\mathcal{N}(x_t; \\sqrt{1-\\beta_t}x_{t-1}, \\beta_t I)$")
        #expect(chineseWrong.map(\.code) == ["DL150"], "\(Corpus.describe(chineseWrong))")
    }

    /// Names that contain the other name, posteriors (which run backwards and are still "the forward
    /// process posterior"), lines naming both processes and lines with two definitions stay silent.
    @Test func ambiguousSentencesAreLeftAlone() throws {
        let cases = [
            "逆扩散过程：$p_\\theta(x_{t-1}|x_t) = \\mathcal{N}(x_{t-1}; \\mu_\\theta(x_t, t), \\sigma_t^2 I)$",
            "The forward process posterior is $q(x_{t-1}|x_t, x_0) = \\mathcal{N}(x_{t-1}; \\tilde\\mu_t, \\tilde\\beta_t I)$.",
            "Unlike the forward process, the reverse process $p_\\theta(x_{t-1}|x_t) = \\mathcal{N}(\\mu_\\theta, \\Sigma_\\theta)$ is learned.",
            "The forward process $q(x_t|x_{t-1}) = \\mathcal{N}(\\sqrt{\\alpha_t}x_{t-1}, \\beta_t I)$ and $p_\\theta(x_{t-1}|x_t) = \\mathcal{N}(\\mu_\\theta, \\sigma_t^2 I)$.",
        ]
        for text in cases {
            let found = try lint(text)
            #expect(found.isEmpty, "\(text): \(Corpus.describe(found))")
        }
    }
}
