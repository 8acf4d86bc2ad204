import Testing
@testable import CheckerCore

/// Cell positions mapped to positions in the `.ipynb` file, and the URIs SARIF gets.
@Suite("Notebook positions and SARIF URIs")
struct NotebookPositionTests {
    /// Line 1 `{"cells": [`, line 2 a markdown cell as one string, lines 3–6 a code cell as an
    /// array of strings, one per line of the file.
    static let notebook = """
    {"cells": [
     {"cell_type": "markdown", "source": "# T\\u00edtulo\\nsecond \\"line\\""},
     {"cell_type": "code", "source": [
       "x = 1\\n",
       "y = \\ud835\\udefd + z\\n",
       "w"]}
    ]}
    """

    @Test("an array source: each cell line is its own file line; escapes count as their spelling")
    func arraySource() throws {
        let map = try #require(NotebookPositions(notebookText: Self.notebook))
        #expect(map.filePosition(cell: 1, line: 1, column: 1) == TextPosition(line: 4, column: 5))
        // "y = 𝛽 + z": column 5 is 𝛽, spelled as a 12-character surrogate pair; column 7 is "+".
        #expect(map.filePosition(cell: 1, line: 2, column: 5) == TextPosition(line: 5, column: 9))
        #expect(map.filePosition(cell: 1, line: 2, column: 7) == TextPosition(line: 5, column: 22))
        #expect(map.filePosition(cell: 1, line: 3, column: 1) == TextPosition(line: 6, column: 5))
        // Past the end of the source: the closing quote of the last string.
        #expect(map.filePosition(cell: 1, line: 9, column: 1) == TextPosition(line: 6, column: 6))
    }

    @Test("a single-string source: every cell line is on the string's file line")
    func stringSource() throws {
        let map = try #require(NotebookPositions(notebookText: Self.notebook))
        // `"source": "` ends at column 38; "#" is column 39.
        #expect(map.filePosition(cell: 0, line: 1, column: 1) == TextPosition(line: 2, column: 39))
        // "T\u00edtulo": the í at cell column 4 is the six-character escape at columns 42–47.
        #expect(map.filePosition(cell: 0, line: 1, column: 4) == TextPosition(line: 2, column: 42))
        #expect(map.filePosition(cell: 0, line: 1, column: 5) == TextPosition(line: 2, column: 48))
        // Line 2 starts after "\n": "# T" (3) + escape (6) + "tulo" (4) + "\n" (2) = 15 columns on.
        #expect(map.filePosition(cell: 0, line: 2, column: 1) == TextPosition(line: 2, column: 54))
        #expect(map.filePosition(cell: 7, line: 1, column: 1) == nil)
        #expect(NotebookPositions(notebookText: "[1, 2]") == nil)
    }

    @Test("reports: the machine formats use file lines, every format numbers cells from 1")
    func renderedNotebookFinding() throws {
        let finding = Diagnostic(code: "DL201", slug: "uniform-noise", severity: .error, message: "uniform",
                                 location: SourceLocation(file: "nb.ipynb", line: 2, column: 7, cell: 1))
        let tool = ToolDescriptor(name: "checker", rules: [])
        let read: (String) -> String? = { $0 == "nb.ipynb" ? Self.notebook : nil }
        #expect(DiagnosticReport.textLine(finding).hasPrefix("nb.ipynb:cell 2:2:7: "))
        let json = try JSONValue.parse(DiagnosticReport.render([finding], format: .json, tool: tool, readFile: read))
        guard case .array(let items) = json, let location = items.first?["location"] else { Issue.record("no item"); return }
        #expect(location["line"] == .number(5) && location["column"] == .number(22))
        #expect(location["cell"] == .number(2) && location["cellLine"] == .number(2) && location["cellColumn"] == .number(7))
        let github = DiagnosticReport.render([finding], format: .github, tool: tool, readFile: read)
        #expect(github == "::error file=nb.ipynb,line=5,col=22,title=DL201/uniform-noise::cell 2, line 2: uniform")
        // A notebook that cannot be read keeps the cell's own line rather than inventing one.
        let unread = DiagnosticReport.render([finding], format: .github, tool: tool, readFile: { _ in nil })
        #expect(unread.hasPrefix("::error file=nb.ipynb,line=2,col=7,"))
    }

    @Test("SARIF URIs: relative, percent-encoded, no scheme-like first segment")
    func uris() {
        #expect(DiagnosticReport.sarifURI("notes/a b.md", currentDirectory: "/repo") == "notes/a%20b.md")
        #expect(DiagnosticReport.sarifURI("ddpm:notes.md", currentDirectory: "/repo") == "ddpm%3Anotes.md")
        #expect(DiagnosticReport.sarifURI("./notes/x.md", currentDirectory: "/repo") == "notes/x.md")
        #expect(DiagnosticReport.sarifURI("/repo/notes/é.md", currentDirectory: "/repo") == "notes/%C3%A9.md")
        #expect(DiagnosticReport.sarifURI("/elsewhere/x.md", currentDirectory: "/repo") == "file:///elsewhere/x.md")
    }

    @Test("SARIF: a finding without a file is placed at the run's subject, and the column unit is declared")
    func locationless() throws {
        let finding = Diagnostic(code: "VS102", slug: "swapped", severity: .error, message: "β decreases")
        let withSubject = ToolDescriptor(name: "checker verify-schedule", rules: [], subjectArtifact: "configs/scheduler_config.json")
        for (tool, uri) in [(withSubject, "configs/scheduler_config.json"), (ToolDescriptor(name: "checker", rules: []), DiagnosticReport.commandLineArtifact)] {
            let log = try JSONValue.parse(DiagnosticReport.render([finding], format: .sarif, tool: tool))
            guard case .array(let runs)? = log["runs"], case .array(let results)? = runs.first?["results"],
                  case .array(let locations)? = results.first?["locations"] else { Issue.record("no location"); return }
            #expect(locations.first?["physicalLocation"]?["artifactLocation"]?["uri"] == .string(uri))
            #expect(runs.first?["columnKind"] == .string("unicodeCodePoints"))
        }
    }
}
