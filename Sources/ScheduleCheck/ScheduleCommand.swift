import CheckerCore
import Foundation

/// The whole of `checker verify-schedule` apart from argument parsing: reads the input, runs the
/// checks or the comparison, writes the plot, and returns the output and the exit status
/// (0 clean, 1 a finding at or above `failOn` or schedules that differ, 2 bad input).
public enum ScheduleCommand {
    public struct Result: Sendable {
        public var output: String
        /// Messages for standard error (bad input).
        public var errorOutput: String
        public var exitCode: Int32
    }

    public static func run(
        _ request: ScheduleRequest, format: ReportFormat = .text, failOn: Severity = .error,
        plotPath: String? = nil, compare: [String] = [], verbose: Bool = false
    ) -> Result {
        do {
            if !compare.isEmpty {
                guard compare.count == 2 else {
                    throw ScheduleCheckError.invalidOption(name: "--compare", value: compare.joined(separator: " "), expected: "two schedules: --compare A B")
                }
                let comparison = try ScheduleComparison.compare(try ScheduleComparison.source(compare[0]), try ScheduleComparison.source(compare[1]))
                if let plotPath { try writePlot(SchedulePlot.svg([comparison.a, comparison.b]), to: plotPath) }
                let output = format == .json ? comparison.json().serialized() : comparison.text()
                return Result(output: output, errorOutput: "", exitCode: comparison.identical ? 0 : 1)
            }
            let verification = try ScheduleChecker.check(try request.subject())
            if let plotPath { try writePlot(SchedulePlot.svg([verification.curves]), to: plotPath) }
            return Result(output: verification.render(format: format, failOn: failOn, verbose: verbose), errorOutput: "",
                          exitCode: verification.passes(failOn: failOn) ? 0 : 1)
        } catch let error as ScheduleCheckError {
            return Result(output: inputErrorRecord(error, format: format), errorOutput: error.description, exitCode: 2)
        } catch {
            return Result(output: "", errorOutput: ErrorLine(message: "\(error)", code: "VS011").description, exitCode: 2)
        }
    }

    /// Bad input as a structured record for the machine formats (nothing for text: the message
    /// goes to standard error), so that CI sees why there is no verdict.
    public static func inputErrorRecord(_ error: ScheduleCheckError, format: ReportFormat) -> String {
        guard format != .text else { return "" }
        let summary = ScheduleCheckError.catalogue.first { $0.code == error.code }?.summary ?? error.slug
        let rule = RuleDescriptor(code: error.code, slug: error.slug, defaultSeverity: .error, summary: summary,
                                  explanation: "Bad input: the schedule could not be read or modelled, so nothing was checked (exit status 2).")
        let diagnostic = Diagnostic(code: error.code, slug: error.slug, severity: .error, message: error.message, location: nil, fix: nil, details: [])
        switch format {
        case .json:
            return JSONValue.object([
                ("tool", .string("checker verify-schedule")),
                ("passed", .bool(false)),
                ("verdict", .string("INPUT ERROR")),
                ("exitCode", .number(2)),
                ("error", .object([("code", .string(error.code)), ("slug", .string(error.slug)), ("message", .string(error.message))])),
                ("findings", DiagnosticReport.json([diagnostic])),
            ]).serialized()
        case .sarif:
            return DiagnosticReport.render([diagnostic], format: .sarif, tool: ToolDescriptor(name: "checker verify-schedule", rules: [rule]))
        case .github:
            return DiagnosticReport.render([diagnostic], format: .github, tool: ToolDescriptor(name: "checker verify-schedule", rules: [rule]))
                + "\nverify-schedule: INPUT ERROR — \(error.code) \(error.slug)"
        case .text:
            return ""
        }
    }

    static func writePlot(_ svg: String, to path: String) throws(ScheduleCheckError) {
        do {
            try svg.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw .unreadableFile(path: path, reason: "cannot write the plot: \(error.localizedDescription)")
        }
    }

    /// `--explain CODE`: the rule's code, slug, default severity, summary and explanation.
    public static func explain(_ codeOrSlug: String) -> String? {
        if let input = ScheduleCheckError.catalogue.first(where: { $0.code == codeOrSlug.uppercased() || $0.slug == codeOrSlug }) {
            return "\(input.code) \(input.slug) (bad input, exit status 2)\n\(input.summary)"
        }
        guard let rule = ScheduleRules.rule(codeOrSlug) else { return nil }
        return "\(rule.code) \(rule.slug) (\(rule.defaultSeverity.rawValue))\n\(rule.summary)\n\n\(rule.explanation)"
    }

    /// `--list-rules`: one line per check.
    public static func ruleList() -> String {
        (ScheduleCheckError.catalogue.map { "\($0.code)  \(pad($0.slug, 30)) \(pad("input", 8)) \($0.summary)" }
            + ScheduleRules.all.map { "\($0.code)  \(pad($0.slug, 30)) \(pad($0.defaultSeverity.rawValue, 8)) \($0.summary)" })
            .joined(separator: "\n")
    }
}

extension ScheduleCommand {
    /// `--list-classes`: each modelled class, what it samples along, and its timestep rule.
    public static func classList() -> String {
        SchedulerModel.all.map { m in
            let spacing = m.defaultString("timestep_spacing").map { ", default spacing \($0)" } ?? ""
            let aliases = m.aliases.isEmpty ? "" : " (also \(m.aliases.joined(separator: ", ")))"
            return "\(pad(m.name, 34)) \(pad(m.ladder.rawValue, 16)) \(m.timestepRule.rawValue)\(spacing)\(aliases)"
        }.joined(separator: "\n")
    }
}
