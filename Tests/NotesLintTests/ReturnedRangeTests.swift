import Testing
@testable import NotesLint

/// A schedule function that returns its linspace states the β range as much as an assignment
/// does: prose that quotes another range for DDPM disagrees with it.
struct ReturnedRangeTests {
    static let note = """
    DDPM's variances grow linearly from $\\beta_1 = 10^{-4}$ to $\\beta_T = 0.02$.

    ```python
    import torch

    def linear_beta_schedule(steps):
        beta_start = 0.0001
        beta_end = 0.02
        return torch.linspace(beta_start, beta_end, steps)
    ```
    """

    @Test func agreeingProseIsQuiet() throws {
        let d = try NotesLinter.lint(text: Self.note, path: "range.md")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func proseQuotingAnotherStartIsFound() throws {
        let d = try NotesLinter.lint(text: Self.note.replacingOccurrences("10^{-4}", "10^{-3}"), path: "range.md")
        #expect(d.map(\.code) == ["DL302"] && d.first?.location?.line == 1, "\(Corpus.describe(d))")
    }

    /// A note in Russian, German or French writes the end of the range with a decimal comma,
    /// `$\beta_T = 0,02$`: it is 0.02 and agrees with the code; `0,2` does not.
    @Test func aDecimalCommaIsReadAsADecimal() throws {
        let comma = Self.note.replacingOccurrences("$\\beta_T = 0.02$", "$\\beta_T = 0,02$")
        #expect(comma != Self.note)
        let d = try NotesLinter.lint(text: comma, path: "range.md")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let wrong = try NotesLinter.lint(text: comma.replacingOccurrences("0,02$", "0,2$"), path: "range.md")
        #expect(wrong.map(\.code) == ["DL302"], "\(Corpus.describe(wrong))")
    }
}
