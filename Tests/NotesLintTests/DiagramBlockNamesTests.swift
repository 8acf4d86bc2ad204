import CheckerCore
import Testing
@testable import NotesLint

/// An untagged fenced block that does not read as Python (a diagram, printed output) binds no
/// names: a word in it is not offered as the name a code block meant (DL211).
struct DiagramBlockNamesTests {
    static func note(diagram: String) -> String {
        """
        # Training

        ```
        \(diagram)
        ```

        ```python
        def add_noise(x0, t, abar):
            noise = torch.randn_like(x0)
            return abar[t].sqrt() * x0 + (1 - abar[t]).sqrt() * noise, noise
        ```

        ```python
        loss = F.mse_loss(noise, predicted_noise)
        ```
        """
    }

    @Test func aWordInADiagramIsNoName() throws {
        let d = try NotesLinter.lint(text: Self.note(diagram: "Image → [Add Noise] → … → Pure Noise") + "\n", path: "diagram.md").filter { $0.code == "DL211" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    /// A tagged code block that binds `Noise` still offers it.
    @Test func aNameBoundInCodeIsStillOffered() throws {
        let text = Self.note(diagram: "x0 → x1 → … → xT").replacingOccurrences("```python\nloss", "```python\nNoise = 0.1\nloss")
        #expect(text.contains("Noise = 0.1"))
        let d = try NotesLinter.lint(text: text + "\n", path: "diagram.md").filter { $0.code == "DL211" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
