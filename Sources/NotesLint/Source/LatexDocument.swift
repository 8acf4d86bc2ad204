/// A LaTeX note (`.tex`) seen as the Markdown the rest of the linter reads, scalar for scalar:
/// every character keeps its offset, so lines and columns are the `.tex` file's own.
///
/// - The preamble (up to `\begin{document}`) and what follows `\end{document}` are blanked; the
///   macros defined there are read from the original text (see ``TexMacros``).
/// - Comments (`%` to the end of the line, not `\%`) are blanked: they are not part of the note.
/// - `\[ … \]` becomes `$$ … $$` and `\( … \)` becomes ` $ … $ `; `$…$`, `$$…$$` and the math
///   environments (`equation`, `align`, …) are read as they are.
/// - A `lstlisting`, `minted` or `verbatim` environment on lines of its own becomes a fenced
///   code block: Python when its language says so (`[language=Python]`, `{python}`, or a
///   preamble's `\lstset{language=Python}`), otherwise a block that is not read as code.
/// - Backquotes (TeX's opening quotes) are blanked: in Markdown they would open inline code.
struct LatexDocument {
    let markdownView: String
    let macros: TexMacros

    static let codeEnvironments = ["lstlisting", "minted", "verbatim", "Verbatim", "pythoncode", "pyglist"]

    /// - Parameter macroTexts: files the note reads its macros from (``LatexInputs``), whose
    ///   definitions come before the note's own.
    init(text: String, macroTexts: [[Unicode.Scalar]] = []) {
        let s = Array(text.unicodeScalars)
        macros = TexMacros.collect(from: macroTexts + [s])
        var view = s
        func blank(_ range: Range<Int>) {
            for k in range where view[k] != "\n" && view[k] != "\r" { view[k] = " " }
        }
        // Comments first: a `%` inside a comment, or a commented-out `\begin{document}`, counts for nothing.
        var k = 0
        var inCode: String?
        var lineStart = 0
        while k < s.count {
            if s[k] == "\n" { lineStart = k + 1; k += 1; continue }
            if k == lineStart {
                let line = String(String.UnicodeScalarView(s[k..<(s[k...].firstIndex(of: "\n") ?? s.count)])).trimmingCharacters()
                if let open = inCode {
                    if line.hasPrefix("\\end{\(open)}") { inCode = nil }
                } else if let name = Self.codeEnvironments.first(where: { line.hasPrefix("\\begin{\($0)}") }) {
                    inCode = name
                    k = s[k...].firstIndex(of: "\n") ?? s.count
                    continue
                }
            }
            if inCode != nil { k += 1; continue }
            if s[k] == "\\", k + 1 < s.count, s[k + 1] != "\n" { k += 2; continue }
            if s[k] == "%" {
                let end = s[k...].firstIndex(of: "\n") ?? s.count
                blank(k..<end)
                k = end
                continue
            }
            k += 1
        }
        let commentFree = view
        if let begin = Self.firstOffset(of: "\\begin{document}", in: commentFree) { blank(0..<(begin + "\\begin{document}".unicodeScalars.count)) }
        if let end = Self.firstOffset(of: "\\end{document}", in: commentFree) { blank(end..<s.count) }
        let pythonByDefault = Self.firstOffset(of: "language=Python", in: s) != nil || Self.firstOffset(of: "language={Python}", in: s) != nil
        // Math delimiters, code environments and quotes, outside comments.
        k = 0
        lineStart = 0
        inCode = nil
        while k < view.count {
            if view[k] == "\n" { lineStart = k + 1; k += 1; continue }
            if k == lineStart {
                let lineEnd = view[k...].firstIndex(of: "\n") ?? view.count
                let line = String(String.UnicodeScalarView(view[k..<lineEnd])).trimmingCharacters()
                if let open = inCode, line.hasPrefix("\\end{\(open)}") {
                    Self.write("~~~", over: k..<lineEnd, in: &view)
                    inCode = nil
                    k = lineEnd
                    continue
                }
                if inCode == nil, let name = Self.codeEnvironments.first(where: { line.hasPrefix("\\begin{\($0)}") }) {
                    let options = line.dropFirst("\\begin{\(name)}".count).lowercased()
                    let python = options.contains("python") || (name == "lstlisting" && pythonByDefault && !options.contains("language"))
                    Self.write(python ? "~~~python" : "~~~text", over: k..<lineEnd, in: &view)
                    inCode = name
                    k = lineEnd
                    continue
                }
            }
            if inCode != nil { k += 1; continue }
            if view[k] == "`" { view[k] = " "; k += 1; continue }
            if view[k] == "\\", k + 1 < view.count {
                switch view[k + 1] {
                case "[", "]": view[k] = "$"; view[k + 1] = "$"
                case "(": view[k] = " "; view[k + 1] = "$"
                case ")": view[k] = "$"; view[k + 1] = " "
                default: break
                }
                k += 2
                continue
            }
            k += 1
        }
        Self.blankMathInsideText(&view)
        markdownView = String(String.UnicodeScalarView(view))
    }

    /// `$t \sim \text{Uniform$(\{1,…,T\})$}$`: TeX lets `\text{…}` inside math hold math of its own.
    /// Those inner `$` neither close nor open the formula around them, so they are blanked. A
    /// blank line ends any formula (TeX allows none inside one), and fenced code is left alone.
    static func blankMathInsideText(_ view: inout [Unicode.Scalar]) {
        var k = 0
        var inMath = false, inCode = false, lineStart = true, blankLine = true
        while k < view.count {
            let c = view[k]
            if c == "\n" {
                if blankLine { inMath = false }
                lineStart = true
                blankLine = true
                k += 1
                continue
            }
            if c != " " && c != "\t" && c != "\r" { blankLine = false }
            if lineStart, c == "~", k + 2 < view.count, view[k + 1] == "~", view[k + 2] == "~" {
                inCode.toggle()
                inMath = false
            }
            lineStart = false
            if inCode { k += 1; continue }
            if c == "\\", k + 1 < view.count {
                var end = k + 1
                while end < view.count, ("a"..."z").contains(view[end]) || ("A"..."Z").contains(view[end]) { end += 1 }
                let name = String(String.UnicodeScalarView(view[(k + 1)..<end]))
                if inMath, TexLexer.textCommands.contains(name), end < view.count, view[end] == "{" {
                    var depth = 0, j = end
                    while j < view.count {
                        if view[j] == "\\" { j += 2; continue }
                        if view[j] == "{" { depth += 1 }
                        if view[j] == "}" { depth -= 1; if depth == 0 { break } }
                        if view[j] == "\n", j + 1 < view.count, view[j + 1] == "\n" { break }
                        j += 1
                    }
                    if j < view.count, view[j] == "}" {
                        for i in end..<j where view[i] == "$" && view[i - 1] != "\\" { view[i] = " " }
                        k = j + 1
                        continue
                    }
                }
                k = max(end, k + 2)
                continue
            }
            if c == "$" {
                inMath.toggle()
                k += (k + 1 < view.count && view[k + 1] == "$") ? 2 : 1
                continue
            }
            k += 1
        }
    }

    /// Where `pattern` first occurs in `s`.
    private static func firstOffset(of pattern: String, in s: [Unicode.Scalar]) -> Int? {
        let p = Array(pattern.unicodeScalars)
        guard !p.isEmpty, p.count <= s.count else { return nil }
        return (0...(s.count - p.count)).first { k in s[k] == p[0] && s[k..<(k + p.count)].elementsEqual(p) }
    }

    /// Writes `text` at the start of `range` and blanks the rest of it (a fence line in place of
    /// `\begin{lstlisting}[…]`; the environment line is always longer than the fence).
    private static func write(_ text: String, over range: Range<Int>, in view: inout [Unicode.Scalar]) {
        let t = Array(text.unicodeScalars)
        for k in range where view[k] != "\r" { view[k] = " " }
        for (n, c) in t.enumerated() where range.lowerBound + n < range.upperBound { view[range.lowerBound + n] = c }
    }
}
