/// Why a formula could not be read as an expression. Never shown as a finding by itself: a
/// derivation step the linter cannot read is left alone.
struct TexParseError: Error {
    var message: String
    var offset: Int
}

/// A recursive-descent reader of the LaTeX people type in notes, into ``MathExpr``.
///
/// Tolerant by design: `\bar\alpha_t`, `\overline{\alpha}_{t}`, `\overline \alpha_{t}`,
/// `\sqrt\beta_t` (read as √(β_t), which is what its author means), `\mathbf{z}`,
/// `\left( … \right)`, `\cdot`, `\prod`, implicit multiplication and applications such as
/// `q(x_t|x_0)` or `\epsilon_\theta(x_t, t)`.
struct TexParser {
    let tokens: [TexToken]
    var pos = 0
    /// How deep the recursive descent is.
    var recursion = 0
    /// How many ‖…‖ norms are open where the parser is.
    var normDepth = 0

    static let greek: Set<String> = [
        "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota", "kappa",
        "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "varsigma", "tau", "upsilon", "phi", "varphi", "chi", "psi",
        "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega", "ell",
    ]
    static let decorations: [String: String] = [
        "bar": "bar", "overline": "bar", "hat": "hat", "widehat": "hat", "tilde": "tilde", "widetilde": "tilde",
        "vec": "", "dot": "dot", "ddot": "dot", "check": "check",
    ]
    static let styles: Set<String> = [
        "mathbf", "boldsymbol", "bm", "mathrm", "mathit", "mathcal", "mathbb", "operatorname", "mathsf", "mathscr",
        "mathfrak", "pmb", "mathbfit", "symbf", "mathnormal", "boxed", "Bbb", "bold", "rm", "underbrace", "overbrace", "underline", "cancel",
    ]
    static let functions: Set<String> = ["log", "ln", "exp", "cos", "sin", "tan", "tanh", "sigmoid"]
    static let appliedBases: Set<String> = ["q", "p", "N", "f", "g", "h", "mu", "Sigma", "D", "E", "L", "KL", "F", "P", "s", "Var", "Cov", "DKL"]
    static let relationCommands: Set<String> = [
        "approx", "leq", "le", "geq", "ge", "sim", "coloneqq", "equiv", "propto", "varpropto", "to", "Rightarrow", "rightarrow",
        "neq", "ne", "simeq", "triangleq", "eqqcolon", "Leftrightarrow", "iff", "implies", "gets", "leftarrow",
        "mapsto", "in", "geqslant", "leqslant", "ll", "gg",
    ]

    init(_ tokens: [TexToken]) { self.tokens = tokens }

    /// Parses all tokens as one expression.
    /// Deeper formulas are not read (no note nests this deep; recursion must stay bounded).
    static let maximumNesting = 64
    /// Each brace level costs a few frames of descent and a few tree levels; commands that take
    /// commands as arguments (`\sqrt\sqrt…`, `\frac1\frac1…`) and chains (`a^a^a…`, `- - x`)
    /// nest without braces, so both are bounded on their own.
    static let maximumRecursion = 4 * maximumNesting
    static let maximumTreeDepth = 2 * maximumNesting

    static func parse(_ tokens: [TexToken]) -> MathExpr? {
        guard !tokens.isEmpty, tokens.count < 20_000 else { return nil }
        var depth = 0, deepest = 0
        for t in tokens {
            if t.isChar("(") || t.isChar("[") || t.isChar("{") || t.isChar("|") { depth += 1; deepest = max(deepest, depth) }
            if t.isChar(")") || t.isChar("]") || t.isChar("}") { depth -= 1 }
            if case .command = t.kind { deepest = max(deepest, depth + 1) }
        }
        guard deepest <= maximumNesting else { return nil }
        var p = TexParser(tokens)
        guard let e = try? p.parseSum(), p.pos == tokens.count, !e.isDeeper(than: maximumTreeDepth) else { return nil }
        return e
    }

    var current: TexToken? { pos < tokens.count ? tokens[pos] : nil }

    func error(_ m: String) -> TexParseError { TexParseError(message: m, offset: current?.start ?? tokens.last?.end ?? 0) }

    mutating func parseSum() throws(TexParseError) -> MathExpr {
        var terms: [(negated: Bool, term: MathExpr)] = []
        var negated = false
        if let c = current, c.isChar("-") || c.isChar("+") || c.isCommand("pm") {
            negated = c.isChar("-")
            pos += 1
        }
        terms.append((negated, try parseTerm()))
        var dots: [Int] = []
        while let c = current, c.isChar("+") || c.isChar("-") || c.isCommand("pm") || c.isCommand("mp") {
            pos += 1
            // `+ ⋯ +`: the dots of an elided sum, a term on their own.
            if c.isChar("+"), ElidedRun.isDots(current), pos + 1 >= tokens.count || tokens[pos + 1].isChar("+") { dots.append(terms.count) }
            terms.append((c.isChar("-"), try parseTerm()))
        }
        if !dots.isEmpty, terms.allSatisfy({ !$0.negated }) {
            let folded = ElidedRun.fold(terms.map(\.term), dots: dots, operator: "sum")
            if folded.count < terms.count { terms = folded.map { (false, $0) } }
        }
        return terms.count == 1 && !terms[0].negated ? terms[0].term : .sum(terms)
    }

    mutating func parseTerm() throws(TexParseError) -> MathExpr {
        var result = try parseFactor()
        var factors: [MathExpr] = []
        // Where the dots of an elided product (`α_t α_{t−1} ⋯ α_1`) stand among the factors.
        var dots: [Int] = []
        while let c = current {
            if c.isCommand("cdot") || c.isCommand("times") || c.isChar("*") || c.isCommand("ast") {
                pos += 1
                factors.append(result)
                if ElidedRun.isDots(current) { dots.append(factors.count) }
                result = try parseFactor()
            } else if c.isChar("/") || c.isCommand("div") {
                pos += 1
                let rhs = try parseFactor()
                let lhs: MathExpr = factors.isEmpty ? result : .product(factors + [result])
                factors = []
                dots = []
                result = .quotient(lhs, rhs)
            } else if c.isChar("{") {
                // A bare brace group only groups for TeX, it is no parenthesis: `a{b + c}` is
                // typeset, and meant, as a·b + c.
                pos += 1
                if let close = current, close.isChar("}") { pos += 1; continue }
                // `\sqrt{α_t}\color{red}{(a + b)}`: a group that holds one parenthesised sum
                // multiplies that sum as a whole.
                let parenthesised = groupIsOneParenthesis(at: pos)
                let inner = try parseSum()
                try expect("}")
                if case .sum(let terms) = inner, terms.count > 1, !parenthesised {
                    let head: MathExpr = factors.isEmpty ? result : .product(factors + [result])
                    factors = []
                    dots = []
                    result = .sum([(terms[0].negated, .product([head, terms[0].term]))] + terms.dropFirst())
                } else {
                    factors.append(result)
                    result = inner
                }
            } else if canStartFactor(c) {
                factors.append(result)
                if ElidedRun.isDots(c) { dots.append(factors.count) }
                result = try parseFactor()
            } else {
                break
            }
        }
        if !dots.isEmpty {
            let all = ElidedRun.fold(factors + [result], dots: dots, operator: "prod")
            return all.count == 1 ? all[0] : .product(all)
        }
        return factors.isEmpty ? result : .product(factors + [result])
    }

    /// Whether the brace group whose content starts at `start` is one parenthesis, `{(…)}`: a '('
    /// (or '[') whose matching closer is followed by the group's '}'.
    func groupIsOneParenthesis(at start: Int) -> Bool {
        guard start < tokens.count, tokens[start].isChar("(") || tokens[start].isChar("[") else { return false }
        var depth = 0, i = start
        while i < tokens.count {
            let t = tokens[i]
            if t.isChar("(") || t.isChar("[") || t.isChar("{") { depth += 1 }
            if t.isChar(")") || t.isChar("]") || t.isChar("}") {
                depth -= 1
                if depth == 0 { return i + 1 < tokens.count && tokens[i + 1].isChar("}") }
            }
            i += 1
        }
        return false
    }

    /// Whether a factor reads the running index of a sum or product (`α_t`, `x_{t−1}`, `t`).
    static func runsWith(_ index: String, _ e: MathExpr) -> Bool {
        var found = false
        e.forEachSymbol { s in
            if s.base == index, s.subscriptText == nil { found = true }
            if let sub = s.subscriptText, TimeIndex.subscriptWords(sub).contains(index) { found = true }
        }
        return found
    }

    func canStartFactor(_ t: TexToken) -> Bool {
        switch t.kind {
        case .number: return true
        case .char(let c): return c.isLetter || c == "(" || c == "[" || c == "{"
        case .command(let name):
            return Self.greek.contains(name) || Self.decorations[name] != nil || Self.styles.contains(name)
                || Self.functions.contains(name) || ["frac", "dfrac", "tfrac", "sqrt", "prod", "sum", "infty", "partial", "nabla", "cdots", "ldots", "dots", "mathbb"].contains(name)
                // `a‖ε − ε_θ‖²`: an opening ‖ after a factor, but never the ‖ that closes a norm.
                || (name == "|" && normDepth == 0)
        default: return false
        }
    }

    /// Called on entering a recursive rule (with `recursion += 1; defer { recursion -= 1 }`).
    func checkRecursion() throws(TexParseError) {
        if recursion > Self.maximumRecursion { throw error("the formula nests more than \(Self.maximumRecursion) levels deep") }
    }

    mutating func parseFactor() throws(TexParseError) -> MathExpr {
        recursion += 1
        defer { recursion -= 1 }
        try checkRecursion()
        if let c = current, c.isChar("-") {
            pos += 1
            return .sum([(true, try parseFactor())])
        }
        var base = try parsePrimary()
        while let c = current {
            if c.isChar("^") {
                pos += 1
                let exponent = try parseArgument()
                base = .power(base, exponent)
            } else if c.isChar("_") {
                // A subscript on something that is not a symbol (e.g. `\sqrt{\beta}_t`): give it to
                // the symbol inside.
                pos += 1
                let sub = try subscriptText()
                base = Self.attachSubscript(sub, to: base)
            } else if c.isChar("'") {
                pos += 1
                if case .symbol(var s) = base { s.decorations.insert("prime"); base = .symbol(s) }
            } else if c.isChar("!") {
                pos += 1
                base = .opaque
            } else {
                break
            }
        }
        return base
    }

    static func attachSubscript(_ sub: String, to e: MathExpr) -> MathExpr {
        switch e {
        case .symbol(var s) where s.subscriptText == nil:
            s.subscriptText = sub
            return .symbol(s)
        case .root(let inner, let idx): return .root(attachSubscript(sub, to: inner), index: idx)
        case .power(let b, let x): return .power(attachSubscript(sub, to: b), x)
        default: return e
        }
    }

    /// A braced group or one atom (a token with its own subscripts), as TeX reads macro arguments.
    mutating func parseArgument() throws(TexParseError) -> MathExpr {
        guard let c = current else { throw error("missing argument") }
        if c.isChar("{") {
            pos += 1
            if let close = current, close.isChar("}") { pos += 1; return .opaque }
            let e = try parseSum()
            try expect("}")
            return e
        }
        if case .number(let v) = c.kind {
            // `\frac12`: TeX takes a single digit.
            pos += 1
            return .number(v)
        }
        return try parseAtomWithSubscripts()
    }

    mutating func parseAtomWithSubscripts() throws(TexParseError) -> MathExpr {
        var e = try parsePrimary(allowApplication: false)
        while let c = current, c.isChar("_") || c.isChar("'") {
            pos += 1
            if c.isChar("'") {
                if case .symbol(var s) = e { s.decorations.insert("prime"); e = .symbol(s) }
            } else {
                e = Self.attachSubscript(try subscriptText(), to: e)
            }
        }
        return e
    }

    mutating func expect(_ c: Character) throws(TexParseError) {
        guard let t = current, t.isChar(c) else { throw error("expected \(c)") }
        pos += 1
    }

    /// The subscript's text, normalized: `{t-1}` → `t-1`, `{\theta}` → `theta`.
    mutating func subscriptText() throws(TexParseError) -> String {
        guard let c = current else { throw error("missing subscript") }
        var parts: [TexToken] = []
        if c.isChar("{") {
            var depth = 0
            while let t = current {
                pos += 1
                if t.isChar("{") { depth += 1; if depth == 1 { continue } }
                if t.isChar("}") { depth -= 1; if depth == 0 { break } }
                parts.append(t)
            }
        } else if case .command(let name) = c.kind, Self.decorations[name] != nil || Self.styles.contains(name) {
            pos += 1
            return try subscriptText()
        } else {
            pos += 1
            parts.append(c)
        }
        return parts.map { t -> String in
            switch t.kind {
            case .command(let n): return Self.styles.contains(n) ? "" : n
            case .char(let ch): return String(ch)
            case .number(let v): return v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : String(v)
            case .text, .separator: return ""
            }
        }.joined()
    }

    mutating func parsePrimary(allowApplication: Bool = true) throws(TexParseError) -> MathExpr {
        recursion += 1
        defer { recursion -= 1 }
        try checkRecursion()
        guard let t = current else { throw error("expected an expression") }
        switch t.kind {
        case .number(let v):
            pos += 1
            return .number(v)
        case .text, .separator:
            throw error("text inside an expression")
        case .char(let c):
            if c.isLetter {
                pos += 1
                return try symbolTail(MathSymbol(base: String(c), start: t.start), allowApplication: allowApplication)
            }
            if c == "(" || c == "[" {
                pos += 1
                let inner = try parseSum()
                if let sep = current, sep.isChar(",") || sep.isChar(";") || FormulaReader.isRelation(tokens, at: pos) != nil {
                    // An interval, a tuple or a condition (the set of an indicator 1{x_t^i = M}):
                    // read to the closing delimiter, keep nothing.
                    try skipToClosing()
                    return .opaque
                }
                guard let close = current, close.isChar(")") || close.isChar("]") else { throw error("expected )") }
                pos += 1
                return inner
            }
            if c == "{" {
                pos += 1
                if let close = current, close.isChar("}") { pos += 1; return .opaque }
                let inner = try parseSum()
                try expect("}")
                return inner
            }
            if c == "|" {
                pos += 1
                if let n = current, n.isChar("|") {
                    pos += 1
                    let inner = try parseSum()
                    try expect("|")
                    try expect("|")
                    return .norm(inner)
                }
                let inner = try parseSum()
                try expect("|")
                return .absolute(inner)
            }
            throw error("unexpected \(c)")
        case .command(let name):
            pos += 1
            if name == "|" {
                normDepth += 1
                defer { normDepth -= 1 }
                let inner = try parseSum()
                guard let close = current, close.isCommand("|") else { throw error("expected \\|") }
                pos += 1
                return .norm(inner)
            }
            if Self.greek.contains(name) {
                var base = name
                if base == "varepsilon" { base = "epsilon" }
                if base == "vartheta" { base = "theta" }
                return try symbolTail(MathSymbol(base: base, start: t.start), allowApplication: allowApplication)
            }
            if let decoration = Self.decorations[name] {
                let inner = try parseArgument()
                if case .symbol(var s) = inner {
                    if !decoration.isEmpty { s.decorations.insert(decoration) }
                    s.start = t.start
                    return try symbolTail(s, allowApplication: allowApplication)
                }
                return inner
            }
            if name == "underbrace" || name == "overbrace" {
                // `(\underbrace{σ^t}_{g(t)})^2`: the label under or over the brace names the part;
                // it is no subscript or power of it.
                let inner = try parseArgument()
                if let c = current, c.isChar(name == "underbrace" ? "_" : "^") {
                    pos += 1
                    if let open = current, open.isChar("{") { pos += 1; try skipToClosing() } else if current != nil { pos += 1 }
                }
                if case .symbol(var s) = inner {
                    s.start = t.start
                    return try symbolTail(s, allowApplication: allowApplication)
                }
                return inner
            }
            if Self.styles.contains(name) {
                if let c = current, c.isChar("{") {
                    // `\mathrm{KL}`, `\operatorname{Var}`: a word is one symbol.
                    var j = pos + 1
                    var word = ""
                    while j < tokens.count, case .char(let ch) = tokens[j].kind, ch.isLetter { word.append(ch); j += 1 }
                    if word.count > 1, j < tokens.count, tokens[j].isChar("}") {
                        pos = j + 1
                        return try symbolTail(MathSymbol(base: word, start: t.start), allowApplication: allowApplication)
                    }
                }
                let inner = try parseArgument()
                if case .symbol(var s) = inner {
                    s.start = t.start
                    return try symbolTail(s, allowApplication: allowApplication)
                }
                return inner
            }
            switch name {
            case "frac", "dfrac", "tfrac", "cfrac":
                let num = try parseArgument()
                let den = try parseArgument()
                return .quotient(num, den)
            case "sqrt":
                var index: MathExpr?
                if let c = current, c.isChar("[") {
                    pos += 1
                    index = try parseSum()
                    try expect("]")
                }
                return .root(try parseArgument(), index: index)
            case "infty":
                return .number(.infinity)
            case "cdots", "ldots", "dots", "partial", "nabla", "emptyset":
                return .opaque
            case "prod", "sum":
                var lower: MathExpr?, upper: MathExpr?, index: String?
                while let c = current, c.isChar("_") || c.isChar("^") {
                    pos += 1
                    let arg = try parseBigOperatorLimit()
                    if c.isChar("_") { lower = arg.value; index = arg.index } else { upper = arg.value }
                }
                var body = try parseFactor()
                // `\sum_{t=1}^T \frac{ᾱ_T}{ᾱ_t}(1 − α_t)`: the factors after the first that still
                // run with the index are the body's; the first that does not (`∏_s α_s x_0`)
                // multiplies the whole product.
                if let index {
                    var factors = [body]
                    while let c = current, canStartFactor(c), !c.isCommand("sum"), !c.isCommand("prod") {
                        let save = pos
                        let next: MathExpr
                        do { next = try parseFactor() } catch { pos = save; break }
                        guard Self.runsWith(index, next) else { pos = save; break }
                        factors.append(next)
                    }
                    if factors.count > 1 { body = .product(factors) }
                }
                return .bigOperator(name, index: index, lower: lower, upper: upper, body: body)
            default:
                if Self.functions.contains(name) {
                    var power: MathExpr?
                    while let c = current, c.isChar("^") || c.isChar("_") {
                        pos += 1
                        if c.isChar("^") { power = try parseArgument() } else { _ = try subscriptText() }
                    }
                    let arg: MathExpr
                    if let c = current, c.isChar("(") || c.isChar("[") {
                        pos += 1
                        arg = try parseSum()
                        guard let close = current, close.isChar(")") || close.isChar("]") else { throw error("expected )") }
                        pos += 1
                    } else {
                        var first = try parseFactor()
                        // `\log 2\pi e\sigma^2` is log(2πeσ²): after a number, the juxtaposed
                        // factors belong to the argument (an explicit \cdot or an operator ends it).
                        if case .number = first {
                            var run = [first]
                            while let c = current, canStartFactor(c), !c.isChar("("), !c.isChar("["), !c.isChar("{"), !ElidedRun.isDots(c) {
                                if case .command(let n) = c.kind, Self.functions.contains(n) || ["frac", "dfrac", "tfrac", "prod", "sum"].contains(n) { break }
                                run.append(try parseFactor())
                            }
                            if run.count > 1 { first = .product(run) }
                        }
                        arg = first
                    }
                    return .function(name == "ln" ? "log" : name, arg, power: power)
                }
                throw error("unknown command \\\(name)")
            }
        }
    }

    /// `_{s=1}` gives the index `s` and the lower limit 1; `^{t}` the upper limit.
    mutating func parseBigOperatorLimit() throws(TexParseError) -> (index: String?, value: MathExpr?) {
        guard let c = current else { throw error("missing limit") }
        if c.isChar("{") {
            pos += 1
            var index: String?
            if pos + 1 < tokens.count, case .char(let v) = tokens[pos].kind, v.isLetter, tokens[pos + 1].isChar("=") {
                index = String(v)
                pos += 2
            }
            var depth = 1
            let start = pos
            while let t = current {
                if t.isChar("{") { depth += 1 }
                if t.isChar("}") { depth -= 1; if depth == 0 { break } }
                pos += 1
            }
            let inner = Array(tokens[start..<pos])
            pos += 1
            return (index, TexParser.parse(inner))
        }
        if case .char(let v) = c.kind, v.isLetter {
            pos += 1
            return (String(v), .symbol(MathSymbol(base: String(v), start: c.start)))
        }
        if case .number(let v) = c.kind {
            pos += 1
            return (nil, .number(v))
        }
        pos += 1
        return (nil, nil)
    }

    mutating func skipToClosing() throws(TexParseError) {
        var depth = 1
        while let t = current {
            pos += 1
            if t.isChar("(") || t.isChar("[") || t.isChar("{") { depth += 1 }
            if t.isChar(")") || t.isChar("]") || t.isChar("}") { depth -= 1; if depth == 0 { return } }
        }
        throw error("unclosed delimiter")
    }

    /// Subscripts, primes and an application's arguments after a symbol.
    mutating func symbolTail(_ symbol: MathSymbol, allowApplication: Bool) throws(TexParseError) -> MathExpr {
        var s = symbol
        // `α^{-}_{t-1}`: a bar typed as a superscript minus.
        if pos + 3 < tokens.count, tokens[pos].isChar("^"), tokens[pos + 1].isChar("{"), tokens[pos + 2].isChar("-"), tokens[pos + 3].isChar("}") {
            pos += 4
            s.decorations.insert("bar")
        }
        while let c = current, c.isChar("_") || c.isChar("'")
            || (c.isChar("^") && (isParenthesizedSuperscript(at: pos + 1) || (s.isModel && isBareStepSuperscript(at: pos + 1)))) {
            pos += 1
            if c.isChar("^"), !isParenthesizedSuperscript(at: pos) {
                // `ε_θ^t(x_t)`: the same step label as `ε_θ^{(t)}(x_t)`, written without its parentheses.
                s.label = "(" + (try subscriptText()) + ")"
                s.decorations.insert("stepLabel")
                continue
            }
            if c.isChar("'") {
                s.decorations.insert("prime")
            } else if c.isChar("^") {
                // `ε_θ^{(t)}(x_t)` (the DDIM paper): a label, not a power, and the paper's typesetting.
                s.label = try subscriptText()
                s.decorations.insert("stepLabel")
            } else if s.subscriptText == nil {
                s.subscriptText = try subscriptText()
                Self.readBarWrittenAsSubscript(&s)
                if pos + 3 < tokens.count, tokens[pos].isChar("^"), tokens[pos + 1].isChar("{"), tokens[pos + 2].isChar("-"), tokens[pos + 3].isChar("}") {
                    pos += 4
                    s.decorations.insert("bar")
                }
            } else {
                _ = try subscriptText()
            }
        }
        // `β(t)`, `\bar\alpha(t)`: the schedule read at a time index, written as a function of it:
        // the value at that step, as `β_t`, not β·t.
        if ["beta", "alpha"].contains(s.base), s.subscriptText == nil, let open = current, open.isChar("("), isLoneTimeIndex(at: pos + 1),
           case .char(let letter) = tokens[pos + 1].kind {
            s.subscriptText = String(letter)
            pos += 3
            return .symbol(s)
        }
        guard allowApplication, let open = current, open.isChar("(") || open.isChar("[") else { return .symbol(s) }
        let applies = Self.appliedBases.contains(s.base) || s.isModel
            || (s.base == "epsilon" && open.isChar("(") && !isScalarFactor(at: pos + 1))
            || (s.base == "sigma" && pos + 2 < tokens.count && tokens[pos + 1].isCommand("eta") && tokens[pos + 2].isChar(")"))
            // `σ(t)`, `σ_q(t)`: the noise scale read at a time index, a function value, not σ·t.
            || (s.base == "sigma" && open.isChar("(") && isLoneTimeIndex(at: pos + 1))
        guard applies, open.isChar("(") || s.base == "E" else { return .symbol(s) }
        pos += 1
        // In D_KL(p ‖ q) the ‖ separates the arguments; inside E[…] it opens a norm.
        let savedNormDepth = normDepth
        if s.base != "E" { normDepth += 1 }
        defer { normDepth = savedNormDepth }
        var args: [MathArgument] = []
        var separator: Character = "("
        if let c = current, c.isChar(")") || c.isChar("]") {
            pos += 1
            return .application(s, [])
        }
        while true {
            let expr: MathExpr
            if let e = try? parseSumSaving() { expr = e } else { expr = .opaque; try skipArgument() }
            args.append(MathArgument(separator: separator, expr: expr))
            guard let c = current else { throw error("unclosed application") }
            if FormulaReader.isRelation(tokens, at: pos) != nil {
                // A condition inside the brackets, `E[… | x + ε ∈ M]`: the argument is not a value.
                args[args.count - 1].expr = .opaque
                pos += 1
                try skipToClosing()
                break
            }
            pos += 1
            if c.isChar(")") || c.isChar("]") { break }
            if c.isChar(",") { separator = "," } else if c.isChar(";") { separator = ";" } else if c.isChar("|") {
                if let n = current, n.isChar("|") { pos += 1; separator = "‖" } else { separator = "|" }
            } else if c.isCommand("|") { separator = "‖" } else { throw error("unexpected token in arguments") }
        }
        return .application(s, args)
    }

    /// `(1 - \alpha_t)` after a noise symbol: a sum or difference of schedule quantities with no state
    /// (x, z), no comma and no θ inside is a factor, as in ε_t(1 − α_t), not the arguments of ε(x_t, t).
    func isScalarFactor(at start: Int) -> Bool {
        var depth = 0, i = start, additive = false
        while i < tokens.count {
            let t = tokens[i]
            if t.isChar("(") || t.isChar("{") || t.isChar("[") { depth += 1 }
            if t.isChar(")") || t.isChar("}") || t.isChar("]") {
                if depth == 0 { return additive }
                depth -= 1
            }
            if t.isChar("x") || t.isChar("z") || t.isChar("y") || t.isCommand("theta") || (depth == 0 && t.isChar(",")) { return false }
            if depth == 0, t.isChar("+") || t.isChar("-") { additive = true }
            i += 1
        }
        return false
    }

    /// `t)`, `s)`, `\tau)`: a time variable alone in parentheses.
    func isLoneTimeIndex(at i: Int) -> Bool {
        guard i + 1 < tokens.count, tokens[i + 1].isChar(")") else { return false }
        return tokens[i].isChar("t") || tokens[i].isChar("s") || tokens[i].isCommand("tau")
    }

    /// `^t(` or `^{t}(` after a model's output: a time variable alone as the superscript, with the
    /// arguments right after it. A noise prediction raised to the power t is not written.
    func isBareStepSuperscript(at i: Int) -> Bool {
        func isTime(_ t: TexToken) -> Bool { t.isChar("t") || t.isChar("s") || t.isCommand("tau") }
        if i + 1 < tokens.count, isTime(tokens[i]), tokens[i + 1].isChar("(") { return true }
        return i + 3 < tokens.count && tokens[i].isChar("{") && isTime(tokens[i + 1]) && tokens[i + 2].isChar("}") && tokens[i + 3].isChar("(")
    }

    /// `^{(t)}`: a superscript in parentheses.
    func isParenthesizedSuperscript(at i: Int) -> Bool {
        i + 1 < tokens.count && tokens[i].isChar("{") && tokens[i + 1].isChar("(")
    }

    /// `parseSum`, restoring the position if it fails.
    mutating func parseSumSaving() throws(TexParseError) -> MathExpr {
        let saved = pos
        do { return try parseSum() } catch { pos = saved; throw error }
    }

    /// Skips a malformed argument up to the next top-level separator or closing parenthesis.
    mutating func skipArgument() throws(TexParseError) {
        var depth = 0
        while let t = current {
            if depth == 0, t.isChar(")") || t.isChar("]") || t.isChar(",") || t.isChar(";") || t.isChar("|") || t.isCommand("|") { return }
            if t.isChar("(") || t.isChar("[") || t.isChar("{") { depth += 1 }
            if t.isChar(")") || t.isChar("]") || t.isChar("}") { depth -= 1 }
            pos += 1
        }
        throw error("unclosed application")
    }
}

extension TexParser {
    /// `\\alpha_{\\text{bar}_t}`, `\\alpha_{bar}`, `\\alpha_{\\mathrm{bar},t-1}`: ᾱ spelled as a word in the
    /// subscript, as code names it (`alpha_bar`). The word is the bar; what follows it is the step.
    static func readBarWrittenAsSubscript(_ s: inout MathSymbol) {
        guard s.base == "alpha", let text = s.subscriptText else { return }
        let plain = text.filter { $0 != "{" && $0 != "}" && $0 != " " }
        guard plain.hasPrefix("bar") else { return }
        var rest = plain.dropFirst(3)
        if let first = rest.first, first == "_" || first == "," { rest = rest.dropFirst() }
        s.decorations.insert("bar")
        s.subscriptText = rest.isEmpty ? nil : String(rest)
    }
}
