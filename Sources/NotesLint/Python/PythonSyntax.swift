/// An expression of the Python subset: names, numbers, calls, attributes, subscripts, operators.
indirect enum PyExpr: Sendable {
    case name(String, at: Int)
    case number(Double, at: Int)
    /// A string literal, quotes included.
    case string(String, at: Int)
    case attribute(PyExpr, String, at: Int)
    case call(PyExpr, args: [PyExpr], keywords: [(String, PyExpr)], at: Int)
    case subscripted(PyExpr, [PyExpr], at: Int)
    case slice(PyExpr?, PyExpr?, PyExpr?, at: Int)
    case binary(String, PyExpr, PyExpr, at: Int)
    case unary(String, PyExpr, at: Int)
    case compare([String], [PyExpr], at: Int)
    case boolean(String, [PyExpr], at: Int)
    case tuple([PyExpr], at: Int)
    case list([PyExpr], at: Int)
    case conditional(PyExpr, test: PyExpr, orElse: PyExpr, at: Int)
    case lambda([String], PyExpr, at: Int)
    case other(at: Int)

    var offset: Int {
        switch self {
        case .name(_, let a), .number(_, let a), .string(_, let a), .attribute(_, _, let a), .call(_, _, _, let a),
             .subscripted(_, _, let a), .slice(_, _, _, let a), .binary(_, _, _, let a), .unary(_, _, let a),
             .compare(_, _, let a), .boolean(_, _, let a), .tuple(_, let a), .list(_, let a),
             .conditional(_, _, _, let a), .lambda(_, _, let a), .other(let a):
            return a
        }
    }

    /// The dotted name of a name or attribute chain: `torch.randn_like`, `self.betas`.
    var dottedName: String? {
        switch self {
        case .name(let n, _): return n
        case .attribute(let base, let n, _): return base.dottedName.map { $0 + "." + n }
        default: return nil
        }
    }

    /// The direct subexpressions.
    var children: [PyExpr] {
        switch self {
        case .attribute(let b, _, _), .unary(_, let b, _), .lambda(_, let b, _): return [b]
        case .call(let f, let args, let kws, _): return [f] + args + kws.map(\.1)
        case .subscripted(let b, let items, _): return [b] + items
        case .slice(let a, let b, let c, _): return [a, b, c].compactMap { $0 }
        case .binary(_, let a, let b, _): return [a, b]
        case .compare(_, let xs, _), .boolean(_, let xs, _), .tuple(let xs, _), .list(let xs, _): return xs
        case .conditional(let a, let t, let e, _): return [a, t, e]
        case .name, .number, .string, .other: return []
        }
    }

    /// Whether the tree has more than `limit` levels (``treeIsDeeper(_:than:children:)``).
    func isDeeper(than limit: Int) -> Bool { treeIsDeeper(self, than: limit) { $0.children } }

    /// Whether the expression reads the name anywhere in it.
    func mentions(_ name: String) -> Bool {
        var found = false
        walk { if case .name(let n, _) = $0, n == name { found = true } }
        return found
    }

    /// Every subexpression, this one first.
    func walk(_ body: (PyExpr) -> Void) {
        body(self)
        switch self {
        case .attribute(let b, _, _): b.walk(body)
        case .call(let f, let args, let kws, _): f.walk(body); args.forEach { $0.walk(body) }; kws.forEach { $0.1.walk(body) }
        case .subscripted(let b, let items, _): b.walk(body); items.forEach { $0.walk(body) }
        case .slice(let a, let b, let c, _): a?.walk(body); b?.walk(body); c?.walk(body)
        case .binary(_, let a, let b, _): a.walk(body); b.walk(body)
        case .unary(_, let a, _): a.walk(body)
        case .compare(_, let xs, _), .boolean(_, let xs, _), .tuple(let xs, _), .list(let xs, _): xs.forEach { $0.walk(body) }
        case .conditional(let a, let t, let e, _): a.walk(body); t.walk(body); e.walk(body)
        case .lambda(_, let b, _): b.walk(body)
        default: break
        }
    }
}

/// A parameter of a `def`.
struct PyParameter: Sendable {
    var name: String
    var defaultValue: PyExpr?
    var offset: Int
}

/// A statement of the Python subset.
indirect enum PyStatement: Sendable {
    case assign(targets: [PyExpr], value: PyExpr, at: Int)
    case augmented(target: PyExpr, op: String, value: PyExpr, at: Int)
    case expression(PyExpr, at: Int)
    case returnValue(PyExpr?, at: Int)
    case function(name: String, parameters: [PyParameter], body: [PyStatement], at: Int)
    case classDef(name: String, body: [PyStatement], at: Int)
    case ifChain(branches: [(test: PyExpr, body: [PyStatement])], orElse: [PyStatement], at: Int)
    case forLoop(target: PyExpr, iterable: PyExpr, body: [PyStatement], at: Int)
    case whileLoop(test: PyExpr, body: [PyStatement], at: Int)
    case block(body: [PyStatement], at: Int)
    case importNames([String], at: Int)
    case globalNames([String], at: Int)
    /// `break`: the loop ends here (`continue` and `pass` are `other`).
    case breakLoop(at: Int)
    case other(at: Int)
}

extension PyStatement {
    /// The statement lists nested in this one: a loop's, function's, class's or block's body, and
    /// every branch of an `if` chain.
    var nestedBodies: [[PyStatement]] {
        switch self {
        case .forLoop(_, _, let body, _), .function(_, _, let body, _), .classDef(_, let body, _), .block(let body, _), .whileLoop(_, let body, _):
            return [body]
        case .ifChain(let branches, let orElse, _):
            return branches.map(\.body) + [orElse]
        case .assign, .augmented, .expression, .returnValue, .importNames, .globalNames, .breakLoop, .other:
            return []
        }
    }

    /// Calls `visit` on every statement of `list` and, after each, on the statements nested in
    /// it (pre-order), with the statements that follow it in its own list.
    static func forEach(in list: [PyStatement], _ visit: (PyStatement, ArraySlice<PyStatement>) -> Void) {
        for (i, s) in list.enumerated() {
            visit(s, list[(i + 1)...])
            for body in s.nestedBodies { forEach(in: body, visit) }
        }
    }
}

extension PyStatement {
    /// The expressions of the statement itself; a compound statement's body is not included.
    var ownExpressions: [PyExpr] {
        switch self {
        case .assign(let targets, let value, _): return targets + [value]
        case .augmented(let target, _, let value, _): return [target, value]
        case .expression(let e, _): return [e]
        case .returnValue(let e, _): return e.map { [$0] } ?? []
        case .function(_, let parameters, _, _): return parameters.compactMap(\.defaultValue)
        case .ifChain(let branches, _, _): return branches.map(\.test)
        case .forLoop(let target, let iterable, _, _): return [target, iterable]
        case .whileLoop(let test, _, _): return [test]
        case .classDef, .block, .importNames, .globalNames, .breakLoop, .other: return []
        }
    }
}

/// A syntax error found while parsing a block; parsing goes on after it.
struct PySyntaxError: Error, Sendable {
    var offset: Int
    var message: String
    /// True only for what is invalid in every Python version: a header without its colon at the
    /// end of the line, a bracket or a string never closed, a dedent to no outer level, a header
    /// with no indented block. Anything else may be valid Python this parser does not know, so
    /// it is not reported: the block is skipped with a coverage entry instead.
    var certain = false
    /// True for a statement that nests deeper than the parser follows: valid Python, so it is
    /// never reported; that statement alone is skipped (with a coverage entry) and the block is
    /// read on.
    var tooDeep = false
    /// True for a string literal never closed (the rest of the text is inside it).
    var opensString = false
}

/// A construct the interpreter does not model (a `match`, a `while` loop, async code): the
/// function holding it is not judged by value.
struct PyUnmodelled: Sendable {
    /// The offset of the innermost enclosing `def`, nil at module level.
    var function: Int?
    var offset: Int
    var construct: String
}
