import CheckerCore
import Testing
@testable import NotesLint

/// Written forms from notes that are right, each beside a wrong variant that is still found: two
/// values given to one quantity on one line as options, a derivation that continues a wrong
/// display with the right result, and where a finding about ε_θ's input is placed.
struct OptionsAndCarriedStepTests {
    static func lint(_ text: String) throws -> [Diagnostic] {
        try NotesLinter.lint(text: text + "\n", path: "n.md")
    }

    // MARK: Options on one line

    static let rightOption = "\\tilde{\\beta}_t = \\frac{1-\\bar{\\alpha}_{t-1}}{1-\\bar{\\alpha}_t}\\beta_t"

    /// "β̃_t = β_t and β̃_t = (1 − ᾱ_{t−1})/(1 − ᾱ_t)·β_t give similar results": the first is the
    /// other variance DDPM offers, under the name of the second.
    @Test func aValueOfferedBesideTheRightOneIsQuiet() throws {
        let d = try Self.lint("DDPM takes $\\tilde{\\beta}_t = \\beta_t$ and $\(Self.rightOption)$ with similar results.")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let chinese = try Self.lint("且认为$\\tilde{\\beta}_{t}=\\beta_{t}$和$\(Self.rightOption)$结果近似。")
        #expect(chinese.isEmpty, "\(Corpus.describe(chinese))")
    }

    /// Alone, the same claim is wrong.
    @Test func theValueAloneIsFound() throws {
        let d = try Self.lint("DDPM takes $\\tilde{\\beta}_t = \\beta_t$.")
        #expect(d.map(\.code) == ["DL106"], "\(Corpus.describe(d))")
    }

    /// With no right value among the options, each wrong one is found.
    @Test func optionsThatAreAllWrongAreFound() throws {
        let d = try Self.lint("DDPM takes $\\tilde{\\beta}_t = \\beta_t$ and $\\tilde{\\beta}_t = \\frac{1-\\bar{\\alpha}_{t}}{1-\\bar{\\alpha}_{t-1}}\\beta_t$.")
        #expect(d.map(\.code) == ["DL106", "DL106"], "\(Corpus.describe(d))")
    }

    // MARK: A display that continues a wrong one

    static let carried = """
        Expanding the mean:

        $$
        \\mu_q(x_t, x_0) = \\frac{\\sqrt{\\alpha_t (1 - \\bar{\\alpha}_{t-1})} \\, x_t + \\sqrt{\\bar{\\alpha}_{t-1} (1 - \\alpha_t)} \\, x_0}{1 - \\bar{\\alpha}_t}
        $$

        $$
        = \\frac{1}{\\sqrt{\\alpha_t}} \\left( x_t - \\frac{1 - \\alpha_t}{\\sqrt{1 - \\bar{\\alpha}_t}} \\varepsilon \\right)
        $$
        """

    /// The wrong side is reported in its own display; the step to the right result repeats that
    /// error and is not reported on the right line.
    @Test func aRightResultAfterAWrongDisplayIsQuiet() throws {
        let d = try Self.lint(Self.carried)
        #expect(d.map(\.code) == ["DL107"] && d.first?.location?.line == 4, "\(Corpus.describe(d))")
    }

    /// When the continuation is wrong too, it is still found.
    @Test func aWrongResultAfterAWrongDisplayIsFound() throws {
        let text = Self.carried.replacingOccurrences("\\frac{1 - \\alpha_t}{\\sqrt{1 - \\bar{\\alpha}_t}}", "\\frac{1 - \\alpha_t}{1 - \\bar{\\alpha}_t}")
        #expect(text != Self.carried)
        let d = try Self.lint(text)
        #expect(d.contains { $0.location?.line == 8 }, "\(Corpus.describe(d))")
    }

    // MARK: Where a finding about ε_θ's input stands

    /// A loss spread over several lines: the finding is on the line that writes ε_θ.
    @Test func aWrongNetworkInputIsReportedOnItsLine() throws {
        let text = """
            $$
              \\mathcal{L} = \\mathbb{E}_{t, \\epsilon, x_0}
                \\left[
                  \\| \\epsilon - \\epsilon_\\theta (\\sqrt{\\bar{\\alpha}_t} x_t + \\sqrt{1 - \\bar{\\alpha}_t} \\epsilon, t) \\| ^ 2
                \\right]
            $$
            """
        let d = try Self.lint(text)
        #expect(d.map(\.code) == ["DL110"] && d.first?.location?.line == 4, "\(Corpus.describe(d))")
    }
}
