import Foundation

/// The local files a LaTeX note takes its macros from.
///
/// Course slides, theses and papers keep `\newcommand{\bx}{\mathbf{x}}` in a file of their own
/// (`\input{macros}`, `\usepackage{notation}` with a `notation.sty` beside the note). Without it
/// `\bx_t = \sqrt{\abar_t}\,\bx_0 + …` is a row of unknown commands and goes unjudged; with it,
/// the formula reads as the note's author sees it.
///
/// Only definitions are taken from these files: their formulas belong to them, and are linted when
/// they are linted themselves.
struct LatexInputs {
    typealias Input = LintCoverage.MacroInput

    /// The texts read, outermost first, each file once.
    private(set) var texts: [[Unicode.Scalar]] = []
    /// The note's own commands and what each resolved to.
    private(set) var inputs: [Input] = []

    /// Files included by the files the note includes are followed too, to this depth.
    static let maximumDepth = 8

    /// `\input{f}`, `\include{f}`, `\subfile{f}`, `\import{dir/}{f}`, `\usepackage[…]{a,b}`,
    /// `\RequirePackage{a}`; and TeX's own `\input f`.
    nonisolated(unsafe) static let command = /\\(input|include|subfile|usepackage|RequirePackage|import|subimport)\s*(?:\[[^\]\n]*\])?\s*\{([^{}\n]*)\}(?:\s*\{([^{}\n]*)\})?|\\input\s+([A-Za-z0-9_.\/-]+)/

    /// Reads the files named by the note at `path` (its text is `text`). As in a LaTeX run, a
    /// name is looked up in the note's own folder, also from an included file; the included
    /// file's folder is tried next.
    init(readBy text: String, at path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        var seen: Set<String> = [(path as NSString).standardizingPath]
        inputs = follow(text, root: folder, folder: folder, depth: 0, seen: &seen)
    }

    private mutating func follow(_ text: String, root: String, folder: String, depth: Int, seen: inout Set<String>) -> [Input] {
        var found: [Input] = []
        for (lineIndex, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = Self.withoutComment(rawLine)
            for match in line.matches(of: Self.command) {
                let (name, argument, second, plain) = (match.output.1, match.output.2, match.output.3, match.output.4)
                let candidates: [String]
                let required: Bool
                switch name.map(String.init) {
                case "usepackage", "RequirePackage":
                    // Standard packages are not beside the note; only a local .sty is read.
                    candidates = (argument ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) + ".sty" }
                    required = false
                case "import", "subimport":
                    let file = String(argument ?? "") + String(second ?? "")
                    candidates = [file, file + ".tex"]
                    required = true
                default:
                    let file = String(argument ?? plain ?? "").trimmingCharacters(in: .whitespaces)
                    candidates = file.isEmpty ? [] : [file, file + ".tex"]
                    required = !file.isEmpty
                }
                let folders = root == folder ? [root] : [root, folder]
                let resolved = folders.lazy.flatMap { base in
                        candidates.map { ($0 as NSString).isAbsolutePath ? $0 : (base as NSString).appendingPathComponent($0) }
                    }
                    .first { candidate in
                        var isDirectory: ObjCBool = false
                        return FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) && !isDirectory.boolValue
                    }
                guard let file = resolved else {
                    if required { found.append(Input(line: lineIndex + 1, command: String(match.output.0), file: nil)) }
                    continue
                }
                found.append(Input(line: lineIndex + 1, command: String(match.output.0), file: file))
                let key = (file as NSString).standardizingPath
                guard depth < Self.maximumDepth, !seen.contains(key),
                      let data = FileManager.default.contents(atPath: file), let included = String(data: data, encoding: .utf8) else { continue }
                seen.insert(key)
                texts.append(Array(included.unicodeScalars))
                _ = follow(included, root: root, folder: (file as NSString).deletingLastPathComponent, depth: depth + 1, seen: &seen)
            }
        }
        return found
    }

    /// The line up to its first `%` that is not `\%`.
    private static func withoutComment(_ line: Substring) -> Substring {
        var escaped = false
        for index in line.indices {
            let c = line[index]
            if c == "%", !escaped { return line[..<index] }
            escaped = c == "\\" && !escaped
        }
        return line
    }
}
