import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "gaussian-variable.md")
}

/// DL132 on the variable of a density's Gaussian: f(A | C) = N(A; μ(C), Σ(C)). A Gaussian written
/// over another state, or with a mean in the state the density is of, is found; the usual
/// kernels, in either form (with or without the variable), stay quiet.
struct GaussianVariableTests {
    @Test(arguments: [
        "$$q(x_t|x_{t-1}) = \\mathcal{N}(x_t; \\sqrt{1-\\beta_t}x_{t-1}, \\beta_t I)$$",
        "$$p_\\theta(x_{t-1}|x_t) = \\mathcal{N}(x_{t-1}; \\mu_\\theta(x_t, t), \\Sigma_\\theta(x_t, t))$$",
        "$$q(x_{t-1}|x_t, x_0) = \\mathcal{N}(x_{t-1}; \\tilde\\mu_t(x_t, x_0), \\tilde\\beta_t I)$$",
        "$$q(x_t|x_0) = \\mathcal{N}(\\sqrt{\\bar\\alpha_t}x_0, (1-\\bar\\alpha_t)I)$$",
        "$$p(x_T) = \\mathcal{N}(x_T; 0, I)$$",
    ])
    func aGaussianOverItsOwnStateIsQuiet(_ line: String) throws {
        let d = try lint(line)
        #expect(!d.contains { $0.code == "DL132" }, "\(Corpus.describe(d))")
    }

    @Test(arguments: [
        ("$$p_\\theta(\\boldsymbol{x}_{t-1} \\vert \\boldsymbol{x}_t) = \\mathcal{N}(\\boldsymbol{x}_t;\\, \\boldsymbol{\\mu}_\\theta(\\boldsymbol{x}_t, t), \\boldsymbol{\\Sigma}_\\theta(\\boldsymbol{x}_t))$$", "written over x_t"),
        ("$$q(x_{t-1}|x_t, x_0) = \\mathcal{N}(x_t; \\tilde\\mu_t(x_t, x_0), \\tilde\\beta_t I)$$", "written over x_t"),
        ("- the forward step: $q(x_t|x_{t-1}) = \\mathcal{N}(x_t; \\sqrt{1 - \\beta_t} x_t, \\beta_t \\mathcal{I})$", "reads x_t, the state it is a density of"),
    ])
    func aGaussianOverAnotherStateOrInItsOwnStateIsFound(_ line: String, _ message: String) throws {
        let d = try lint(line)
        #expect(d.map(\.code) == ["DL132"] && d.first?.message.contains(message) == true, "\(Corpus.describe(d))")
    }
}
