import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "kernel-kl.md")
}

/// DDIM kernels with x_0 and with its prediction differ in the mean by c_t·(x_0 − f_θ): the KL
/// carries c_t², a function of the schedule.
struct KernelKLTests {
    private let kl = "D_{KL}(q_\\sigma(x_{t-1}|x_t, x_0) \\| q_\\sigma(x_{t-1}|x_t, f_\\theta(x_t)))"

    @Test func aNamedOrWrittenCoefficientIsRight() throws {
        #expect(try lint("$$\(kl) = \\frac{c_t^2}{2\\sigma_t^2}\\|x_0 - f_\\theta(x_t)\\|^2$$").isEmpty)
        let written = "$$\(kl) = \\frac{(\\sqrt{\\alpha_{t-1}} - \\sqrt{1-\\alpha_{t-1}-\\sigma_t^2}\\sqrt{\\alpha_t}/\\sqrt{1-\\alpha_t})^2}{2\\sigma_t^2}\\|x_0 - f_\\theta(x_t)\\|^2$$"
        #expect(try lint(written).isEmpty)
    }

    @Test func theVarianceAloneLosesTheCoefficient() throws {
        let wrong = try lint("$$\(kl) = \\frac{1}{2\\sigma_t^2}\\|x_0 - f_\\theta(x_t)\\|^2$$")
        #expect(wrong.map(\.code) == ["DL111"], "\(Corpus.describe(wrong))")
        let underExpectation = try lint("$$\\mathbb{E}[\(kl)] \\equiv \\mathbb{E}_{x_0, x_t}\\left[\\frac{\\|x_0 - f_\\theta(x_t)\\|^2}{2\\sigma_t^2}\\right]$$")
        #expect(underExpectation.map(\.code) == ["DL111"], "\(Corpus.describe(underExpectation))")
    }
}
