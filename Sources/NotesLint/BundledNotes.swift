import CheckerCore
import Foundation

/// The result of linting the example notes shipped in `notes/`: they are correct notes, so any
/// finding is a regression of the linter (or of a note).
public struct BundledNotesSummary: Sendable, CustomStringConvertible {
    public var directory: String
    public var files: [String]
    public var diagnostics: [Diagnostic]
    public var inputErrors: [String]

    public var passed: Bool { !files.isEmpty && diagnostics.isEmpty && inputErrors.isEmpty }

    public var description: String {
        var lines = ["lint of bundled notes in \(directory): \(files.count) file(s), \(diagnostics.count) finding(s)\(passed ? "" : ", FAILED")"]
        lines += inputErrors
        lines += diagnostics.map(DiagnosticReport.textLine)
        if files.isEmpty { lines.append("no notes found") }
        return lines.joined(separator: "\n")
    }
}

/// Lints the notes in `notes/` at the repository root (found from this source file, or from
/// `directory` when given). Used by `checker verify`.
public func lintBundledNotes(directory: String? = nil) -> BundledNotesSummary {
    let dir = directory ?? URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("notes").path
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
        .filter { [".md", ".markdown", ".ipynb", ".py"].contains(where: $0.lowercased().hasSuffix) }
        .sorted()
    var summary = BundledNotesSummary(directory: dir, files: names, diagnostics: [], inputErrors: [])
    for name in names {
        do {
            summary.diagnostics += try NotesLinter.lint(path: (dir as NSString).appendingPathComponent(name))
        } catch {
            summary.inputErrors.append(error.description)
        }
    }
    return summary
}
