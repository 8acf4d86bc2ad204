import CheckerCore
import Foundation
import NotesLint
import ScheduleCheck
import Testing

/// Every SARIF log the checker writes is valid against the full SARIF 2.1.0 schema (kept in
/// `schemas/`), and has what code-scanning services need on top of it: a physical location with a
/// repository-relative URI on every result, and the column unit declared.
@Suite("SARIF output against the SARIF 2.1.0 schema")
struct SARIFOutputTests {
    static let validator: JSONSchemaValidator? = {
        let path = CommandLineTests.root + "/schemas/sarif-schema-2.1.0.json"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return try? JSONSchemaValidator(schemaText: text)
    }()

    /// A scratch directory with a note whose name holds a `:` and a 𝛽 before the error, and a
    /// notebook with uniform noise in its fourth cell; the current directory is not changed.
    final class Workspace {
        let directory: URL
        let note: String
        let notebook: String
        let notebookText: String

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("sarif-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            note = directory.appendingPathComponent("ddpm:notes.md").path
            try "# Noise\n\n𝛽 schedule. Sample $\\epsilon \\sim \\mathcal{N}(0, I)$ with:\n\n```python\nnoise = torch.rand_like(x)\n```\n"
                .write(toFile: note, atomically: true, encoding: .utf8)
            let original = try String(contentsOfFile: CommandLineTests.root + "/notes/ddpm-sampling.ipynb", encoding: .utf8)
            notebookText = original.replacingOccurrences(of: "np.random.randn(*x.shape)", with: "np.random.rand(*x.shape)")
            notebook = directory.appendingPathComponent("sampling.ipynb").path
            try notebookText.write(toFile: notebook, atomically: true, encoding: .utf8)
        }

        deinit { try? FileManager.default.removeItem(at: directory) }
    }

    func results(_ log: JSONValue) -> [JSONValue] {
        guard case .array(let runs)? = log["runs"], case .array(let results)? = runs.first?["results"] else { return [] }
        return results
    }

    /// The schema, and the code-scanning requirements the schema does not express.
    func expectValid(_ text: String, _ label: String) throws {
        let log = try JSONValue.parse(text)
        let errors = try #require(Self.validator).validate(log)
        #expect(errors.isEmpty, "\(label): \(errors.prefix(5))")
        guard case .array(let runs)? = log["runs"] else { Issue.record("\(label): no runs"); return }
        for run in runs {
            #expect(run["columnKind"] == .string("unicodeCodePoints"), "\(label)")
        }
        for result in results(log) {
            guard case .array(let locations)? = result["locations"], let first = locations.first,
                  case .string(let uri)? = first["physicalLocation"]?["artifactLocation"]?["uri"] else {
                Issue.record("\(label): a result without a physical location: \(result)")
                continue
            }
            #expect(!uri.isEmpty, "\(label)")
            // A relative reference must not start with something that parses as a scheme.
            let schemeLike = uri.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:", options: .regularExpression) != nil
            #expect(!schemeLike || uri.hasPrefix("file:///"), "\(label): \(uri)")
            #expect(first["physicalLocation"]?["region"]?["startLine"] != nil, "\(label)")
        }
    }

    @Test("lint: a note and a notebook give valid SARIF", .enabled(if: validator != nil))
    func lintLogs() throws {
        let workspace = try Workspace()
        let note = LintRun.run(paths: [workspace.note], format: "sarif")
        #expect(note.exitCode == 1)
        try expectValid(note.output, "lint note")
        let notebook = LintRun.run(paths: [workspace.notebook], format: "sarif")
        #expect(notebook.exitCode == 1)
        try expectValid(notebook.output, "lint notebook")
        let clean = LintRun.run(paths: [CommandLineTests.root + "/notes"], format: "sarif")
        #expect(clean.exitCode == 0)
        try expectValid(clean.output, "lint clean notes")
    }

    @Test("verify-schedule: a named schedule (no file), a config and an array give valid SARIF", .enabled(if: validator != nil))
    func scheduleLogs() throws {
        var named = ScheduleRequest()
        named.scheduleName = "linear"
        named.betaStart = 0.02
        named.betaEnd = 0.0001
        let swapped = ScheduleCommand.run(named, format: .sarif)
        #expect(swapped.exitCode == 1)
        #expect(!results(try JSONValue.parse(swapped.output)).isEmpty)
        try expectValid(swapped.output, "verify-schedule --schedule")

        var config = ScheduleRequest()
        config.configPath = CommandLineTests.root + "/Tests/ScheduleCheckTests/Configs/sd15_scheduler_config.json"
        config.inferenceSteps = 50
        try expectValid(ScheduleCommand.run(config, format: .sarif).output, "verify-schedule --config")

        let workspace = try Workspace()
        let betas = workspace.directory.appendingPathComponent("betas:v1.json").path
        try "[0.02, 0.01, 0.0001]".write(toFile: betas, atomically: true, encoding: .utf8)
        var array = ScheduleRequest()
        array.betasPath = betas
        try expectValid(ScheduleCommand.run(array, format: .sarif).output, "verify-schedule --betas")
    }

    @Test("a notebook finding points at its line of the .ipynb file, cell 1-based")
    func notebookLines() throws {
        let workspace = try Workspace()
        let log = try JSONValue.parse(LintRun.run(paths: [workspace.notebook], format: "sarif").output)
        let result = try #require(results(log).first { $0["ruleId"] == .string("DL201") })
        let physical = try #require(result["locations"].flatMap { if case .array(let l) = $0 { return l.first } else { return nil } }?["physicalLocation"])
        let fileLines = workspace.notebookText.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLine = try #require(fileLines.firstIndex { $0.contains("np.random.rand(*x.shape)") }) + 1
        #expect(physical["region"]?["startLine"] == .number(Double(expectedLine)))
        // Cell 4 (index 3 in the file), line 5, column 13 of the cell: the same character in the file.
        #expect(physical["properties"]?["cell"] == .number(4))
        #expect(physical["properties"]?["cellLine"] == .number(5) && physical["properties"]?["cellColumn"] == .number(13))
        let line = Array(String(fileLines[expectedLine - 1]).unicodeScalars)
        guard case .number(let column)? = physical["region"]?["startColumn"] else { Issue.record("no column"); return }
        let cellLine = "    noise = np.random.rand(*x.shape) if t > 0 else 0.0"
        let pointed = String(String.UnicodeScalarView(cellLine.unicodeScalars.dropFirst(12)))
        let atColumn = String(String.UnicodeScalarView(line.dropFirst(Int(column) - 1)))
        #expect(atColumn.hasPrefix(String(pointed.prefix(10))), "\(atColumn) vs \(pointed)")

        let github = LintRun.run(paths: [workspace.notebook], format: "github").output
        #expect(github.contains(",line=\(expectedLine),col=\(Int(column)),"), "\(github)")
        #expect(github.contains("::cell 4, line 5: "))
        let json = try JSONValue.parse(LintRun.run(paths: [workspace.notebook], format: "json").output)
        guard case .array(let items) = json, let item = items.first(where: { $0["code"] == .string("DL201") }) else {
            Issue.record("no DL201 in JSON"); return
        }
        #expect(item["location"]?["line"] == .number(Double(expectedLine)) && item["location"]?["cell"] == .number(4))
        #expect(item["location"]?["cellLine"] == .number(5))
    }

    @Test("columns count Unicode scalars: a 𝛽 (two UTF-16 units) is one column")
    func columnsAreScalars() throws {
        let workspace = try Workspace()
        let log = try JSONValue.parse(LintRun.run(paths: [workspace.note], format: "sarif").output)
        for result in results(log) {
            guard case .array(let l)? = result["locations"], let region = l.first?["physicalLocation"]?["region"],
                  case .number(let line)? = region["startLine"], case .number(let column)? = region["startColumn"] else { continue }
            let text = try String(contentsOfFile: workspace.note, encoding: .utf8)
            let lineText = text.split(separator: "\n", omittingEmptySubsequences: false)[Int(line) - 1]
            #expect(Int(column) <= lineText.unicodeScalars.count + 1)
        }
        #expect(!results(log).isEmpty)
    }

    @Test("the validator rejects what the schema forbids", .enabled(if: validator != nil))
    func validatorCanFail() throws {
        let validator = try #require(Self.validator)
        let good = #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "error"}]}]}"#
        #expect(validator.validate(try JSONValue.parse(good)).isEmpty)
        let bad = [
            #"{"version": "2.0.0", "runs": []}"#,
            #"{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}"#,
            #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}"#,
            #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a b.md"}}}]}]}]}"#,
            #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "columnKind": "bytes"}]}"#,
            #"{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"region": {"startLine": 0}}}]}]}]}"#,
            #"{"version": "2.1.0", "runs": [], "extra": 1}"#,
        ]
        for text in bad {
            #expect(!validator.validate(try JSONValue.parse(text)).isEmpty, "\(text)")
        }
    }
}
