/// A recursive-descent parser for the Python subset notes use. It recovers from errors: a
/// compound statement without its colon is reported and read as if the colon were there, and a
/// statement that cannot be read is skipped to the end of its line.
struct PythonParser {
    var tokens: [PyToken]
    var pos = 0
    var errors: [PySyntaxError] = []
    /// Names bound by comprehensions and lambdas, which no statement assigns.
    var boundNames: Set<String> = []

    static let compareOps: Set<String> = ["<", ">", "==", ">=", "<=", "!=", "in", "is", "not"]
    static let augmentedOps: Set<String> = ["+=", "-=", "*=", "/=", "//=", "%=", "**=", "@=", "&=", "|=", "^=", ">>=", "<<="]

    init(tokens: [PyToken]) { self.tokens = tokens }

    static func parse(_ s: [Unicode.Scalar], from start: Int, to end: Int) -> (statements: [PyStatement], errors: [PySyntaxError], boundNames: Set<String>) {
        let (tokens, failure) = PythonLexer.tokenize(s, from: start, to: end)
        var parser = PythonParser(tokens: tokens)
        var statements: [PyStatement] = []
        while parser.current.kind != .end {
            if parser.current.kind == .newline || parser.current.kind == .dedent || parser.current.kind == .indent { parser.pos += 1; continue }
            statements += parser.statementRecovering()
        }
        var errors = parser.errors
        if let f = failure { errors.append(PySyntaxError(offset: f.offset, message: f.message)) }
        return (statements, errors.sorted { $0.offset < $1.offset }, parser.boundNames)
    }

    var current: PyToken { tokens[min(pos, tokens.count - 1)] }
    var previous: PyToken { tokens[max(0, min(pos - 1, tokens.count - 1))] }

    func isOp(_ s: String) -> Bool { current.kind == .op && current.text == s }
    func isName(_ s: String) -> Bool { current.kind == .name && current.text == s }

    mutating func expectOp(_ s: String) throws(PySyntaxError) {
        guard isOp(s) else { throw PySyntaxError(offset: current.start, message: "expected '\(s)'") }
        pos += 1
    }

    mutating func statementRecovering() -> [PyStatement] {
        let start = pos
        do {
            return try statement()
        } catch {
            errors.append(error)
            if pos == start { pos += 1 }
            while current.kind != .newline && current.kind != .end { pos += 1 }
            if current.kind == .newline { pos += 1 }
            // A block that belonged to the broken header is still read.
            if current.kind == .indent {
                pos += 1
                var body: [PyStatement] = []
                while current.kind != .dedent && current.kind != .end {
                    if current.kind == .newline { pos += 1; continue }
                    body += statementRecovering()
                }
                if current.kind == .dedent { pos += 1 }
                return [.block(body: body, at: tokens[start].start)]
            }
            return []
        }
    }

    /// The colon ending a compound statement's header; its absence is reported, not fatal.
    mutating func headerColon() {
        if isOp(":") { pos += 1; return }
        errors.append(PySyntaxError(offset: previous.end, message: "expected ':' at the end of the statement header"))
    }

    mutating func suite() throws(PySyntaxError) -> [PyStatement] {
        if current.kind == .newline {
            pos += 1
            guard current.kind == .indent else { throw PySyntaxError(offset: current.start, message: "expected an indented block") }
            pos += 1
            var body: [PyStatement] = []
            while current.kind != .dedent && current.kind != .end {
                if current.kind == .newline { pos += 1; continue }
                body += statementRecovering()
            }
            if current.kind == .dedent { pos += 1 }
            return body
        }
        return try simpleStatements()
    }

    mutating func statement() throws(PySyntaxError) -> [PyStatement] {
        let at = current.start
        guard current.kind == .name else { return try simpleStatements() }
        switch current.text {
        case "def":
            pos += 1
            guard current.kind == .name else { throw PySyntaxError(offset: current.start, message: "expected a function name") }
            let name = current.text
            pos += 1
            try expectOp("(")
            var params: [PyParameter] = []
            while !isOp(")") {
                if isOp("*") || isOp("**") || isOp("/") { pos += 1; if isOp(",") { pos += 1 }; continue }
                guard current.kind == .name else { throw PySyntaxError(offset: current.start, message: "expected a parameter name") }
                var p = PyParameter(name: current.text, defaultValue: nil, offset: current.start)
                pos += 1
                if isOp(":") { pos += 1; _ = try test() }
                if isOp("=") { pos += 1; p.defaultValue = try test() }
                params.append(p)
                if isOp(",") { pos += 1 } else { break }
            }
            try expectOp(")")
            if isOp("->") { pos += 1; _ = try test() }
            headerColon()
            return [.function(name: name, parameters: params, body: try suite(), at: at)]
        case "class":
            pos += 1
            let name = current.text
            pos += 1
            if isOp("(") { pos += 1; while !isOp(")") && current.kind != .end && current.kind != .newline { pos += 1 }; try expectOp(")") }
            headerColon()
            return [.classDef(name: name, body: try suite(), at: at)]
        case "if":
            pos += 1
            var branches: [(test: PyExpr, body: [PyStatement])] = []
            let t = try namedTest()
            headerColon()
            branches.append((t, try suite()))
            var orElse: [PyStatement] = []
            while isName("elif") {
                pos += 1
                let t = try namedTest()
                headerColon()
                branches.append((t, try suite()))
            }
            if isName("else") {
                pos += 1
                headerColon()
                orElse = try suite()
            }
            return [.ifChain(branches: branches, orElse: orElse, at: at)]
        case "for":
            pos += 1
            let target = try targetList()
            guard isName("in") else { throw PySyntaxError(offset: current.start, message: "expected 'in'") }
            pos += 1
            let iterable = try testList()
            headerColon()
            let body = try suite()
            if isName("else") { pos += 1; headerColon(); _ = try suite() }
            return [.forLoop(target: target, iterable: iterable, body: body, at: at)]
        case "while":
            pos += 1
            let t = try namedTest()
            headerColon()
            return [.whileLoop(test: t, body: try suite(), at: at)]
        case "with":
            pos += 1
            var statements: [PyStatement] = []
            repeat {
                if isOp(",") { pos += 1 }
                let e = try test()
                if isName("as") {
                    pos += 1
                    statements.append(.assign(targets: [try targetList()], value: e, at: at))
                } else {
                    statements.append(.expression(e, at: at))
                }
            } while isOp(",")
            headerColon()
            return [.block(body: statements + (try suite()), at: at)]
        case "try":
            pos += 1
            headerColon()
            var body = try suite()
            while isName("except") || isName("finally") || isName("else") {
                pos += 1
                while !isOp(":") && current.kind != .newline && current.kind != .end { pos += 1 }
                headerColon()
                body += try suite()
            }
            return [.block(body: body, at: at)]
        default:
            break
        }
        if isOp("@") {
            while current.kind != .newline && current.kind != .end { pos += 1 }
            pos += 1
            return []
        }
        return try simpleStatements()
    }

    mutating func simpleStatements() throws(PySyntaxError) -> [PyStatement] {
        var result: [PyStatement] = []
        if isOp("@") {
            while current.kind != .newline && current.kind != .end { pos += 1 }
            if current.kind == .newline { pos += 1 }
            return []
        }
        repeat {
            if isOp(";") { pos += 1 }
            if current.kind == .newline || current.kind == .end { break }
            result.append(try simpleStatement())
        } while isOp(";")
        guard current.kind == .newline || current.kind == .end || current.kind == .dedent else {
            throw PySyntaxError(offset: current.start, message: "invalid syntax: unexpected '\(current.text)'")
        }
        if current.kind == .newline { pos += 1 }
        return result
    }

    mutating func simpleStatement() throws(PySyntaxError) -> PyStatement {
        let at = current.start
        if current.kind == .name {
            switch current.text {
            case "import":
                pos += 1
                var names: [String] = []
                while current.kind == .name || isOp(".") || isOp(",") {
                    if current.kind == .name {
                        let first = current.text
                        pos += 1
                        while isOp(".") { pos += 1; pos += 1 }
                        if isName("as") { pos += 1; names.append(current.text); pos += 1 } else { names.append(first) }
                    } else { pos += 1 }
                }
                return .importNames(names, at: at)
            case "from":
                pos += 1
                while !isName("import") && current.kind != .newline && current.kind != .end { pos += 1 }
                guard isName("import") else { throw PySyntaxError(offset: current.start, message: "expected 'import'") }
                pos += 1
                var names: [String] = []
                while current.kind == .name || isOp(",") || isOp("(") || isOp(")") || isOp("*") {
                    if current.kind == .name {
                        let n = current.text
                        pos += 1
                        if isName("as") { pos += 1; names.append(current.text); pos += 1 } else { names.append(n) }
                    } else { pos += 1 }
                }
                return .importNames(names, at: at)
            case "return":
                pos += 1
                if current.kind == .newline || isOp(";") || current.kind == .end { return .returnValue(nil, at: at) }
                return .returnValue(try testList(), at: at)
            case "pass", "break", "continue":
                pos += 1
                return .other(at: at)
            case "global", "nonlocal":
                pos += 1
                var names: [String] = []
                while current.kind == .name || isOp(",") { if current.kind == .name { names.append(current.text) }; pos += 1 }
                return .globalNames(names, at: at)
            case "raise", "assert", "del":
                pos += 1
                if current.kind != .newline { _ = try testList() }
                if isName("from") || isOp(",") { pos += 1; _ = try test() }
                return .other(at: at)
            default: break
            }
        }
        let first = try testList()
        if isOp("=") {
            var targets = [first]
            var value = first
            while isOp("=") {
                pos += 1
                value = try testList()
                targets.append(value)
            }
            targets.removeLast()
            return .assign(targets: targets, value: value, at: at)
        }
        if current.kind == .op, Self.augmentedOps.contains(current.text) {
            let op = String(current.text.dropLast())
            pos += 1
            return .augmented(target: first, op: op, value: try testList(), at: at)
        }
        if isOp(":") {
            // An annotated assignment.
            pos += 1
            _ = try test()
            if isOp("=") { pos += 1; return .assign(targets: [first], value: try testList(), at: at) }
            return .other(at: at)
        }
        return .expression(first, at: at)
    }

    mutating func targetList() throws(PySyntaxError) -> PyExpr {
        let at = current.start
        var items: [PyExpr] = []
        repeat {
            if isOp(",") { pos += 1 }
            if isName("in") || isOp("=") || isOp(":") { break }
            if isOp("*") { pos += 1 }
            items.append(try orExpr())
        } while isOp(",")
        return items.count == 1 ? items[0] : .tuple(items, at: at)
    }

    mutating func testList() throws(PySyntaxError) -> PyExpr {
        let at = current.start
        var items = [try starTest()]
        var trailingComma = false
        while isOp(",") {
            pos += 1
            trailingComma = true
            if current.kind == .newline || isOp("=") || isOp(")") || current.kind == .end || isOp(";") { break }
            trailingComma = false
            items.append(try starTest())
        }
        return items.count == 1 && !trailingComma ? items[0] : .tuple(items, at: at)
    }

    mutating func starTest() throws(PySyntaxError) -> PyExpr {
        if isOp("*") { pos += 1 }
        return try test()
    }

    mutating func namedTest() throws(PySyntaxError) -> PyExpr {
        let e = try test()
        if isOp(":=") { pos += 1; return try test() }
        return e
    }

    mutating func test() throws(PySyntaxError) -> PyExpr {
        let at = current.start
        if isName("lambda") {
            pos += 1
            var names: [String] = []
            while !isOp(":") && current.kind != .newline && current.kind != .end {
                if current.kind == .name { names.append(current.text); boundNames.insert(current.text) }
                pos += 1
            }
            try expectOp(":")
            return .lambda(names, try test(), at: at)
        }
        let value = try orTest()
        if isName("if") {
            let save = pos
            pos += 1
            guard let condition = try? orTest(), isName("else") else { pos = save; return value }
            pos += 1
            return .conditional(value, test: condition, orElse: try test(), at: at)
        }
        return value
    }

    mutating func orTest() throws(PySyntaxError) -> PyExpr {
        let at = current.start
        var items = [try andTest()]
        while isName("or") { pos += 1; items.append(try andTest()) }
        return items.count == 1 ? items[0] : .boolean("or", items, at: at)
    }

    mutating func andTest() throws(PySyntaxError) -> PyExpr {
        let at = current.start
        var items = [try notTest()]
        while isName("and") { pos += 1; items.append(try notTest()) }
        return items.count == 1 ? items[0] : .boolean("and", items, at: at)
    }

    mutating func notTest() throws(PySyntaxError) -> PyExpr {
        let at = current.start
        if isName("not") { pos += 1; return .unary("not", try notTest(), at: at) }
        return try comparison()
    }

    mutating func comparison() throws(PySyntaxError) -> PyExpr {
        let at = current.start
        var operands = [try orExpr()]
        var ops: [String] = []
        while (current.kind == .op || current.kind == .name) && Self.compareOps.contains(current.text) {
            var op = current.text
            pos += 1
            if op == "not" { guard isName("in") else { throw PySyntaxError(offset: current.start, message: "expected 'in'") }; pos += 1; op = "not in" }
            if op == "is", isName("not") { pos += 1; op = "is not" }
            ops.append(op)
            operands.append(try orExpr())
        }
        return ops.isEmpty ? operands[0] : .compare(ops, operands, at: at)
    }

    mutating func orExpr() throws(PySyntaxError) -> PyExpr {
        var left = try arith()
        while current.kind == .op, ["|", "&", "^", "<<", ">>"].contains(current.text) {
            let op = current.text
            let at = current.start
            pos += 1
            left = .binary(op, left, try arith(), at: at)
        }
        return left
    }

    mutating func arith() throws(PySyntaxError) -> PyExpr {
        var left = try term()
        while isOp("+") || isOp("-") {
            let op = current.text
            pos += 1
            left = .binary(op, left, try term(), at: left.offset)
        }
        return left
    }

    mutating func term() throws(PySyntaxError) -> PyExpr {
        var left = try factor()
        while current.kind == .op, ["*", "/", "//", "%", "@"].contains(current.text) {
            let op = current.text
            pos += 1
            left = .binary(op, left, try factor(), at: left.offset)
        }
        return left
    }

    mutating func factor() throws(PySyntaxError) -> PyExpr {
        let at = current.start
        if isOp("-") || isOp("+") || isOp("~") {
            let op = current.text
            pos += 1
            return .unary(op, try factor(), at: at)
        }
        return try power()
    }

    mutating func power() throws(PySyntaxError) -> PyExpr {
        if isName("await") { pos += 1 }
        var base = try atom()
        while true {
            if isOp("(") {
                let at = current.start
                pos += 1
                var args: [PyExpr] = []
                var keywords: [(String, PyExpr)] = []
                while !isOp(")") {
                    if current.kind == .end || current.kind == .newline { throw PySyntaxError(offset: at, message: "'(' is never closed") }
                    if isOp("*") || isOp("**") { pos += 1 }
                    if current.kind == .name, pos + 1 < tokens.count, tokens[pos + 1].kind == .op, tokens[pos + 1].text == "=" {
                        let key = current.text
                        pos += 2
                        keywords.append((key, try test()))
                    } else {
                        args.append(try test())
                        if isName("for") { try skipComprehension() }
                    }
                    if isOp(",") { pos += 1 } else { break }
                }
                try expectOp(")")
                base = .call(base, args: args, keywords: keywords, at: base.offset)
            } else if isOp("[") {
                let at = current.start
                pos += 1
                var items: [PyExpr] = []
                while !isOp("]") {
                    items.append(try sliceItem())
                    if isOp(",") { pos += 1 } else { break }
                }
                try expectOp("]")
                base = .subscripted(base, items, at: at)
            } else if isOp(".") {
                pos += 1
                guard current.kind == .name else { throw PySyntaxError(offset: current.start, message: "expected an attribute name") }
                base = .attribute(base, current.text, at: base.offset)
                pos += 1
            } else {
                break
            }
        }
        if isOp("**") {
            pos += 1
            return .binary("**", base, try factor(), at: base.offset)
        }
        return base
    }

    mutating func sliceItem() throws(PySyntaxError) -> PyExpr {
        let at = current.start
        var parts: [PyExpr?] = [nil]
        var colons = 0
        while true {
            if isOp(":") {
                pos += 1
                colons += 1
                parts.append(nil)
                continue
            }
            if isOp("]") || isOp(",") { break }
            if isOp("...") { pos += 1; parts[parts.count - 1] = .other(at: at); continue }
            parts[parts.count - 1] = try test()
            if !(isOp(":")) { break }
        }
        if colons == 0 { return parts[0] ?? .other(at: at) }
        while parts.count < 3 { parts.append(nil) }
        return .slice(parts[0], parts[1], parts[2], at: at)
    }

    mutating func skipComprehension() throws(PySyntaxError) {
        while isName("for") || isName("if") {
            if isName("for") {
                pos += 1
                let target = try targetList()
                target.walk { if case .name(let n, _) = $0 { boundNames.insert(n) } }
                guard isName("in") else { throw PySyntaxError(offset: current.start, message: "expected 'in'") }
                pos += 1
                _ = try orTest()
            } else {
                pos += 1
                _ = try orTest()
            }
        }
    }

    mutating func atom() throws(PySyntaxError) -> PyExpr {
        let t = current
        switch t.kind {
        case .name:
            if ["def", "class", "if", "else", "elif", "for", "while", "return", "import", "in", "and", "or", "lambda", "with", "try", "except"].contains(t.text) {
                throw PySyntaxError(offset: t.start, message: "invalid syntax: unexpected '\(t.text)'")
            }
            pos += 1
            return .name(t.text, at: t.start)
        case .number:
            pos += 1
            let text = t.text.replacingUnderscores()
            if let v = Double(text) { return .number(v, at: t.start) }
            if text.hasPrefix("0x"), let v = Int(text.dropFirst(2), radix: 16) { return .number(Double(v), at: t.start) }
            return .other(at: t.start)
        case .string:
            pos += 1
            while current.kind == .string { pos += 1 }
            return .string(t.text, at: t.start)
        case .op:
            if t.text == "(" || t.text == "[" || t.text == "{" {
                let close = t.text == "(" ? ")" : (t.text == "[" ? "]" : "}")
                pos += 1
                var items: [PyExpr] = []
                var comma = false
                while !isOp(close) {
                    if current.kind == .end { throw PySyntaxError(offset: t.start, message: "'\(t.text)' is never closed") }
                    if isOp("*") || isOp("**") { pos += 1 }
                    items.append(try test())
                    if isOp(":") { pos += 1; items.append(try test()) }
                    if isName("for") { try skipComprehension() }
                    if isOp(",") { pos += 1; comma = true } else { break }
                }
                try expectOp(close)
                if t.text == "(" { return items.count == 1 && !comma ? items[0] : .tuple(items, at: t.start) }
                return t.text == "[" ? .list(items, at: t.start) : .other(at: t.start)
            }
            if t.text == "..." { pos += 1; return .other(at: t.start) }
            throw PySyntaxError(offset: t.start, message: "invalid syntax: unexpected '\(t.text)'")
        default:
            throw PySyntaxError(offset: t.start, message: t.kind == .indent ? "unexpected indent" : "invalid syntax")
        }
    }
}
