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
        plotPath: String? = nil, compare: [String] = []
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
            return Result(output: verification.render(format: format, failOn: failOn), errorOutput: "",
                          exitCode: verification.passes(failOn: failOn) ? 0 : 1)
        } catch let error as ScheduleCheckError {
            return Result(output: "", errorOutput: "error: \(error.description)", exitCode: 2)
        } catch {
            return Result(output: "", errorOutput: "error: \(error)", exitCode: 2)
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
