import Testing
import CheckerCore
import NotesLint

/// Shapes of notes that no author writes but a fuzzer, a generator or a bad merge does: chains
/// that nest without brackets, thousands of blocks, one very long line. Each is linted to the end
/// with a positioned answer; the time limit only turns a hang into a failure.
@Suite("Pathological note shapes", .timeLimit(.minutes(2)))
struct LintShapeTests {
    static func python(_ text: String) -> [Diagnostic] { NotesLinter.lintPython(text: text, path: "shape.py") }
    static func markdown(_ text: String) -> [Diagnostic] { NotesLinter.lintMarkdown(text: text, path: "shape.md") }

    static func chain(_ count: Int, _ separator: String, _ item: String = "a") -> String {
        Array(repeating: item, count: count).joined(separator: separator)
    }

    /// One line of Python per shape, each far deeper than the limit.
    static func deepPython(_ shape: String) -> String {
        switch shape {
        case "attribute": return "x = " + chain(5000, ".")
        case "sum": return "x = " + chain(5000, " + ")
        case "call": return "x = f" + String(repeating: "()", count: 5000)
        case "subscript": return "x = f" + String(repeating: "[0]", count: 5000)
        case "negation": return "x = " + String(repeating: "-", count: 5000) + "1"
        case "not": return "x = " + String(repeating: "not ", count: 5000) + "1"
        case "power": return "x = " + chain(5000, " ** ", "2")
        case "lambda": return "x = " + String(repeating: "lambda: ", count: 5000) + "1"
        default: return "x = " + chain(5000, " if c else ", "1")
        }
    }

    @Test("Python chains that build deep trees without brackets are skipped alone, never called invalid",
          arguments: ["attribute", "sum", "call", "subscript", "negation", "not", "power", "lambda", "conditional"])
    func deepPythonChains(shape: String) {
        // Found by the `python` target: an 11 KB attribute chain overflowed the stack in the
        // interpreter's recursion over the tree. Such a line is valid Python, so it gets no
        // syntax error; the statement is skipped and the rest of the block is still linted.
        let text = "import torch\n" + Self.deepPython(shape) + "\nz = torch.rand_like(x)\n"
        let found = Self.python(text)
        #expect(!found.contains { $0.code == "DL212" }, "\(shape): \(found.map(\.message))")
        #expect(!found.contains { $0.slug == "undefined-name" }, "\(shape): the skipped line still binds x")
        #expect(found.contains { $0.location?.line == 3 && $0.slug == "uniform-noise" }, "\(shape)")
    }

    @Test("a chain at the depth limit is read; one level more is skipped without a syntax error")
    func pythonDepthBoundary() throws {
        // The chain's value feeds a uniform draw: read at the limit, the draw is judged either way,
        // and neither side is called invalid Python.
        // Only the coverage tells the two apart: the line beyond the limit is listed as skipped.
        func lint(_ depth: Int) throws -> (found: [Diagnostic], skippedLines: [Int]) {
            let text = "import torch\nx = " + Self.chain(depth, ".") + "\nz = torch.rand_like(x)\n"
            let (found, coverage) = try NotesLinter.lintWithCoverage(text: text, path: "shape.py")
            let skipped = coverage.code.filter { $0.verdict == .skipped && $0.construct.contains("levels deep") }
            return (found, skipped.map(\.location.line))
        }
        let atLimit = try lint(100), beyond = try lint(101)
        for run in [atLimit, beyond] {
            #expect(!run.found.contains { $0.code == "DL212" })
            #expect(run.found.contains { $0.location?.line == 3 && $0.slug == "uniform-noise" })
        }
        #expect(atLimit.skippedLines.isEmpty)
        #expect(beyond.skippedLines == [2])
    }

    @Test("nested sampling loops are checked without doubling the work per level")
    func nestedSamplingLoops() {
        var text = "import torch\nT = 1000\nbetas = torch.linspace(1e-4, 0.02, T)\nalphas = 1 - betas\n"
        text += "alphas_cumprod = torch.cumprod(alphas, dim=0)\nx = torch.randn(3)\n"
        for depth in 0..<40 {
            text += String(repeating: "    ", count: depth) + "for t\(depth) in reversed(range(T)):\n"
        }
        let body = String(repeating: "    ", count: 40)
        text += body + "eps = model(x, t39)\n"
        text += body + "x = (x - betas[t39] / torch.sqrt(1 - alphas_cumprod[t39]) * eps) / torch.sqrt(alphas[t39]) + torch.sqrt(betas[t39]) * torch.randn_like(x)\n"
        // 2⁴⁰ last-iteration runs before the fix; now the noise on the last step is still found.
        // The fixture is a piece of a program (its `model` comes from code not shown), so the
        // whole-program name check DL238 is left out.
        let found = Self.python(text).filter { $0.code != LintRule.neverBoundName.code }
        #expect(found.map(\.code) == ["DL210"] && found.first?.location?.line == 48, "\(found.map(\.message))")
    }

    /// The right-hand side of one formula per shape, each far deeper than the limit.
    static func deepFormula(_ shape: String) -> String {
        switch shape {
        case "sqrt": return String(repeating: "\\sqrt", count: 5000) + " x"
        case "frac": return String(repeating: "\\frac12", count: 5000)
        case "negation": return String(repeating: "-", count: 5000) + " x"
        case "power": return chain(5000, "^")
        case "subscript": return chain(5000, "_")
        default: return chain(5000, "+")
        }
    }

    @Test("LaTeX that nests without braces is left unread, and the rest of the note is judged",
          arguments: ["sqrt", "frac", "negation", "power", "subscript", "sum"])
    func deepFormulas(shape: String) {
        // Found by generated shapes: the parser's and the evaluator's recursion overflowed the stack.
        let wrong = "$$x_t = \\sqrt{\\bar\\alpha_t}\\, x_0 + (1-\\bar\\alpha_t)\\,\\epsilon$$"
        let found = Self.markdown("$$x_t = \(Self.deepFormula(shape))$$\n\n" + wrong + "\n")
        #expect(found.contains { $0.location?.line == 3 }, "\(shape): the wrong formula after it must still be found: \(found.map(\.message))")
        #expect(!found.contains { $0.location?.line == 1 && $0.severity == .error }, "\(shape)")
    }

    @Test("formulas that draw a noise per term of a sum over T, or nest sums over T, are left unjudged")
    func costlyFormulas() {
        // Found by the CI fuzz pass: `\sigma\sum_{t=1}^{T}_t\epsilon_t` asked for 1000 noise inputs,
        // and the affine form evaluated the whole sum once per input (162 s for 1.6 KB).
        let noisySum = "$$x_{t-1} = \\sqrt{\\alpha_{t-1}}\\,\\hat{x}_0 + \\sigma\\sum_{t=1}^{T}_t\\epsilon_t$$"
        let nested = "$$x_t = \\sqrt{\\bar\\alpha_t} x_0 + \\sum_{i=1}^{T}\\sum_{j=1}^{T}\\prod_{k=1}^{T}\\alpha_k \\epsilon$$"
        let wrong = "$$x_t = \\sqrt{\\bar\\alpha_t}\\, x_0 + (1-\\bar\\alpha_t)\\,\\epsilon$$"
        let text = Array(repeating: noisySum + "\n\n" + nested, count: 5).joined(separator: "\n\n") + "\n\n" + wrong + "\n"
        let found = Self.markdown(text)
        // Only the readable wrong formula at the end is reported.
        #expect(found.count == 1 && found.first?.location?.line == 21, "\(found.map { "\($0.location?.line ?? 0): \($0.message)" })")
    }

    @Test("thousands of code blocks: suppressions still apply block by block")
    func manyFencedBlocks() {
        // Found by the `markdown` target: every block rescanned the whole note for suppressions
        // (quadratic: 12 s for an 11 KB note with 2000 empty fences under the sanitizers).
        var text = ""
        for i in 0..<1000 {
            let ignore = i.isMultiple(of: 2) ? "  # checker-lint: ignore uniform-noise" : ""
            text += "```python\nx = torch.rand_like(y)\(ignore)\n```\n\n"
        }
        let found = Self.markdown(text).filter { $0.slug == "uniform-noise" }
        #expect(found.count == 500)
        // Block i's code is on line 4i + 2; the even blocks carry the suppression.
        #expect(found.allSatisfy { (($0.location?.line ?? 0) - 2).isMultiple(of: 4) && (($0.location?.line ?? 0) - 2) / 4 % 2 == 1 })
    }

    @Test("thousands of inline formulas on one line are each judged")
    func manyFormulasOnOneLine() {
        // Each formula once sliced its whole line: quadratic time and memory on a single-line note.
        let right = "$\\bar\\alpha_t = \\prod_{s=1}^{t} \\alpha_s$ "
        let wrong = "$x_t = \\sqrt{\\bar\\alpha_t}\\, x_0 + (1-\\bar\\alpha_t)\\,\\epsilon$ "
        let text = String(repeating: right, count: 1000) + wrong + "\n"
        let found = Self.markdown(text)
        #expect(found.count == 1)
        let start = 1000 * right.unicodeScalars.count + 1
        #expect((start..<start + wrong.unicodeScalars.count).contains(found.first?.location?.column ?? 0))
    }
}
