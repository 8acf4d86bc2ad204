import CheckerCore
import Testing
@testable import NotesLint

/// The code analysis on a `.py` text: its findings and its coverage entries.
enum CodeProbe {
    /// `wholeProgram`: the fixture is a program whose every name must be bound (DL238). Fixtures
    /// are otherwise pieces of one, reading `model` or `loader` from the part not shown, and the
    /// rule that judges a whole program's names is left out of their findings.
    static func run(_ code: String, path: String = "probe.py", wholeProgram: Bool = false) -> (diagnostics: [Diagnostic], coverage: [CodeCoverageEntry]) {
        let source = SourceText(path: path, text: code)
        let report = CodeAnalysis.lint([CodeSpan(source: source, start: 0, end: source.scalars.count)], hyperparameters: [])
        let diagnostics = wholeProgram ? report.diagnostics : Self.piece(report.diagnostics)
        return (diagnostics, report.coverage.filter { wholeProgram || $0.construct != "names never bound" })
    }

    /// The findings of a fixture that is a piece of a program: without DL238's.
    static func piece(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.filter { $0.code != LintRule.neverBoundName.code }
    }

    static func skipped(_ coverage: [CodeCoverageEntry]) -> [CodeCoverageEntry] { coverage.filter { $0.verdict == .skipped } }
}

/// Python 3.12 as real notes write it parses, and only code that is invalid in every version is
/// reported as a syntax error.
struct CodeGrammarTests {
    static let modernForms: [String] = [
        "if (n := len(xs)) > 3:\n    print(n)\n",
        "ys = [y for x in xs if (y := x * 2) > 1]\nprint(y)\n",
        "match cmd:\n    case \"linear\" | \"lin\":\n        kind = 1\n    case {\"name\": name}:\n        kind = name\n    case Point(x=0, y=yy) if yy > 0:\n        kind = yy\n    case [head, *tail]:\n        kind = head\n    case _:\n        kind = 0\n",
        "async def fetch(url, /, retries: int = 3, *rest, timeout, **options) -> bytes:\n    async with session.get(url) as response:\n        data = await response.read()\n    async for chunk in stream():\n        pass\n    return [c async for c in chunks()]\n",
        "def counter():\n    total = 0\n    def bump():\n        nonlocal total\n        total += 1\n    global RUNS\n    RUNS = 1\n    return bump\n",
        "scale = lambda a, b=2, *more, c=3, **kw: a * b\n",
        "label = f\"{name!r:>10} at {step=} {'inner'} {values[\"k\"]:.3f}\"\n",
        "first, *rest = 1, 2, 3\nmerged = {**base, \"extra\": 1}\nprint(*rest, sep=\", \")\n",
        "type Schedule = list[float]\nclass Buffer[T]:\n    item: T\ndef pick[T](x: T) -> T:\n    return x\n",
        "try:\n    run()\nexcept* ValueError as group:\n    print(group)\n",
        "with (open(\"a\") as fa, open(\"b\") as fb):\n    pass\n",
        "def gen():\n    received = yield 1\n    yield from range(received)\n",
        "m = a @ b\nmask = 1 << 3 | 2 & 1 ^ 4\nz = 0x1F + 0o17 + 0b101 + 1_000 + 2j\nraw = rb'\\d' + Rb\"x\"\n",
        "@dataclass(frozen=True)\nclass Config:\n    steps: int = 1000\n    betas: list[float] = field(default_factory=list)\n",
        "idx = grid[*shape]\nsel = x[:, None, None, None]\n",
    ]

    @Test(arguments: modernForms)
    func validPythonIsNeitherAnErrorNorSkipped(_ code: String) {
        let (d, coverage) = CodeProbe.run(code)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        #expect(!coverage.contains { $0.construct == "code block" && $0.verdict == .skipped }, "\(coverage)")
    }

    static let invalid: [(String, Int)] = [
        ("def step(x, t)\n    return x\n", 1),
        ("for i in range(3)\n    print(i)\n", 1),
        ("xs = [1, 2,\n", 1),
        ("msg = \"never closed\n", 1),
        ("if ready:\nprint(1)\n", 2),
        ("def f():\n        a = 1\n    b = 2\n", 3),
    ]

    @Test(arguments: invalid)
    func codeInvalidInEveryVersionIsReported(_ code: String, _ line: Int) {
        let (d, _) = CodeProbe.run(code)
        #expect(d.map(\.code) == ["DL212"] && d.first?.location?.line == line, "\(Corpus.describe(d))")
    }

    /// A statement the parser cannot place is possibly valid Python: the block gets a coverage
    /// entry, not an error, and the names on the line still count as defined.
    @Test func anUnreadStatementSkipsItsBlockWithoutAnError() throws {
        let code = "x = = 2\nbetas = torch.linspace(0.02, 0.0001, 1000)\n"
        let (d, coverage) = CodeProbe.run(code)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        #expect(CodeProbe.skipped(coverage).count == 1 && CodeProbe.skipped(coverage).first?.location.line == 1, "\(coverage)")
        let readable = "x = 2\nbetas = torch.linspace(0.02, 0.0001, 1000)\n"
        let note = "```python\n\(readable)```\n"
        #expect(try NotesLinter.lint(text: note, path: "n.md").map(\.code) == ["DL202"])
    }

    @Test func functionsHoldingUnmodelledConstructsAreSkippedWithAReason() {
        let code = """
        def step(x, t, mode):
            match mode:
                case "fast":
                    var = betas[t] * 3
                case _:
                    var = betas[t]
            return x

        def plain(x, t):
            return x
        """
        let (d, coverage) = CodeProbe.run(code)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
        let skipped = CodeProbe.skipped(coverage)
        #expect(skipped.count == 1 && skipped[0].construct == "function step" && skipped[0].reason.contains("match"), "\(coverage)")
        #expect(coverage.contains { $0.construct == "function plain" && $0.verdict == .judged })
    }

    @Test func namesBoundByWalrusMatchAndExceptAreDefined() {
        let code = """
        def first(values):
            if (count := len(values)) > 0:
                return count
            try:
                run()
            except ValueError as problem:
                print(problem)
        """
        let (d, _) = CodeProbe.run(code)
        #expect(d.isEmpty, "\(Corpus.describe(d))")
    }
}
