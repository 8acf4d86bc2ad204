import CheckerCore
import Foundation

/// `checker lint`: reads markdown notes, Jupyter notebooks and Python files and reports the
/// mathematical errors in their formulas and code.
///
/// The pipeline, per note:
/// 1. ``MarkdownDocument`` splits the text into math spans, code fences and hyperparameter
///    bullets, keeping scalar offsets into the original file (so every finding has its exact line
///    and column; a notebook cell is its own ``SourceText``).
/// 2. Formulas: `TexLexer`/`TexParser` build expression trees, `FormulaReader` assembles the
///    `A = B = C` chains of aligned rows, `MathAnalysis` infers the α convention (DDPM's per-step α
///    or the DDIM paper's cumulative one) and `FormulaJudge` recognizes each equation by what its
///    sides depend on and evaluates it at several steps of two schedules against `Reference`.
/// 3. Code: `PythonParser` reads the Python subset, `PyInterpreter` propagates constants
///    (assignments, defaults, the note's hyperparameter bullets) and keeps per-sample tensors as
///    affine forms, so rules fire on values, not on spellings.
/// 4. `DocumentChecks` compares what the note states in several places; `Suppressions` applies
///    `checker-lint: ignore` comments.
public enum NotesLinter {
    /// Lints one file by its extension (`.md`/`.markdown`, `.ipynb`, `.py`, `.tex`).
    public static func lint(path: String) throws(LintInputError) -> [Diagnostic] {
        try lint(path: path, coverage: nil)
    }

    /// Lints one file and says what was judged in it and what was not (see ``LintCoverage``).
    public static func lintWithCoverage(path: String) throws(LintInputError) -> (diagnostics: [Diagnostic], coverage: LintCoverage) {
        let collector = CoverageCollector(file: path)
        let d = try lint(path: path, coverage: collector)
        return (d, collector.coverage)
    }

    /// Lints text as the file type its path names, with its coverage.
    public static func lintWithCoverage(text: String, path: String) throws(LintInputError) -> (diagnostics: [Diagnostic], coverage: LintCoverage) {
        let collector = CoverageCollector(file: path)
        let d = try lint(text: text, path: path, coverage: collector)
        return (d, collector.coverage)
    }

    static func lint(path: String, coverage: CoverageCollector?) throws(LintInputError) -> [Diagnostic] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LintInputError(.unreadableFile, path: path, message: "cannot read the file; expected an existing, readable file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LintInputError(.unreadableFile, path: path, message: "the file is not UTF-8 text; expected UTF-8 Markdown, a notebook or Python")
        }
        if path.lowercased().hasSuffix(".tex") {
            return lintLatex(text: text, path: path, coverage: coverage, inputs: LatexInputs(readBy: text, at: path))
        }
        return try lint(text: text, path: path, coverage: coverage)
    }

    /// Lints text as the file type its path names.
    public static func lint(text: String, path: String) throws(LintInputError) -> [Diagnostic] {
        try lint(text: text, path: path, coverage: nil)
    }

    static func lint(text: String, path: String, coverage: CoverageCollector?) throws(LintInputError) -> [Diagnostic] {
        let lower = path.lowercased()
        if lower.hasSuffix(".ipynb") { return try lintNotebook(text: text, path: path, coverage: coverage) }
        if lower.hasSuffix(".py") { return lintPython(text: text, path: path, coverage: coverage) }
        // Quarto (`.qmd`) and R Markdown (`.rmd`) are Markdown whose code chunks are tagged `{python}`.
        if [".md", ".markdown", ".txt", ".qmd", ".rmd"].contains(where: lower.hasSuffix) { return lintMarkdown(text: text, path: path, coverage: coverage) }
        if lower.hasSuffix(".tex") { return lintLatex(text: text, path: path, coverage: coverage) }
        throw LintInputError(.unsupportedFile, path: path, message: "expected a .md, .markdown, .qmd, .rmd, .ipynb, .py or .tex file")
    }

    /// A LaTeX note: its formulas and its Python listings, read through ``LatexDocument``'s
    /// Markdown view of the file (same lines and columns), with the macros of its preamble.
    /// Linting a text reads no other file; linting a path also reads the macros of the files the
    /// note includes (``LatexInputs``).
    public static func lintLatex(text: String, path: String) -> [Diagnostic] {
        lintLatex(text: text, path: path, coverage: nil)
    }

    static func lintLatex(text: String, path: String, coverage: CoverageCollector?, inputs: LatexInputs? = nil) -> [Diagnostic] {
        let document = LatexDocument(text: text, macroTexts: inputs?.texts ?? [])
        coverage?.coverage.macroInputs = inputs?.inputs ?? []
        let source = SourceText(path: path, text: document.markdownView)
        return lintDocument(markdown: [source], code: [], coverage: coverage, macros: document.macros)
    }

    public static func lintMarkdown(text: String, path: String) -> [Diagnostic] {
        lintMarkdown(text: text, path: path, coverage: nil)
    }

    static func lintMarkdown(text: String, path: String, coverage: CoverageCollector?) -> [Diagnostic] {
        let source = SourceText(path: path, text: text)
        return lintDocument(markdown: [source], code: [], coverage: coverage)
    }

    public static func lintPython(text: String, path: String) -> [Diagnostic] {
        lintPython(text: text, path: path, coverage: nil)
    }

    static func lintPython(text: String, path: String, coverage: CoverageCollector?) -> [Diagnostic] {
        let source = SourceText(path: path, text: text)
        // A notebook exported to a script (`jupyter nbconvert --to script`, jupytext) keeps its
        // markdown cells as comment lines: their formulas are read as the note's math.
        let comments = commentMarkdown(text).map { [SourceText(path: path, text: $0)] } ?? []
        return lintDocument(markdown: comments, code: [CodeSpan(source: source, start: 0, end: source.scalars.count)], coverage: coverage,
                            readsMarkdownCode: false)
    }

    /// The full-line comments of a notebook exported to a script (cells marked `# In[ ]:` by
    /// nbconvert, `# %%` or `# +` by jupytext) as Markdown, at the same offsets (everything else
    /// blanked, the `#` itself a space); nil for another script, or when no comment holds TeX math
    /// (`$…\…$`, `$$`). Comments of ordinary code are notes to the code, not a note's formulas.
    static func commentMarkdown(_ text: String) -> String? {
        let exported = text.split(separator: "\n").contains { line in
            line.hasPrefix("# In[") || line.hasPrefix("# %%") || line == "# +" || line.hasPrefix("# + ")
        }
        guard exported else { return nil }
        var out = String.UnicodeScalarView()
        var holdsMath = false
        for (k, line) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if k > 0 { out.append("\n") }
            let indent = line.prefix { $0 == " " || $0 == "\t" }
            let rest = line.dropFirst(indent.count)
            guard rest.first == "#" else {
                out.append(contentsOf: line.map { $0 == "\r" ? $0 : " " })
                continue
            }
            out.append(contentsOf: indent.map { _ in " " })
            out.append(" ")
            let body = rest.dropFirst()
            out.append(contentsOf: body)
            let b = String(String.UnicodeScalarView(body))
            if b.contains("$$") || (b.contains("$") && b.contains("\\")) { holdsMath = true }
        }
        return holdsMath ? String(out) : nil
    }

    /// A notebook: markdown cells are read as markdown, code cells as Python; positions are the
    /// cell (0-based in the data, shown 1-based) and the line within the cell.
    public static func lintNotebook(text: String, path: String) throws(LintInputError) -> [Diagnostic] {
        try lintNotebook(text: text, path: path, coverage: nil)
    }

    static func lintNotebook(text: String, path: String, coverage: CoverageCollector?) throws(LintInputError) -> [Diagnostic] {
        let root: JSONValue
        do {
            root = try JSONValue.parse(text)
        } catch {
            throw LintInputError(.notebookJSON, path: path,
                                 message: "the notebook is not valid JSON at line \(error.position.line), column \(error.position.column): \(error.message)",
                                 position: error.position)
        }
        guard case .array(let cells)? = root["cells"] else {
            throw LintInputError(.notebookStructure, path: path, message: "expected a Jupyter notebook: an object with a \"cells\" array")
        }
        var markdown: [SourceText] = []
        var code: [CodeSpan] = []
        var skippedCells: [CodeCoverageEntry] = []
        let kernelLanguage = notebookLanguage(root)
        for (index, cell) in cells.enumerated() {
            guard case .string(let type)? = cell["cell_type"] else {
                throw LintInputError(.notebookStructure, path: path, message: "cell \(index + 1) has no \"cell_type\" string")
            }
            let body: String
            switch cell["source"] {
            case .string(let s)?: body = s
            case .array(let lines)?:
                var joined = ""
                for l in lines {
                    guard case .string(let s) = l else {
                        throw LintInputError(.notebookStructure, path: path, message: "cell \(index + 1): \"source\" must hold strings")
                    }
                    joined += s
                }
                body = joined
            default:
                throw LintInputError(.notebookStructure, path: path, message: "cell \(index + 1) has no \"source\" (a string or an array of strings)")
            }
            if type == "markdown" {
                markdown.append(SourceText(path: path, text: body, cell: index))
            } else if type == "code", let kernelLanguage {
                // A Sage, R or Julia kernel's cells are not Python, however much they look like it.
                let source = SourceText(path: path, text: body, cell: index)
                skippedCells.append(CodeCoverageEntry(location: source.location(0), construct: "code cell", verdict: .skipped,
                                                      reason: "not judged: the notebook's kernel runs \(kernelLanguage), not Python"))
            } else if type == "code" {
                let cleaned = commentingMagics(body)
                let source = SourceText(path: path, text: cleaned, cell: index)
                code.append(CodeSpan(source: source, start: 0, end: source.scalars.count))
            }
        }
        return lintDocument(markdown: markdown, code: code, coverage: coverage, skippedCode: skippedCells)
    }

    /// The language a notebook's kernel runs when its metadata names one other than Python
    /// (`"language": "sage"`); nil for Python or when the metadata says nothing.
    static func notebookLanguage(_ root: JSONValue) -> String? {
        let declared: JSONValue? = root["metadata"]?["kernelspec"]?["language"] ?? root["metadata"]?["language_info"]?["name"]
        guard case .string(let language)? = declared, !language.isEmpty else { return nil }
        return language.lowercased().hasPrefix("python") || language.lowercased() == "ipython" ? nil : language
    }

    /// A code cell with its IPython magics and shell escapes read as comments: they are not Python.
    /// Lines are split by scalar: a "\r\n" pair is one Character and would hide the break. An
    /// indented one (`!wget …` as the only statement under `else:`) stands in its block as the
    /// statement `0`, so the block is not left empty; every offset is kept. A `%` or `!` that opens
    /// a line inside brackets, a string or after a backslash continues the statement above it
    /// (`print('…' ⏎ % (epoch, loss))`) and is Python. A shell escape that ends in a backslash
    /// (`!accelerate launch train.py \` ⏎ `--resolution=64 \` …) goes on over the next lines.
    static func commentingMagics(_ body: String) -> String {
        var depth = 0
        var openString: (quote: Unicode.Scalar, triple: Bool)?
        var continued = false
        var magicContinues = false
        func endsInBackslash(_ line: Substring.UnicodeScalarView) -> Bool {
            line.reversed().first { $0 != "\r" && $0 != " " && $0 != "\t" } == "\\"
        }
        return body.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let indent = line.prefix { $0 == " " || $0 == "\t" }
            let rest = line.dropFirst(indent.count)
            if magicContinues {
                magicContinues = endsInBackslash(line)
                return rest.isEmpty ? String(Substring(line)) : String(Substring(indent)) + "#" + String(Substring(rest.dropFirst()))
            }
            let startsStatement = depth == 0 && openString == nil && !continued
            if startsStatement && (rest.first == "%" || rest.first == "!") {
                magicContinues = endsInBackslash(line)
                if indent.isEmpty { return "#" + String(Substring(line.dropFirst())) }
                return String(Substring(indent)) + "0" + (rest.count >= 2 ? "#" + String(Substring(rest.dropFirst(2))) : "")
            }
            // Follow brackets and strings to the end of the line; a comment ends it.
            let scalars = Array(line)
            var i = 0
            continued = false
            while i < scalars.count {
                let c = scalars[i]
                if let open = openString {
                    if c == "\\" { i += 2; continue }
                    if c == open.quote {
                        if !open.triple { openString = nil }
                        else if i + 2 < scalars.count, scalars[i + 1] == c, scalars[i + 2] == c { openString = nil; i += 3; continue }
                    }
                    i += 1
                    continue
                }
                switch c {
                case "#": i = scalars.count; continue
                case "\"", "'":
                    let triple = i + 2 < scalars.count && scalars[i + 1] == c && scalars[i + 2] == c
                    openString = (c, triple)
                    i += triple ? 3 : 1
                    continue
                case "(", "[", "{": depth += 1
                case ")", "]", "}": depth = max(0, depth - 1)
                case "\\" where scalars[(i + 1)...].allSatisfy({ $0 == "\r" }): continued = true
                default: break
                }
                i += 1
            }
            // A one-quote string does not run past its line.
            if let open = openString, !open.triple, !continued { openString = nil }
            return String(Substring(line))
        }.joined(separator: "\n")
    }

    /// Words that label a code block or a display as a mistake shown on purpose ("Wrong version:",
    /// "❌ Incorrect", "suppose it were wrongly defined as:", "而不是简单写成：", "잘못된 예"), read on
    /// the last non-empty line above the block's fence or the display.
    static let wrongExampleWords = ["wrong version", "wrong:", "wrong way", "wrong example", "incorrect", "buggy version", "bug:", "❌",
                                    "wrongly", "错误写法", "错误示例", "错误版本", "错误的写法", "错误地", "而不是", "잘못된", "誤った", "間違い"]

    /// The label above a fenced block at `start` (the first character of its code) that shows the
    /// block as a wrong example, or nil.
    static func wrongExampleLabel(before start: Int, in source: SourceText) -> String? {
        labelAbove(start, in: source, naming: wrongExampleWords)
    }

    /// Words that name the variance-exploding process (x_t = x_{t−1} + σ_t·z, no scaling of
    /// x_{t−1}), in the languages of the corpus.
    static let varianceExplodingWords = ["variance exploding", "variance-exploding", "方差爆炸", "分散爆発", "분산 폭발", "분산폭발"]

    /// The label above a display at `start` that introduces it as the variance-exploding process
    /// ("- `Variance Exploding` 方差爆炸:"), or nil: its x_t = x_{t−1} + √β_t·ε is no DDPM step.
    static func varianceExplodingLabel(before start: Int, in source: SourceText) -> String? {
        labelAbove(displayOpener(start, in: source), in: source, naming: varianceExplodingWords, openerOnLine: true)
    }

    /// The last non-empty line above the line before `start` (a fence or a `$$`), when it is a
    /// short label holding one of `words`.
    /// `openerOnLine`: `start` is on the opening line itself, not the line after it.
    static func labelAbove(_ start: Int, in source: SourceText, naming words: [String], openerOnLine: Bool = false) -> String? {
        guard let text = lineAbove(start, in: source, openerOnLine: openerOnLine) else { return nil }
        let lower = text.lowercased()
        return text.count <= 80 && words.contains(where: { lower.contains($0) }) ? text : nil
    }

    /// The last non-empty line above the line of `start` (or above the line before it).
    static func lineAbove(_ start: Int, in source: SourceText, openerOnLine: Bool) -> String? {
        let fenceLine = source.line(of: start) - (openerOnLine ? 0 : 1)
        var line = fenceLine - 1
        while line >= 1 {
            let range = source.lineRange(line)
            let text = source.slice(range.lowerBound, range.upperBound).trimmingCharacters(in: .whitespaces)
            if !text.isEmpty { return text }
            line -= 1
        }
        return nil
    }

    /// The line that opens the display at `start` (`$$` or `\\[` may stand on the line above its
    /// first character).
    static func displayOpener(_ start: Int, in source: SourceText) -> Int {
        var k = min(start, source.scalars.count) - 1
        while k >= 0, source.scalars[k] == " " || source.scalars[k] == "\n" || source.scalars[k] == "\t" { k -= 1 }
        return k >= 1 && ((source.scalars[k] == "$" && source.scalars[k - 1] == "$") || (source.scalars[k] == "[" && source.scalars[k - 1] == "\\")) ? k : start
    }

    static let hypothesisWords = ["若", "如果", "假设", "假定", "当", "if ", "when ", "suppose", "assume", "만약", "가정", "もし", "仮定"]
    static let dataWords = ["样本", "数据", "x_0", "x0", "data", "sample", "데이터", "データ"]

    /// The line introducing the display at `start` when it states a hypothesis about the data
    /// ("情况一：若只有一个样本…：", "Suppose the data are N(0, I):"), or nil: what follows holds under
    /// that hypothesis (a point mass, a standard normal), which the linter does not carry into its
    /// reading. The line ends with a colon, so it introduces the display.
    static func dataHypothesisLabel(before start: Int, in source: SourceText) -> String? {
        guard let text = lineAbove(displayOpener(start, in: source), in: source, openerOnLine: true), text.count <= 160,
              text.hasSuffix(":") || text.hasSuffix("：") else { return nil }
        let lower = text.lowercased()
        guard hypothesisWords.contains(where: { lower.contains($0) }), dataWords.contains(where: { lower.contains($0) }) else { return nil }
        return text
    }

    static let ansatzWords = ["假设", "假定", "设", "suppose", "assume", "let", "가정", "仮定", "とおく"]

    /// The line introducing the display at `start` when the note supposes a form to solve for its
    /// coefficients ("假设：" above `x_t = α_t x_{t−1} + β_t ε_t`, then matching moments): the
    /// letters are unknowns the derivation determines, not the schedule's α and β. Only a short
    /// line ending in a colon, above a display whose coefficients are bare letters (no root, no
    /// fraction, no `1 −`), is read so: a supposed form written with the schedule's own
    /// expressions is a claim about them, and judged.
    static func ansatzLabel(before start: Int, in source: SourceText, display: String) -> String? {
        guard let text = lineAbove(displayOpener(start, in: source), in: source, openerOnLine: true), text.count <= 30,
              text.hasSuffix(":") || text.hasSuffix("：") else { return nil }
        let words = Set(text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
        guard ansatzWords.contains(where: { $0.allSatisfy(\.isASCII) ? words.contains($0) : text.contains($0) }) else { return nil }
        guard !["\\sqrt", "\\frac", "1-", "1 -", "\\bar"].contains(where: { display.contains($0) }) else { return nil }
        return text
    }

    /// Why the display at `start` is not judged, read from the line that introduces it: a mistake
    /// shown on purpose, a statement under a hypothesis about the data, or the variance-exploding
    /// process; nil when it is judged.
    static func unjudgedDisplayReason(_ start: Int, end: Int, in source: SourceText) -> String? {
        if let label = wrongExampleLabel(before: start, in: source) {
            return "not judged: the note shows it as a wrong example (\"\(label)\")"
        }
        if let label = dataHypothesisLabel(before: start, in: source) {
            return "not judged: the note states it under a hypothesis about the data (\"\(label)\")"
        }
        if let label = ansatzLabel(before: start, in: source, display: source.slice(start, end)) {
            return "not judged: the note supposes this form to solve for its coefficients (\"\(label)\")"
        }
        if let label = varianceExplodingLabel(before: start, in: source) {
            return "not judged: the note introduces it as the variance-exploding process (\"\(label)\"), not DDPM's"
        }
        return nil
    }

    /// Lints a document made of markdown texts and code spans as one note.
    static func lintDocument(markdown: [SourceText], code extraCode: [CodeSpan], coverage: CoverageCollector? = nil, readsMarkdownCode: Bool = true,
                             skippedCode skippedBefore: [CodeCoverageEntry] = [], macros definedMacros: TexMacros? = nil) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var parts: [(source: SourceText, segments: [MathSegment])] = []
        var hyperparameters: [(SourceText, Hyperparameter)] = []
        var code: [CodeSpan] = []
        var skippedCode = skippedBefore
        var wrongExampleDisplays: [LintCoverage.Entry] = []
        for source in markdown {
            let document = MarkdownDocument(source: source)
            // Comments of a script are read for their formulas only: a `$` in a comment opens no block.
            for (offset, opener) in document.unterminatedMath where readsMarkdownCode {
                diagnostics.append(diagnostic(.unterminatedMath, "\(opener) opens a math block that is never closed", source: source, offset: offset))
            }
            // A display under "Suppose it were wrongly defined as:" or "rather than simply writing:"
            // shows a mistake on purpose, as a labelled code block does.
            var shownMath: [MathSegment] = []
            // The formulas of a line (in order) share its verdict: each line is read once.
            var optionLine = 0, optionReason: String?
            for segment in document.math {
                let line = source.line(of: segment.start)
                if line != optionLine {
                    optionLine = line
                    optionReason = multipleChoiceQuestion(at: segment.start, in: source).map { "not judged: an option of a multiple-choice question (\"\($0)\")" }
                }
                if let reason = optionReason ?? (segment.display ? unjudgedDisplayReason(segment.start, end: segment.end, in: source) : nil) {
                    wrongExampleDisplays.append(LintCoverage.Entry(line: line + source.lineOffset, cell: source.cell,
                                                                   formula: LintCoverage.excerpt(source.slice(segment.start, segment.end)),
                                                                   reason: reason))
                    continue
                }
                shownMath.append(segment)
            }
            parts.append((source, shownMath))
            hyperparameters += document.hyperparameters.map { (source, $0) }
            for block in document.code where readsMarkdownCode && (block.isPython || block.language.isEmpty) {
                // "Wrong version:" above a block: a mistake the note shows on purpose, beside its fix.
                if let label = wrongExampleLabel(before: block.start, in: source) {
                    skippedCode.append(CodeCoverageEntry(location: source.location(block.start), construct: "code block", verdict: .skipped,
                                                         reason: "not judged: the note shows it as a wrong example (\"\(label)\")"))
                    continue
                }
                code.append(CodeSpan(source: source, start: block.start, end: block.end, declaredPython: block.isPython, fenced: true))
            }
        }
        code += extraCode
        let macros = definedMacros ?? TexMacros.collect(from: markdown.map(\.scalars))
        let math = MathAnalysis.analyze(parts, macros: macros)
        diagnostics += math.findings.map { diagnostic($0.1, source: $0.0) }
        diagnostics += NoiseLevelOrder.check(markdown).map { diagnostic($0.1, source: $0.0) }
        diagnostics += AlphaBarWording.check(markdown).map { diagnostic($0.1, source: $0.0) }
        diagnostics += AlgorithmNoiseGate.check(markdown).map { diagnostic($0.1, source: $0.0) }
        diagnostics += GuidanceWeights.check(math.chains.map { ($0.0, $0.1) }).map { diagnostic($0.1, source: $0.0) }
        coverage?.coverage.equations = math.coverage + wrongExampleDisplays
        coverage?.coverage.reading = math.reading
        coverage?.coverage.codeBlocks = code.count
        let codeReport = CodeAnalysis.lint(code, hyperparameters: hyperparameters.map(\.1))
        var codeDiagnostics = codeReport.diagnostics
        if codeDiagnostics.contains(where: { $0.code == LintRule.uniformNoise.code }),
           let declaration = UniformNoiseDeclaration.find(in: markdown + code.map(\.source)) {
            codeDiagnostics.removeAll { $0.code == LintRule.uniformNoise.code }
            skippedCode.append(CodeCoverageEntry(location: declaration.source.location(declaration.offset), construct: "uniform draws",
                                                 verdict: .skipped, reason: "not judged by \(LintRule.uniformNoise.code): the note says here that its noise is uniform"))
        }
        coverage?.coverage.code = skippedCode + codeReport.coverage
        diagnostics += codeDiagnostics
        let prose = DocumentChecks.proseRanges(math.chains, mathSegments: parts.map { ($0.source, $0.segments) })
        diagnostics += DocumentChecks.run(hyperparameters: hyperparameters, prose: prose, linspace: codeReport.linspace)
        return Suppressions.apply(to: sorted(diagnostics), sources: markdown + code.map(\.source))
    }

    static func diagnostic(_ rule: LintRule, _ message: String, source: SourceText, offset: Int, end: Int? = nil, fix: String? = nil, details: [DiagnosticDetail] = []) -> Diagnostic {
        Diagnostic(code: rule.code, slug: rule.slug, severity: rule.severity, message: message, location: source.location(offset, end: end), fix: fix, details: details)
    }

    static func diagnostic(_ f: MathFinding, source: SourceText) -> Diagnostic {
        diagnostic(f.rule, f.message, source: source, offset: f.offset, fix: f.fix, details: f.details)
    }

    static func sorted(_ d: [Diagnostic]) -> [Diagnostic] {
        d.sorted { a, b in
            let la = a.location, lb = b.location
            return ((la?.cell ?? -1), la?.line ?? 0, la?.column ?? 0, a.code) < ((lb?.cell ?? -1), lb?.line ?? 0, lb?.column ?? 0, b.code)
        }
    }
}
