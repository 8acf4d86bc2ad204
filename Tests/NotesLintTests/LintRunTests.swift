import CheckerCore
import Foundation
import Testing
@testable import NotesLint

/// `checker lint` end to end, in process: formats, exit status, rule listing and explanations.
struct LintRunTests {
    static let seedPath = Corpus.corpus.appendingPathComponent("seed-ddpm-notes.md").path
    static let cleanPath = Corpus.notes.appendingPathComponent("ddpm-notes-en.md").path

    @Test func exitStatus() {
        #expect(LintRun.run(paths: [Self.cleanPath]).exitCode == 0)
        #expect(LintRun.run(paths: [Self.seedPath]).exitCode == 1)
        #expect(LintRun.run(paths: [Self.seedPath], failOn: "error").exitCode == 1)
        #expect(LintRun.run(paths: ["/nonexistent.md"]).exitCode == 2)
        #expect(LintRun.run(paths: [Self.cleanPath], format: "xml").exitCode == 2)
        #expect(LintRun.run(paths: [Self.cleanPath], failOn: "fatal").exitCode == 2)
        #expect(LintRun.run(paths: []).exitCode == 2)
    }

    @Test func aDirectoryStandsForItsNotes() {
        let outcome = LintRun.run(paths: [Corpus.notes.path])
        #expect(outcome.exitCode == 0 && outcome.errors.isEmpty)
        #expect(LintRun.expand([Corpus.notes.path]).count == Corpus.cleanNotes.count)
    }

    @Test func failOnIgnoresLowerSeverities() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("w.md")
        try "$p({x_T)}$\n".write(to: file, atomically: true, encoding: .utf8)
        let warningOnly = LintRun.run(paths: [file.path], failOn: "error")
        #expect(warningOnly.exitCode == 0)
        #expect(warningOnly.output.contains("warning:"))
        #expect(LintRun.run(paths: [file.path], failOn: "warning").exitCode == 1)
    }

    @Test func textFormat() {
        let out = LintRun.run(paths: [Self.seedPath]).output
        let first = out.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first == "\(Self.seedPath):24:5: error: the forward step q(x_t | x_{t−1}): the noise is multiplied by a variance where its square root (a standard deviation) belongs, so the noise variance is 1.9555e-8 instead of 1.3984e-4 at t = 3, linear schedule [DL101/beta-for-sqrt-beta]")
    }

    @Test func githubFormat() {
        let out = LintRun.run(paths: [Self.seedPath], format: "github").output
        #expect(out.split(separator: "\n").filter { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") }.count == SeedNotesTests.expected.count)
    }

    @Test func jsonFormat() throws {
        let out = LintRun.run(paths: [Self.seedPath], format: "json").output
        guard case .array(let items) = try JSONValue.parse(out) else { Issue.record("not an array"); return }
        #expect(items.count == SeedNotesTests.expected.count)
        #expect(items.first?["code"] == .string("DL101"))
        #expect(items.first?["location"]?["line"] == .number(24))
    }

    /// The SARIF 2.1.0 properties a consumer requires (§3.13 sarifLog, §3.14 run, §3.18 toolComponent,
    /// §3.27 result, §3.30 region): version, tool.driver.name, each result's message.text and ruleId,
    /// a level among none/note/warning/error, 1-based regions, ruleIndex pointing at its rule.
    @Test func sarifFormat() throws {
        let out = LintRun.run(paths: [Self.seedPath], format: "sarif").output
        let log = try JSONValue.parse(out)
        #expect(log["version"] == .string("2.1.0"))
        guard case .array(let runs)? = log["runs"], let run = runs.first else { Issue.record("no run"); return }
        #expect(run["tool"]?["driver"]?["name"] == .string("checker lint"))
        guard case .array(let rules)? = run["tool"]?["driver"]?["rules"], case .array(let results)? = run["results"] else { Issue.record("no rules or results"); return }
        #expect(rules.count == LintRule.all.count)
        #expect(results.count == SeedNotesTests.expected.count)
        for r in results {
            guard case .string(let id)? = r["ruleId"], case .number(let index)? = r["ruleIndex"], case .string(let level)? = r["level"],
                  case .string? = r["message"]?["text"] else { Issue.record("incomplete result"); continue }
            #expect(["none", "note", "warning", "error"].contains(level))
            #expect(rules[Int(index)]["id"] == .string(id))
            guard case .array(let locations)? = r["locations"], let region = locations.first?["physicalLocation"]?["region"],
                  case .number(let line)? = region["startLine"], case .number(let column)? = region["startColumn"] else { Issue.record("no region"); continue }
            #expect(line >= 1 && column >= 1)
        }
    }

    @Test func explainAndListRules() {
        let explained = LintRun.explain("DL101")
        #expect(explained.exitCode == 0 && explained.output.hasPrefix("DL101 beta-for-sqrt-beta (error)"))
        #expect(LintRun.explain("uniform-noise").output.hasPrefix("DL201"))
        #expect(LintRun.explain("DL999").exitCode == 2)
        let list = LintRun.listRules().output.split(separator: "\n")
        #expect(list.count == LintInputError.Kind.allCases.count + LintRule.all.count)
        #expect(Set(LintRule.all.map(\.code)).count == LintRule.all.count)
        #expect(Set(LintRule.all.map(\.slug)).count == LintRule.all.count)
    }

    @Test("input errors have letter+digit codes below the rules', explained by code or by their former name")
    func inputErrorCodes() {
        let kinds = LintInputError.Kind.allCases
        #expect(kinds.map(\.code) == ["DL001", "DL002", "DL003", "DL004"])
        #expect(Set(kinds.map(\.code)).isDisjoint(with: LintRule.all.map(\.code)))
        #expect(LintRun.explain("DL003").output.hasPrefix("DL003 notebook-json (bad input, exit status 2)"))
        #expect(LintRun.explain("notebook-structure").output.hasPrefix("DL004 "))
        #expect(LintRun.explain("dl001").exitCode == 0 && LintRun.explain("DL005").exitCode == 2)
        #expect(LintRun.listRules().output.hasPrefix("DL001  unreadable-file"))
        let missing = LintRun.run(paths: ["/nonexistent/notes.md"])
        #expect(missing.exitCode == 2 && missing.errors == "/nonexistent/notes.md: error: cannot read the file; expected an existing, readable file [DL001]")
        let docx = LintRun.run(paths: ["-"], standardInput: LintRun.StandardInput(name: "notes.docx", text: ""))
        #expect(docx.exitCode == 2 && docx.errors.hasSuffix("[DL002]"))
    }
}
