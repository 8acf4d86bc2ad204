import CheckerCore
import Testing
@testable import NotesLint

/// A note that lists common mistakes shows each one on purpose, under a label such as "Wrong
/// version:", beside its fix. Such a block is not judged, and the coverage says so; the same
/// code without the label is still found, and so is a mistake in the block labelled right.
struct WrongExampleBlockTests {
    static let note = """
        ## Noise scale

        Wrong version:

        ```python
        x_prev = mean + betas[t] * torch.randn_like(x_t)
        ```

        Correct version:

        ```python
        x_prev = mean + betas[t].sqrt() * torch.randn_like(x_t)
        ```
        """

    @Test func aBlockShownAsWrongIsNotJudged() throws {
        let (d, c) = try NotesLinter.lintWithCoverage(text: Self.note, path: "mistakes.md")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        #expect(c.code.contains { $0.verdict == .skipped && $0.reason.contains("wrong example") && $0.location.line == 6 })
    }

    @Test func theSameBlockWithoutTheLabelIsFound() throws {
        let unlabelled = Self.note.replacingOccurrences("Wrong version:", "The step:")
        let d = try NotesLinter.lint(text: unlabelled, path: "mistakes.md").filter { $0.code == "DL220" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }

    @Test func aMistakeInTheBlockLabelledRightIsFound() throws {
        let broken = Self.note.replacingOccurrences("betas[t].sqrt() * torch.randn_like", "betas[t] * torch.randn_like")
        let d = try NotesLinter.lint(text: broken, path: "mistakes.md").filter { $0.code == "DL220" }
        #expect(d.count == 1 && d.first?.location?.line == 12, "\(Corpus.describe(d))")
    }
}
