import CheckerCore
import Testing
@testable import NotesLint

private func lint(_ text: String) throws -> [Diagnostic] {
    try NotesLinter.lint(text: text + "\n", path: "dequantize.md")
}

/// Uniform noise at the scale of one grey level dequantizes 8-bit data; uniform noise as the
/// diffusion noise is still flagged.
struct DequantizationTests {
    @Test func greyLevelUniformNoiseIsNotDiffusionNoise() throws {
        let dequantized = "```python\nimport torch\nx = x / 256. * 255 + torch.rand_like(x) / 256.\n```"
        #expect(try lint(dequantized).isEmpty)
        let scaled = "```python\nimport torch\nx = x + torch.rand_like(x) * 0.0039\n```"
        #expect(try lint(scaled).isEmpty)
        let diffusion = try lint("```python\nimport torch\nnoise = torch.rand_like(x0)\nxt = a * x0 + b * noise\n```")
        #expect(diffusion.map(\.code) == ["DL201"], "\(Corpus.describe(diffusion))")
    }
}
