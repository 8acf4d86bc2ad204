/// A recursive-descent parser for the Python subset notes use. It recovers from errors: a
/// compound statement without its colon is reported and read as if the colon were there, and a
/// statement that cannot be read is skipped to the end of its line.
struct PythonParser {
    var tokens: [PyToken]
    var pos = 0
    var errors: [PySyntaxError] = []
    /// Set when the last header lacked its colon: it is then no header to Python, and the body it
    /// lacks is the same slip, not a second one.
    var headerLackedColon = false
    /// Names bound by comprehensions and lambdas, which no statement assigns.
    var boundNames: Set<String> = []
    /// The modules the imports bind, by the name they are bound to: `np` → `numpy` for
    /// `import numpy as np`, `F` → `torch.nn.functional` for `from torch.nn import functional as F`.
    var moduleAliases: [String: String] = [:]
    /// The modules `from … import *` reads in full (`utils` for `from utils import *`).
    var starImports: [(module: String, offset: Int)] = []
    /// How deep the recursive descent is inside the current statement.
    var recursion = 0
    /// The `def`s being read, innermost last (their offsets).
    var functionStack: [Int] = []
    var unmodelled: [PyUnmodelled] = []
    var shapes = PyShapes()
    /// Decorators read since the last `def` or `class`.
    var pendingDecorators: [String] = []

    /// Expression trees deeper than this are refused: later passes recurse over them, and no
    /// note's code comes near (CPython itself refuses 200 nested parentheses).
    static let maximumExpressionDepth = 100
    /// The parser's own recursion (nested blocks and parentheses, `- - x`, `not not x`, `yield
    /// yield x`, chained lambdas and conditionals) is bounded like the nesting of brackets and
    /// blocks (64 levels, tested on the tokens before parsing). A level of an expression costs
    /// about a dozen stack frames: some 45 KB in an unoptimized build, 3 MB at this limit, well
    /// inside a main thread's 8 MB.
    static let maximumRecursion = 64

    static let compareOps: Set<String> = ["<", ">", "==", ">=", "<=", "!=", "in", "is", "not"]
    static let augmentedOps: Set<String> = ["+=", "-=", "*=", "/=", "//=", "%=", "**=", "@=", "&=", "|=", "^=", ">>=", "<<="]

    /// The text the tokens were read from, for the comments the lexer drops.
    var source: [Unicode.Scalar] = []

    init(tokens: [PyToken], source: [Unicode.Scalar] = []) {
        self.tokens = tokens
        self.source = source
    }

    /// Words of an exercise's placeholder comment (`# TODO`, `# YOUR CODE HERE`, `# 请补全`).
    static let placeholderWords = ["todo", "your code", "fill in", "fill this", "implement", "complete this", "exercise",
                                   "填", "补全", "实现", "작성", "구현", "実装", "ここに"]

    /// Whether the text between two offsets holds a comment that marks an exercise's gap: a body
    /// the course removed for the student to write, not a missing block.
    func holdsPlaceholderComment(from start: Int, to end: Int) -> Bool {
        guard start < end, end <= source.count else { return false }
        return Self.holdsPlaceholderComment(String(String.UnicodeScalarView(source[start..<end])))
    }

    /// Names a course writes where the student is to put a value (`nn.Conv2d(FIXME, FIXME, 3)`).
    static let placeholderNames: Set<String> = ["FIXME", "TODO", "TBD", "XXX", "YOUR_CODE_HERE", "FILL_IN", "FILL_ME_IN"]

    /// Whether the code of the text (comments aside) uses a name that stands for a value the
    /// student is to write.
    static func holdsPlaceholderName(_ text: String) -> Bool {
        text.split(separator: "\n").contains { line in
            var word = ""
            for ch in line.prefix(while: { $0 != "#" }) + " " {
                if ch.isLetter || ch.isNumber || ch == "_" { word.append(ch); continue }
                if placeholderNames.contains(word) { return true }
                word = ""
            }
            return false
        }
    }

    /// Whether a line of the text, indented or not, is a comment that marks an exercise's gap.
    static func holdsPlaceholderComment(_ text: String) -> Bool {
        text.split(separator: "\n").contains { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }.lowercased()
            return trimmed.hasPrefix("#") && placeholderWords.contains { trimmed.contains($0) }
        }
    }

    static func parse(_ s: [Unicode.Scalar], from start: Int, to end: Int) -> (statements: [PyStatement], errors: [PySyntaxError], boundNames: Set<String>, unmodelled: [PyUnmodelled], moduleAliases: [String: String], starImports: [(module: String, offset: Int)], shapes: PyShapes) {
        let (tokens, failure) = PythonLexer.tokenize(s, from: start, to: end)
        // Recursion follows nesting: refuse what no note needs rather than risk the stack.
        var depth = 0, deepest = 0
        for t in tokens {
            if t.kind == .indent || (t.kind == .op && ["(", "[", "{"].contains(t.text)) { depth += 1; deepest = max(deepest, depth) }
            // A closer with nothing open (`)` on a line of its own) opens nothing for later: counted
            // below zero, it would let that many extra brackets past this test.
            if t.kind == .dedent || (t.kind == .op && [")", "]", "}"].contains(t.text)) { depth = max(0, depth - 1) }
        }
        if deepest > maximumRecursion {
            return ([], [PySyntaxError(offset: start, message: "the code nests more than \(maximumRecursion) levels deep")], [], [], [:], [], PyShapes())
        }
        var parser = PythonParser(tokens: tokens, source: s)
        var statements: [PyStatement] = []
        while parser.current.kind != .end {
            if parser.current.kind == .newline || parser.current.kind == .dedent || parser.current.kind == .indent { parser.pos += 1; continue }
            statements += parser.statementRecovering()
        }
        // A statement the parser could not read is an error for certain when a token pair on its
        // line is invalid in every grammar; otherwise it may be Python the parser lacks.
        var errors = CodeAnalysis.confirmingSyntaxErrors(parser.errors, tokens: tokens)
        if let f = failure {
            // What the parser meets after a bracket never closed follows from it (the lines after
            // it read as one): Python reports that error alone, and so does the linter.
            if f.joinsRest { errors = errors.filter { $0.offset < f.offset } }
            errors.append(PySyntaxError(offset: f.offset, message: f.message, certain: true, opensString: f.opensString))
        }
        return (statements, errors.sorted { $0.offset < $1.offset }, parser.boundNames, parser.unmodelled, parser.moduleAliases, parser.starImports, parser.shapes)
    }

    var current: PyToken { tokens[min(pos, tokens.count - 1)] }
    var previous: PyToken { tokens[max(0, min(pos - 1, tokens.count - 1))] }

    /// Called on entering a recursive rule (with `recursion += 1; defer { recursion -= 1 }`).
    func checkRecursion() throws(PySyntaxError) {
        if recursion > Self.maximumRecursion {
            throw PySyntaxError(offset: current.start, message: "the expression nests more than \(Self.maximumRecursion) levels deep", tooDeep: true)
        }
    }

    func isOp(_ s: String) -> Bool { current.kind == .op && current.text == s }
    func isName(_ s: String) -> Bool { current.kind == .name && current.text == s }

    mutating func expectOp(_ s: String) throws(PySyntaxError) {
        guard isOp(s) else { throw PySyntaxError(offset: current.start, message: "expected '\(s)'") }
        pos += 1
    }

    mutating func statementRecovering() -> [PyStatement] {
        let start = pos
        do {
            let parsed = try statement()
            // Chains build deep trees without recursing here; they are measured once, at the end.
            if let deep = parsed.lazy.flatMap(\.ownExpressions).first(where: { $0.isDeeper(than: Self.maximumExpressionDepth) }) {
                skipTooDeep(from: start, offset: deep.offset, levels: Self.maximumExpressionDepth)
                return []
            }
            return parsed
        } catch {
            if error.tooDeep {
                while current.kind != .newline && current.kind != .end { pos += 1 }
                skipTooDeep(from: start, offset: error.offset, levels: Self.maximumRecursion)
                if current.kind == .newline { pos += 1 }
                return []
            }
            errors.append(error)
            if pos == start { pos += 1 }
            while current.kind != .newline && current.kind != .end { pos += 1 }
            if current.kind == .newline { pos += 1 }
            // What the skipped line binds is unknown: every name on it counts as defined.
            for t in tokens[start..<min(pos, tokens.count)] where t.kind == .name { boundNames.insert(t.text) }
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
        headerLackedColon = !isOp(":")
        if isOp(":") { pos += 1; return }
        errors.append(PySyntaxError(offset: previous.end, message: "expected ':' at the end of the statement header", certain: current.kind == .newline))
    }

    mutating func suite() throws(PySyntaxError) -> [PyStatement] {
        if current.kind == .newline {
            pos += 1
            // A header that ends the block (`def __init__(self, …):` shown for its signature) is an
            // excerpt cut there, not a missing body: not certain. Nor is a header followed by a
            // line `...` at its own depth: an excerpt that leaves the body out.
            guard current.kind == .indent else {
                if headerLackedColon { return [] }
                let next = tokens[min(pos, tokens.count - 1)...].first { $0.kind != .dedent && $0.kind != .newline }
                let elided = next.map { $0.kind == .op && $0.text == "..." } ?? false
                // `def score(self, x):` followed only by `# TODO: your code here`: an exercise's
                // gap, read as an empty body.
                if holdsPlaceholderComment(from: previous.end, to: next?.start ?? tokens.last?.start ?? previous.end) { return [] }
                throw PySyntaxError(offset: current.start, message: "expected an indented block", certain: next.map { $0.kind != .end } ?? false && !elided)
            }
            pos += 1
            // A block's statements recurse inside its header's: the expressions in them have what
            // is left of the limit.
            recursion += 1
            defer { recursion -= 1 }
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
            try skipTypeParameters()
            try expectOp("(")
            var params: [PyParameter] = []
            var signature = PySignature()
            while !isOp(")") {
                if isOp("/") { signature.positionalOnlyBefore = params.count; pos += 1; if isOp(",") { pos += 1 }; continue }
                var star = ""
                if isOp("*") || isOp("**") {
                    star = current.text
                    pos += 1
                    if isOp(",") || isOp(")") {
                        // A bare `*`: the parameters after it are keyword-only.
                        signature.keywordOnlyFrom = params.count
                        if isOp(",") { pos += 1 }
                        continue
                    }
                }
                guard current.kind == .name else { throw PySyntaxError(offset: current.start, message: "expected a parameter name") }
                if star == "*" { signature.variadic = params.count; signature.keywordOnlyFrom = params.count + 1 }
                if star == "**" { signature.variadicKeywords = params.count }
                var p = PyParameter(name: current.text, defaultValue: nil, offset: current.start)
                pos += 1
                if isOp(":") { pos += 1; _ = try test() }
                if isOp("=") { pos += 1; p.defaultValue = try test() }
                params.append(p)
                if isOp(",") { pos += 1 } else { break }
            }
            shapes.signatures[at] = signature
            if !pendingDecorators.isEmpty { shapes.decorators[at] = pendingDecorators; pendingDecorators = [] }
            try expectOp(")")
            if isOp("->") { pos += 1; _ = try test() }
            headerColon()
            functionStack.append(at)
            defer { functionStack.removeLast() }
            return [.function(name: name, parameters: params, body: try suite(), at: at)]
        case "class":
            pos += 1
            let name = current.text
            pos += 1
            try skipTypeParameters()
            if isOp("(") {
                let open = current.end
                try skipBracketed()
                shapes.classBases[at] = String(String.UnicodeScalarView(source[min(open, source.count)..<min(max(open, previous.start), source.count)]))
            }
            if !pendingDecorators.isEmpty { shapes.decorators[at] = pendingDecorators; pendingDecorators = [] }
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
            noteUnmodelled("a while loop", at: at)
            let t = try namedTest()
            headerColon()
            let body = try suite()
            if isName("else") { pos += 1; headerColon(); _ = try suite() }
            return [.whileLoop(test: t, body: body, at: at)]
        case "async":
            // `async def`, `async with`, `async for`: read as the plain statement.
            guard pos + 1 < tokens.count, tokens[pos + 1].kind == .name, ["def", "with", "for"].contains(tokens[pos + 1].text) else { break }
            noteUnmodelled("async code", at: at)
            pos += 1
            return try statement()
        case "match":
            if let m = try matchStatement() { return m }
        case "type":
            // `type Alias[T] = …` (Python 3.12).
            if pos + 2 < tokens.count, tokens[pos + 1].kind == .name, tokens[pos + 2].kind == .op, tokens[pos + 2].text == "=" || tokens[pos + 2].text == "[" {
                pos += 1
                let name = current.text
                pos += 1
                try skipTypeParameters()
                try expectOp("=")
                _ = try test()
                boundNames.insert(name)
                guard current.kind == .newline || current.kind == .end else { throw PySyntaxError(offset: current.start, message: "invalid syntax: unexpected '\(current.text)'") }
                if current.kind == .newline { pos += 1 }
                return [.importNames([name], at: at)]
            }
        case "with":
            pos += 1
            var statements: [PyStatement] = []
            if isOp("("), let items = try? parenthesizedWithItems(at: at) {
                statements = items
                headerColon()
                return [.block(body: statements + (try suite()), at: at)]
            }
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
            // The body (with its `else`) and each handler are alternatives, as an `if` whose test
            // is unknown: a handler's assignments do not overwrite the body's. `finally` follows both.
            pos += 1
            headerColon()
            var body = try suite()
            var handlers: [PyStatement] = []
            var final: [PyStatement] = []
            while isName("except") || isName("finally") || isName("else") {
                let clause = current.text
                pos += 1
                while !isOp(":") && current.kind != .newline && current.kind != .end {
                    if isName("as"), pos + 1 < tokens.count, tokens[pos + 1].kind == .name { boundNames.insert(tokens[pos + 1].text) }
                    pos += 1
                }
                headerColon()
                let clauseBody = try suite()
                switch clause {
                case "except": handlers.append(.block(body: clauseBody, at: at))
                case "else": body += clauseBody
                default: final += clauseBody
                }
            }
            if handlers.isEmpty { return [.block(body: body + final, at: at)] }
            let unknownTest = PyExpr.other(at: at)
            let branches = [(test: unknownTest, body: body)] + handlers.dropLast().map { (test: unknownTest, body: [$0]) }
            return [.ifChain(branches: branches, orElse: [handlers.last!], at: at)] + final
        default:
            break
        }
        if isOp("@") {
            let first = pos + 1
            while current.kind != .newline && current.kind != .end { pos += 1 }
            pendingDecorators.append(tokens[min(first, pos)..<pos].map(\.text).joined())
            pos += 1
            return []
        }
        return try simpleStatements()
    }

    mutating func simpleStatements() throws(PySyntaxError) -> [PyStatement] {
        var result: [PyStatement] = []
        if isOp("@") {
            let first = pos + 1
            while current.kind != .newline && current.kind != .end { pos += 1 }
            pendingDecorators.append(tokens[min(first, pos)..<pos].map(\.text).joined())
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
                        var path = first
                        pos += 1
                        while isOp(".") {
                            pos += 1
                            if current.kind == .name { path += "." + current.text }
                            pos += 1
                        }
                        if isName("as") {
                            pos += 1
                            names.append(current.text)
                            moduleAliases[current.text] = path
                            pos += 1
                        } else {
                            names.append(first)
                            moduleAliases[first] = first
                        }
                    } else { pos += 1 }
                }
                return .importNames(names, at: at)
            case "from":
                pos += 1
                var package = ""
                while !isName("import") && current.kind != .newline && current.kind != .end { package += current.text; pos += 1 }
                guard isName("import") else { throw PySyntaxError(offset: current.start, message: "expected 'import'") }
                pos += 1
                var names: [String] = []
                while current.kind == .name || isOp(",") || isOp("(") || isOp(")") || isOp("*") {
                    if current.kind == .name {
                        let n = current.text
                        pos += 1
                        let bound: String
                        if isName("as") { pos += 1; bound = current.text; pos += 1 } else { bound = n }
                        names.append(bound)
                        // `from torch import nn`: a module, or a function; the catalogue knows which.
                        if !package.hasPrefix(".") { moduleAliases[bound] = package + "." + n }
                    } else {
                        if isOp("*") { starImports.append((package, at)) }
                        pos += 1
                    }
                }
                return .importNames(names, at: at)
            case "return":
                pos += 1
                if current.kind == .newline || isOp(";") || current.kind == .end { return .returnValue(nil, at: at) }
                return .returnValue(try testList(), at: at)
            case "yield":
                // A generator hands out values without returning: what it yields is not a result.
                pos += 1
                if isName("from") { pos += 1 }
                if current.kind == .newline || isOp(";") || current.kind == .end { return .other(at: at) }
                return .expression(try testList(), at: at)
            case "break":
                pos += 1
                return .breakLoop(at: at)
            case "pass", "continue":
                pos += 1
                return .other(at: at)
            case "global", "nonlocal":
                pos += 1
                var names: [String] = []
                while current.kind == .name || isOp(",") { if current.kind == .name { names.append(current.text) }; pos += 1 }
                return .globalNames(names, at: at)
            case "raise", "assert", "del":
                pos += 1
                if previous.text == "raise", isName("NotImplementedError"), let function = functionStack.last {
                    shapes.unimplemented.insert(function)
                }
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

    /// Drops a statement nested deeper than the parser follows. It is valid Python, so nothing is
    /// reported against it; the names on it count as bound and the coverage says it was not read.
    mutating func skipTooDeep(from start: Int, offset: Int, levels: Int) {
        for t in tokens[start..<min(pos, tokens.count)] where t.kind == .name { boundNames.insert(t.text) }
        unmodelled.append(PyUnmodelled(function: functionStack.last, offset: offset, construct: "an expression nested more than \(levels) levels deep"))
    }

    mutating func noteUnmodelled(_ construct: String, at offset: Int) {
        unmodelled.append(PyUnmodelled(function: functionStack.last, offset: offset, construct: construct))
    }

    /// Skips a bracketed group starting at the current `(`, `[` or `{`, nested groups included.
    mutating func skipBracketed() throws(PySyntaxError) {
        let open = current
        var depth = 0
        repeat {
            if current.kind == .end { throw PySyntaxError(offset: open.start, message: "'\(open.text)' is never closed") }
            if current.kind == .op, ["(", "[", "{"].contains(current.text) { depth += 1 }
            if current.kind == .op, [")", "]", "}"].contains(current.text) { depth -= 1 }
            pos += 1
        } while depth > 0
    }

    /// `[T, *Ts, **P]` after a `def`, `class` or `type` name (Python 3.12).
    mutating func skipTypeParameters() throws(PySyntaxError) {
        guard isOp("[") else { return }
        let from = pos
        try skipBracketed()
        for t in tokens[from..<pos] where t.kind == .name { boundNames.insert(t.text) }
    }

    /// `with (a as b, c as d):` (Python 3.10); nil when the parenthesis is an ordinary expression.
    mutating func parenthesizedWithItems(at: Int) throws(PySyntaxError) -> [PyStatement] {
        let save = pos
        pos += 1
        var statements: [PyStatement] = []
        var sawAs = false
        while !isOp(")") {
            let e = try test()
            if isName("as") {
                pos += 1
                sawAs = true
                statements.append(.assign(targets: [try orExpr()], value: e, at: at))
            } else {
                statements.append(.expression(e, at: at))
            }
            if isOp(",") { pos += 1 } else { break }
        }
        guard sawAs, isOp(")"), pos + 1 < tokens.count, tokens[pos + 1].kind == .op, tokens[pos + 1].text == ":" else {
            pos = save
            throw PySyntaxError(offset: tokens[save].start, message: "not a parenthesized with")
        }
        pos += 1
        return statements
    }

    /// `match subject:` with its `case` blocks (Python 3.10), or nil when `match` is an ordinary
    /// name. Patterns are not interpreted: the names they capture count as defined and the
    /// statement is noted as not modelled.
    mutating func matchStatement() throws(PySyntaxError) -> [PyStatement]? {
        let at = current.start
        let save = pos
        let savedErrors = errors.count
        pos += 1
        guard current.kind != .newline, !(current.kind == .op && ["=", ".", ",", ")", "]"].contains(current.text)),
              !(current.kind == .op && PythonParser.augmentedOps.contains(current.text)),
              (try? testList()) != nil, isOp(":"),
              pos + 2 < tokens.count, tokens[pos + 1].kind == .newline, tokens[pos + 2].kind == .indent else {
            pos = save
            errors.removeSubrange(savedErrors...)
            return nil
        }
        noteUnmodelled("a match statement", at: at)
        pos += 3
        var body: [PyStatement] = []
        while current.kind != .dedent && current.kind != .end {
            if current.kind == .newline { pos += 1; continue }
            guard isName("case") else { throw PySyntaxError(offset: current.start, message: "expected 'case'") }
            pos += 1
            // The pattern (and its guard) up to the colon that ends the line's header.
            var depth = 0
            var previousText = ""
            while !(depth == 0 && isOp(":")) {
                if current.kind == .newline || current.kind == .end { throw PySyntaxError(offset: current.start, message: "expected ':' after the case pattern") }
                if current.kind == .op, ["(", "[", "{"].contains(current.text) { depth += 1 }
                if current.kind == .op, [")", "]", "}"].contains(current.text) { depth -= 1 }
                if current.kind == .name, previousText != ".", current.text != "_" { boundNames.insert(current.text) }
                previousText = current.text
                pos += 1
            }
            pos += 1
            body += try suite()
        }
        if current.kind == .dedent { pos += 1 }
        return [.block(body: body, at: at)]
    }
}
