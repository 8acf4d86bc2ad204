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
public enum DiagnosticReport {
    public static func render(_ diagnostics: [Diagnostic], format: ReportFormat, tool: ToolDescriptor) -> String {
        switch format {
        case .text: return diagnostics.map(textLine).joined(separator: "\n")
        case .json: return json(diagnostics).serialized()
        case .sarif: return sarif(diagnostics, tool: tool).serialized()
        case .github: return diagnostics.map(githubLine).joined(separator: "\n")
        }
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

    public static func json(_ diagnostics: [Diagnostic]) -> JSONValue {
        .array(diagnostics.map { d in
            var members: [(key: String, value: JSONValue)] = [
                ("code", .string(d.code)),
                ("slug", .string(d.slug)),
                ("severity", .string(d.severity.rawValue)),
                ("message", .string(d.message)),
            ]
            if let loc = d.location {
                var l: [(key: String, value: JSONValue)] = [
                    ("file", .string(loc.file)), ("line", .number(Double(loc.line))), ("column", .number(Double(loc.column))),
                ]
                if let cell = loc.cell { l.append(("cell", .number(Double(cell)))) }
                if let e = loc.endLine { l.append(("endLine", .number(Double(e)))) }
                if let e = loc.endColumn { l.append(("endColumn", .number(Double(e)))) }
                members.append(("location", .object(l)))
            }
            if let fix = d.fix { members.append(("fix", .string(fix))) }
            if !d.details.isEmpty {
                members.append(("details", .object(d.details.map { ($0.name, .string($0.value)) })))
            }
            return .object(members)
        })
    }

    /// A SARIF 2.1.0 log with one run.
    public static func sarif(_ diagnostics: [Diagnostic], tool: ToolDescriptor) -> JSONValue {
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
        let results: [JSONValue] = diagnostics.map { d in
            var text = d.message
            if let fix = d.fix { text += " Fix: \(fix)" }
            var members: [(key: String, value: JSONValue)] = [
                ("ruleId", .string(d.code)),
                ("ruleIndex", .number(Double(ruleIndex[d.code] ?? 0))),
                ("level", .string(d.severity.rawValue)),
                ("message", .object([("text", .string(text))])),
            ]
            if let loc = d.location {
                var region: [(key: String, value: JSONValue)] = [
                    ("startLine", .number(Double(max(loc.line, 1)))),
                    ("startColumn", .number(Double(max(loc.column, 1)))),
                ]
                if let e = loc.endLine { region.append(("endLine", .number(Double(max(e, 1))))) }
                if let e = loc.endColumn { region.append(("endColumn", .number(Double(max(e, 1))))) }
                var physical: [(key: String, value: JSONValue)] = [
                    ("artifactLocation", .object([("uri", .string(sarifURI(loc.file)))])),
                    ("region", .object(region)),
                ]
                if let cell = loc.cell {
                    physical.append(("properties", .object([("cell", .number(Double(cell)))])))
                }
                members.append(("locations", .array([.object([("physicalLocation", .object(physical))])])))
            }
            if !d.details.isEmpty {
                members.append(("properties", .object(d.details.map { ($0.name, .string($0.value)) })))
            }
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
            ])])),
        ])
    }

    /// A relative path as a URI reference: percent-encode what a URI may not contain.
    static func sarifURI(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if c.isASCII, c.isLetter || c.isNumber || "-._~/:".contains(c) {
                out.append(c)
            } else {
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// `::error file=…,line=…,col=…,title=CODE/slug::message`, escaped as GitHub requires.
    public static func githubLine(_ d: Diagnostic) -> String {
        let command: String
        switch d.severity {
        case .error: command = "error"
        case .warning: command = "warning"
        case .note: command = "notice"
        }
        var properties: [String] = []
        if let loc = d.location {
            properties.append("file=\(escapeProperty(loc.file))")
            properties.append("line=\(loc.line)")
            properties.append("col=\(loc.column)")
        }
        properties.append("title=\(escapeProperty("\(d.code)/\(d.slug)"))")
        var message = d.message
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
