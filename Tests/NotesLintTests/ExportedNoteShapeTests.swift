import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "exported.md")
}

/// A notebook exported to Markdown keeps a string that holds a fenced block of its own (a model
/// card written from Python), whose inner ```` ``` ```` closes the outer fence: the block shown
/// ends inside the string. That block is not judged; a string left open without an inner fence
/// is still a syntax error.
struct NestedFenceTests {
    static let note = """
    ```python
    card = f\"\"\"
    # A fine-tuned model

    ```python
    pipeline = DDPMPipeline.from_pretrained('{repo}')
    ```
    \"\"\"
    push(card)
    ```
    """

    @Test func aBlockCutByAFenceInsideAStringIsNotJudged() throws {
        let d = try lint(Self.note).filter { $0.code == "DL212" }
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aStringLeftOpenWithoutAnInnerFenceIsStillAnError() throws {
        let open = "```python\nimport torch\ncard = f\"\"\"\n# A fine-tuned model\nx = torch.zeros(3)\n```\n"
        let d = try lint(open)
        #expect(d.contains { $0.code == "DL212" }, "\(Corpus.describe(d))")
    }
}

/// A note in the DDIM paper's notation that names DDPM's symbol in passing (`α_t is called
/// $\bar\alpha$ in the DDPM paper`) is read in its own notation: a bare ᾱ in prose is no formula
/// in DDPM's symbols. A formula of its own with ᾱ makes it a DDPM note again.
struct NamedSymbolNotationTests {
    static let note = """
    The noisy image is the clean one plus noise, as the DDIM paper defines it:

    $$ x_t = \\sqrt{\\alpha_t}x_0 + \\sqrt{1-\\alpha_t}\\epsilon $$

    Here $\\alpha_t$ is what the DDPM paper calls $\\bar{\\alpha}$, the cumulative product stored in `alphas_cumprod`.
    """

    @Test func theNotesOwnNotationIsKept() throws {
        let d = try lint(Self.note)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aWrongFormulaInItsOwnNotationIsStillFound() throws {
        let d = try lint(Self.note.replacingOccurrences("\\sqrt{1-\\alpha_t}\\epsilon", "(1-\\alpha_t)\\epsilon"))
        #expect(!d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func aFormulaInDDPMsSymbolsMakesItADDPMNote() throws {
        let ddpm = Self.note + "\n\n$$ \\bar\\alpha_t = \\prod_{s=1}^t \\alpha_s, \\quad q(x_t \\mid x_0) = \\mathcal{N}(\\sqrt{\\bar\\alpha_t}x_0, (1-\\bar\\alpha_t)I) $$\n"
        let d = try lint(ddpm)
        #expect(d.contains { $0.code == "DL104" }, "\(Corpus.describe(d))")
    }
}
