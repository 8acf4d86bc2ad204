import CheckerCore

extension ScheduleVerification {
    /// Counts of findings by severity.
    public var counts: (errors: Int, warnings: Int, notes: Int) {
        let d = diagnostics
        return (d.filter { $0.severity == .error }.count, d.filter { $0.severity == .warning }.count, d.filter { $0.severity == .note }.count)
    }

    /// "PASS", "PASS (1 warning, 2 notes)" or "FAIL (1 error, …)".
    public func verdict(failOn: Severity) -> String {
        let c = counts
        var parts: [String] = []
        if c.errors > 0 { parts.append("\(c.errors) error\(c.errors == 1 ? "" : "s")") }
        if c.warnings > 0 { parts.append("\(c.warnings) warning\(c.warnings == 1 ? "" : "s")") }
        if c.notes > 0 { parts.append("\(c.notes) note\(c.notes == 1 ? "" : "s")") }
        let word = passes(failOn: failOn) ? "PASS" : "FAIL"
        return parts.isEmpty ? word : "\(word) (\(parts.joined(separator: ", ")))"
    }

    /// The report in `format`: text (verdict, table of checks, findings), json (the same as an
    /// object), sarif (SARIF 2.1.0 of the findings) or github (workflow commands).
    public func render(format: ReportFormat, failOn: Severity = .error, verbose: Bool = false) -> String {
        switch format {
        case .text: return text(failOn: failOn, verbose: verbose)
        case .json: return json(failOn: failOn).serialized()
        case .sarif: return DiagnosticReport.render(diagnostics, format: .sarif, tool: ScheduleRules.tool)
        case .github:
            let lines = DiagnosticReport.render(diagnostics, format: .github, tool: ScheduleRules.tool)
            return (lines.isEmpty ? "" : lines + "\n") + "verify-schedule: \(verdict(failOn: failOn)) — \(subject)"
        }
    }

    /// The verdict, the header (class, defaults, assumptions, what was not checked), the findings,
    /// then the table of checks (checks that do not apply only with `verbose`).
    public func text(failOn: Severity = .error, verbose: Bool = false) -> String {
        var lines = ["verify-schedule: \(verdict(failOn: failOn)) — \(subject)"]
        lines += header.map { "  " + $0 }
        lines.append("(fails on: \(failOn.rawValue) or worse; t is the 0-based training index)")
        let findings = diagnostics
        if !findings.isEmpty {
            lines.append("")
            lines.append("findings:")
            for d in findings.sorted(by: { $0.severity > $1.severity }) {
                lines.append(DiagnosticReport.textLine(d))
            }
        }
        lines.append("")
        let shown = outcomes.filter { verbose || $0.status != .notApplicable }
        let slugWidth = max(shown.map(\.rule.slug.count).max() ?? 0, 5)
        lines.append("CODE   " + pad("CHECK", slugWidth) + "  STATUS   NUMBERS")
        for outcome in shown {
            lines.append("\(outcome.rule.code)  " + pad(outcome.rule.slug, slugWidth) + "  " + pad(outcome.status.label, 7) + "  " + outcome.summary)
        }
        let hidden = outcomes.count - shown.count
        if hidden > 0 { lines.append("(\(hidden) checks do not apply to this input; --verbose lists them)") }
        return lines.joined(separator: "\n")
    }

    public func json(failOn: Severity = .error) -> JSONValue {
        let c = counts
        return .object([
            ("tool", .string("checker verify-schedule")),
            ("subject", .string(subject)),
            ("header", .array(header.map { .string($0) })),
            ("passed", .bool(passes(failOn: failOn))),
            ("verdict", .string(verdict(failOn: failOn))),
            ("failOn", .string(failOn.rawValue)),
            ("counts", .object([("error", .number(Double(c.errors))), ("warning", .number(Double(c.warnings))), ("note", .number(Double(c.notes)))])),
            ("checks", .array(outcomes.map { o in
                .object([
                    ("code", .string(o.rule.code)), ("slug", .string(o.rule.slug)),
                    ("status", .string(o.status.label)), ("numbers", .string(o.summary)),
                ])
            })),
            ("findings", DiagnosticReport.json(diagnostics)),
        ])
    }
}

func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
}
