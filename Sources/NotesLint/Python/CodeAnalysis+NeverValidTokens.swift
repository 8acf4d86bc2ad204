/// Token pairs that no Python 3 grammar accepts, whatever the rest of the line holds, so a
/// statement the parser could not read is known to be an error and not a construct it lacks.
///
/// After a token that ends an operand (a name that is not a keyword, a number, a string, a
/// closing bracket) the grammar allows only a trailer (`(`, `[index]`, `.name`), a binary or
/// comparison operator, `if … else`, `for` of a comprehension, `as`, `import` (of `from m`),
/// a delimiter, or the end of the statement. So two pairs are never valid:
///
/// - `operand [ ]`: a subscript must hold at least one index (`x[]` is refused by every
///   version; an empty list `[]` only stands where an operand may start).
/// - `operand KEYWORD` with a keyword that only begins a statement (`with`, `def`, `return`, …):
///   a second statement glued onto the first without `;` or a line break.
///
/// The soft keywords `match` and `case` begin statements whose subject may be `[]`
/// (`case []:`), so they never count as operands at the start of a line.
///
/// One header is never valid either: `if`, `elif` or `while` whose condition holds a bare `=`
/// outside brackets (`if __name__ = '__main__':`). An assignment is no expression; only `:=`
/// (a separate token) assigns inside a condition, and `=` inside brackets may be a keyword
/// argument or a lambda's default.
extension CodeAnalysis {
    /// Keywords that can only begin a statement (or a clause of one): never after an operand.
    static let statementOnlyKeywords: Set<String> = [
        "with", "def", "class", "return", "while", "try", "except", "finally", "del", "pass",
        "break", "continue", "global", "nonlocal", "assert", "elif", "raise",
    ]
    /// Hard keywords other than the constants: none of them ends an operand.
    static let nonOperandKeywords: Set<String> = [
        "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
        "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]

    /// The first never-valid pair on each logical line, as a certain syntax error at its
    /// unexpected token.
    static func neverValidTokenErrors(_ tokens: [PyToken]) -> [PySyntaxError] {
        var errors: [PySyntaxError] = []
        var lineStart = true
        var reportedThisLine = false
        for k in tokens.indices {
            let token = tokens[k]
            if token.kind == .newline || token.kind == .indent || token.kind == .dedent || token.kind == .end {
                lineStart = true
                reportedThisLine = false
                continue
            }
            defer { lineStart = false }
            if lineStart, token.kind == .name, ["if", "elif", "while"].contains(token.text), let equals = bareAssignment(inHeaderAfter: k, tokens) {
                errors.append(PySyntaxError(offset: equals,
                                            message: "'=' in the condition of '\(token.text)': an assignment is not an expression (a comparison is '==')",
                                            certain: true))
                reportedThisLine = true
                continue
            }
            guard !reportedThisLine, k + 1 < tokens.count, endsOperand(token, atLineStart: lineStart) else { continue }
            let next = tokens[k + 1]
            if next.kind == .op, next.text == "[", k + 2 < tokens.count, tokens[k + 2].kind == .op, tokens[k + 2].text == "]" {
                errors.append(PySyntaxError(offset: tokens[k + 2].start,
                                            message: "unexpected ']': '[]' after an operand is a subscript with no index, which is never valid Python",
                                            certain: true))
                reportedThisLine = true
            } else if next.kind == .name, statementOnlyKeywords.contains(next.text) {
                errors.append(PySyntaxError(offset: next.start,
                                            message: "unexpected '\(next.text)': a statement keyword follows an expression on the same line (two statements need a line break or ';')",
                                            certain: true))
                reportedThisLine = true
            }
        }
        return errors
    }

    /// The offset of an `=` outside brackets in the header that starts after token `k`, before
    /// the colon that ends it.
    static func bareAssignment(inHeaderAfter k: Int, _ tokens: [PyToken]) -> Int? {
        var depth = 0
        for t in tokens[(k + 1)...] {
            if t.kind == .newline || t.kind == .end { return nil }
            guard t.kind == .op else { continue }
            switch t.text {
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            case ":" where depth == 0: return nil
            case "=" where depth == 0: return t.start
            default: break
            }
        }
        return nil
    }

    static func endsOperand(_ token: PyToken, atLineStart: Bool) -> Bool {
        switch token.kind {
        case .number, .string: return true
        case .name:
            if nonOperandKeywords.contains(token.text) { return false }
            if atLineStart, token.text == "match" || token.text == "case" { return false }
            return true
        case .op: return token.text == ")" || token.text == "]" || token.text == "}"
        default: return false
        }
    }

    /// The parser's unread statements that a never-valid pair on the same logical line proves
    /// wrong become certain errors at that pair; the rest stay as they were.
    static func confirmingSyntaxErrors(_ errors: [PySyntaxError], tokens: [PyToken]) -> [PySyntaxError] {
        let proven = neverValidTokenErrors(tokens)
        guard !proven.isEmpty else { return errors }
        // The logical line of an offset: the number of NEWLINE tokens before it.
        let newlineOffsets = tokens.filter { $0.kind == .newline }.map(\.start)
        func line(_ offset: Int) -> Int {
            var low = 0, high = newlineOffsets.count
            while low < high {
                let mid = (low + high) / 2
                if newlineOffsets[mid] < offset { low = mid + 1 } else { high = mid }
            }
            return low
        }
        var result: [PySyntaxError] = []
        var used = Set<Int>()
        for e in errors {
            guard !e.certain, !e.tooDeep, let p = proven.firstIndex(where: { line($0.offset) == line(e.offset) }) else { result.append(e); continue }
            if used.insert(p).inserted { result.append(proven[p]) }
        }
        return result.sorted { $0.offset < $1.offset }
    }
}
