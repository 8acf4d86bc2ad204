import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text, path: "e.md")
}

/// A block that quotes a line of a function shown earlier uses that function's locals.
struct CodeExcerptTests {
    static let note = """
    ```python
    sqrt_alpha_hats = torch.sqrt(torch.cumprod(1 - torch.linspace(1e-4, 0.02, 1000), 0))

    def loss_fn(model, x_0, t, noise):
        sqrt_alpha_hat_t = sqrt_alpha_hats[t]
        x_noisy = sqrt_alpha_hat_t * x_0 + (1 - sqrt_alpha_hat_t ** 2) ** 0.5 * noise
        return ((model(x_noisy, t) - noise) ** 2).mean()
    ```

    The line that matters:

    ```python
        x_noisy = sqrt_alpha_hat_t * x_0 + (1 - sqrt_alpha_hat_t ** 2) ** 0.5 * noise
    ```

    """

    @Test func anIndentedExcerptUsesTheFunctionsLocals() throws {
        let d = try lint(Self.note)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        // Quoted without its indentation, the line is still an excerpt of the block above.
        let flush = Self.note.replacingOccurrences("```python\n    x_noisy", "```python\nx_noisy")
        #expect(try lint(flush).isEmpty)
    }

    @Test func aSlipInAnExcerptIsStillCaught() throws {
        let wrong = Self.note.replacingOccurrences("```python\n    x_noisy = sqrt_alpha_hat_t * x_0", "```python\n    x_noisy = sqrt_alpha_hat_tt * x_0")
        let d = try lint(wrong)
        #expect(d.map(\.code) == ["DL211"], "\(Corpus.describe(d))")
    }

    @Test func aProgramBlockStillNeedsItsNames() throws {
        // Not an excerpt: a new flush-left line that uses a name only the function defines.
        let program = Self.note.replacingOccurrences("```python\n    x_noisy = sqrt_alpha_hat_t * x_0 + (1 - sqrt_alpha_hat_t ** 2) ** 0.5 * noise", "```python\nx_sample = sqrt_alpha_hat_t * x_0")
        #expect(try lint(program).map(\.code) == ["DL211"])
    }
}
