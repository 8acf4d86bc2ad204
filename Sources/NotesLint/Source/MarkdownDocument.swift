/// A math span in a document: the offsets of its content (without the `$` delimiters; an
/// environment keeps its `\begin`/`\end`, which the parser reads as alignment).
public struct MathSegment: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var display: Bool
}

/// A fenced code block: its language tag and the offsets of its content lines.
public struct CodeBlock: Sendable, Equatable {
    public var language: String
    public var start: Int
    public var end: Int
    /// Whether the language tag (or its absence) means Python.
    public var isPython: Bool {
        var l = language.lowercased()
        // A Quarto or R Markdown chunk: `{python}`, `{python echo=FALSE}`, `{.python}`.
        if l.hasPrefix("{"), let name = l.dropFirst().split(whereSeparator: { " ,}".contains($0) }).first {
            l = String(name.drop { $0 == "." })
        }
        return l == "python" || l == "py" || l == "python3" || l == "ipython" || l == "pytorch" || l == "torch"
    }
}

/// A hyperparameter stated in prose: a bullet `- min_beta: 2e-2`.
public struct Hyperparameter: Sendable, Equatable {
    public var name: String
    public var valueText: String
    public var number: Double?
    public var nameOffset: Int
    public var valueOffset: Int
}

/// A markdown note split into the parts the linter reads: math, code, hyperparameter bullets and
/// prose lines. Front matter, Obsidian links (`[[…]]`, `![[…]]`) and inline code are skipped.
public struct MarkdownDocument: Sendable {
    public let source: SourceText
    public private(set) var math: [MathSegment] = []
    public private(set) var code: [CodeBlock] = []
    public private(set) var hyperparameters: [Hyperparameter] = []
    /// Offsets of `$$` or `\begin{…}` that are never closed.
    public private(set) var unterminatedMath: [(offset: Int, opener: String)] = []

    static let environments = ["equation", "equation*", "align", "align*", "split", "gather", "gather*", "aligned", "eqnarray", "eqnarray*", "multline", "multline*"]

    public init(source: SourceText) {
        self.source = source
        scan()
    }

    private mutating func scan() {
        let s = source.scalars
        var line = 1
        // Front matter: a first line of `---` up to the next `---`.
        if source.lineCount > 1, trimmed(line: 1) == "---" {
            var l = 2
            while l <= source.lineCount, trimmed(line: l) != "---" { l += 1 }
            if l <= source.lineCount { line = l + 1 }
        }
        var fence: (marker: String, language: String, start: Int)?
        var openMath: (offset: Int, contentStart: Int, closer: [Unicode.Scalar], opener: String)?
        // Where to go on in a line that closes an inline formula opened on an earlier one.
        var resumeAt: Int?
        while line <= source.lineCount {
            var nextLine = line + 1
            let range = source.lineRange(line)
            let text = trimmed(line: line)
            if let f = fence {
                if text.hasPrefix(f.marker), text.allSatisfy({ String($0) == String(f.marker.first!) }) {
                    let end = max(f.start, range.lowerBound - 1)
                    if f.language.lowercased() == "math" {
                        // GitHub's ```math fence is display math.
                        math.append(MathSegment(start: f.start, end: end, display: true))
                    } else {
                        code.append(CodeBlock(language: f.language, start: f.start, end: end))
                    }
                    fence = nil
                }
                line += 1
                continue
            }
            if openMath == nil, text.hasPrefix("```") || text.hasPrefix("~~~") {
                let marker = String(text.prefix { $0 == text.first! })
                var lang = String(text.dropFirst(marker.count)).trimmingCharacters()
                if let brace = lang.firstIndex(where: { $0 == " " || $0 == "{" }) { lang = String(lang[..<brace]) }
                let start = line < source.lineCount ? source.lineStarts[line] : s.count
                fence = (marker, lang, start)
                line += 1
                continue
            }
            // `~~~~~\text{with}~~~~` inside a display is TeX's spacing, not a fence: a tilde line
            // there ends the math only when what follows the tildes is a fence's info string.
            let tildeFence = text.hasPrefix("~~~")
                && text.drop(while: { $0 == "~" }).allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "+" || $0 == " " }
            if openMath != nil, text.hasPrefix("```") || tildeFence || text.hasPrefix("# ") || text.hasPrefix("## ") || text.hasPrefix("### ") {
                // A code fence or a heading inside display math: the math was never closed.
                unterminatedMath.append((openMath!.offset, openMath!.opener))
                openMath = nil
                continue
            }
            var i = max(range.lowerBound, resumeAt ?? range.lowerBound)
            resumeAt = nil
            let end = range.upperBound
            while i < end {
                if let m = openMath {
                    if matches(m.closer, at: i) {
                        let dollars = m.closer == ["$", "$"]
                        let inline = dollars && m.offset >= range.lowerBound && hasProse(around: m.offset, i + 2, in: range)
                        math.append(MathSegment(start: m.contentStart, end: dollars ? i : i + m.closer.count, display: !inline))
                        i += m.closer.count
                        openMath = nil
                    } else {
                        i += 1
                    }
                    continue
                }
                let c = s[i]
                if c == "\\", i + 1 < end {
                    if s[i + 1] == "$" { i += 2; continue }
                    if matches(Array("\\begin{".unicodeScalars), at: i) {
                        let nameStart = i + 7
                        var j = nameStart
                        while j < end, s[j] != "}" { j += 1 }
                        let name = source.slice(nameStart, j)
                        if Self.environments.contains(name), j < end {
                            openMath = (i, i, Array("\\end{\(name)}".unicodeScalars), "\\begin{\(name)}")
                            i = j + 1
                            continue
                        }
                    }
                    i += 2
                    continue
                }
                if c == "`" {
                    var j = i + 1
                    while j < end, s[j] != "`" { j += 1 }
                    i = j + 1
                    continue
                }
                if c == "[", i + 1 < end, s[i + 1] == "[" {
                    var j = i + 2
                    while j + 1 < end, !(s[j] == "]" && s[j + 1] == "]") { j += 1 }
                    i = j + 2
                    continue
                }
                if c == "$" {
                    // "costs $$$": a run of three or more dollar signs is prose, not a display's `$$`.
                    if i + 2 < end, s[i + 1] == "$", s[i + 2] == "$" {
                        while i < end, s[i] == "$" { i += 1 }
                        continue
                    }
                    if i + 1 < end + 1, i + 1 < s.count, s[i + 1] == "$" {
                        openMath = (i, i + 2, ["$", "$"], "$$")
                        i += 2
                        continue
                    }
                    // "$100-2k, or $0.25-$2 each": a `$` before a digit opens a price, and a `$`
                    // before a digit closes no formula it opens (pandoc's rule, kept to prices:
                    // `$\sim$30M` is a formula in the renderers notes are written for).
                    func digit(at k: Int) -> Bool { k < s.count && ("0"..."9").contains(s[k]) }
                    let price = digit(at: i + 1)
                    func closes(_ j: Int) -> Bool {
                        s[j] == "$" && s[j - 1] != "\\" && !(price && digit(at: j + 1))
                    }
                    var j = i + 1
                    while j < end, !closes(j) { j += 1 }
                    if j < end, j > i + 1 {
                        math.append(MathSegment(start: i + 1, end: j, display: false))
                        i = j + 1
                    } else if j >= end, let (closingLine, closer) = inlineMathCloser(after: line) {
                        // `$\mathbf{z} ⏎ \xrightarrow{…} ⏎ \mathbb{R}^{784}$`: an inline formula may run
                        // over the lines of its paragraph.
                        math.append(MathSegment(start: i + 1, end: closer, display: false))
                        resumeAt = closer + 1
                        nextLine = closingLine
                        i = end
                    } else {
                        i += 1
                    }
                    continue
                }
                i += 1
            }
            if openMath == nil { readHyperparameter(line: line) }
            line = nextLine
        }
        if let f = fence {
            code.append(CodeBlock(language: f.language, start: f.start, end: s.count))
        }
        if let m = openMath {
            unterminatedMath.append((m.offset, m.opener))
        }
        // Text inside an HTML comment is not rendered: it is not part of the published note.
        let comments = Self.htmlComments(s)
        if !comments.isEmpty {
            func hidden(_ offset: Int) -> Bool { comments.contains { $0.contains(offset) } }
            math.removeAll { hidden($0.start) }
            code.removeAll { hidden($0.start) }
            hyperparameters.removeAll { hidden($0.nameOffset) }
            unterminatedMath.removeAll { hidden($0.offset) }
        }
    }

    /// The `$` that closes an inline formula left open at the end of `line`: on one of the next
    /// four lines of the same paragraph (no blank line, fence, heading or `$$` before it), the
    /// first `$` of a line with an odd number of them, every line between holding none. A stray
    /// `$` ("costs $5") is left alone: the `$x$` of a later line pairs up in it.
    func inlineMathCloser(after line: Int) -> (line: Int, offset: Int)? {
        let s = source.scalars
        var l = line + 1
        while l <= min(source.lineCount, line + 4) {
            let text = trimmed(line: l)
            if text.isEmpty || text.hasPrefix("```") || text.hasPrefix("~~~") || text.hasPrefix("#") { return nil }
            let range = source.lineRange(l)
            var dollars: [Int] = []
            var k = range.lowerBound
            while k < range.upperBound {
                if s[k] == "\\" { k += 2; continue }
                if s[k] == "$" {
                    if k + 1 < range.upperBound, s[k + 1] == "$" { return nil }
                    dollars.append(k)
                }
                k += 1
            }
            if let first = dollars.first { return dollars.count % 2 == 1 ? (l, first) : nil }
            l += 1
        }
        return nil
    }

    /// The closed `<!-- … -->` comments of the text (an unclosed one is left alone).
    static func htmlComments(_ s: [Unicode.Scalar]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var i = 0
        while i + 3 < s.count {
            guard s[i] == "<", s[i + 1] == "!", s[i + 2] == "-", s[i + 3] == "-" else { i += 1; continue }
            var j = i + 4
            while j + 2 < s.count, !(s[j] == "-" && s[j + 1] == "-" && s[j + 2] == ">") { j += 1 }
            guard j + 2 < s.count else { break }
            ranges.append(i..<(j + 3))
            i = j + 3
        }
        return ranges
    }

    /// Whether words stand beside a `$$…$$` pair on its own line (`the variance $$ \sigma_t^2 $$ is`):
    /// kramdown and Jekyll notes write inline math that way, so the pair is a formula in a sentence,
    /// not a display. Before the pair, words outside the line's earlier math count; after it, the
    /// words up to the next `$`. Equation numbers and punctuation are not words.
    private func hasProse(around opener: Int, _ afterCloser: Int, in line: Range<Int>) -> Bool {
        let s = source.scalars
        // Segments are appended in order: the line's earlier ones are at the end of the list.
        let earlier = math.reversed().prefix { $0.start >= line.lowerBound }.filter { $0.end <= opener }
        func isWord(_ k: Int) -> Bool {
            s[k].properties.isAlphabetic && !earlier.contains { $0.start - 2 <= k && k < $0.end + 2 }
        }
        if (line.lowerBound..<opener).contains(where: isWord) { return true }
        var k = afterCloser
        while k < line.upperBound, s[k] != "$" {
            if s[k].properties.isAlphabetic { return true }
            k += 1
        }
        return false
    }

    private func matches(_ pattern: [Unicode.Scalar], at i: Int) -> Bool {
        let s = source.scalars
        guard i + pattern.count <= s.count else { return false }
        for k in 0..<pattern.count where s[i + k] != pattern[k] { return false }
        return true
    }

    private func trimmed(line: Int) -> String {
        let r = source.lineRange(line)
        return source.slice(r.lowerBound, r.upperBound).trimmingCharacters()
    }

    /// `- name: value`, `* name = value`, `- **name**：value` (full-width colon too).
    private mutating func readHyperparameter(line: Int) {
        let r = source.lineRange(line)
        let s = source.scalars
        var i = r.lowerBound
        while i < r.upperBound, s[i] == " " || s[i] == "\t" { i += 1 }
        guard i < r.upperBound, s[i] == "-" || s[i] == "*" || s[i] == "+" else { return }
        i += 1
        guard i < r.upperBound, s[i] == " " || s[i] == "\t" else { return }
        func skipDecor() { while i < r.upperBound, s[i] == " " || s[i] == "\t" || s[i] == "`" || s[i] == "*" { i += 1 } }
        skipDecor()
        let nameStart = i
        while i < r.upperBound, s[i].properties.isAlphabetic || s[i] == "_" || (i > nameStart && ("0"..."9").contains(s[i])) { i += 1 }
        guard i > nameStart else { return }
        let name = source.slice(nameStart, i)
        skipDecor()
        guard i < r.upperBound, s[i] == ":" || s[i] == "=" || s[i] == "：" else { return }
        i += 1
        skipDecor()
        let valueStart = i
        var valueEnd = r.upperBound
        while valueEnd > valueStart, s[valueEnd - 1] == " " || s[valueEnd - 1] == "`" || s[valueEnd - 1] == "\t" || s[valueEnd - 1] == "\r" { valueEnd -= 1 }
        guard valueEnd > valueStart else { return }
        let valueText = source.slice(valueStart, valueEnd)
        hyperparameters.append(Hyperparameter(name: name, valueText: valueText, number: parsePlainNumber(valueText), nameOffset: nameStart, valueOffset: valueStart))
    }
}

/// A decimal or scientific literal (`2e-2`, `0.0001`, `1_000`), nil for anything else.
func parsePlainNumber(_ text: String) -> Double? {
    let t = text.replacingUnderscores()
    guard !t.isEmpty, t.first!.isNumber || t.first == "." || t.first == "-" || t.first == "+" else { return nil }
    return Double(t)
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" || f == "\n" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" || l == "\n" { s = s.dropLast() }
        return String(s)
    }

    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
