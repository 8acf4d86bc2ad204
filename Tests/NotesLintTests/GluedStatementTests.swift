import Testing
@testable import NotesLint

/// Statements glued together by a bad paste: an empty subscript, or a statement keyword after an
/// expression, is invalid in every Python 3 grammar and is reported at the token that breaks it;
/// the same tokens where the grammar allows them stay quiet.
struct GluedStatementTests {
    static let glued: [(code: String, line: Int, token: String)] = [
        ("import math\nfrom os import path, sep [][]\nx = 1\n", 2, "']'"),
        ("y = load(a) with lock():\n    z = 1\n", 1, "'with'"),
        ("ids = encode(text) []print(ids) []ids\n", 1, "']'"),
        ("total = 0\ntotal = total + 1 return total\n", 2, "'return'"),
    ]

    @Test(arguments: glued)
    func aGluedStatementIsReportedAtItsToken(_ code: String, _ line: Int, _ token: String) {
        let d = CodeProbe.run(code).diagnostics
        #expect(d.map(\.code) == ["DL212"] && d.first?.location?.line == line, "\(Corpus.describe(d))")
        #expect(d.first?.message.contains("unexpected \(token)") == true, "\(Corpus.describe(d))")
    }

    /// `[]` as an operand, a keyword where a clause may follow, the soft keywords' subjects.
    static let allowed: [String] = [
        "xs = []\nys = [[], []]\nzs = f([])\nfor a in []:\n    pass\n",
        "match xs:\n    case []:\n        kind = 0\n    case [first, *rest]:\n        kind = first\n",
        "match []:\n    case _:\n        pass\n",
        "v = a if ready else b\nw = [c for c in cs if c]\nfrom pkg import mod\nimport pkg.mod as m\n",
        "try:\n    run()\nexcept ValueError as e:\n    raise RuntimeError(\"x\") from e\n",
        "with lock():\n    z = 1\nx = 1; del x\nif x: return_value = 1\n",
        "grid = table[()]\nrow = table[:]\ncell = table[0][1]\n",
    ]

    @Test(arguments: allowed)
    func theSameTokensWhereTheGrammarAllowsThemAreQuiet(_ code: String) {
        let (d, coverage) = CodeProbe.run(code)
        #expect(!d.contains { $0.code == "DL212" }, "\(Corpus.describe(d))")
        #expect(CodeProbe.skipped(coverage).filter { $0.construct == "code block" }.isEmpty, "\(coverage)")
    }

    /// A line the parser cannot read without a never-valid pair stays unread, not an error.
    @Test func anUnreadLineWithoutAProvenPairIsStillOnlySkipped() {
        let (d, coverage) = CodeProbe.run("x = = 2\n")
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        #expect(CodeProbe.skipped(coverage).count == 1, "\(coverage)")
    }

    /// Once every unread line is proven wrong, the rest of the block is analysed.
    @Test func aBlockWhoseOnlyErrorsAreProvenIsStillAnalysed() throws {
        let note = "```python\nimport torch [][]\nbetas = torch.linspace(0.02, 0.0001, 1000)\n```\n"
        let d = try NotesLinter.lint(text: note, path: "n.md")
        #expect(d.map(\.code).sorted() == ["DL202", "DL212"], "\(Corpus.describe(d))")
    }
}
