/// Unbalanced parentheses and braces in one formula. Parentheses and brackets close each other
/// (half-open intervals such as [0, 1) are fine); a parenthesis must close in the brace group it
/// was opened in, which catches `p({x_T)}` as well as a stray `)`, except where TeX draws the
/// two as balanced: a parenthesis opened inside a bare group and closed after its `}`
/// (`{(1-\bar\alpha_t})I`).
enum DelimiterBalance {
    struct Problem: Equatable {
        var offset: Int
        var message: String
        /// A ')' or ']' with nothing open to close: one an opener typed before the formula may take.
        var strayCloser = false
        /// A '(' or '[' still open at the end: one a closer typed after the formula may take.
        var strayOpener = false
    }

    /// The tokens with the parentheses typed inside prose (`\text{ (to get } x_t)`) put back:
    /// a parenthesis opened in the words and closed in the formula is balanced as written. A
    /// full-width bracket of CJK prose is the same bracket typed in another input mode: in
    /// `\text{（prior)}` it pairs with the ASCII one the same words leave unmatched. (Full-width brackets
    /// in prose are otherwise words, as a pair split across two `\text` groups is.)
    static func withProseDelimiters(_ tokens: [TexToken], _ scalars: [Unicode.Scalar]) -> [TexToken] {
        // Each full-width bracket, as ASCII, with the ASCII partner the same words must hold.
        let fullWidth: [Unicode.Scalar: (ascii: Character, partner: Unicode.Scalar)] = ["（": ("(", ")"), "）": (")", "("), "［": ("[", "]"), "］": ("]", "[")]
        var out: [TexToken] = []
        for t in tokens {
            guard t.kind == .text else { out.append(t); continue }
            let words = scalars[min(t.start, scalars.count)..<min(t.end, scalars.count)]
            for k in t.start..<min(t.end, scalars.count) where "()[]".unicodeScalars.contains(scalars[k]) || fullWidth[scalars[k]] != nil {
                if let bracket = fullWidth[scalars[k]] {
                    // Only a partner the ASCII brackets of the words leave unmatched: the `(4)` of
                    // `\text{(4) 欧拉（步长 }` is a pair of its own.
                    let same = Unicode.Scalar(String(bracket.ascii))!
                    if words.filter({ $0 == bracket.partner }).count > words.filter({ $0 == same }).count {
                        out.append(TexToken(kind: .char(bracket.ascii), start: k, end: k + 1))
                    }
                    continue
                }
                // `\text{clear :)}`: an emoticon in the words, not a bracket.
                let before = k > t.start ? scalars[k - 1] : " "
                if (scalars[k] == ")" || scalars[k] == "(") && (before == ":" || before == ";" || (before == "-" && k - 2 >= t.start && (scalars[k - 2] == ":" || scalars[k - 2] == ";"))) { continue }
                out.append(TexToken(kind: .char(Character(scalars[k])), start: k, end: k + 1))
            }
        }
        return out
    }

    /// `&1)\quad …`, `(a)` written `a)` at the start of an aligned row: the label of an item in a
    /// numbered list of steps, whose `)` closes nothing.
    static func closesRowLabel(at offset: Int, _ scalars: [Unicode.Scalar]) -> Bool {
        var k = offset - 1
        var label = 0
        while k >= 0, ("0"..."9").contains(scalars[k]) { label += 1; k -= 1 }
        if label == 0, k >= 0, ("a"..."z").contains(scalars[k]) { label = 1; k -= 1 }
        guard (1...2).contains(label) else { return false }
        while k >= 0, scalars[k] == " " || scalars[k] == "\t" { k -= 1 }
        return k < 0 || scalars[k] == "&" || scalars[k] == "\n" || (scalars[k] == "\\" && k >= 1 && scalars[k - 1] == "\\")
    }

    static let colorCommands = ["color", "textcolor", "colorbox"]
    /// Commands that strike or underline their argument where it stands (the cancel package's).
    static let strokeCommands = ["cancel", "bcancel", "xcancel", "underline"]

    /// Commands that typeset their group inline in another face, or under a brace (`\mathbf{…}`,
    /// `\underbrace{…}`), and operators that take no argument, so that a group after them is
    /// bare (`\log{…}`): a parenthesis that crosses such a group still reads balanced once drawn,
    /// as in `p(\mathbf{c)}`. Fractions, roots and scripts stack their groups and stay strict.
    static let inlineGroupCommands = ["mathbf", "mathrm", "mathit", "mathsf", "mathtt", "mathcal", "mathbb", "mathscr", "mathfrak",
                                      "mathnormal", "boldsymbol", "bm", "pmb", "operatorname", "underbrace", "overbrace",
                                      "log", "exp", "ln"]

    /// The commands that size one delimiter on its own, with no partner required.
    static let sizingCommands: Set<String> = ["big", "Big", "bigg", "Bigg", "bigl", "Bigl", "biggl", "Biggl", "bigr", "Bigr", "biggr", "Biggr", "bigm", "Bigm", "biggm", "Biggm"]

    static let sizedOpeners: [String: Character] = ["lceil": "⌈", "lfloor": "⌊", "langle": "⟨"]
    static let sizedClosers: Set<String> = ["rceil", "rfloor", "rangle"]

    /// Whether the command at `offset` is written right after `\<command>` (`\left\lceil`).
    static func follows(_ command: String, _ offset: Int, _ scalars: [Unicode.Scalar]) -> Bool {
        var k = offset - 1
        while k >= 0, scalars[k] == " " { k -= 1 }
        let word = Array(("\\" + command).unicodeScalars)
        return k + 1 >= word.count && Array(scalars[(k + 1 - word.count)...k]) == word
    }

    /// Whether the `{` at `offset` opens a group that only colours or strikes what it holds:
    /// `\\color{red}{…}`, `\\textcolor{red}{…}` (the group after the colour's name),
    /// `{\\color{red} …}` or `\\cancel{…}`. Parentheses
    /// may open outside such a group and close inside it; it is not a level of the formula. The
    /// lexer drops the colour commands, so this reads the source.
    /// `inlineMacros`: the note's own macros that draw inline (`\\newcommand{\\hl}{\\color{white}}`).
    /// A brace of such a macro's body takes the place of the macro where it is used.
    static func opensTransparentGroup(at offset: Int, _ scalars: [Unicode.Scalar], inlineMacros: Set<String> = []) -> Bool {
        if inlineMacros.contains(where: { writesCommand($0, at: offset, in: scalars) }) { return true }
        // `\cancel{q(x_{t−1} | x_0})`: a stroke drawn over what the group holds, inline, so a
        // parenthesis may cross its braces as it may cross a colour group's.
        var b = offset - 1
        while b >= 0, scalars[b] == " " { b -= 1 }
        if b >= 0, (strokeCommands + inlineGroupCommands + inlineMacros).contains(where: { name in
            let word = Array(("\\" + name).unicodeScalars)
            return b + 1 >= word.count && Array(scalars[(b + 1 - word.count)...b]) == word
        }) { return true }
        func commandEnds(at end: Int) -> Bool {
            colorCommands.contains { name in
                let word = Array(("\\" + name).unicodeScalars)
                return end >= word.count && Array(scalars[(end - word.count)..<end]) == word
            }
        }
        // `{\color{red} …}`
        var k = offset + 1
        while k < scalars.count, scalars[k] == " " { k += 1 }
        for name in colorCommands {
            let word = Array(("\\" + name).unicodeScalars)
            if k + word.count <= scalars.count, Array(scalars[k..<(k + word.count)]) == word { return true }
        }
        // `\color{red}{…}`: a `}` before this brace closes a group that follows a colour command.
        var j = offset - 1
        while j >= 0, scalars[j] == " " { j -= 1 }
        guard j >= 0, scalars[j] == "}" else { return false }
        var depth = 0
        while j >= 0 {
            if scalars[j] == "}" { depth += 1 }
            if scalars[j] == "{" { depth -= 1; if depth == 0 { break } }
            j -= 1
        }
        return j >= 0 && commandEnds(at: j)
    }

    /// Whether `\\<name>` is written at `offset`, as a whole control word (`\\hl` is not `\\hline`).
    static func writesCommand(_ name: String, at offset: Int, in scalars: [Unicode.Scalar]) -> Bool {
        let word = Array(("\\" + name).unicodeScalars)
        let end = offset + word.count
        return end <= scalars.count && Array(scalars[offset..<end]) == word && !(end < scalars.count && scalars[end].properties.isAlphabetic)
    }

    /// Whether a `{` after `previous` is an argument of a structural command (`\frac`, `\sqrt`,
    /// `^`, `_`, `\text`, `\hat`, the second argument after a first one): such a group is drawn as
    /// a level of the formula, so a parenthesis crossing it shows. A bare group only groups for TeX.
    static func opensArgument(after previous: TexToken?, previousClosedArgument: Bool) -> Bool {
        guard let previous else { return false }
        switch previous.kind {
        case .command: return true
        case .char(let c): return c == "^" || c == "_" || c == "]" || (c == "}" && previousClosedArgument)
        default: return false
        }
    }

    /// `scalars`, the source the tokens were read from, lets colour groups be recognised.
    ///
    /// A bare group that holds the start of a parenthesis closed somewhere after the group's `}`,
    /// `{(1-\bar\alpha_t})I`, is drawn as if balanced and is not reported. Any other
    /// crossing is: a group opened inside the parenthesis, `p({x_T)}`, does not wrap what the
    /// parenthesis holds, and an argument's braces are drawn, as in `\frac{(a}{b)}`.
    static func problems(in tokens: [TexToken], scalars: [Unicode.Scalar]? = nil, inlineMacros: Set<String> = []) -> [Problem] {
        typealias Open = (brace: Bool, bare: Bool, offset: Int, text: Character, blamed: (offset: Int, text: Character)?)
        // `blamed`: a '(' that a ']' closed right above this '[' (or the reverse): if this one is
        // left open, that one is the delimiter the writer forgot.
        var stack: [Open] = []
        var problems: [Problem] = []
        // The `{` of a colour group and its `}` are left out together.
        var colourDepths: [Int] = []
        var braceDepth = 0
        var previousClosedArgument = false
        // Closers that took an opener of the other kind, as a half-open interval does.
        var mismatched: [(offset: Int, closer: Character, opener: Character)] = []
        // Left braces `\{` written after `\big`, `\Bigg`, `\bigl`, …
        var sizedDelimiters = Set<Int>()
        // The lexer drops `\big`-like commands, so the source tells.
        func isSized(_ token: TexToken) -> Bool {
            guard let scalars else { return false }
            return sizingCommands.contains { follows($0, token.start, scalars) }
        }
        // `\{` and `\}` are read as a parenthesis pair; a message names them as written.
        func written(_ c: Character, at offset: Int) -> String {
            guard let scalars, offset < scalars.count, scalars[offset] == "\\" else { return String(c) }
            return c == "(" ? "\\{" : (c == ")" ? "\\}" : String(c))
        }
        func stray(_ closer: Character, at offset: Int) -> Problem {
            let shown = written(closer, at: offset)
            return Problem(offset: offset, message: "'\(shown)' has no matching opening parenthesis", strayCloser: shown == ")" || shown == "]")
        }
        func unclosed(_ open: Open, _ how: String) -> Problem {
            let culprit = open.blamed ?? (open.offset, open.text)
            return Problem(offset: culprit.offset, message: "'\(written(culprit.text, at: culprit.offset))' \(how)")
        }
        for (i, t) in tokens.enumerated() {
            // `\left\lceil … \right]`: TeX pairs \left with \right whatever their shapes, so a
            // sized ⌈, ⌊ or ⟨ opens what the next closer closes (an unsized one is a symbol).
            if case .command(let name) = t.kind, let scalars, let shape = sizedOpeners[name], follows("left", t.start, scalars) {
                stack.append((false, false, t.start, shape, nil))
                continue
            }
            if case .command(let name) = t.kind, let scalars, sizedClosers.contains(name), follows("right", t.start, scalars) {
                if let top = stack.last, !top.brace { stack.removeLast() }
                continue
            }
            guard case .char(let c) = t.kind else { continue }
            let previous = i > 0 ? tokens[i - 1] : nil
            if c == "{" {
                braceDepth += 1
                if let scalars, t.end > t.start, opensTransparentGroup(at: t.start, scalars, inlineMacros: inlineMacros) { colourDepths.append(braceDepth); continue }
            }
            if c == "}" {
                defer { braceDepth -= 1 }
                if colourDepths.last == braceDepth { colourDepths.removeLast(); continue }
            }
            let closedArgument = previousClosedArgument
            previousClosedArgument = false
            switch c {
            case "{":
                stack.append((true, !opensArgument(after: previous, previousClosedArgument: closedArgument), t.start, c, nil))
            case "(", "[":
                stack.append((false, false, t.start, c, nil))
                // `= \Bigg\{ \begin{array}…`: a sized left brace opens cases, which have no right
                // partner. (A sized closer with no opener is still a bracket dropped.)
                if c == "(", isSized(t), let scalars, scalars[t.start] == "\\" { sizedDelimiters.insert(t.start) }
            case ")", "]":
                if c == ")", let scalars, stack.allSatisfy(\.brace), closesRowLabel(at: t.start, scalars) { continue }
                let matching: Character = c == ")" ? "(" : "["
                if let top = stack.last, !top.brace {
                    stack.removeLast()
                    // `[(a](b)`: the ']' meant the '[' below; the '(' is the one left open.
                    if top.text != matching, let below = stack.last, !below.brace, below.text == matching, below.blamed == nil {
                        stack[stack.count - 1].blamed = (top.offset, top.text)
                    }
                    // `[ [ (a ] ]`: the first ']' took the '(' and the second the inner '[', so the
                    // outer '[' is the one left over; the '(' is still the delimiter forgotten.
                    if top.text == matching, let blamed = top.blamed, let below = stack.last, !below.brace, below.text == matching, below.blamed == nil {
                        stack[stack.count - 1].blamed = blamed
                    }
                    // `[a, b)` is a half-open interval; if a ']' later finds its '[' taken, the ')'
                    // was a closer too many.
                    if top.text != matching { mismatched.append((t.start, c, top.text)) }
                } else if let inner = stack.lastIndex(where: { !$0.brace }) {
                    problems.append(Problem(offset: t.start, message: "'\(c)' closes the '\(stack[inner].text)' opened before a brace group '{' that is still open"))
                    stack.remove(at: inner)
                } else if let k = mismatched.lastIndex(where: { $0.opener == matching }) {
                    // `[… (b)) …]`: the second ')' took the '[' this ']' closes.
                    let extra = mismatched.remove(at: k)
                    problems.append(stray(extra.closer, at: extra.offset))
                } else {
                    problems.append(stray(c, at: t.start))
                }
            case "}":
                // A bare group is not drawn, so a parenthesis still open at its `}` is carried out
                // to the enclosing level, where a later closer may match it:
                // `{(1-\bar\alpha_t})I`, `{-\frac12\Big(\frac ab}+\frac cd\Big)`.
                if let group = stack.lastIndex(where: { $0.brace }), stack[group].bare, group < stack.count - 1 {
                    stack.remove(at: group)
                    previousClosedArgument = false
                    continue
                }
                while let top = stack.last, !top.brace {
                    if !sizedDelimiters.contains(top.offset) { problems.append(unclosed(top, "is not closed before the brace group ends")) }
                    stack.removeLast()
                }
                if stack.isEmpty {
                    problems.append(Problem(offset: t.start, message: "'}' has no matching '{'"))
                } else {
                    let group = stack.removeLast()
                    previousClosedArgument = !group.bare
                }
            default: continue
            }
        }
        // A sized left brace left open draws as written: cases.
        for open in stack where !sizedDelimiters.contains(open.offset) {
            if open.brace {
                problems.append(Problem(offset: open.offset, message: "'{' is never closed"))
            } else {
                var problem = unclosed(open, "is never closed")
                problem.strayOpener = open.blamed == nil && (open.text == "(" || open.text == "[") && !(scalars.map { open.offset < $0.count && $0[open.offset] == "\\" } ?? false)
                problems.append(problem)
            }
        }
        return problems
    }
}
