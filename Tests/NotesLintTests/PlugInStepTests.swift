import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "plugin.md")
}

/// A sampler derivation states x_{t−1} in x_0 and then puts the model's estimate of x_0 in its
/// place: that step is right when nothing else changes, and wrong when something else does.
struct PlugInStepTests {
    /// ᾱ notation, the estimate named x̂_0.
    static let named = """
    $$
    \\begin{aligned}
    x_{t-1} &= \\sqrt{\\bar\\alpha_{t-1}}\\, x_0 + \\sqrt{1-\\bar\\alpha_{t-1}-\\sigma_t^2}\\,\\frac{x_t - \\sqrt{\\bar\\alpha_t}\\, x_0}{\\sqrt{1-\\bar\\alpha_t}} + \\sigma_t z \\\\
    &= \\sqrt{\\bar\\alpha_{t-1}}\\, \\hat{x}_0 + \\sqrt{1-\\bar\\alpha_{t-1}-\\sigma_t^2}\\,\\epsilon_\\theta(x_t, t) + \\sigma_t z
    \\end{aligned}
    $$
    """

    /// Bold vectors, ε written \\varepsilon, the estimate spelled out from ε_θ.
    static let spelled = """
    $$
    \\begin{aligned}
    \\mathbf{x}_{t-1} &= \\sqrt{\\bar\\alpha_{t-1}}\\,\\mathbf{x}_0 + \\sqrt{1-\\bar\\alpha_{t-1}-\\sigma_t^2}\\cdot\\frac{\\mathbf{x}_t - \\sqrt{\\bar\\alpha_t}\\,\\mathbf{x}_0}{\\sqrt{1-\\bar\\alpha_t}} + \\sigma_t\\varepsilon_t \\\\
    &= \\sqrt{\\bar\\alpha_{t-1}}\\left(\\frac{\\mathbf{x}_t - \\sqrt{1-\\bar\\alpha_t}\\,\\varepsilon_\\theta(\\mathbf{x}_t, t)}{\\sqrt{\\bar\\alpha_t}}\\right) + \\sqrt{1-\\bar\\alpha_{t-1}-\\sigma_t^2}\\cdot\\varepsilon_\\theta(\\mathbf{x}_t, t) + \\sigma_t\\varepsilon_t
    \\end{aligned}
    $$
    """

    @Test(arguments: [named, spelled])
    func theEstimatePluggedInIsRight(_ text: String) throws {
        let d = try lint(text)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// The estimate put in, and the direction term's coefficient changed on the way.
    @Test func aChangedCoefficientIsStillCaught() throws {
        let wrong = try lint(Self.named.replacingOccurrences("\\hat{x}_0 + \\sqrt{1-\\bar\\alpha_{t-1}-\\sigma_t^2}", "\\hat{x}_0 + \\sqrt{1-\\bar\\alpha_{t}-\\sigma_t^2}"))
        #expect(wrong.contains { $0.code == "DL142" && $0.message.contains("in place of x_0") }, "\(Corpus.describe(wrong))")
        let spelledWrong = try lint(Self.spelled.replacingOccurrences("\\mathbf{x}_t - \\sqrt{1-\\bar\\alpha_t}\\,\\varepsilon", "\\mathbf{x}_t + \\sqrt{1-\\bar\\alpha_t}\\,\\varepsilon"))
        #expect(!spelledWrong.isEmpty, "\(Corpus.describe(spelledWrong))")
    }

    /// An identity between the estimate and the truth is no plug-in step: its sign is still judged.
    @Test func theEstimationErrorIdentityIsStillJudged() throws {
        let right = "$$\\sqrt{\\bar\\alpha_t}(\\hat x_0 - x_0) = \\sqrt{1-\\bar\\alpha_t}(\\epsilon - \\epsilon_\\theta(x_t, t))$$"
        #expect(try lint(right).isEmpty)
        let wrong = try lint(right.replacingOccurrences("(\\epsilon - \\epsilon_\\theta(x_t, t))", "(\\epsilon_\\theta(x_t, t) - \\epsilon)"))
        #expect(wrong.map(\.code) == ["DL142"], "\(Corpus.describe(wrong))")
    }
}

/// A display that states x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε_θ makes its x_0 the model's estimate: a
/// link that is exact under that relation is right there. Without the relation, a link whose one
/// side holds only ε_θ and the other only x_t's noise reads x_0 as the estimate too (DDIM's update
/// written with the predicted x_0); a wrong weight is wrong in either reading.
struct StatedEstimateRelationTests {
    static let relation = "x_t &= \\sqrt{\\bar\\alpha_t}\\, x_0 + \\sqrt{1-\\bar\\alpha_t}\\,\\epsilon_\\theta(x_t, t) \\\\\n"
    static let link = """
    x_{t-1} &= \\sqrt{\\bar\\alpha_{t-1}}\\, x_0 + \\sqrt{1-\\bar\\alpha_{t-1}}\\,\\frac{x_t - \\sqrt{\\bar\\alpha_t}\\, x_0}{\\sqrt{1-\\bar\\alpha_t}} \\\\
    &= \\sqrt{\\bar\\alpha_{t-1}}\\, x_0 + \\sqrt{1-\\bar\\alpha_{t-1}}\\,\\epsilon_\\theta(x_t, t)

    """

    static func display(_ rows: String) -> String { "$$\n\\begin{aligned}\n" + rows + "\\end{aligned}\n$$" }

    @Test func theLinkHoldsUnderTheStatedRelation() throws {
        let d = try lint(Self.display(Self.relation + Self.link))
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func withoutTheRelationTheLinkReadsX0AsTheEstimate() throws {
        let d = try lint(Self.display(Self.link))
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let wrongWeight = Self.link.replacingOccurrences("{\\sqrt{1-\\bar\\alpha_t}} \\\\", "{1-\\bar\\alpha_t} \\\\")
        #expect(wrongWeight != Self.link)
        let wrong = try lint(Self.display(wrongWeight))
        #expect(wrong.contains { $0.code == "DL142" }, "\(Corpus.describe(wrong))")
    }
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
