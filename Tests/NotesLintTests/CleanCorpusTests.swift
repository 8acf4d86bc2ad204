import CheckerCore
import Foundation
import Testing
@testable import NotesLint

/// Correct notes in several notations (ᾱ written four ways, the DDIM paper's α, bold vectors,
/// English and Chinese, a notebook) give no finding.
struct CleanCorpusTests {
    @Test func theCorpusIsThere() {
        #expect(Corpus.cleanNotes.count >= 4, "\(Corpus.notes.path)")
    }

    @Test(arguments: Corpus.cleanNotes)
    func noFindingOnACorrectNote(_ name: String) throws {
        let d = try NotesLinter.lint(path: Corpus.notes.appendingPathComponent(name).path)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }

    @Test func theDDIMNoteIsReadInItsOwnConvention() {
        let text = Corpus.text(Corpus.notes.appendingPathComponent("ddim-notes-en.md"))
        let source = SourceText(path: "ddim.md", text: text)
        let document = MarkdownDocument(source: source)
        #expect(MathAnalysis.analyze([(source, document.math)]).convention == .ddim)
        let zh = Corpus.text(Corpus.notes.appendingPathComponent("ddpm-notes-zh.md"))
        let zhSource = SourceText(path: "zh.md", text: zh)
        #expect(MathAnalysis.analyze([(zhSource, MarkdownDocument(source: zhSource).math)]).convention == .ddpm)
    }

    @Test func bundledNotesSummary() {
        let summary = lintBundledNotes()
        #expect(summary.files.count == Corpus.cleanNotes.count)
        #expect(summary.passed, "\(summary.description)")
    }
}
