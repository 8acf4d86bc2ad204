import Foundation
import Testing
@testable import NotesLint

@Test func debugMutant() throws {
    let text = Corpus.text(Corpus.notes.appendingPathComponent("ddpm-notes-en.md"))
    let mutated = text.replacingOccurrences("var = betas[t] * (1.0 - alphas_cumprod_prev[t]) / (1.0 - alphas_cumprod[t])", "var = betas[t] * (1.0 - alphas_cumprod[t]) / (1.0 - alphas_cumprod_prev[t])")
    print(Corpus.describe(try NotesLinter.lint(text: mutated, path: "m.md")))
}
