import CheckerCore
import Foundation
@testable import NotesLint

/// Where the test corpus and the bundled notes are.
enum Corpus {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let corpus = testsDirectory.appendingPathComponent("Corpus")
    static let notes = testsDirectory.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("notes")

    static func text(_ url: URL) -> String {
        (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }

    /// The bundled, correct notes every test reads (English, Chinese, DDIM convention, a notebook).
    static var cleanNotes: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: notes.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    static func describe(_ d: [Diagnostic]) -> String {
        d.map(DiagnosticReport.textLine).joined(separator: "\n")
    }
}
