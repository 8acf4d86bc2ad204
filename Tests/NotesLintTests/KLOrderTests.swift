import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "kl-order.md")
}

/// DL158: the bound's KL terms put the forward density first. A term written with the model or
/// the prior first is found, in a display, inline, or in a list item; other KLs are left alone.
struct KLOrderTests {
    /// The bound's terms in their order, and KLs that are not terms of the bound: between two
    /// model densities, between joints, the data distribution against the model.
    @Test(arguments: [
        "$$L_{t-1} = D_{KL}(q(x_{t-1}|x_t,x_0) \\| p_\\theta(x_{t-1}|x_t))$$",
        "The prior term $L_T = D_{KL}(q(x_T|x_0)\\|p(x_T))$ has no parameter.",
        "1. $D_{\\mathrm{KL}}(q(x_{t-1}|x_t, x_0)||p_\\theta(x_{t-1}|x_t))$, the denoising terms",
        "$$D_{KL}(p_\\theta(x_{t-1}|x_t) \\| p_\\phi(x_{t-1}|x_t))$$",
        "$$D_{KL}(p_\\theta(x_{0:T}) \\| q(x_{0:T}))$$",
        "$$D_{KL}(p(x_0) \\| p_\\theta(x_0))$$",
        "$$D_{KL}(p(x_{t-1}|x_t) \\| q(x_{t-1}|x_t))$$",
    ])
    func theForwardDensityFirstAndOtherDivergencesAreQuiet(_ line: String) throws {
        let d = try lint(line)
        #expect(!d.contains { $0.code == "DL158" }, "\(Corpus.describe(d))")
    }

    @Test(arguments: [
        ("$$L_{t-1} = D_{KL}(p_\\theta(x_{t-1}|x_t) \\| q(x_{t-1}|x_t,x_0))$$", "D_KL(q(x_{t-1} | x_t, x_0) ‖ p_θ(x_{t-1} | x_t))"),
        ("The prior term $L_T = D_{KL}(p(x_T)\\|q(x_T|x_0))$ has no parameter.", "D_KL(q(x_T | x_0) ‖ p(x_T))"),
        ("1. $D_{\\mathrm{KL}}(p_\\theta(x_{t-1}|x_t)||q(x_{t-1}|x_t, x_0))$, the denoising terms", "D_KL(q(x_{t-1} | x_t, x_0) ‖ p_θ(x_{t-1} | x_t))"),
    ])
    func theModelFirstIsFound(_ line: String, _ fix: String) throws {
        let d = try lint(line)
        #expect(d.map(\.code) == ["DL158"], "\(Corpus.describe(d))")
        #expect(d.first?.fix == fix)
    }
}
