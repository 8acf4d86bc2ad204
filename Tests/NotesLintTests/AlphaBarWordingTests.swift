import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "wording.md")
}

/// ᾱ_t multiplies the α_s = 1 − β_s, not the variances β_s.
struct AlphaBarWordingTests {
    @Test func alphaBarIsTheProductOfTheAlphas() throws {
        #expect(try lint("We precompute $\\bar\\alpha_t$, the cumulative product of $\\alpha_s = 1 - \\beta_s$.").isEmpty)
        #expect(try lint("`alphas_cumprod` holds the cumulative product of (1 - betas) up to each step.").isEmpty)
        #expect(try lint("We precompute $\\bar\\alpha_t$, the cumulative product of one minus the variances.").isEmpty)
        let wrong = try lint("From the schedule we also need the cumulative product of the variances, $\\bar{\\alpha}_t$.")
        #expect(wrong.map(\.code) == ["DL160"], "\(Corpus.describe(wrong))")
        let betas = try lint("`alphas_cumprod` is the cumulative product of the betas.")
        #expect(betas.map(\.code) == ["DL160"], "\(Corpus.describe(betas))")
    }

    /// Without ᾱ in the sentence, a product of betas is some other quantity and is not judged.
    @Test func otherProductsAreNotJudged() throws {
        #expect(try lint("The cumulative product of the variances shrinks quickly.").isEmpty)
    }
}
