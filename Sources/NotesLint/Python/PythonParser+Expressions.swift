/// Expressions: the precedence levels of Python's grammar, calls, subscripts and slices.
extension PythonParser {
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
        recursion += 1
        defer { recursion -= 1 }
        try checkRecursion()
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
        if isOp(":="), case .name(let bound, _) = value {
            // An assignment expression (PEP 572): the name is bound, the value is the right side.
            pos += 1
            boundNames.insert(bound)
            return try test()
        }
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
        if isName("not") {
            pos += 1
            recursion += 1
            defer { recursion -= 1 }
            try checkRecursion()
            return .unary("not", try notTest(), at: at)
        }
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
            recursion += 1
            defer { recursion -= 1 }
            try checkRecursion()
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
                // Python refuses a plain positional argument after `name=` or `**mapping`
                // (`*iterable` may still follow a keyword).
                var afterKeyword = false
                var misplacedPositional: Int?
                while !isOp(")") {
                    if current.kind == .end || current.kind == .newline { throw PySyntaxError(offset: at, message: "'(' is never closed") }
                    let unpacksIterable = isOp("*"), unpacksMapping = isOp("**")
                    if unpacksIterable || unpacksMapping { shapes.unpackingCalls.insert(base.offset); pos += 1 }
                    if current.kind == .name, pos + 1 < tokens.count, tokens[pos + 1].kind == .op, tokens[pos + 1].text == "=" {
                        let key = current.text
                        pos += 2
                        keywords.append((key, try test()))
                        afterKeyword = true
                    } else {
                        // `...` in a call is an excerpt's elision mark (`f(..., key=v, ...)`), not an argument.
                        if afterKeyword, !unpacksIterable, !unpacksMapping, misplacedPositional == nil, !isOp("..."), !isOp("…") {
                            misplacedPositional = current.start
                        }
                        if unpacksMapping { afterKeyword = true }
                        args.append(try test())
                        if isName("for") || isName("async") { try skipComprehension() }
                    }
                    if isOp(",") { pos += 1 } else { break }
                }
                try expectOp(")")
                // Reported only once the call closes: inside a bracket never closed, the lines
                // after it are read as arguments, and the bracket is the one error.
                if let offset = misplacedPositional {
                    throw PySyntaxError(offset: offset, message: "positional argument follows keyword argument", certain: true)
                }
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
            recursion += 1
            defer { recursion -= 1 }
            try checkRecursion()
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
            if isOp("*") { pos += 1 }
            parts[parts.count - 1] = try test()
            if !(isOp(":")) { break }
        }
        if colons == 0 { return parts[0] ?? .other(at: at) }
        while parts.count < 3 { parts.append(nil) }
        return .slice(parts[0], parts[1], parts[2], at: at)
    }

    /// The `for … in …` clauses of a comprehension, and whether an `if` (or a nested loop's
    /// condition) filters it; the loop variables are bound.
    mutating func comprehension() throws(PySyntaxError) -> [(target: PyExpr, iterable: PyExpr, filtered: Bool)] {
        var clauses: [(target: PyExpr, iterable: PyExpr, filtered: Bool)] = []
        while isName("for") || isName("if") || isName("async") {
            if isName("async") { pos += 1; continue }
            if isName("for") {
                pos += 1
                let target = try targetList()
                target.walk { if case .name(let n, _) = $0 { boundNames.insert(n) } }
                guard isName("in") else { throw PySyntaxError(offset: current.start, message: "expected 'in'") }
                pos += 1
                clauses.append((target, try orTest(), false))
            } else {
                pos += 1
                _ = try orTest()
                if !clauses.isEmpty { clauses[clauses.count - 1].filtered = true }
            }
        }
        return clauses
    }

    /// Reads past a comprehension's clauses, binding its loop variables.
    mutating func skipComprehension() throws(PySyntaxError) {
        _ = try comprehension()
    }

    mutating func atom() throws(PySyntaxError) -> PyExpr {
        let t = current
        switch t.kind {
        case .name:
            if ["def", "class", "if", "else", "elif", "for", "while", "return", "import", "in", "and", "or", "lambda", "with", "try", "except"].contains(t.text) {
                throw PySyntaxError(offset: t.start, message: "invalid syntax: unexpected '\(t.text)'")
            }
            if t.text == "yield" {
                pos += 1
                if isName("from") { pos += 1 }
                if current.kind != .newline && current.kind != .end && !isOp(")") && !isOp(";") { _ = try testList() }
                return .other(at: t.start)
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
                    if t.text == "(" && isName("yield") {
                        pos += 1
                        if isName("from") { pos += 1 }
                        if !isOp(")") { _ = try testList() }
                        return .other(at: t.start)
                    }
                    items.append(try test())
                    if isOp(":") { pos += 1; items.append(try test()) }
                    if isName("for") || isName("async") {
                        let clauses = try comprehension()
                        // `[alpha_bars[i] for i in t]`: one table entry per step of a batch is the
                        // table gathered at the batch, `alpha_bars[t]`.
                        if t.text == "[", items.count == 1, !comma, clauses.count == 1, !clauses[0].filtered,
                           case .name(let variable, _) = clauses[0].target,
                           case .subscripted(let table, let index, let at) = items[0], index.count == 1,
                           case .name(variable, _) = index[0], !table.mentions(variable) {
                            try expectOp(close)
                            return .subscripted(table, [clauses[0].iterable], at: at)
                        }
                    }
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
