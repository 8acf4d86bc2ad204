import CheckerCore
import Testing
@testable import NotesLint

/// An integral whose lower and upper limits are the same expression is 0: in a note it is one
/// limit written twice (DL119). Different limits, one limit, or none are not judged, nor limits of
/// a single number or symbol, which notes evaluate on purpose (∫_0^0 f = 0, exp(∫_s^s A) = I).
struct ZeroWidthIntegralTests {
    static func lint(_ text: String) throws -> [Diagnostic] { try NotesLinter.lint(text: text + "\n", path: "integral.md") }

    static let decoder = """
        The decoder integrates the Gaussian over each pixel's bin:

        $$p_\\theta(x_0 \\mid x_1) = \\prod_{i=1}^{D} \\int_{\\delta_-(x_0^i)}^{\\delta_+(x_0^i)} \\mathcal{N}(x; \\mu_\\theta^i(x_1, 1), \\sigma_1^2)\\, dx$$
        """

    @Test func limitsThatDifferAreQuiet() throws {
        for text in [Self.decoder, "$$\\int_{-\\infty}^{\\infty} p(x)\\, dx = 1$$", "$$\\int_0^T g(t)^2 dt$$", "$$\\int_{\\mathbb{R}^d} p(x) dx = 1$$",
                     "$$m(0) = A e^{\\int_0^0 f(r)\\, dr} = A$$", "$$\\Phi(s, s) = \\exp\\left(\\int_s^s A(r)\\, dr\\right) = I$$"] {
            let d = try Self.lint(text)
            #expect(d.isEmpty, "\(text)\n\(Corpus.describe(d))")
        }
    }

    @Test func aLimitWrittenTwiceIsFound() throws {
        let twice = Self.decoder.replacingOccurrences("^{\\delta_+(x_0^i)}", "^{\\delta_-(x_0^i)}")
        #expect(twice != Self.decoder)
        let d = try Self.lint(twice)
        #expect(d.map(\.code) == ["DL119"], "\(Corpus.describe(d))")
        let shifted = try Self.lint("$$\\int_{t-1}^{t-1} \\beta(s)\\, ds$$")
        #expect(shifted.map(\.code) == ["DL119"], "\(Corpus.describe(shifted))")
    }
}
