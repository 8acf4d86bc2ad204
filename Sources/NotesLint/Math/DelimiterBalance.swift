/// Unbalanced parentheses and braces in one formula. Parentheses and brackets close each other
/// (half-open intervals such as [0, 1) are fine); a parenthesis must close in the brace group it
/// was opened in, which catches `p({x_T)}` as well as a stray `)`.
enum DelimiterBalance {
    struct Problem: Equatable {
        var offset: Int
        var message: String
    }

    /// The tokens with the parentheses typed inside prose (`\text{ (to get } x_t)`) put back:
    /// a parenthesis opened in the words and closed in the formula is balanced as written.
    static func withProseDelimiters(_ tokens: [TexToken], _ scalars: [Unicode.Scalar]) -> [TexToken] {
        var out: [TexToken] = []
        for t in tokens {
            guard t.kind == .text else { out.append(t); continue }
            for k in t.start..<min(t.end, scalars.count) where "()[]".unicodeScalars.contains(scalars[k]) {
                out.append(TexToken(kind: .char(Character(scalars[k])), start: k, end: k + 1))
            }
        }
        return out
    }

    static let colorCommands = ["color", "textcolor", "colorbox"]

    /// Whether the `{` at `offset` opens a group that only colours what it holds: `\\color{red}{…}`,
    /// `\\textcolor{red}{…}` (the group after the colour's name) or `{\\color{red} …}`. Parentheses
    /// may open outside such a group and close inside it; it is not a level of the formula. The
    /// lexer drops the colour commands, so this reads the source.
    static func opensColourGroup(at offset: Int, _ scalars: [Unicode.Scalar]) -> Bool {
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

    /// `scalars`, the source the tokens were read from, lets colour groups be recognised.
    static func problems(in tokens: [TexToken], scalars: [Unicode.Scalar]? = nil) -> [Problem] {
        var stack: [(brace: Bool, offset: Int, text: Character)] = []
        var problems: [Problem] = []
        // The `{` of a colour group and its `}` are left out together.
        var colourDepths: [Int] = []
        var braceDepth = 0
        for t in tokens {
            guard case .char(let c) = t.kind else { continue }
            if c == "{" {
                braceDepth += 1
                if let scalars, t.end > t.start, opensColourGroup(at: t.start, scalars) { colourDepths.append(braceDepth); continue }
            }
            if c == "}" {
                defer { braceDepth -= 1 }
                if colourDepths.last == braceDepth { colourDepths.removeLast(); continue }
            }
            switch c {
            case "{":
                stack.append((true, t.start, c))
            case "(", "[":
                stack.append((false, t.start, c))
            case ")", "]":
                if let top = stack.last, !top.brace {
                    stack.removeLast()
                } else if let inner = stack.lastIndex(where: { !$0.brace }) {
                    problems.append(Problem(offset: t.start, message: "'\(c)' closes the '\(stack[inner].text)' opened before a brace group '{' that is still open"))
                    stack.remove(at: inner)
                } else {
                    problems.append(Problem(offset: t.start, message: "'\(c)' has no matching opening parenthesis"))
                }
            case "}":
                while let top = stack.last, !top.brace {
                    problems.append(Problem(offset: top.offset, message: "'\(top.text)' is not closed before the brace group ends"))
                    stack.removeLast()
                }
                if stack.isEmpty {
                    problems.append(Problem(offset: t.start, message: "'}' has no matching '{'"))
                } else {
                    stack.removeLast()
                }
            default: continue
            }
        }
        for open in stack {
            problems.append(Problem(offset: open.offset, message: open.brace ? "'{' is never closed" : "'\(open.text)' is never closed"))
        }
        return problems
    }
}
