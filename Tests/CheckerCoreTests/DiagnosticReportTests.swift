import Testing
@testable import CheckerCore

@Suite("Diagnostic reports")
struct DiagnosticReportTests {
    let finding = Diagnostic(
        code: "DL101", slug: "uniform-noise", severity: .error, message: "torch.rand_like draws U[0, 1), not N(0, I)",
        location: SourceLocation(file: "notes/ddpm notes.md", line: 12, column: 8), fix: "torch.randn_like(x_0)",
        details: [DiagnosticDetail("kurtosis", "1.8")]
    )
    let tool = ToolDescriptor(name: "checker", rules: [
        RuleDescriptor(code: "DL101", slug: "uniform-noise", defaultSeverity: .error, summary: "Uniform noise", explanation: "…"),
    ])

    @Test("text: path:line:col: severity: message [CODE/slug]")
    func text() {
        #expect(DiagnosticReport.render([finding], format: .text, tool: tool) ==
            "notes/ddpm notes.md:12:8: error: torch.rand_like draws U[0, 1), not N(0, I) [DL101/uniform-noise]\n    fix: torch.randn_like(x_0)")
        var cell = finding
        cell.location?.cell = 2
        #expect(DiagnosticReport.textLine(cell).hasPrefix("notes/ddpm notes.md:cell 3:12:8: error:"))
    }

    @Test("SARIF 2.1.0 structure: version, driver, rules, results with locations")
    func sarif() throws {
        let log = try JSONValue.parse(DiagnosticReport.render([finding], format: .sarif, tool: tool))
        #expect(log["version"] == .string("2.1.0"))
        #expect(log["$schema"] == .string("https://json.schemastore.org/sarif-2.1.0.json"))
        guard case .array(let runs) = log["runs"], let run = runs.first,
              case .array(let results) = run["results"], let result = results.first,
              case .array(let rules) = run["tool"]?["driver"]?["rules"] else {
            Issue.record("missing runs/results/rules"); return
        }
        #expect(run["tool"]?["driver"]?["name"] == .string("checker"))
        #expect(rules.first?["id"] == .string("DL101"))
        #expect(result["ruleId"] == .string("DL101") && result["level"] == .string("error") && result["ruleIndex"] == .number(0))
        guard case .array(let locations) = result["locations"] else { Issue.record("no locations"); return }
        let physical = locations.first?["physicalLocation"]
        #expect(physical?["artifactLocation"]?["uri"] == .string("notes/ddpm%20notes.md"))
        #expect(physical?["region"]?["startLine"] == .number(12) && physical?["region"]?["startColumn"] == .number(8))
    }

    @Test("GitHub annotations escape what GitHub requires")
    func github() {
        var d = finding
        d.message = "50% wrong, line\nbreak"
        d.location?.file = "a,b:c.md"
        #expect(DiagnosticReport.githubLine(d) == "::error file=a%2Cb%3Ac.md,line=12,col=8,title=DL101/uniform-noise::50%25 wrong, line%0Abreak%0Afix: torch.randn_like(x_0)")
        d.severity = .note
        #expect(DiagnosticReport.githubLine(d).hasPrefix("::notice "))
    }

    @Test("JSON lists every field")
    func json() throws {
        let parsed = try JSONValue.parse(DiagnosticReport.render([finding], format: .json, tool: tool))
        guard case .array(let items) = parsed, let item = items.first else { Issue.record("not an array"); return }
        #expect(item["code"] == .string("DL101") && item["location"]?["line"] == .number(12) && item["fix"] == .string("torch.randn_like(x_0)"))
        #expect(item["details"]?["kurtosis"] == .string("1.8"))
    }

    @Test("severities order note < warning < error")
    func severityOrder() {
        #expect(Severity.note < .warning && Severity.warning < .error)
        #expect(Severity.allCases.max() == .error)
    }
}
