/// A token of the Python subset notes use, with its offsets in the original file.
struct PyToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable { case name, number, string, op, newline, indent, dedent, end }
    var kind: Kind
    var text: String
    var start: Int
    var end: Int
}

/// Python's tokenizer rules that matter for notes: comments, strings, backslash continuation,
/// implicit joining inside brackets, INDENT/DEDENT with tabs to multiples of 8.
enum PythonLexer {
    struct Failure: Error {
        var offset: Int
        var message: String
        /// True for a bracket never closed: every line after it joins one logical line, so what
        /// the parser meets there follows from this error.
        var joinsRest = false
        /// True for a string literal never closed.
        var opensString = false
    }

    static func tokenize(_ s: [Unicode.Scalar], from start: Int, to end: Int) -> (tokens: [PyToken], failure: Failure?) {
        var tokens: [PyToken] = []
        var indents = [0]
        var depth = 0
        var unclosed: [PyToken] = []
        var i = start
        var atLineStart = true
        var failure: Failure?
        func isNameStart(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic }
        func isNameChar(_ c: Unicode.Scalar) -> Bool { isNameStart(c) || ("0"..."9").contains(c) }
        while i < end {
            if atLineStart && depth == 0 {
                var width = 0
                var j = i
                // A non-breaking space (what many editors put in pasted code) counts as a space.
                while j < end, s[j] == " " || s[j] == "\t" || s[j] == "\u{0C}" || s[j] == "\u{A0}" {
                    width = s[j] == "\t" ? (width / 8 + 1) * 8 : width + 1
                    j += 1
                }
                if j >= end { i = j; break }
                if s[j] == "\n" || s[j] == "#" || s[j] == "\r" {
                    while j < end, s[j] != "\n" { j += 1 }
                    i = j + 1
                    continue
                }
                atLineStart = false
                if width > indents.last! {
                    indents.append(width)
                    tokens.append(PyToken(kind: .indent, text: "", start: j, end: j))
                } else {
                    while width < indents.last! {
                        indents.removeLast()
                        tokens.append(PyToken(kind: .dedent, text: "", start: j, end: j))
                    }
                    if width != indents.last!, failure == nil {
                        failure = Failure(offset: j, message: "unindent does not match any outer indentation level")
                    }
                }
                i = j
                continue
            }
            let c = s[i]
            if c == " " || c == "\t" || c == "\r" || c == "\u{0C}" || c == "\u{A0}" { i += 1; continue }
            if c == "#" {
                while i < end, s[i] != "\n" { i += 1 }
                continue
            }
            if c == "\\", i + 1 < end, s[i + 1] == "\n" || (s[i + 1] == "\r") {
                i += s[i + 1] == "\r" ? 3 : 2
                continue
            }
            if c == "\n" {
                if depth == 0 {
                    if let last = tokens.last, last.kind != .newline, last.kind != .indent, last.kind != .dedent {
                        tokens.append(PyToken(kind: .newline, text: "", start: i, end: i))
                    }
                    atLineStart = true
                }
                i += 1
                continue
            }
            if isNameStart(c) {
                var j = i
                while j < end, isNameChar(s[j]) { j += 1 }
                // String prefixes: f"…", r'…', b"…", rb"…", Rf"…".
                let word = String(String.UnicodeScalarView(s[i..<j])).lowercased()
                if j < end, s[j] == "\"" || s[j] == "'", Self.stringPrefixes.contains(word) {
                    let close = scanString(s, from: j, to: end, formatted: word.contains("f"))
                    if close.end == nil, failure == nil { failure = Failure(offset: i, message: "unterminated string literal", opensString: true) }
                    let stop = close.end ?? close.lineEnd
                    tokens.append(PyToken(kind: .string, text: String(String.UnicodeScalarView(s[j..<stop])), start: i, end: stop))
                    i = stop
                    continue
                }
                tokens.append(PyToken(kind: .name, text: String(String.UnicodeScalarView(s[i..<j])), start: i, end: j))
                i = j
                continue
            }
            if ("0"..."9").contains(c) || (c == "." && i + 1 < end && ("0"..."9").contains(s[i + 1])) {
                var j = i
                while j < end, isNameChar(s[j]) || s[j] == "." || ((s[j] == "-" || s[j] == "+") && (s[j - 1] == "e" || s[j - 1] == "E") && !(s[i] == "0" && j == i + 1)) { j += 1 }
                tokens.append(PyToken(kind: .number, text: String(String.UnicodeScalarView(s[i..<j])), start: i, end: j))
                i = j
                continue
            }
            if c == "\"" || c == "'" {
                let close = scanString(s, from: i, to: end, formatted: false)
                if close.end == nil, failure == nil { failure = Failure(offset: i, message: "unterminated string literal", opensString: true) }
                let stop = close.end ?? close.lineEnd
                tokens.append(PyToken(kind: .string, text: String(String.UnicodeScalarView(s[i..<stop])), start: i, end: stop))
                i = stop
                continue
            }
            let three = i + 2 < end ? String(String.UnicodeScalarView(s[i..<(i + 3)])) : ""
            let two = i + 1 < end ? String(String.UnicodeScalarView(s[i..<(i + 2)])) : ""
            let op: String
            if ["**=", "//=", ">>=", "<<=", "..."].contains(three) {
                op = three
            } else if ["**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "->", ":=", "%=", "@=", "&=", "|=", "^=", "<<", ">>"].contains(two) {
                op = two
            } else {
                op = String(Character(c))
            }
            let token = PyToken(kind: .op, text: op, start: i, end: i + op.unicodeScalars.count)
            if op == "(" || op == "[" || op == "{" { depth += 1; unclosed.append(token) }
            if op == ")" || op == "]" || op == "}" { depth = max(0, depth - 1); _ = unclosed.popLast() }
            tokens.append(token)
            i += op.unicodeScalars.count
        }
        if depth > 0, failure == nil {
            // The innermost opener still open at the end, where Python itself points.
            let open = unclosed.last
            failure = Failure(offset: open?.start ?? end, message: "'\(open?.text ?? "(")' is never closed", joinsRest: true)
        }
        if let last = tokens.last, last.kind != .newline { tokens.append(PyToken(kind: .newline, text: "", start: end, end: end)) }
        for _ in 1..<indents.count { tokens.append(PyToken(kind: .dedent, text: "", start: end, end: end)) }
        tokens.append(PyToken(kind: .end, text: "", start: end, end: end))
        return (tokens, failure)
    }

    static let stringPrefixes: Set<String> = ["r", "u", "b", "f", "br", "rb", "fr", "rf"]

    /// The end of the string literal whose opening quote is at `start` (nil when it is never
    /// closed; `lineEnd` is then where the scan stopped). In an f-string the replacement fields
    /// may hold strings of their own, with the same quotes since Python 3.12 (PEP 701).
    static func scanString(_ s: [Unicode.Scalar], from start: Int, to end: Int, formatted: Bool) -> (end: Int?, lineEnd: Int) {
        let quote = s[start]
        let triple = start + 2 < end && s[start + 1] == quote && s[start + 2] == quote
        var j = start + (triple ? 3 : 1)
        var depth = 0
        while j < end {
            let c = s[j]
            if depth == 0 {
                if c == "\\" { j += 2; continue }
                if triple {
                    if j + 2 < end, c == quote, s[j + 1] == quote, s[j + 2] == quote { return (j + 3, j + 3) }
                } else if c == quote {
                    return (j + 1, j + 1)
                } else if c == "\n" {
                    return (nil, j)
                }
                if formatted, c == "{" {
                    if j + 1 < end, s[j + 1] == "{" { j += 2; continue }
                    depth = 1
                }
                j += 1
                continue
            }
            // Inside a replacement field: nested brackets and strings.
            if c == "\"" || c == "'" {
                let inner = scanString(s, from: j, to: end, formatted: true)
                guard let e = inner.end else { return (nil, inner.lineEnd) }
                j = e
                continue
            }
            if c == "\n", !triple { return (nil, j) }
            if c == "{" || c == "[" || c == "(" { depth += 1 }
            if c == "}" || c == "]" || c == ")" { depth -= 1 }
            j += 1
        }
        return (nil, end)
    }
}
