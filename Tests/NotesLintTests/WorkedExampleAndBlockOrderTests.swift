import CheckerCore
import Testing
@testable import NotesLint

/// A worked example under a value of the schedule supposed a few lines above it
/// ("suppose that at some step ᾱ_t = 0.64; then x_t = 0.8·x_0 + 0.6·ε") holds at that step.
struct WorkedForwardExampleTests {
    static let note = """
        Suppose that at some step

        $$
        \\bar\\alpha_t = 0.64
        $$

        then

        $$
        x_t = 0.8x_0 + 0.6\\epsilon
        $$
        """

    @Test func anExampleUnderASupposedValueIsNotJudgedAtAScheduleStep() throws {
        let d = try NotesLinter.lint(text: Self.note, path: "example.md").filter { $0.code == "DL104" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theSameNumbersWithoutTheSuppositionAreJudged() throws {
        let claimed = Self.note.replacingOccurrences(of: "Suppose that at some step", with: "The forward marginal of the linear schedule at its first steps")
            .replacingOccurrences(of: "\\bar\\alpha_t = 0.64", with: "\\beta_t \\in [10^{-4}, 0.02]")
        #expect(try NotesLinter.lint(text: claimed, path: "example.md").contains { $0.code == "DL104" })
    }
}

/// A block reads the names bound before it: a name bound only in a later block is no name an
/// earlier block misspelt.
struct SlipCandidatesInBlockOrderTests {
    static let later = """
        ```python
        ALPHAS_BAR = torch.cumprod(1 - torch.linspace(1e-4, 0.02, 1000), dim=0)
        ```
        """
    static let excerpt = """
        ```python
        # alphas_bar: the schedule, defined beforehand
        a_bar = alphas_bar[t].view(-1, 1, 1, 1)
        ```
        """

    @Test func aNameBoundOnlyInALaterBlockIsNoSlip() throws {
        let d = try NotesLinter.lint(text: Self.excerpt + "\n\n" + Self.later + "\n", path: "order.md").filter { $0.code == "DL211" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aNameBoundBeforeIsStillOffered() throws {
        let d = try NotesLinter.lint(text: Self.later + "\n\n" + Self.excerpt + "\n", path: "order.md").filter { $0.code == "DL211" }
        #expect(d.count == 1 && d.first?.fix == "ALPHAS_BAR", "\(Corpus.describe(d))")
    }
}
