/// One token of a LaTeX formula, with its offsets in the original file.
struct TexToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// `\alpha`, `\frac`, `\\` (row break), `\|`.
        case command(String)
        /// One character: a letter, digit-free punctuation, an operator or a delimiter.
        case char(Character)
        case number(Double)
        /// Prose inside a formula: `\text{…}` or a run of non-math characters (any language).
        case text
        /// `\quad`, `\qquad`: separates statements written on one line.
        case separator
    }
    var kind: Kind
    var start: Int
    var end: Int

    func isChar(_ c: Character) -> Bool { kind == .char(c) }
    func isCommand(_ c: String) -> Bool { kind == .command(c) }
}

/// Splits a formula into tokens. Spacing commands, `\left`/`\right` and alignment `&` go; prose
/// (`\text{…}`, Chinese or other text typed between formulas) becomes one `.text` token.
enum TexLexer {
    /// The end of the optional spacing `[5pt]`, `[-1ex]`, `[0.5em]` after a row break at `start`,
    /// or nil when none follows.
    static func rowSpacingEnd(_ s: [Unicode.Scalar], at start: Int, end: Int) -> Int? {
        var k = start
        while k < end, s[k] == " " { k += 1 }
        guard k < end, s[k] == "[" else { return nil }
        var close = k + 1
        while close < end, close - k <= 12, s[close] != "]" { close += 1 }
        guard close < end, s[close] == "]" else { return nil }
        let inner = String(String.UnicodeScalarView(s[(k + 1)..<close])).trimmingCharacters(in: .whitespaces)
        let number = inner.prefix { "+-.0123456789".contains($0) }
        let unit = inner.dropFirst(number.count).trimmingCharacters(in: .whitespaces)
        guard number.contains(where: \.isNumber), ["pt", "em", "ex", "mm", "cm", "in", "bp", "mu", "pc", "sp", "dd"].contains(unit) else { return nil }
        return close + 1
    }

    static let greek: [Unicode.Scalar: String] = [
        "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon", "η": "eta",
        "θ": "theta", "λ": "lambda", "μ": "mu", "π": "pi", "σ": "sigma", "τ": "tau", "Σ": "Sigma", "∏": "prod",
        "∑": "sum", "√": "sqrt", "·": "cdot", "×": "times", "∼": "sim", "∝": "propto", "≈": "approx", "≤": "leq", "≥": "geq",
        "‖": "|", "∣": "mid", "ℒ": "L", "𝒩": "N",
    ]
    static let dropped: Set<String> = [
        "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr",
        "displaystyle", "textstyle", "scriptstyle", ",", ";", ":", "!", " ", "nonumber", "notag", "limits", "nolimits",
        "mathstrut", "middle", "phantom",
    ]
    /// Names of quantities that notes set in text mode inside formulas.
    /// Names typed as words that stand for a quantity; `\textit{I}`, `\textbf{I}`: the identity
    /// matrix in a text font.
    static let quantityNames: Set<String> = ["KL", "ELBO", "NELBO", "VLB", "I"]
    static let textCommands: Set<String> = ["text", "textrm", "textnormal", "mbox", "textbf", "textit", "texttt", "hbox", "textsf", "emph", "label", "tag", "intertext", "eqref", "ref"]
    /// `\tag{4}`, `\label{eq:x}`: numbering, dropped with their argument.
    static let equationLabels: Set<String> = ["label", "tag"]

    /// Whether the current row (since the last `\\\\` or separator) holds a relation at its top
    /// level with something after it.
    static func rowHoldsRelation(_ tokens: [TexToken]) -> Bool {
        var from = tokens.count
        while from > 0, tokens.count - from < 2000 {
            let t = tokens[from - 1]
            if t.kind == .separator || t.isCommand("\\") || t.isCommand("cr") || t.isCommand("newline") { break }
            from -= 1
        }
        var depth = 0
        var relationAt: Int?
        for k in from..<tokens.count {
            let t = tokens[k]
            if t.isChar("{") || t.isChar("(") || t.isChar("[") { depth += 1 }
            if t.isChar("}") || t.isChar(")") || t.isChar("]") { depth -= 1 }
            if depth == 0, FormulaReader.isRelation(tokens, at: k) != nil { relationAt = k }
        }
        guard let r = relationAt else { return false }
        return r + 1 < tokens.count && FormulaReader.isRelation(tokens, at: tokens.count - 1) == nil
    }

    /// Whether the column after an `&` (up to the next `&`, `\\\\` or the end) states a relation of
    /// its own: a second equation, not a remark such as `\cdots \text{(DDPM)}`.
    static func columnHoldsRelation(_ s: [Unicode.Scalar], from start: Int, end: Int) -> Bool {
        var k = start
        // `&= C` continues the chain (a multi-column alignment, or a row break the note wrote as one `\\`).
        while k < end, s[k] == " " || s[k] == "\t" || s[k] == "\n" || s[k] == "\r" { k += 1 }
        if k < end, s[k] == "=" || s[k] == "<" || s[k] == ">" || s[k] == "≤" || s[k] == "≥" { return false }
        if k + 1 < end, s[k] == "\\" {
            var j = k + 1
            while j < end, s[j].isASCII, s[j].properties.isAlphabetic { j += 1 }
            if TexParser.relationCommands.contains(String(String.UnicodeScalarView(s[(k + 1)..<j]))) { return false }
        }
        while k < end, k - start < 4000 {
            let c = s[k]
            if c == "&" { return false }
            if c == "=" || c == "<" || c == ">" || c == "≤" || c == "≥" { return true }
            if c == "\\" {
                if k + 1 < end, s[k + 1] == "\\" { return false }
                var j = k + 1
                while j < end, s[j].isASCII, s[j].properties.isAlphabetic { j += 1 }
                let name = String(String.UnicodeScalarView(s[(k + 1)..<j]))
                if name == "cr" || name == "newline" || name == "end" { return false }
                if TexParser.relationCommands.contains(name), !["to", "in", "rightarrow", "Rightarrow", "mapsto", "gets", "leftarrow", "implies"].contains(name) { return true }
                k = max(j, k + 1)
                continue
            }
            k += 1
        }
        return false
    }

    /// How wide each spacing command is, in control spaces (`\,` is thinner: it joins a run
    /// without widening it).
    static let spaceWidths: [String: Int] = [
        " ": 1, ";": 1, ":": 1, ">": 1, ",": 0, "thinspace": 0, "medspace": 1, "thickspace": 1, "enspace": 2, "hspace": 2,
    ]

    /// A run of spacing (`\ `, `~`, `\;`, `\hspace{…}`, with blanks between) starting at `i` on
    /// one line: where it ends and how wide it is, or nil when no spacing command starts there.
    static func spacingRun(_ s: [Unicode.Scalar], at i: Int, end: Int) -> (end: Int, width: Int)? {
        var k = i
        var width = 0
        var found = false
        while k < end {
            let c = s[k]
            if c == " " || c == "\t" || c == "\r" { k += 1; continue }
            if c == "~" { width += 1; found = true; k += 1; continue }
            guard c == "\\", k + 1 < end else { break }
            var j = k + 1
            if s[j].isASCII, s[j].properties.isAlphabetic {
                while j < end, s[j].isASCII, s[j].properties.isAlphabetic { j += 1 }
            } else {
                j += 1
            }
            let name = String(String.UnicodeScalarView(s[(k + 1)..<j]))
            guard let w = spaceWidths[name] else { break }
            if name == "hspace" {
                if j < end, s[j] == "*" { j += 1 }
                j = endOfGroup(s, after: j, end: end)
            }
            width += w
            found = true
            k = j
        }
        return found ? (k, width) : nil
    }

    /// The end of an equation label written in parentheses at `k` that ends its row, `(12)`,
    /// `(3.1)`, `(Reparameterization - DDIM)`, `(closed form)`; nil for anything that may be a
    /// factor, `(x_t - a)`, `(1 - \beta_t)`, `(ab)`: a label is a number, a run of at least four
    /// letters, or several words, with no TeX in it, and only a row break, `\end{…}` or the
    /// formula's end follows it.
    static func equationLabelEnd(_ s: [Unicode.Scalar], at start: Int, end: Int) -> Int? {
        func isBlank(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\r" || c == "\n" }
        var k = start
        while k < end, isBlank(s[k]) { k += 1 }
        guard k < end, s[k] == "(" else { return nil }
        k += 1
        var words: [Int] = []
        var letters = 0, digits = 0, longestRun = 0, run = 0
        while k < end, s[k] != ")", k - start < 200 {
            let c = s[k]
            if c.properties.isAlphabetic {
                letters += 1; run += 1; longestRun = max(longestRun, run)
            } else {
                if run > 0 { words.append(run) }
                run = 0
                if ("0"..."9").contains(c) { digits += 1 } else if !(isBlank(c) || c == "-" || c == "." || c == "," || c == ":") { return nil }
            }
            k += 1
        }
        if run > 0 { words.append(run) }
        guard k < end, s[k] == ")" else { return nil }
        // `(1 - 2)` after `\,` may be a factor; a number label is digits and dots only.
        let isNumber = digits > 0 && letters == 0 && s[(start..<k)].allSatisfy { isBlank($0) || $0 == "(" || $0 == "." || ("0"..."9").contains($0) }
        let isWords = letters > 0 && digits == 0 && (longestRun >= 4 || words.filter { $0 >= 2 }.count >= 2)
        guard isNumber || isWords else { return nil }
        var j = k + 1
        while j < end, isBlank(s[j]) { j += 1 }
        if j == end { return k + 1 }
        if j + 1 < end, s[j] == "\\", s[j + 1] == "\\" { return k + 1 }
        if j + 4 <= end, String(String.UnicodeScalarView(s[j..<(j + 4)])) == "\\end" { return k + 1 }
        if j + 2 < end, s[j] == "\\", s[j + 1] == "c", s[j + 2] == "r", j + 3 == end || !s[j + 3].properties.isAlphabetic { return k + 1 }
        return nil
    }

    /// How many brackets the current row leaves open.
    static func openDepth(_ tokens: [TexToken]) -> Int {
        var depth = 0
        for t in tokens.reversed() {
            if t.kind == .separator || t.isCommand("\\") || t.isCommand("cr") || t.isCommand("newline") { break }
            depth += FormulaReader.depthDelta(t)
        }
        return depth
    }

    /// Whether the text at `k` can begin a statement of its own: not an operator continuing this one.
    static func startsStatement(_ s: [Unicode.Scalar], at k: Int, end: Int) -> Bool {
        guard k < end else { return false }
        if "+-*/=<>,;)]}|−·×".unicodeScalars.contains(s[k]) { return false }
        for op in ["\\cdot", "\\times", "\\pm", "\\mp", "\\\\"] {
            let w = Array(op.unicodeScalars)
            if k + w.count <= end, Array(s[k..<(k + w.count)]) == w { return false }
        }
        return true
    }

    /// Environments whose `\\` separate the entries of one value, not equations.
    static let matrixEnvironments: Set<String> = ["matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix"]

    /// The offset after the brace group that follows `j` (spaces allowed before it), or `j` when
    /// no group follows.
    static func endOfGroup(_ s: [Unicode.Scalar], after j: Int, end: Int) -> Int {
        var k = j
        while k < end, s[k] == " " { k += 1 }
        guard k < end, s[k] == "{" else { return j }
        var depth = 0
        while k < end {
            if s[k] == "{" { depth += 1 }
            if s[k] == "}" { depth -= 1; if depth == 0 { break } }
            k += 1
        }
        return min(end, k + 1)
    }

    /// The offset after a macro's one argument starting at or after `j`: a brace group or, unbraced,
    /// one token (a character or a control sequence), as TeX reads it: `\tag 4`, `\tag*{4}`, `\text x`.
    static func endOfArgument(_ s: [Unicode.Scalar], after j: Int, end: Int, starred: Bool = false) -> Int {
        var k = j
        if starred, k < end, s[k] == "*" { k += 1 }
        while k < end, s[k] == " " || s[k] == "\t" { k += 1 }
        guard k < end else { return j }
        if s[k] == "{" { return endOfGroup(s, after: k, end: end) }
        if s[k] == "\\" {
            var m = k + 1
            if m < end, s[m].isASCII, s[m].properties.isAlphabetic {
                while m < end, s[m].isASCII, s[m].properties.isAlphabetic { m += 1 }
                return m
            }
            // `\\` ends the row: no argument was given.
            return m < end && s[m] != "\\" ? m + 1 : j
        }
        if s[k] == "}" || s[k] == "$" || s[k] == "\n" || s[k] == "&" { return j }
        // `\tag 12`: whoever numbers an equation unbraced means the whole number.
        if starred, ("0"..."9").contains(s[k]) {
            var m = k
            while m < end, ("0"..."9").contains(s[m]) || s[m] == "." { m += 1 }
            return m
        }
        return k + 1
    }

    /// Macros that read their arguments from the digits after them when unbraced: how many.
    static let digitArguments: [String: Int] = ["frac": 2, "dfrac": 2, "tfrac": 2, "cfrac": 2, "binom": 2, "sqrt": 1]

    static let htmlTags: Set<String> = ["span", "div", "font", "br", "em", "strong", "sub", "sup", "center", "small", "big", "img"]

    /// The offset after an HTML tag (`<span …>`, `</span>`, `<br/>`) that starts at `i`, or nil.
    static func htmlTagEnd(_ s: [Unicode.Scalar], at i: Int, end: Int) -> Int? {
        var j = i + 1
        if j < end, s[j] == "/" { j += 1 }
        let nameStart = j
        while j < end, s[j].isASCII, s[j].properties.isAlphabetic { j += 1 }
        guard htmlTags.contains(String(String.UnicodeScalarView(s[nameStart..<j])).lowercased()), j < end,
              s[j] == ">" || s[j] == " " || s[j] == "/" else { return nil }
        // Attributes run to the closing `>` on the same line, with no math in between.
        while j < end, j - i < 300, s[j] != ">" {
            if s[j] == "\n" || s[j] == "$" || s[j] == "\\" || s[j] == "<" { return nil }
            j += 1
        }
        return j < end && s[j] == ">" ? j + 1 : nil
    }

    /// `q(x_t\\|x_{t-1})`: a `\\|` that is the only one inside the parentheses of a density q or p
    /// (`q_\\sigma`, `p_\\theta` included) is the pipe escaped for Markdown, the conditioning bar, not
    /// ‖: a norm comes in pairs, and a divergence's ‖ sits inside D(…) or KL(…), not inside q(…).
    static func escapedConditionBar(at offset: Int, in s: [Unicode.Scalar], from start: Int, to end: Int) -> Bool {
        // The innermost parenthesis still open before the bar.
        var depth = 0, k = offset - 1, open: Int?
        while k >= start {
            if s[k] == ")" { depth += 1 } else if s[k] == "(" { if depth == 0 { open = k; break }; depth -= 1 }
            k -= 1
        }
        guard let open else { return false }
        // The head before it: `q`, `p`, or either with a subscript (`p_\\theta`, `q_{\\sigma}`, `p_t`).
        var h = open - 1
        while h >= start, s[h] == " " { h -= 1 }
        guard h >= start else { return false }
        func isLetter(_ c: Unicode.Scalar) -> Bool { c.isASCII && c.properties.isAlphabetic }
        if s[h] == "}" {
            var d = 0
            while h >= start { if s[h] == "}" { d += 1 } else if s[h] == "{" { d -= 1; if d == 0 { break } }; h -= 1 }
            guard h - 1 >= start, s[h - 1] == "_" else { return false }
            h -= 2
        } else if isLetter(s[h]) {
            var c = h
            while c >= start, isLetter(s[c]) { c -= 1 }
            if c >= start, s[c] == "\\" {
                // `p_\\theta(`: a command as the subscript.
                guard c - 1 >= start, s[c - 1] == "_" else { return false }
                h = c - 2
            } else if c >= start, s[c] == "_", h == c + 1 {
                h = c - 1
            } else if h != c + 1 {
                return false
            }
        }
        guard h >= start, s[h] == "q" || s[h] == "p", h == start || !(isLetter(s[h - 1]) || s[h - 1] == "\\") else { return false }
        // The group's own bars: exactly this one.
        var bars = 0, j = open + 1
        depth = 0
        while j < end - 1 {
            if s[j] == "(" { depth += 1 } else if s[j] == ")" { if depth == 0 { break }; depth -= 1 }
            if s[j] == "\\" && s[j + 1] == "|" { bars += 1; j += 1 }
            j += 1
        }
        return bars == 1
    }

    static func tokenize(_ s: [Unicode.Scalar], from start: Int, to end: Int) -> [TexToken] {
        var tokens: [TexToken] = []
        var i = start
        func appendText(_ a: Int, _ b: Int) {
            if let last = tokens.last, last.kind == .text, last.end >= a - 1 {
                tokens[tokens.count - 1].end = b
            } else {
                tokens.append(TexToken(kind: .text, start: a, end: b))
            }
        }
        // Markdown that escapes TeX (`x\_{t-1}`, `L_\{t-1}`): `\_` is `_` and the escaped braces
        // are TeX braces there.
        var escapedMarkdown = false
        if end - start >= 2 {
            for k in start..<(end - 1) where s[k] == "\\" && s[k + 1] == "_" { escapedMarkdown = true; break }
        }
        // `$\\{z_i, x_i\\}^N_\{i=1\}$`: kramdown turns `\\{` into TeX's `\{` (a visible brace)
        // and `\{` into `{`. TeX itself would read `\\{` as a line break before a group, which no
        // inline formula means.
        var escapedBraces = false
        if end - start >= 3 {
            for k in start..<(end - 2) where s[k] == "\\" && s[k + 1] == "\\" && (s[k + 2] == "{" || s[k + 2] == "}") { escapedBraces = true; break }
        }
        if escapedBraces { escapedMarkdown = true }
        var lineStart = true
        while i < end {
            let c = s[i]
            if c == "\n" { lineStart = true; i += 1; continue }
            // `> $$ … $$` in a blockquote or an Obsidian callout: the quote markers are not math.
            if lineStart, c == ">" { i += 1; continue }
            // `… \;\; (12) \\` or `… && (Reparameterization) \\`: a parenthesised label after
            // spacing that ends the row numbers the equation, as `\tag{12}` does; it is no factor.
            if c == "&", i + 1 < end, s[i + 1] == "&", let after = equationLabelEnd(s, at: i + 2, end: end) {
                i = after
                continue
            }
            if c == "&" {
                // `&= A & B`: an alignment mark after a complete relation starts another column
                // (a second equation, or the justification of this one), not more of this side.
                if Self.rowHoldsRelation(tokens), Self.columnHoldsRelation(s, from: i + 1, end: end) { tokens.append(TexToken(kind: .separator, start: i, end: i + 1)) }
                i += 1
                continue
            }
            if escapedBraces, c == "\\", i + 2 < end, s[i + 1] == "\\", s[i + 2] == "{" || s[i + 2] == "}" {
                tokens.append(TexToken(kind: .char(s[i + 2] == "{" ? "(" : ")"), start: i, end: i + 3))
                i += 3
                continue
            }
            // `a := b \ \ \ c := d`: a wide space between two complete relations separates two
            // statements as `\quad` does; a single space (`x \ = \ y`) only spaces the formula.
            if c == "~" || c == "\\", let run = spacingRun(s, at: i, end: end) {
                if let after = equationLabelEnd(s, at: run.end, end: end) {
                    i = after
                    continue
                }
                if run.width >= 2, openDepth(tokens) == 0, rowHoldsRelation(tokens), startsStatement(s, at: run.end, end: end),
                   columnHoldsRelation(s, from: run.end, end: end) {
                    tokens.append(TexToken(kind: .separator, start: i, end: run.end))
                }
                i = run.end
                continue
            }
            // A no-break or thin space typed in a formula (U+00A0 from a rich-text editor, U+2009,
            // U+202F) is a space, not prose.
            if c == " " || c == "\t" || c == "\r" || c == "\u{00A0}" || (0x2000...0x200A).contains(c.value) || c == "\u{202F}" || c == "\u{205F}" { i += 1; continue }
            lineStart = false
            if c == "%" {
                while i < end, s[i] != "\n" { i += 1 }
                continue
            }
            // `</span>`, `<span style="color: red;">` inside the math of a README that colours its terms:
            // markup, not a relation `<`.
            if c == "<", let after = htmlTagEnd(s, at: i, end: end) { i = after; continue }
            if c == "\\" {
                var j = i + 1
                if j < end, s[j].properties.isAlphabetic, s[j].isASCII {
                    while j < end, s[j].isASCII, s[j].properties.isAlphabetic { j += 1 }
                } else if j < end {
                    j += 1
                }
                var name = String(String.UnicodeScalarView(s[(i + 1)..<j]))
                if name == "begin" || name == "end" || name == "color" || name == "textcolor" || name == "colorbox" {
                    // An environment's name; `\color{blue}` and the colour of `\textcolor{red}{…}`:
                    // presentation only.
                    let after = endOfGroup(s, after: j, end: end)
                    // A matrix is one value: its `\\` separate its rows, not equations, so it is
                    // read as a group.
                    let environment = String(String.UnicodeScalarView(s[j..<after])).filter { $0.isLetter }
                    if name == "begin" || name == "end", Self.matrixEnvironments.contains(environment) {
                        tokens.append(TexToken(kind: .char(name == "begin" ? "{" : "}"), start: i, end: after))
                    }
                    i = after
                    continue
                }
                // `\underset{θ}{\min}`, `\min_θ`, `\arg\max_x`: an optimisation over what the formula
                // holds; the formula is read without it.
                if name == "underset" {
                    let afterUnder = endOfGroup(s, after: j, end: end)
                    let afterBase = endOfGroup(s, after: afterUnder, end: end)
                    let base = String(String.UnicodeScalarView(s[afterUnder..<afterBase])).filter { !$0.isWhitespace }
                    if ["{\\min}", "{\\max}", "{\\arg\\min}", "{\\arg\\max}", "{\\argmin}", "{\\argmax}"].contains(base) { i = afterBase; continue }
                }
                if ["min", "max", "argmin", "argmax"].contains(name), j < end, s[j] == "_" {
                    var k = j + 1
                    if k < end, s[k] == "{" { k = endOfGroup(s, after: j + 1, end: end) } else if k < end, s[k] == "\\" {
                        k += 1
                        while k < end, s[k].isASCII, s[k].properties.isAlphabetic { k += 1 }
                    } else { k += 1 }
                    i = k
                    continue
                }
                if textCommands.contains(name) {
                    // An equation's number or label is never part of its value, braced or not.
                    j = endOfArgument(s, after: j, end: end, starred: name == "tag")
                    if Self.equationLabels.contains(name) { i = j; continue }
                    if let last = tokens.last, last.isChar("_") || (last.isChar("{") && tokens.count >= 2 && tokens[tokens.count - 2].isChar("_")) {
                        // `L_{\text{simple}}`: a word in a subscript is part of the name.
                        tokens.append(TexToken(kind: .char("{"), start: i, end: i))
                        for k in i..<j where s[k].isASCII && s[k].properties.isAlphabetic && k > i + name.count {
                            tokens.append(TexToken(kind: .char(Character(s[k])), start: k, end: k + 1))
                        }
                        tokens.append(TexToken(kind: .char("}"), start: j, end: j))
                        i = j
                        continue
                    }
                    // `\text{KL}(q ‖ p)`, `\text{ELBO}`: the name of a quantity, read as `\mathrm{…}`.
                    let word = String(String.UnicodeScalarView(s[(i + name.count + 1)..<j])).trimmingCharacters()
                    // `\text{exp}(…)`, `\text{log}`: a function typed as a word is that function.
                    if word.hasPrefix("{"), word.hasSuffix("}"), ["exp", "log"].contains(String(word.dropFirst().dropLast())) {
                        tokens.append(TexToken(kind: .command(String(word.dropFirst().dropLast())), start: i, end: j))
                        i = j
                        continue
                    }
                    // `\text{d}t`: the differential's d set upright, as `\mathrm{d}` is.
                    if word == "{d}" {
                        tokens.append(TexToken(kind: .char("d"), start: i, end: j))
                        i = j
                        continue
                    }
                    if word.hasPrefix("{"), word.hasSuffix("}"), quantityNames.contains(String(word.dropFirst().dropLast())) {
                        tokens.append(TexToken(kind: .command("mathrm"), start: i, end: i + name.count + 1))
                        tokens.append(TexToken(kind: .char("{"), start: i, end: i))
                        for ch in word.dropFirst().dropLast() { tokens.append(TexToken(kind: .char(ch), start: i, end: i)) }
                        tokens.append(TexToken(kind: .char("}"), start: j, end: j))
                        i = j
                        continue
                    }
                    appendText(i, j)
                    i = j
                    continue
                }
                if name == "quad" || name == "qquad" {
                    if let after = equationLabelEnd(s, at: j, end: end) { i = after; continue }
                    tokens.append(TexToken(kind: .separator, start: i, end: j))
                    i = j
                    continue
                }
                if dropped.contains(name) { i = j; continue }
                if name == "lVert" || name == "rVert" || name == "Vert" { name = "|" }
                // ▽ typed for ∇ (`\triangledown_x \log p`) is the gradient.
                if name == "triangledown" || name == "bigtriangledown" { name = "nabla" }
                if name == "mid" || name == "vert" || name == "lvert" || name == "rvert" {
                    tokens.append(TexToken(kind: .char("|"), start: i, end: j))
                    i = j
                    continue
                }
                // Markdown escapes typed inside math (`[β_t \in (0,1) \]_{t=1}^T`, `\left\[ … \right]`,
                // `\left\( … \right\)`, `x^\*`): TeX never reads `\[`, `\]`, `\(`, `\)` inside a
                // formula (they open and close math), so the renderer un-escaped them to the bracket
                // the writer typed.
                // In a formula escaped for Markdown (`q(\mathbf{x}\_t \| \mathbf{x}\_0)`), `\|` keeps a
                // table's pipe from splitting the row: the renderer leaves the `|` the writer meant.
                if name == "_" || name == "[" || name == "]" || name == "(" || name == ")" || name == "*" || (escapedMarkdown && name == "|")
                    || (name == "|" && Self.escapedConditionBar(at: i, in: s, from: start, to: end)) {
                    tokens.append(TexToken(kind: .char(Character(name)), start: i, end: j))
                    i = j
                    continue
                }
                // `L_\{t-1}`: a subscript never starts with a visible brace, so this one is escaped markdown.
                let afterScript = i > start && (s[i - 1] == "_" || s[i - 1] == "^")
                if escapedMarkdown || (afterScript && name == "{"), name == "{" || name == "}" {
                    tokens.append(TexToken(kind: .char(name == "{" ? "{" : "}"), start: i, end: j))
                    i = j
                    continue
                }
                if name == "{" || name == "}" {
                    // Escaped braces are visible delimiters: read them as parentheses.
                    tokens.append(TexToken(kind: .char(name == "{" ? "(" : ")"), start: i, end: j))
                    i = j
                    continue
                }
                tokens.append(TexToken(kind: .command(name), start: i, end: j))
                // `\\[5pt]`: the row break's extra space is no bracketed term of the next row.
                if name == "\\", let after = rowSpacingEnd(s, at: j, end: end) { i = after; continue }
                i = j
                continue
            }
            if ("0"..."9").contains(c) || (c == "." && i + 1 < end && ("0"..."9").contains(s[i + 1])) {
                var j = i
                while j < end, ("0"..."9").contains(s[j]) || s[j] == "." { j += 1 }
                // `\frac12`, `\frac 1 2`, `\sqrt 25`: a macro takes one digit as an unbraced argument;
                // the rest of the number follows it.
                var split = i
                if case .command(let name)? = tokens.last?.kind, let digitArguments = Self.digitArguments[name] {
                    while split < min(j, i + digitArguments), ("0"..."9").contains(s[split]), split + 1 < j {
                        tokens.append(TexToken(kind: .number(Double(String(s[split])) ?? .nan), start: split, end: split + 1))
                        split += 1
                    }
                }
                let text = String(String.UnicodeScalarView(s[split..<j]))
                tokens.append(TexToken(kind: .number(Double(text) ?? .nan), start: split, end: j))
                i = j
                continue
            }
            if let g = greek[c] {
                if g.count == 1 || g == "mid" {
                    tokens.append(TexToken(kind: .char(g == "mid" ? "|" : Character(g)), start: i, end: i + 1))
                } else {
                    tokens.append(TexToken(kind: .command(g), start: i, end: i + 1))
                }
                i += 1
                continue
            }
            if c == "（" || c == "）" {
                // Full-width parentheses typed with a CJK input method are parentheses.
                tokens.append(TexToken(kind: .char(c == "（" ? "(" : ")"), start: i, end: i + 1))
                i += 1
                continue
            }
            if c == "−" || c == "–" {
                tokens.append(TexToken(kind: .char("-"), start: i, end: i + 1))
                i += 1
                continue
            }
            if c.isASCII {
                tokens.append(TexToken(kind: .char(Character(c)), start: i, end: i + 1))
                i += 1
                continue
            }
            // Prose: CJK and other non-math characters, full-width punctuation.
            appendText(i, i + 1)
            i += 1
        }
        return tokens
    }
}
