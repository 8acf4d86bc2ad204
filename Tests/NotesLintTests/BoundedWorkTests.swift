import CheckerCore
import Testing
@testable import NotesLint

/// The work of the code analysis grows with the code, not with how it nests: each argument of a
/// call is evaluated once, the interpreter stops at a budget of evaluations and says it did, and
/// the parser's recursion stops at 64 levels (blocks, brackets and chains together).
struct BoundedWorkTests {
    static let budgetReason = "evaluations of expressions"

    static func nestedCall(_ open: String, _ close: String, depth: Int) -> String {
        String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)
    }

    /// Calls that read their first argument more than once on the way to a value: a library
    /// function, `max` and `torch.where` (read for a number first), `torch.ones` (read up to four
    /// times), a model, and a function of the code's own that is inlined.
    @Test("forty nested calls are judged within the budget", arguments: [
        ("f(", ")"), ("max(", ", 2)"), ("torch.where(", ", 2, 3)"), ("torch.ones(", ")"), ("model(", ", t)"), ("scale(", ")"),
    ])
    func nestedCallsAreJudged(open: String, close: String) {
        // Evaluated again at every read, forty levels would take 2⁴⁰ evaluations or more.
        let code = "import torch\n\ndef scale(v):\n    return v * 2 + v\n\nx = " + Self.nestedCall(open, close, depth: 40) + "\n"
        let (_, coverage) = CodeProbe.run(code)
        #expect(coverage.contains { $0.construct == "module code" && $0.verdict == .judged }, "\(coverage)")
        #expect(!coverage.contains { $0.reason.contains(Self.budgetReason) }, "\(coverage)")
    }

    /// `f` calls `g` thirty times and `g` runs thirty statements, each inlined: some 3000
    /// evaluations, against a budget of 1000 here (100 000 in use). Before that work a table is
    /// built with cumsum where cumprod belongs (DL206): a finding of the interpreter.
    static let fanOut: String = {
        var code = "import torch\n\nbetas = torch.linspace(1e-4, 0.02, 1000)\nalphas = 1 - betas\nalphas_cumprod = torch.cumsum(alphas, dim=0)\n\n"
        code += "def g(v):\n" + String(repeating: "    a = v * 2 + 1\n", count: 30) + "    return a\n\n"
        code += "def f(v):\n" + String(repeating: "    b = g(v)\n", count: 30) + "    return b\n\n"
        return code + "y = f(1)\n"
    }()

    @Test("past the budget a run is reported not judged and its value findings are dropped")
    func budgetStopsARun() {
        let (found, judgedCoverage) = CodeProbe.run(Self.fanOut)
        #expect(found.map(\.code).contains(LintRule.cumsumForCumprod.code), "\(found)")
        #expect(!judgedCoverage.contains { $0.reason.contains(Self.budgetReason) })

        let (diagnostics, coverage) = PyInterpreter.$evaluationBudget.withValue(1000) { CodeProbe.run(Self.fanOut) }
        let stopped = CodeProbe.skipped(coverage).filter { $0.reason.contains(Self.budgetReason) }
        #expect(stopped.map(\.construct).sorted() == ["module code", "values in function f"], "\(coverage)")
        #expect(stopped.allSatisfy { $0.reason.contains("(1000 for one run, 10000 for a document)") })
        // The module's block ran out: its cumsum finding is not kept from a partial run.
        #expect(!diagnostics.map(\.code).contains(LintRule.cumsumForCumprod.code), "\(diagnostics)")
    }

    @Test("a document's runs share ten times a run's budget")
    func documentBudget() {
        // The fan-out program spends about 2000 of the document's 10 000 evaluations here (its
        // module block and `f` stop at 1000 each). Thirty more functions of about 300 each, each
        // within a run's 1000: the last of them find the document's share spent.
        var code = Self.fanOut
        for k in 0..<30 { code += "\ndef h\(k)(v):\n" + String(repeating: "    c = v * 2 + 1\n", count: 60) + "    return c\n" }
        let (_, coverage) = PyInterpreter.$evaluationBudget.withValue(1000) { CodeProbe.run(code) }
        let judged = Set(coverage.filter { $0.verdict == .judged }.map(\.construct))
        let stopped = Set(CodeProbe.skipped(coverage).filter { $0.reason.contains(Self.budgetReason) }.map(\.construct))
        #expect(judged.contains("function g") && judged.contains("function h0"), "\(coverage)")
        #expect(!stopped.contains("values in function h0"))
        #expect(stopped.contains("values in function f"))
        #expect(stopped.contains { $0.hasPrefix("values in function h") }, "the document's share must run out: \(stopped)")
    }

    @Test("a function within the budget is judged beside one past it")
    func budgetIsPerRun() {
        // `g` alone needs about 100 evaluations; `f`, inlining it thirty times, thirty times more.
        let (_, coverage) = PyInterpreter.$evaluationBudget.withValue(1000) { CodeProbe.run(Self.fanOut) }
        #expect(coverage.contains { $0.construct == "function g" && $0.verdict == .judged }, "\(coverage)")
        #expect(!coverage.contains { $0.construct == "values in function g" })
    }

    @Test("chains without brackets stop at the recursion limit, with a coverage entry", arguments: ["yield ", "not ", "- ", "lambda: "])
    func chainsStopAtTheLimit(link: String) {
        let deep = "def f():\n    x = " + String(repeating: link, count: 300) + "1\n    return x\n"
        let (diagnostics, coverage) = CodeProbe.run(deep)
        #expect(!diagnostics.contains { $0.code == LintRule.pythonSyntax.code }, "valid Python is no syntax error: \(diagnostics)")
        #expect(coverage.contains { $0.verdict == .skipped && ($0.construct + $0.reason).contains("nested more than \(PythonParser.maximumRecursion) levels") }, "\(coverage)")

        let shallow = "def f():\n    x = " + String(repeating: link, count: 40) + "1\n    return x\n"
        #expect(!CodeProbe.run(shallow).coverage.contains { ($0.construct + $0.reason).contains("nested more than") })
    }

    @Test("blocks count toward the recursion limit of the expressions inside them")
    func blocksShareTheLimit() {
        // Forty blocks, then forty links of a chain: eighty levels of recursion in all.
        let blocks = (0..<40).map { String(repeating: "    ", count: $0) + "if x:\n" }.joined()
        let code = "x = 1\n" + blocks + String(repeating: "    ", count: 40) + "y = " + String(repeating: "not ", count: 40) + "x\n"
        let (_, coverage) = CodeProbe.run(code)
        #expect(coverage.contains { $0.verdict == .skipped && ($0.construct + $0.reason).contains("nested more than") }, "\(coverage)")
    }

    @Test("closing brackets with nothing open do not raise the nesting limit")
    func strayClosersDoNotRaiseTheLimit() {
        // Two hundred stray closers once let two hundred more opening brackets past the test on
        // the tokens (depth counted below zero).
        let code = String(repeating: ")", count: 200) + "\ny = " + Self.nestedCall("(", ")", depth: 150) + "\n"
        let parsed = PythonParser.parse(Array(code.unicodeScalars), from: 0, to: code.unicodeScalars.count)
        #expect(parsed.statements.isEmpty)
        #expect(parsed.errors.map(\.message) == ["the code nests more than \(PythonParser.maximumRecursion) levels deep"])
    }
}
