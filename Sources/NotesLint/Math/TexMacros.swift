/// The macros a document defines for its formulas: `\newcommand{\bx}{\mathbf{x}}` in a LaTeX
/// preamble, `$\newcommand{\abar}{\bar\alpha}$` in a MathJax note, `\def\eps{\epsilon}`,
/// `\DeclareMathOperator{\KL}{KL}`.
///
/// Papers and course notes write `\bx_t = \sqrt{\abar_t}\,\bx_0 + …`; without the definitions
/// such a formula is a row of unknown commands and goes unjudged. Expansion works on tokens, so
/// every finding keeps its place in the file: the tokens of a macro's body take the offsets of the
/// macro where it is used, the tokens of its arguments keep their own.
struct TexMacros: Sendable {
    struct Definition: Sendable {
        var argumentCount: Int
        /// The body's tokens, read once where the macro is defined.
        var body: [TexToken]
        /// The body only colours or changes the face of what it is given or what follows it
        /// (`\\color{white}`, `\\textcolor{red}{#1}`, `\\mathbf{#1}`): it draws inline.
        var drawsInline = false
    }

    /// The macros whose body draws inline: a group they open or take is no level of the
    /// formula, as a group after `\\color{…}` or `\\mathbf` is not.
    var inlineCommands: Set<String> { Set(definitions.filter(\.value.drawsInline).keys) }

    private(set) var definitions: [String: Definition] = [:]
    /// Letters a note uses for a Greek quantity it defines: `a_t = 1 - \beta_t` makes `a` the α
    /// of DDPM (Lilian Weng's first notes, and notes that follow them). Only the letter carrying a
    /// subscript or under a bar is read so; a bare `a` stays a letter.
    private(set) var letterAliases: [Character: String] = [:]

    static let definingCommands: Set<String> = ["newcommand", "renewcommand", "providecommand", "def", "DeclareMathOperator"]

    var isEmpty: Bool { definitions.isEmpty && letterAliases.isEmpty }

    /// These macros, with the letters the texts define as `X_t = 1 - \beta_t` read as α.
    func withAlphaLetters(definedIn texts: [String]) -> TexMacros {
        var macros = self
        for text in texts {
            for match in text.matches(of: Self.alphaLetterDefinition) {
                let letter = Character(String(match.output.1))
                if letter != "x", letter != "z" { macros.letterAliases[letter] = "alpha" }
            }
        }
        return macros
    }

    /// `a_t = 1 - \beta_t`, `a_{t}:=1-\beta_{t}`: a Latin letter defined as one minus β at the same step.
    nonisolated(unsafe) static let alphaLetterDefinition = /(?:^|[^A-Za-z\\])([a-wyA-Z])_\{?t\}?\s*:?=\s*1\s*-\s*\\beta_\{?t\}?(?![A-Za-z0-9])/

    /// The definitions in the texts, in order (a later one replaces an earlier one, as
    /// `\renewcommand` does). A definition with an optional argument's default
    /// (`\newcommand{\x}[2][t]{…}`) is left out: its uses are read as written.
    static func collect(from texts: [[Unicode.Scalar]]) -> TexMacros {
        var macros = TexMacros()
        for s in texts {
            var i = 0
            while i < s.count {
                guard s[i] == "\\" else { i += 1; continue }
                let (name, afterName) = controlWord(s, at: i)
                guard definingCommands.contains(name), let (definedName, definition, end) = readDefinition(name, s, after: afterName) else {
                    i = max(afterName, i + 1)
                    continue
                }
                macros.definitions[definedName] = definition
                i = end
            }
        }
        return macros
    }

    /// The letters of the control word at `i` (a backslash) and the offset after them; a control
    /// symbol (`\\`, `\{`) is one character.
    private static func controlWord(_ s: [Unicode.Scalar], at i: Int) -> (String, Int) {
        var j = i + 1
        while j < s.count, s[j].isASCII, s[j].properties.isAlphabetic { j += 1 }
        if j == i + 1 { return (j < s.count ? String(s[j]) : "", min(s.count, j + 1)) }
        return (String(String.UnicodeScalarView(s[(i + 1)..<j])), j)
    }

    private static func skipBlanks(_ s: [Unicode.Scalar], _ k: inout Int) {
        while k < s.count, s[k] == " " || s[k] == "\t" || s[k] == "\n" || s[k] == "\r" { k += 1 }
    }

    /// The content of the brace group at `k` and the offset after it, or nil when none is there or
    /// it never closes.
    private static func group(_ s: [Unicode.Scalar], at k: Int) -> (Range<Int>, Int)? {
        guard k < s.count, s[k] == "{" else { return nil }
        var depth = 0, j = k
        while j < s.count {
            if s[j] == "\\" { j += 2; continue }
            if s[j] == "{" { depth += 1 }
            if s[j] == "}" { depth -= 1; if depth == 0 { return ((k + 1)..<j, j + 1) } }
            j += 1
        }
        return nil
    }

    /// Reads `{\name}[n]{body}`, `\name{body}`, `\name#1#2{body}` or (for `\DeclareMathOperator`)
    /// `{\name}{text}` after a defining command.
    private static func readDefinition(_ command: String, _ s: [Unicode.Scalar], after start: Int) -> (String, Definition, Int)? {
        var k = start
        if k < s.count, s[k] == "*" { k += 1 }
        skipBlanks(s, &k)
        let name: String
        if let (inner, after) = group(s, at: k) {
            var m = inner.lowerBound
            skipBlanks(s, &m)
            guard m < inner.upperBound, s[m] == "\\" else { return nil }
            let (n, end) = controlWord(s, at: m)
            var rest = end
            skipBlanks(s, &rest)
            guard rest == inner.upperBound else { return nil }
            name = n
            k = after
        } else if k < s.count, s[k] == "\\" {
            let (n, end) = controlWord(s, at: k)
            name = n
            k = end
        } else {
            return nil
        }
        guard !name.isEmpty, !definingCommands.contains(name) else { return nil }
        var arguments = 0
        if command == "def" {
            while k + 1 < s.count, s[k] == "#", let d = Int(String(s[k + 1])) { arguments = d; k += 2 }
        } else {
            skipBlanks(s, &k)
            if k < s.count, s[k] == "[" {
                var j = k + 1
                while j < s.count, s[j] != "]", j - k < 4 { j += 1 }
                guard j < s.count, s[j] == "]", let n = Int(String(String.UnicodeScalarView(s[(k + 1)..<j])).trimmingCharacters()), (0...9).contains(n) else { return nil }
                arguments = n
                k = j + 1
                skipBlanks(s, &k)
                if k < s.count, s[k] == "[" { return nil }
            }
        }
        skipBlanks(s, &k)
        guard let (bodyRange, end) = group(s, at: k) else { return nil }
        var body = Array(s[bodyRange])
        if command == "DeclareMathOperator" { body = Array("\\mathrm{".unicodeScalars) + body + ["}"] }
        let inline = DelimiterBalance.colorCommands + DelimiterBalance.strokeCommands + DelimiterBalance.inlineGroupCommands
        let drawsInline = inline.contains { DelimiterBalance.writesCommand($0, at: 0, in: body) }
        return (name, Definition(argumentCount: arguments, body: TexLexer.tokenize(body, from: 0, to: body.count), drawsInline: drawsInline), end)
    }

    /// The tokens with every defined macro replaced by its body and the definitions themselves
    /// taken out. Expansion stops at a depth of eight, so a macro defined in terms of itself ends.
    func expand(_ tokens: [TexToken]) -> [TexToken] {
        guard !isEmpty || tokens.contains(where: { if case .command(let c) = $0.kind { return Self.definingCommands.contains(c) }; return false }) else {
            return tokens
        }
        return expand(tokens, depth: 0)
    }

    private func expand(_ tokens: [TexToken], depth: Int) -> [TexToken] {
        var out: [TexToken] = []
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            if case .char(let c) = token.kind, let alias = letterAliases[c], aliasPlace(tokens, i) {
                out.append(TexToken(kind: .command(alias), start: token.start, end: token.end))
                i += 1
                continue
            }
            guard case .command(let name) = token.kind else { out.append(token); i += 1; continue }
            if Self.definingCommands.contains(name) {
                i = Self.endOfDefinition(tokens, after: i + 1, command: name)
                continue
            }
            guard let definition = definitions[name], depth < 8 else { out.append(token); i += 1; continue }
            var arguments: [[TexToken]] = []
            var k = i + 1
            while arguments.count < definition.argumentCount, k < tokens.count {
                let (argument, next) = Self.argument(tokens, at: k)
                arguments.append(argument)
                k = next
            }
            guard arguments.count == definition.argumentCount else { out.append(token); i += 1; continue }
            let body = definition.body
            var substituted: [TexToken] = []
            var b = 0
            while b < body.count {
                if body[b].isChar("#"), b + 1 < body.count, case .number(let n) = body[b + 1].kind, n >= 1, Int(n) <= arguments.count {
                    substituted += arguments[Int(n) - 1]
                    b += 2
                    continue
                }
                var placed = body[b]
                placed.start = token.start
                placed.end = token.end
                substituted.append(placed)
                b += 1
            }
            out += expand(substituted, depth: depth + 1)
            i = k
        }
        return out
    }

    /// Whether the letter at `i` stands where a quantity does: before a subscript, or under a bar
    /// (`\bar a`, `\overline{a}_t`).
    private func aliasPlace(_ tokens: [TexToken], _ i: Int) -> Bool {
        if i + 1 < tokens.count, tokens[i + 1].isChar("_") { return true }
        let bars = ["bar", "overline", "hat", "tilde"]
        if i >= 1, case .command(let c) = tokens[i - 1].kind, bars.contains(c) { return true }
        if i >= 2, tokens[i - 1].isChar("{"), i + 1 < tokens.count, tokens[i + 1].isChar("}"),
           case .command(let c) = tokens[i - 2].kind, bars.contains(c) { return true }
        return false
    }

    /// One argument at `k`: the content of a brace group, or a single token.
    private static func argument(_ tokens: [TexToken], at k: Int) -> ([TexToken], Int) {
        guard tokens[k].isChar("{") else { return ([tokens[k]], k + 1) }
        var depth = 0, j = k
        while j < tokens.count {
            if tokens[j].isChar("{") { depth += 1 }
            if tokens[j].isChar("}") { depth -= 1; if depth == 0 { return (Array(tokens[(k + 1)..<j]), j + 1) } }
            j += 1
        }
        return (Array(tokens[(k + 1)...]), tokens.count)
    }

    /// Where a definition written inside a formula ends: the name (braced or not), an argument
    /// count in brackets, and the body group.
    private static func endOfDefinition(_ tokens: [TexToken], after start: Int, command: String) -> Int {
        var k = start
        if k < tokens.count, tokens[k].isChar("*") { k += 1 }
        guard k < tokens.count else { return k }
        k = argument(tokens, at: k).1
        if k < tokens.count, tokens[k].isChar("[") {
            while k < tokens.count, !tokens[k].isChar("]") { k += 1 }
            k += 1
        }
        while command == "def", k < tokens.count, tokens[k].isChar("#") { k += 2 }
        guard k < tokens.count, tokens[k].isChar("{") else { return k }
        return argument(tokens, at: k).1
    }
}
