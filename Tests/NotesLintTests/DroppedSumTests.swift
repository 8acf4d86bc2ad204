import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "dropped-sum.md")
}

/// A derivation step keeps the sum over the step index, or samples the index (then (T − 1) times
/// the average over t is the sum, not a weight of the per-step loss).
struct DroppedSumTests {
    private let summed = "L = \\sum_{t=2}^{T} \\mathbb{E}_q\\left[\\frac{1}{2\\sigma_t^2}\\|\\tilde\\mu_t(x_t, x_0) - \\mu_\\theta(x_t, t)\\|^2\\right] + L_0"

    @Test func theSumIsKeptOrTheIndexSampled() throws {
        let kept = "$$\(summed) = \\sum_{t=2}^{T} \\mathbb{E}_{x_0, \\epsilon}\\left[\\frac{\\beta_t^2}{2\\sigma_t^2\\alpha_t(1-\\bar\\alpha_t)}\\|\\epsilon - \\epsilon_\\theta(x_t, t)\\|^2\\right] + L_0$$"
        #expect(try lint(kept).isEmpty)
        let sampled = "$$\(summed) = (T-1)\\,\\mathbb{E}_{t, x_0, \\epsilon}\\left[\\frac{\\beta_t^2}{2\\sigma_t^2\\alpha_t(1-\\bar\\alpha_t)}\\|\\epsilon - \\epsilon_\\theta(x_t, t)\\|^2\\right] + L_0$$"
        #expect(try lint(sampled).isEmpty)
        let dropped = try lint("$$\(summed) = \\mathbb{E}_{x_0, \\epsilon}\\left[\\frac{\\beta_t^2}{2\\sigma_t^2\\alpha_t(1-\\bar\\alpha_t)}\\|\\epsilon - \\epsilon_\\theta(x_t, t)\\|^2\\right] + L_0$$")
        #expect(dropped.map(\.code) == ["DL119"], "\(Corpus.describe(dropped))")
    }
}
