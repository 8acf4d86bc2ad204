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

    static func problems(in tokens: [TexToken]) -> [Problem] {
        var stack: [(brace: Bool, offset: Int, text: Character)] = []
        var problems: [Problem] = []
        for t in tokens {
            guard case .char(let c) = t.kind else { continue }
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
