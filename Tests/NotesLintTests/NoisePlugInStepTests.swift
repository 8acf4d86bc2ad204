import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "plug-noise.md")
}

/// A derivation writes a step with a drawn noise ε ~ N(0, I) and then says the network's
/// ε_θ(x_t, t) may stand in its place: the link that swaps ε for ε_θ and changes nothing else is
/// a plug-in, not an identity that fails. A link that changes a weight as well is still wrong.
struct NoisePlugInStepTests {
    /// DDPM's ᾱ, the estimate of x_0 named, the draw stated beside it.
    static let named = """
    $$
    \\begin{aligned}
    x_{t-1} &= \\sqrt{\\bar\\alpha_{t-1}}\\,\\hat{x}_0 + \\sqrt{1-\\bar\\alpha_{t-1}}\\,\\epsilon, \\quad \\epsilon\\sim\\mathcal{N}(0,I) \\\\
    &= \\sqrt{\\bar\\alpha_{t-1}}\\,\\hat{x}_0 + \\sqrt{1-\\bar\\alpha_{t-1}}\\,\\epsilon_\\theta(x_t,t)
    \\end{aligned}
    $$
    """

    /// Bold letters, x_0 put in for its estimate and ε for ε_θ in one link.
    static let both = """
    $$
    \\begin{aligned}
    \\mathbf{x}_{t-1} &= \\sqrt{\\bar\\alpha_{t-1}}\\,\\mathbf{x}_0 + \\sqrt{1-\\bar\\alpha_{t-1}}\\,\\boldsymbol{\\epsilon} \\\\
    &= \\sqrt{\\bar\\alpha_{t-1}}\\,\\frac{\\mathbf{x}_t - \\sqrt{1-\\bar\\alpha_t}\\,\\boldsymbol{\\epsilon}_\\theta(\\mathbf{x}_t,t)}{\\sqrt{\\bar\\alpha_t}} + \\sqrt{1-\\bar\\alpha_{t-1}}\\,\\boldsymbol{\\epsilon}_\\theta(\\mathbf{x}_t,t)
    \\end{aligned}
    $$
    """

    /// Only the link is at stake here: whether the first side, a step with fresh noise of the full
    /// variance 1 − ᾱ_{t−1}, is a sampler a note should use is another rule's question.
    @Test(arguments: [named, both])
    func theNetworksNoisePutInIsRight(_ text: String) throws {
        let d = try lint(text).filter { $0.code == "DL142" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aWeightChangedOnTheWayIsStillCaught() throws {
        let wrong = try lint(Self.named.replacingOccurrences("\\sqrt{1-\\bar\\alpha_{t-1}}\\,\\epsilon_\\theta", "\\sqrt{1-\\bar\\alpha_{t}}\\,\\epsilon_\\theta"))
        #expect(wrong.contains { $0.code == "DL142" && $0.message.contains("ε_θ in place of the noise") }, "\(Corpus.describe(wrong))")
        let bothWrong = try lint(Self.both.replacingOccurrences("\\mathbf{x}_t - \\sqrt{1-\\bar\\alpha_t}", "\\mathbf{x}_t + \\sqrt{1-\\bar\\alpha_t}"))
        #expect(bothWrong.contains { $0.code == "DL142" }, "\(Corpus.describe(bothWrong))")
    }
}
