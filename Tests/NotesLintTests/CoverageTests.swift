import CheckerCore
import Foundation
import Testing
@testable import NotesLint

/// The coverage summary lists what was judged and what was not, with the reason, in text and
/// JSON; a formula the linter cannot read is never counted as clean.
struct CoverageTests {
    static let note = """
    $$x_t = \\sqrt{\\bar\\alpha_t}x_0 + \\sqrt{1-\\bar\\alpha_t}\\epsilon$$

    $$\\mu_1 = \\sqrt{\\alpha_t}x_{t-1}$$

    $$E = mc^2 \\qquad \\frac{a}{ = b$$
    """

    static func file() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("coverage-\(UUID().uuidString).md").path
        try note.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func judgedAndUnjudgedEquationsAreListed() throws {
        let (_, c) = try NotesLinter.lintWithCoverage(text: Self.note, path: "c.md")
        #expect(c.judged.map(\.line) == [1])
        let reasons = c.notJudged.compactMap(\.reason)
        #expect(reasons.contains { $0.contains("Gaussian's parameter") })
        #expect(reasons.contains(LintCoverage.Reason.unreadable) || reasons.contains(LintCoverage.Reason.unknown), "\(reasons)")
        #expect(c.reading.hasPrefix("DDPM's"))
    }

    @Test func theCommandPrintsTextAndJSON() throws {
        let path = try Self.file()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = LintRun.run(paths: [path], coverage: true)
        #expect(text.output.contains("coverage: 1 equation(s) judged"), "\(text.output)")
        #expect(text.output.contains("not judged: μ_1 names a Gaussian's parameter"))
        let json = LintRun.run(paths: [path], format: "json", coverage: true)
        let root = try JSONValue.parse(json.output)
        guard case .array(let files)? = Optional(root), let first = files.first else {
            Issue.record("expected a JSON array: \(json.output)")
            return
        }
        #expect(first["judged"] == .number(1))
        guard case .array(let missing)? = first["notJudged"] else { Issue.record("no notJudged"); return }
        #expect(missing.allSatisfy { $0["reason"] != nil && $0["line"] != nil })
        // The findings' output is unchanged without the flag.
        #expect(!LintRun.run(paths: [path], format: "json").output.contains("notJudged"))
    }
}

/// Code the code rules left alone is listed too, with their reason.
struct CodeCoverageInSummaryTests {
    @Test func codeLeftAloneIsListed() throws {
        let note = "$$x_t = \\sqrt{\\bar\\alpha_t}x_0 + \\sqrt{1-\\bar\\alpha_t}\\epsilon$$\n\n```python\ndef f(n):\n    while n > 1:\n        n = n // 2\n    return n\n```\n"
        let (_, c) = try NotesLinter.lintWithCoverage(text: note, path: "c.md")
        #expect(c.code.contains { $0.verdict == .skipped }, "\(c.code)")
        #expect(LintCoverage.text([c]).contains("code not judged"))
    }
}
