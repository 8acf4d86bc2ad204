/// A block fenced as Python inside prose is not always Python: notes show pseudo-code under a
/// `python` tag for its colours, excerpts with lines elided, and signatures copied from a
/// library's documentation. Their "syntax errors" are the form of the text, not slips in code, so
/// such a block is not judged at all: it gets a coverage entry instead.
///
/// A fenced block reads as pseudo-code or an excerpt when its code does not parse and
///
/// - it has syntax errors on three or more lines: one slip breaks one line, a sketch breaks many;
/// - two or more of its headers are written without their colons: a sketch's style, not one slip;
/// - a line that does not parse holds prose: three names in a row with no operator between them
///   (`High versus low entropy`), or a numbered item (`1. Compare …`);
/// - a word in CJK, Hangul or kana outside strings and comments, on any line (a remark written
///   into the code);
/// - a line is only an elision mark (`...` or `…`) where the block is cut;
/// - it is a single `def` or `class` header without its colon or body: a signature shown;
/// - every line is a `def` or `class` header (or a decorator), none with its body: an outline;
/// - a statement assigns to a call, `f(x, y) =`: a function defined the way a formula is written.
///
/// A `.py` file and a notebook's code cell are code that runs, so none of this applies to them.
extension CodeAnalysis {
    /// What a block's first line calls it when it says the code is pseudo-code.
    static let pseudoCodeLabels = ["pseudo-code", "pseudocode", "pseudo code", "伪代码", "偽代碼", "偽代码", "疑似コード", "의사 코드", "의사코드"]

    /// Whether a fenced block's own first line is a comment that calls it pseudo-code (`# 伪代码`,
    /// `# Pseudocode: …`): the author says it does not run as written, so what Python would do
    /// with it (a loop variable rebound, a name left undefined) is no finding. Its math is still
    /// judged: a pseudo-code sampler with the wrong σ is still wrong.
    static func callsItselfPseudoCode(_ span: CodeSpan) -> Bool {
        guard span.fenced else { return false }
        let text = span.source.slice(span.start, span.end)
        guard let first = text.split(separator: "\n").lazy.map({ $0.drop { $0 == " " || $0 == "\t" } }).first(where: { !$0.isEmpty }),
              first.hasPrefix("#") else { return false }
        let lower = first.lowercased()
        return pseudoCodeLabels.contains { lower.contains($0) }
    }

    static func pseudoCodeReason(_ span: CodeSpan, errors: [PySyntaxError]) -> String? {
        guard span.fenced, !errors.isEmpty else { return nil }
        let source = span.source
        let errorLines = Set(errors.map { source.line(of: $0.offset) })
        // `content = f"""` … ```` ```python ```` … ```` ``` ```` … `"""`: a string that holds a fenced
        // block of its own (a model card) ends the Markdown fence at its inner ```` ``` ````, so the
        // block shown is cut inside the string; the notebook it came from runs.
        if errors.contains(where: \.opensString),
           source.slice(span.start, span.end).split(separator: "\n").contains(where: { $0.drop { $0 == " " }.hasPrefix("```") }) {
            return "the block ends inside a string that holds a fenced block of its own, which closed the Markdown fence early"
        }
        if errorLines.count >= 3 {
            return "syntax errors on \(errorLines.count) lines: pseudo-code, not Python"
        }
        // `class Actor(nn.Module)` and `class Critic(nn.Module)`, each over an indented outline: a
        // sketch that leaves every colon out. One slip leaves out one.
        let headersWithoutColons = Set(errors.filter { $0.message.hasPrefix("expected ':'") }.map { source.line(of: $0.offset) })
        if headersWithoutColons.count >= 2 {
            return "headers on \(headersWithoutColons.count) lines are written without their colons: pseudo-code, not Python"
        }
        let (tokens, _) = PythonLexer.tokenize(source.scalars, from: span.start, to: span.end)
        var run = 0
        var lineStart = true
        for (k, token) in tokens.enumerated() {
            defer { lineStart = [.newline, .indent, .dedent].contains(token.kind) }
            // `1. Compare samples …`: a numbered item of a list, where no statement starts with a number.
            if lineStart, token.kind == .number, token.text.hasSuffix("."), k + 1 < tokens.count, tokens[k + 1].kind == .name,
               errorLines.contains(source.line(of: token.start)) {
                return "line \(source.line(of: token.start)) is an item of a list, not code"
            }
            // `modulate(x, scale, shift) =` over the expression: a function defined the way a formula
            // is written. Python has no such statement, so no program holds one by a slip.
            if lineStart, token.kind == .name, let close = closingBracket(tokens, openingAt: k + 1),
               close + 1 < tokens.count, tokens[close + 1].kind == .op, tokens[close + 1].text == "=" {
                return "line \(source.line(of: token.start)) defines a function the way a formula is written, f(x) = …: math, not Python"
            }
            guard token.kind == .name, !nonOperandKeywords.contains(token.text), !["None", "True", "False"].contains(token.text) else {
                run = 0
                continue
            }
            let line = source.line(of: token.start)
            // A name in Chinese, Japanese or Korean anywhere in a block that does not parse: the
            // parser stops at its first error, so the prose may sit on a line after it.
            if token.text.unicodeScalars.contains(where: isEastAsianLetter) {
                return "line \(line) holds prose, not code"
            }
            run = k > 0 && tokens[k - 1].kind == .name && tokens[k - 1].end < token.start ? run + 1 : 1
            if run >= 3, errorLines.contains(line) {
                return "line \(line) holds prose, not code"
            }
        }
        let firstLine = source.line(of: span.start)
        let lastLine = source.line(of: max(span.start, span.end - 1))
        var codeLines: [String] = []
        for line in firstLine...lastLine {
            let range = source.lineRange(line)
            let text = source.slice(max(range.lowerBound, span.start), min(range.upperBound, span.end)).trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") { continue }
            let uncommented = text.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? text
            if uncommented == "..." || uncommented == "…" {
                return "an excerpt: line \(line) marks lines left out"
            }
            codeLines.append(text)
        }
        // One logical line (a long signature may wrap inside its brackets), and it is a header.
        let logicalLines = tokens.filter { $0.kind == .newline }.count
        if let only = codeLines.first, logicalLines == 1, only.hasPrefix("def ") || only.hasPrefix("class "),
           codeLines.last?.hasSuffix(":") == false {
            return "a signature shown, with no body"
        }
        // `class Generator(nn.Module):  # maps z to x` over `class Discriminator(…):`: a block of
        // headers alone, each without its body, outlines the code's parts; it is no program.
        let outlineLines = source.slice(span.start, span.end).split(separator: "\n").map { $0.drop { $0 == " " || $0 == "\t" } }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") && !$0.hasPrefix("```") }
        if !outlineLines.isEmpty, outlineLines.allSatisfy({ ["class ", "def ", "async def ", "@"].contains(where: $0.hasPrefix) }) {
            return "the block lists headers of classes and functions without their bodies: an outline, not a program"
        }
        return nil
    }

    /// The index of the `)` that closes the `(` at `open`, or nil when `open` is no `(`.
    private static func closingBracket(_ tokens: [PyToken], openingAt open: Int) -> Int? {
        guard open < tokens.count, tokens[open].kind == .op, tokens[open].text == "(" else { return nil }
        var depth = 0
        for k in open..<tokens.count where tokens[k].kind == .op {
            if ["(", "[", "{"].contains(tokens[k].text) { depth += 1 }
            if [")", "]", "}"].contains(tokens[k].text) { depth -= 1 }
            if depth == 0 { return k }
        }
        return nil
    }

    /// Letters of Chinese, Japanese and Korean: no one names Python variables in them, so one in
    /// a line that does not parse is prose.
    static func isEastAsianLetter(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF: return true
        default: return false
        }
    }
}

/// A course's exercise leaves gaps marked by a comment (`# your code here`, `# TODO`, `# 请补全`):
/// the names the student's code would define are used after the gap, so an undefined name in a
/// function or block that holds such a gap is the exercise's, not a slip.
extension CodeAnalysis {
    /// Whether the function whose `def` is at `at` holds an exercise's gap: a placeholder comment
    /// on a line indented deeper than the `def`, before the first line that is not.
    static func functionHoldsPlaceholder(_ span: CodeSpan, at: Int) -> Bool {
        let source = span.source
        let defLine = source.line(of: at)
        let lastLine = source.line(of: max(span.start, span.end - 1))
        let defIndent = indentation(source, line: defLine)
        guard defLine < lastLine else { return false }
        for line in (defLine + 1)...lastLine {
            let range = source.lineRange(line)
            let text = source.slice(range.lowerBound, min(range.upperBound, span.end))
            let trimmed = text.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty { continue }
            if indentation(source, line: line) <= defIndent { return false }
            if PythonParser.holdsPlaceholderComment(String(trimmed)) { return true }
        }
        return false
    }

    /// Whether a block's text holds an exercise's gap anywhere.
    static func blockHoldsPlaceholder(_ span: CodeSpan) -> Bool {
        let text = span.source.slice(span.start, span.end)
        return PythonParser.holdsPlaceholderComment(text) || PythonParser.holdsPlaceholderName(text)
    }

    private static func indentation(_ source: SourceText, line: Int) -> Int {
        let range = source.lineRange(line)
        return source.slice(range.lowerBound, range.upperBound).prefix { $0 == " " || $0 == "\t" }.count
    }
}
