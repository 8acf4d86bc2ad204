/// Renders a ``GoldenReport`` for people (text) or scripts (JSON).
public enum GoldenReportRenderer {
    public enum Format: String, Sendable {
        case text, json
    }

    public static func render<F: RawRepresentable>(_ report: GoldenReport, format: F) -> String where F.RawValue == String {
        format.rawValue == "json" ? json(report).serialized() : text(report)
    }

    public static func text(_ report: GoldenReport) -> String {
        var lines = report.mismatches.map(\.description)
        let implementations = report.evaluatedByImplementation.keys.sorted()
        let perImplementation = implementations.map { "\($0) \(report.passedByImplementation[$0] ?? 0)/\(report.evaluatedByImplementation[$0] ?? 0)" }
        let verdict = report.passed ? "PASS" : "FAIL"
        var summary = "golden: \(verdict): \(report.casesChecked) cases in \(report.filesChecked) files"
        if !perImplementation.isEmpty { summary += "; passed: " + perImplementation.joined(separator: ", ") }
        if !report.passed { summary += "; \(report.mismatches.count) mismatches" }
        lines.append(summary)
        return lines.joined(separator: "\n")
    }

    public static func json(_ report: GoldenReport) -> JSONValue {
        .object([
            ("passed", .bool(report.passed)),
            ("files", .number(Double(report.filesChecked))),
            ("cases", .number(Double(report.casesChecked))),
            ("passedByImplementation", .object(report.passedByImplementation.sorted { $0.key < $1.key }.map { ($0.key, .number(Double($0.value))) })),
            ("evaluatedByImplementation", .object(report.evaluatedByImplementation.sorted { $0.key < $1.key }.map { ($0.key, .number(Double($0.value))) })),
            ("mismatches", .array(report.mismatches.map { m in
                var members: [(key: String, value: JSONValue)] = [
                    ("file", .string(m.file)), ("case", .string(m.caseID)), ("implementation", .string(m.implementation)), ("key", .string(m.key)),
                ]
                if let i = m.index { members.append(("index", .number(Double(i)))) }
                if let g = m.got { members.append(("got", .number(g))) }
                if let w = m.want { members.append(("want", .number(w))) }
                members.append(("tolerance", .object([("abs", .number(m.tolerance.abs)), ("rel", .number(m.tolerance.rel))])))
                if let msg = m.message { members.append(("message", .string(msg))) }
                return .object(members)
            })),
        ])
    }
}
