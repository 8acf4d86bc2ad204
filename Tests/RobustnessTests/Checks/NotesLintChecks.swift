import CheckerCore
import NotesLint

/// Properties of `checker lint`'s readers: Markdown with LaTeX math, the Python subset, and
/// Jupyter notebooks (`NotesLinter.lintMarkdown`, `lintPython`, `lintNotebook`).
///
/// - Any text is linted without trapping; a notebook that is not one is refused with a stable
///   code (`DL003` notebook-json, `DL004` notebook-structure) and a message naming the line and column or
///   the cell.
/// - Every diagnostic has a code, a message and a place inside the text it is about (for a
///   notebook, inside the cell it names), with its end, if any, not before its start.
enum NotesLintChecks {
    static func markdown(_ bytes: [UInt8]) -> FuzzFindings {
        guard let text = String(validating: bytes, as: UTF8.self) else { return FuzzFindings() }
        let bounds = TextBounds(text)
        return diagnostics(NotesLinter.lintMarkdown(text: text, path: "notes.md")) { _ in bounds }
    }

    static func python(_ bytes: [UInt8]) -> FuzzFindings {
        guard let text = String(validating: bytes, as: UTF8.self) else { return FuzzFindings() }
        let bounds = TextBounds(text)
        return diagnostics(NotesLinter.lintPython(text: text, path: "notes.py")) { _ in bounds }
    }

    static func notebook(_ bytes: [UInt8]) -> FuzzFindings {
        var findings = FuzzFindings()
        guard let text = String(validating: bytes, as: UTF8.self) else { return findings }
        let found: [Diagnostic]
        do {
            found = try NotesLinter.lintNotebook(text: text, path: "notes.ipynb")
        } catch {
            findings.require([.notebookJSON, .notebookStructure].contains(error.kind), "unexpected notebook refusal code: \(error)")
            findings.require(!error.message.isEmpty, "notebook refusal without a message")
            findings.require(error.message.contains("line") || error.message.contains("cell") || error.message.contains("cells"), "notebook refusal without a place: \(error)")
            return findings
        }
        let whole = TextBounds(text)
        let cells = cellTexts(text).map(TextBounds.init)
        return diagnostics(found) { cell in
            guard let cell else { return whole }
            return cell >= 0 && cell < cells.count ? cells[cell] : nil
        }
    }

    /// The text of each cell as the linter reads it (sources joined).
    static func cellTexts(_ text: String) -> [String] {
        guard let root = try? JSONValue.parse(text), case .array(let cells)? = root["cells"] else { return [] }
        return cells.map { cell in
            switch cell["source"] {
            case .string(let s)?: return s
            case .array(let lines)?: return lines.map { if case .string(let s) = $0 { return s } else { return "" } }.joined()
            default: return ""
            }
        }
    }

    static func diagnostics(_ found: [Diagnostic], bounds: (Int?) -> TextBounds?) -> FuzzFindings {
        var findings = FuzzFindings()
        for d in found {
            findings.require(!d.code.isEmpty && !d.message.isEmpty, "diagnostic without a code or message: \(d)")
            guard let location = d.location else { continue }
            guard let b = bounds(location.cell) else {
                findings.record("\(d.code) names cell \(location.cell.map(String.init) ?? "nil"), which does not exist")
                continue
            }
            findings.require(b.contains(line: location.line, column: location.column), "\(d.code) at \(location.line):\(location.column), outside the text: \(d.message)")
            if let endLine = location.endLine, let endColumn = location.endColumn {
                findings.require(b.contains(line: endLine, column: endColumn), "\(d.code) ends at \(endLine):\(endColumn), outside the text")
                findings.require((endLine, endColumn) >= (location.line, location.column), "\(d.code) ends before it starts")
            }
        }
        return findings
    }
}
