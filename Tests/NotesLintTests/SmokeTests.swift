import Foundation
import Testing
import CheckerCore
@testable import NotesLint

@Test func printSeed() throws {
    let url = Bundle.module.url(forResource: "Corpus/seed-ddpm-notes", withExtension: "md")!
    let text = try String(contentsOf: url, encoding: .utf8)
    let d = try NotesLinter.lint(text: text, path: "seed.md")
    print(DiagnosticReport.render(d, format: .text, tool: ToolDescriptor(name: "x", rules: [])))
}
