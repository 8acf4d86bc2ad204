import ArgumentParser
import CheckerCore
import Foundation
import Testing
@testable import Checker

/// `--exit-zero` on lint and verify-schedule, and `checker verify`'s usage errors and JSON.
@Suite("exit-zero and verify's input errors")
struct ExitStatusOptionTests {
    static func note(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("exit-zero-\(UUID().uuidString).md").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("lint --exit-zero: findings exit 0, bad input still exits 2")
    func lintExitZero() throws {
        let bad = try Self.note("Noise:\n\n```python\nnoise = torch.rand_like(x)\n```\n")
        defer { try? FileManager.default.removeItem(atPath: bad) }
        #expect(throws: ExitCode(1)) { try LintCommand.parse([bad, "--format", "json"]).run() }
        try LintCommand.parse([bad, "--format", "json", "--exit-zero"]).run()
        #expect(throws: ExitCode(2)) { try LintCommand.parse(["/nonexistent/notes.md", "--exit-zero"]).run() }
    }

    @Test("verify-schedule --exit-zero: findings exit 0, bad input still exits 2")
    func scheduleExitZero() throws {
        let swapped = ["--schedule", "linear", "--beta-start", "0.02", "--beta-end", "0.0001", "--format", "json"]
        #expect(throws: ExitCode(1)) { try VerifyScheduleCommand.parse(swapped).run() }
        try VerifyScheduleCommand.parse(swapped + ["--exit-zero"]).run()
        #expect(throws: ExitCode(2)) { try VerifyScheduleCommand.parse(["--config", "/nonexistent.json", "--exit-zero"]).run() }
    }

    @Test("verify without its directories exits 2 before running anything")
    func verifyMissingDirectories() throws {
        #expect(throws: ExitCode(2)) { try VerifyCommand.parse(["--fixtures", "/nonexistent/fixtures"]).run() }
        #expect(throws: ExitCode(2)) {
            try VerifyCommand.parse(["--fixtures", CommandLineTests.root + "/fixtures", "--notes", "/nonexistent/notes"]).run()
        }
        #expect(try VerifyCommand.parse(["--format", "json"]).format == .json)
        #expect(throws: (any Error).self) { try VerifyCommand.parse(["--format", "xml"]) }
    }

    @Test("verify's JSON: the verdict and every part")
    func verifyJSON() throws {
        let report = VerificationReport(parts: [
            VerificationPart(name: "a", passed: true, summary: "fine"),
            VerificationPart(name: "b", passed: false, summary: "broken", details: ["x"]),
        ])
        let json = try JSONValue.parse(report.json.serialized())
        #expect(json["passed"] == .bool(false))
        guard case .array(let parts)? = json["parts"] else { Issue.record("no parts"); return }
        #expect(parts.count == 2 && parts[1]["name"] == .string("b") && parts[1]["details"] == .array([.string("x")]))
    }
}
