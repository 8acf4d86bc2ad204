import CheckerCore

/// What `checker lint` judged in a file and what it did not, with the reason: a formula the
/// linter cannot read or does not recognise is never counted as clean in silence.
public struct LintCoverage: Sendable {
    /// One equation (a chain `A = B = …` or `A ∼ B`) of a note.
    public struct Entry: Sendable {
        public var line: Int
        public var cell: Int?
        public var formula: String
        /// nil: judged (each of its equations the judge recognised was evaluated).
        public var reason: String?
    }

    /// A LaTeX note's `\input`-like command, read for the macros it defines (see `LatexInputs`).
    public struct MacroInput: Sendable, Equatable {
        /// 1-based line of the command in the note.
        public var line: Int
        /// The command as written, e.g. `\input{macros}`.
        public var command: String
        /// The file read, or nil when no such file is beside the note.
        public var file: String?
    }

    public var file: String
    /// The notation the file was read in, stated as findings state it.
    public var reading: String
    public var equations: [Entry] = []
    /// Code blocks, notebook code cells or Python files the code rules read.
    public var codeBlocks = 0
    /// What the code rules ran and what they left alone (functions, module code, blocks).
    public var code: [CodeCoverageEntry] = []
    /// A LaTeX note's `\input`, `\include` and local `\usepackage` commands, and what each read.
    public var macroInputs: [MacroInput] = []

    public var judged: [Entry] { equations.filter { $0.reason == nil } }
    public var notJudged: [Entry] { equations.filter { $0.reason != nil } }

    /// Reasons an equation is left alone, worded once so the summary can count them.
    enum Reason {
        static let unreadable = "not read: LaTeX the parser does not understand"
        static let unknown = "not judged: not an equation of DDPM/DDIM the linter knows"
    }

    static func excerpt(_ text: String) -> String {
        let flat = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(separator: " ")
        let squeezed = flat.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return squeezed.count > 90 ? String(squeezed.prefix(87)) + "…" : squeezed
    }

    /// The text report: a count line per file, then each equation not judged with its reason.
    public static func text(_ coverage: [LintCoverage]) -> String {
        var lines: [String] = []
        for c in coverage {
            let codeJudged = c.code.filter { $0.verdict == .judged }.count
            lines.append("\(c.file): coverage: \(c.judged.count) equation(s) judged, \(c.notJudged.count) not judged; \(c.codeBlocks) code block(s), \(codeJudged) piece(s) of code run, \(c.code.count - codeJudged) left alone; notation: \(c.reading)")
            var byReason: [String: Int] = [:]
            for e in c.notJudged { byReason[e.reason ?? "", default: 0] += 1 }
            for (reason, n) in byReason.sorted(by: { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }) {
                lines.append("  \(n) × \(reason)")
            }
            for e in c.notJudged {
                let place = e.cell.map { "cell \($0 + 1):\(e.line)" } ?? "\(e.line)"
                lines.append("  \(c.file):\(place): \(e.reason ?? ""): \(e.formula)")
            }
            for input in c.macroInputs where input.file == nil {
                lines.append("  \(c.file):\(input.line): macros not read: \(input.command): no such file beside the note; formulas using its macros may go unjudged")
            }
            for e in c.code where e.verdict == .skipped {
                let place = e.location.cell.map { "cell \($0 + 1):\(e.location.line)" } ?? "\(e.location.line)"
                lines.append("  \(c.file):\(place): code not judged: \(e.construct): \(e.reason)")
            }
        }
        return lines.joined(separator: "\n")
    }

    public static func json(_ coverage: [LintCoverage]) -> JSONValue {
        .array(coverage.map { c in
            func entry(_ e: Entry) -> JSONValue {
                var members: [(key: String, value: JSONValue)] = [("line", .number(Double(e.line)))]
                if let cell = e.cell { members.append(("cell", .number(Double(cell)))) }
                members.append(("formula", .string(e.formula)))
                if let r = e.reason { members.append(("reason", .string(r))) }
                return .object(members)
            }
            return .object([
                ("file", .string(c.file)),
                ("notation", .string(c.reading)),
                ("judged", .number(Double(c.judged.count))),
                ("notJudgedCount", .number(Double(c.notJudged.count))),
                ("codeBlocks", .number(Double(c.codeBlocks))),
                ("judgedEquations", .array(c.judged.map(entry))),
                ("notJudged", .array(c.notJudged.map(entry))),
                ("code", .array(c.code.map { e in
                    var members: [(key: String, value: JSONValue)] = [("line", .number(Double(e.location.line)))]
                    if let cell = e.location.cell { members.append(("cell", .number(Double(cell)))) }
                    members += [("construct", .string(e.construct)), ("verdict", .string(e.verdict.rawValue)), ("reason", .string(e.reason))]
                    return .object(members)
                })),
                ("macroInputs", .array(c.macroInputs.map { input in
                    var members: [(key: String, value: JSONValue)] = [("line", .number(Double(input.line))), ("command", .string(input.command))]
                    members.append(input.file.map { ("file", .string($0)) } ?? ("reason", .string("no such file beside the note")))
                    return .object(members)
                })),
            ])
        })
    }
}

/// Collects the coverage of one file while it is linted.
final class CoverageCollector {
    var coverage: LintCoverage
    init(file: String) { coverage = LintCoverage(file: file, reading: "") }
}
