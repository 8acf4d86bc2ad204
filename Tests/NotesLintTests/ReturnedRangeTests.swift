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
}
