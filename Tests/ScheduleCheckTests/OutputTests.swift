import CheckerCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Reference
import Testing
@testable import ScheduleCheck

@Suite("Report formats, exit status, plot and comparison")
struct OutputTests {
    func sdRequest() -> ScheduleRequest {
        var r = ScheduleRequest()
        r.configPath = configPath("sd15_scheduler_config.json")
        r.inferenceSteps = 50
        return r
    }

    @Test("text: the verdict and header come first, then the findings, then the table of the checks that apply")
    func text() throws {
        let result = ScheduleCommand.run(sdRequest())
        #expect(result.exitCode == 0)
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("verify-schedule: PASS (1 warning, 3 notes) — PNDMScheduler: scaled linear 0.00085 → 0.012, T = 1000 from"))
        #expect(lines[1] == "  class: PNDMScheduler")
        let findingsAt = try #require(lines.firstIndex(of: "findings:"))
        let tableAt = try #require(lines.firstIndex { $0.hasPrefix("CODE ") })
        #expect(findingsAt < tableAt)
        #expect(!lines.contains { $0.hasPrefix("VS") && $0.contains("  n/a  ") })
        let verbose = ScheduleCommand.run(sdRequest(), verbose: true).output.split(separator: "\n").map(String.init)
        #expect(verbose.filter { $0.hasPrefix("VS") }.count == ScheduleRules.all.count)
        #expect(lines.contains { $0.hasPrefix("VS201  nonzero-terminal-snr") && $0.contains("warning  √ᾱ[999] = 0.06826491") })
        #expect(lines.contains("findings:"))
        #expect(lines.contains { $0.contains("sd15_scheduler_config.json:5:20: warning: non-zero terminal SNR") })
    }

    @Test("exit status: 0 clean, 1 at --fail-on, 2 on bad input")
    func exitCodes() {
        #expect(ScheduleCommand.run(sdRequest(), failOn: .error).exitCode == 0)
        #expect(ScheduleCommand.run(sdRequest(), failOn: .warning).exitCode == 1)
        #expect(ScheduleCommand.run(request("linear", start: 0.02, end: 0.0001)).exitCode == 1)
        var missing = ScheduleRequest()
        missing.betasPath = "/nonexistent/betas.npy"
        let bad = ScheduleCommand.run(missing)
        #expect(bad.exitCode == 2)
        #expect(bad.errorOutput == "/nonexistent/betas.npy: error: no such file [VS001]")
        #expect(ScheduleCommand.run(request("quadratic")).exitCode == 2)
    }

    @Test("SARIF 2.1.0: version, driver with rules, results with ruleId, level, message and locations")
    func sarif() throws {
        let text = ScheduleCommand.run(sdRequest(), format: .sarif).output
        let log = try JSONValue.parse(text)
        #expect(log["version"] == .string("2.1.0"))
        guard case .array(let runs)? = log["runs"], let run = runs.first else { Issue.record("no runs"); return }
        #expect(run["tool"]?["driver"]?["name"] == .string("checker verify-schedule"))
        guard case .array(let rules)? = run["tool"]?["driver"]?["rules"] else { Issue.record("no rules"); return }
        #expect(rules.count == ScheduleRules.all.count)
        let ruleIDs = rules.compactMap { r -> String? in if case .string(let s)? = r["id"] { return s } else { return nil } }
        #expect(Set(ruleIDs).count == ruleIDs.count)  // unique, as the schema's uniqueItems requires
        guard case .array(let results)? = run["results"] else { Issue.record("no results"); return }
        #expect(results.count == 4)
        for result in results {
            guard case .string(let id)? = result["ruleId"] else { Issue.record("no ruleId"); continue }
            #expect(ruleIDs.contains(id))
            if case .number(let index)? = result["ruleIndex"] { #expect(ruleIDs[Int(index)] == id) }
            #expect(["note", "warning", "error"].contains { result["level"] == .string($0) })
            guard case .string(let message)? = result["message"]?["text"] else { Issue.record("no message"); continue }
            #expect(!message.isEmpty)
            guard case .array(let locations)? = result["locations"], let physical = locations.first?["physicalLocation"] else {
                Issue.record("no location"); continue
            }
            #expect(physical["artifactLocation"]?["uri"] != nil)
            if case .number(let line)? = physical["region"]?["startLine"] { #expect(line >= 1) } else { Issue.record("no startLine") }
        }
    }

    @Test("JSON: verdict, counts, every check with its numbers, and the findings")
    func json() throws {
        let value = try JSONValue.parse(ScheduleCommand.run(sdRequest(), format: .json).output)
        #expect(value["passed"] == .bool(true))
        #expect(value["counts"]?["warning"] == .number(1))
        guard case .array(let checks)? = value["checks"] else { Issue.record("no checks"); return }
        #expect(checks.count == ScheduleRules.all.count)
        #expect(checks.contains { $0["code"] == .string("VS201") && $0["status"] == .string("warning") })
        guard case .array(let findings)? = value["findings"] else { Issue.record("no findings"); return }
        #expect(findings.count == 4)
    }

    @Test("GitHub: one workflow command per finding with file and line, then the verdict")
    func github() {
        let lines = ScheduleCommand.run(sdRequest(), format: .github).output.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines.contains { $0.hasPrefix("::warning file=") && $0.contains(",line=5,") && $0.contains("title=VS201/nonzero-terminal-snr::") })
        #expect(lines.last?.hasPrefix("verify-schedule: PASS") == true)
    }

    @Test("--plot writes well-formed SVG with three labelled panels and one curve each")
    func plot() throws {
        let path = temporaryDirectory() + "/schedule.svg"
        let result = ScheduleCommand.run(request("scaled_linear") { $0.rescaleZeroSNR = true; $0.predictionType = "v" }, plotPath: path)
        #expect(result.exitCode == 0)
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        for label in ["β against t", "ᾱ against t", "log-SNR against t", "t (training timestep, 0-based)", "log SNR = log ᾱ − log(1 − ᾱ)"] {
            #expect(svg.contains(label))
        }
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 3)
        #expect(svg.contains("−∞ at t = 999"))  // the zero-SNR end of the log-SNR curve is marked, not drawn
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "the SVG must be well-formed XML")
    }

    @Test("--compare: SD against its zero-SNR rescale differs at the end; a schedule against itself is the same")
    func compare() throws {
        let different = ScheduleCommand.run(ScheduleRequest(), compare: ["scaled_linear", "scaled_linear+zero-snr"])
        #expect(different.exitCode == 1)
        #expect(different.output.hasPrefix("compare: DIFFERENT"))
        #expect(different.output.contains("terminal √ᾱ: 0.06826491 vs 0"))
        let a = try ScheduleComparison.source("scaled_linear:0.00085:0.012")
        let b = try ScheduleComparison.source(configPath("sd15_scheduler_config.json"))
        let comparison = try ScheduleComparison.compare(a, b)
        #expect(comparison.betas.agrees && comparison.alphaBars.agrees)
        // The config sets set_alpha_to_one = false and steps_offset = 1; the bare name has neither.
        #expect(comparison.settingDifferences == ["set_alpha_to_one: — vs false", "steps_offset: 0 vs 1"])
        let same = ScheduleCommand.run(ScheduleRequest(), compare: ["linear", "linear:0.0001:0.02:1000"])
        #expect(same.exitCode == 0)
        #expect(same.output.hasPrefix("compare: SAME"))
    }

    @Test("--explain and the rule list")
    func explain() {
        #expect(ScheduleCommand.explain("VS201")?.hasPrefix("VS201 nonzero-terminal-snr (warning)") == true)
        #expect(ScheduleCommand.explain("cosine-off-by-one") == nil)
        #expect(ScheduleCommand.explain("first-step-noiseless")?.contains("0.999958716") == true)
        #expect(ScheduleCommand.ruleList().split(separator: "\n").count == ScheduleRules.all.count + ScheduleCheckError.catalogue.count)
        #expect(ScheduleCommand.explain("VS002")?.hasPrefix("VS002 npy-truncated (bad input, exit status 2)") == true)
        // The catalogue names every error's code and slug as the errors themselves do.
        let error = ScheduleCheckError.npyTruncated(path: "a", expectedBytes: 1, actualBytes: 0, part: "data")
        #expect(ScheduleCheckError.catalogue.contains { $0.code == error.code && $0.slug == error.slug })
        #expect(Set(ScheduleRules.all.map(\.code)).count == ScheduleRules.all.count)
        #expect(Set(ScheduleRules.all.map(\.slug)).count == ScheduleRules.all.count)
    }
}
