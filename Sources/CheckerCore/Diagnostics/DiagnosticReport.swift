import Foundation

/// The output formats every diagnostic-producing command offers.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// `path:line:col: severity: message [CODE/slug]`, one finding a line, as compilers and linters print.
    case text
    /// A JSON array of findings, for scripts.
    case json
    /// SARIF 2.1.0, for code-scanning services.
    case sarif
    /// GitHub Actions workflow commands (`::error file=…,line=…::message`), which annotate a pull request.
    case github
}

/// Renders findings in each ``ReportFormat``.
///
/// Positions: text prints a notebook finding as `file:cell N:line:col` (the cell 1-based, the line
/// within the cell). The machine formats (json, sarif, github) put `line` and `column` at the place
/// in the file itself, so that an annotation lands on the right line of the `.ipynb`, and carry the
/// cell (1-based, as in text) and the line and column within it beside. Columns count Unicode
/// scalars everywhere; SARIF says so with `columnKind: unicodeCodePoints`.
public enum DiagnosticReport {
    /// - Parameter readFile: reads a notebook to map its cell positions to file positions
    ///   (the file system by default; nil from it leaves the cell's line in place).
    public static func render(
        _ diagnostics: [Diagnostic], format: ReportFormat, tool: ToolDescriptor,
        readFile: @escaping (String) -> String? = DiagnosticReport.readTextFile
    ) -> String {
        switch format {
        case .text: return diagnostics.map(textLine).joined(separator: "\n")
        case .json: return json(diagnostics, readFile: readFile).serialized()
        case .sarif: return sarif(diagnostics, tool: tool, readFile: readFile).serialized()
        case .github:
            let positions = FilePositions(readFile: readFile)
            return diagnostics.map { githubLine($0, positions: positions) }.joined(separator: "\n")
        }
    }

    /// The file's text, or nil when it cannot be read as UTF-8.
    public static func readTextFile(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    /// `path:line:col: severity: message [CODE/slug]`; a finding with no place starts at the tool name.
    public static func textLine(_ d: Diagnostic) -> String {
        var prefix = ""
        if let loc = d.location {
            if let cell = loc.cell {
                prefix = "\(loc.file):cell \(cell + 1):\(loc.line):\(loc.column): "
            } else {
                prefix = "\(loc.file):\(loc.line):\(loc.column): "
            }
        }
        var line = "\(prefix)\(d.severity.rawValue): \(d.message) [\(d.code)/\(d.slug)]"
        if let fix = d.fix { line += "\n    fix: \(fix)" }
        return line
    }

    public static func json(_ diagnostics: [Diagnostic], readFile: @escaping (String) -> String? = DiagnosticReport.readTextFile) -> JSONValue {
        let positions = FilePositions(readFile: readFile)
        return .array(diagnostics.map { d in
            var members: [(key: String, value: JSONValue)] = [
                ("code", .string(d.code)),
                ("slug", .string(d.slug)),
                ("severity", .string(d.severity.rawValue)),
                ("message", .string(d.message)),
            ]
            if let loc = d.location {
                let place = positions.resolve(loc)
                var l: [(key: String, value: JSONValue)] = [
                    ("file", .string(loc.file)), ("line", .number(Double(place.line))), ("column", .number(Double(place.column))),
                ]
                if let e = place.endLine { l.append(("endLine", .number(Double(e)))) }
                if let e = place.endColumn { l.append(("endColumn", .number(Double(e)))) }
                if let cell = loc.cell {
                    l.append(("cell", .number(Double(cell + 1))))
                    l.append(("cellLine", .number(Double(loc.line))))
                    l.append(("cellColumn", .number(Double(loc.column))))
                }
                members.append(("location", .object(l)))
            }
            if let fix = d.fix { members.append(("fix", .string(fix))) }
            if !d.details.isEmpty {
                members.append(("details", .object(d.details.map { ($0.name, .string($0.value)) })))
            }
            return .object(members)
        })
    }

    /// A SARIF 2.1.0 log with one run. Every result has a physical location (code-scanning services
    /// refuse a log with a result that has none): a finding without a file, such as one about a
    /// schedule named on the command line, is placed at line 1 of `tool.subjectArtifact`, or of the
    /// first file another finding names, or else of ``commandLineArtifact``.
    public static func sarif(
        _ diagnostics: [Diagnostic], tool: ToolDescriptor,
        readFile: @escaping (String) -> String? = DiagnosticReport.readTextFile
    ) -> JSONValue {
        let positions = FilePositions(readFile: readFile)
        var rules = tool.rules
        for d in diagnostics where !rules.contains(where: { $0.code == d.code }) {
            rules.append(RuleDescriptor(code: d.code, slug: d.slug, defaultSeverity: d.severity, summary: d.slug, explanation: d.slug))
        }
        let ruleIndex = Dictionary(rules.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        let ruleObjects: [JSONValue] = rules.map { r in
            .object([
                ("id", .string(r.code)),
                ("name", .string(r.slug)),
                ("shortDescription", .object([("text", .string(r.summary))])),
                ("fullDescription", .object([("text", .string(r.explanation))])),
                ("defaultConfiguration", .object([("level", .string(r.defaultSeverity.rawValue))])),
            ])
        }
        let fallbackFile = tool.subjectArtifact ?? diagnostics.lazy.compactMap { $0.location?.file }.first ?? commandLineArtifact
        let results: [JSONValue] = diagnostics.map { d in
            var text = d.message
            if let fix = d.fix { text += " Fix: \(fix)" }
            var members: [(key: String, value: JSONValue)] = [
                ("ruleId", .string(d.code)),
                ("ruleIndex", .number(Double(ruleIndex[d.code] ?? 0))),
                ("level", .string(d.severity.rawValue)),
                ("message", .object([("text", .string(text))])),
            ]
            let loc = d.location ?? SourceLocation(file: fallbackFile, line: 1, column: 1)
            let place = positions.resolve(loc)
            var region: [(key: String, value: JSONValue)] = [
                ("startLine", .number(Double(max(place.line, 1)))),
                ("startColumn", .number(Double(max(place.column, 1)))),
            ]
            if let e = place.endLine { region.append(("endLine", .number(Double(max(e, place.line, 1))))) }
            if let e = place.endColumn { region.append(("endColumn", .number(Double(max(e, 1))))) }
            var physical: [(key: String, value: JSONValue)] = [
                ("artifactLocation", .object([("uri", .string(sarifURI(loc.file)))])),
                ("region", .object(region)),
            ]
            if let cell = loc.cell {
                physical.append(("properties", .object([
                    ("cell", .number(Double(cell + 1))),
                    ("cellLine", .number(Double(loc.line))),
                    ("cellColumn", .number(Double(loc.column))),
                ])))
            }
            members.append(("locations", .array([.object([("physicalLocation", .object(physical))])])))
            var properties = d.details.map { (key: $0.name, value: JSONValue.string($0.value)) }
            if d.location == nil { properties.append(("placedAtSubject", .bool(true))) }
            if !properties.isEmpty { members.append(("properties", .object(properties))) }
            return .object(members)
        }
        return .object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string(tool.name)),
                    ("version", .string(tool.version)),
                    ("informationUri", .string(tool.informationURI)),
                    ("rules", .array(ruleObjects)),
                ]))])),
                ("results", .array(results)),
                ("columnKind", .string("unicodeCodePoints")),
            ])])),
        ])
    }

    /// Where a SARIF result without a file of its own goes when nothing better is known: a
    /// repository-relative name, as code scanning requires, that names the command line.
    public static let commandLineArtifact = "command-line"

    /// A path as a URI reference. A relative path stays relative (code scanning wants paths
    /// relative to the repository), without a leading `./`; an absolute path inside the current
    /// directory is made relative to it, any other becomes a `file://` URI. Everything but
    /// unreserved characters and `/` is percent-encoded: a `:` in the first segment would
    /// otherwise read as a URI scheme (`a:b.md`).
    public static func sarifURI(_ path: String, currentDirectory: String = FileManager.default.currentDirectoryPath) -> String {
        var relative = path
        var prefix = ""
        if path.hasPrefix("/") {
            let base = currentDirectory.hasSuffix("/") ? currentDirectory : currentDirectory + "/"
            if path.hasPrefix(base), path.count > base.count {
                relative = String(path.dropFirst(base.count))
            } else {
                prefix = "file://"
            }
        }
        while relative.hasPrefix("./") { relative.removeFirst(2) }
        var out = prefix
        for byte in relative.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if c.isASCII, c.isLetter || c.isNumber || "-._~/".contains(c) {
                out.append(c)
            } else {
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// `::error file=…,line=…,col=…,title=CODE/slug::message`, escaped as GitHub requires.
    public static func githubLine(_ d: Diagnostic) -> String {
        githubLine(d, positions: FilePositions(readFile: readTextFile))
    }

    static func githubLine(_ d: Diagnostic, positions: FilePositions) -> String {
        let command: String
        switch d.severity {
        case .error: command = "error"
        case .warning: command = "warning"
        case .note: command = "notice"
        }
        var properties: [String] = []
        var message = d.message
        if let loc = d.location {
            let place = positions.resolve(loc)
            properties.append("file=\(escapeProperty(loc.file))")
            properties.append("line=\(place.line)")
            properties.append("col=\(place.column)")
            if let e = place.endLine, e >= place.line { properties.append("endLine=\(e)") }
            if let e = place.endColumn, place.endLine == place.line, e >= place.column { properties.append("endColumn=\(e)") }
            if let cell = loc.cell { message = "cell \(cell + 1), line \(loc.line): " + message }
        }
        properties.append("title=\(escapeProperty("\(d.code)/\(d.slug)"))")
        if let fix = d.fix { message += "\nfix: \(fix)" }
        return "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))"
    }

    static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

/// The place of a finding in its file: the location itself, or for a notebook cell the position
/// of that cell line in the `.ipynb` file. Notebooks are read once per report.
final class FilePositions {
    struct Place {
        var line: Int
        var column: Int
        var endLine: Int?
        var endColumn: Int?
    }

    private let readFile: (String) -> String?
    private var notebooks: [String: NotebookPositions?] = [:]

    init(readFile: @escaping (String) -> String?) {
        self.readFile = readFile
    }

    func resolve(_ loc: SourceLocation) -> Place {
        let asGiven = Place(line: loc.line, column: loc.column, endLine: loc.endLine, endColumn: loc.endColumn)
        guard let cell = loc.cell, let map = notebook(loc.file),
              let start = map.filePosition(cell: cell, line: loc.line, column: loc.column) else { return asGiven }
        var place = Place(line: start.line, column: start.column)
        if let endLine = loc.endLine, let endColumn = loc.endColumn,
           let end = map.filePosition(cell: cell, line: endLine, column: endColumn) {
            place.endLine = end.line
            place.endColumn = end.column
        }
        return place
    }

    private func notebook(_ path: String) -> NotebookPositions? {
        if let known = notebooks[path] { return known }
        let map = readFile(path).flatMap { NotebookPositions(notebookText: $0) }
        notebooks[path] = map
        return map
    }
}
