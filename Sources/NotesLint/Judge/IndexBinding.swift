/// Step letters a note binds in its own text: `Set t = τ_i`, `where s = τ_{i−1}`, `s = t − 1`.
///
/// A sampler on a subsequence names its current step t = τ_i and then writes x_t, ε_θ(x_t, t)
/// beside x_{τ_{i−1}}; read without the binding, the formula seems to mix two indices, and a step
/// from x_t to x_s seems to have no relation between t and s. The binding holds from the formula
/// that states it to the next heading of the same text.
struct IndexBinding: Sendable, Equatable {
    /// The bound letter: `t` or `s`.
    var letter: String
    /// The subscript text it stands for, as the parser writes subscripts: `tau_i`, `tau_{i-1}`, `t-1`.
    var subscriptText: String

    /// The letters a note uses for a step: a binding of another letter (`i = 1`, `T = 1000`,
    /// `k = 3`) sets a value or a count, not a step.
    static let stepLetters: Set<String> = ["t", "s"]

    /// The binding a chain states: exactly `t = τ_{…}` or `s = τ_{…}` (the letter bare), or
    /// `s = t ± n` / `s = t − k`. `t = T`, `t = 1` set a value at one step and bind nothing.
    static func stated(by chain: FormulaChain) -> IndexBinding? {
        guard chain.sides.count == 2, chain.relations.first == "=", let lhs = chain.sides[0].expr?.asSymbol,
              stepLetters.contains(lhs.base), lhs.subscriptText == nil, lhs.decorations.isEmpty, lhs.label == nil,
              let rhs = chain.sides[1].expr else { return nil }
        if let tau = rhs.asSymbol, tau.base == "tau", tau.decorations.isEmpty, let sub = tau.subscriptText {
            let text = sub.count == 1 ? "tau_" + sub : "tau_{" + sub + "}"
            return IndexBinding(letter: lhs.base, subscriptText: text)
        }
        // `s = t − 1`, `s = t - k`: another step letter with an offset.
        if case .sum(let terms) = rhs, terms.count == 2, !terms[0].negated, let t = terms[0].term.asSymbol, t.base == "t",
           t.subscriptText == nil, t.decorations.isEmpty, lhs.base != "t" {
            let offset: String
            switch terms[1].term {
            case .number(let n) where n == n.rounded() && n > 0 && n < 1e6: offset = String(Int(n))
            case .symbol(let k) where k.subscriptText == nil && k.decorations.isEmpty && k.base.count == 1: offset = k.base
            default: return nil
            }
            return IndexBinding(letter: lhs.base, subscriptText: "t" + (terms[1].negated ? "-" : "+") + offset)
        }
        return nil
    }

    /// The subscript with the bound letter replaced (a word of its own only: not the t of
    /// `theta`, nor `t'`, `t^\prime`, which name another step).
    func substitute(in sub: String) -> String {
        var out = ""
        var word = ""
        var rest = Substring(sub)
        func flush(_ next: Character?) {
            let primed = next == "'" || next == "^"
            out += word == letter && !primed ? subscriptText : word
            word = ""
        }
        while let ch = rest.first {
            rest = rest.dropFirst()
            if ch.isLetter || ch.isNumber { word.append(ch) } else { flush(ch); out.append(ch) }
        }
        flush(nil)
        return out
    }

    func substitute(in s: MathSymbol) -> MathSymbol {
        var r = s
        r.subscriptText = s.subscriptText.map(substitute(in:))
        return r
    }

    /// The expression with the bound letter read in its bound form wherever it is a subscript
    /// (a sum or product over the letter binds it anew inside).
    func substitute(in e: MathExpr) -> MathExpr {
        switch e {
        case .number, .opaque: return e
        case .symbol(let s): return .symbol(substitute(in: s))
        case .sum(let terms): return .sum(terms.map { ($0.negated, substitute(in: $0.term)) })
        case .product(let fs): return .product(fs.map { substitute(in: $0) })
        case .quotient(let a, let b): return .quotient(substitute(in: a), substitute(in: b))
        case .power(let a, let b): return .power(substitute(in: a), substitute(in: b))
        case .root(let a, let i): return .root(substitute(in: a), index: i.map { substitute(in: $0) })
        case .function(let n, let a, let p): return .function(n, substitute(in: a), power: p.map { substitute(in: $0) })
        case .application(let h, let args):
            return .application(substitute(in: h), args.map { MathArgument(separator: $0.separator, expr: substitute(in: $0.expr)) })
        case .bigOperator(let name, let index, let lower, let upper, let body):
            if index == letter { return e }
            return .bigOperator(name, index: index, lower: lower.map { substitute(in: $0) }, upper: upper.map { substitute(in: $0) }, body: substitute(in: body))
        case .norm(let a): return .norm(substitute(in: a))
        case .absolute(let a): return .absolute(substitute(in: a))
        }
    }

    /// The chains of one text with the bindings it states applied to the chains after each, up to
    /// the next heading; the binding chains themselves stay as written.
    static func apply(to chains: [MathAnalysis.Chain], in source: SourceText) -> [MathAnalysis.Chain] {
        let headings = source.lineStarts.filter { $0 < source.scalars.count && source.scalars[$0] == "#" }
        var active: [(binding: IndexBinding, end: Int)] = []
        return chains.map { c in
            let start = c.chain.sides.first?.start ?? 0
            active.removeAll { $0.end <= start }
            if let b = stated(by: c.chain) {
                let end = headings.first { $0 > start } ?? Int.max
                active.removeAll { $0.binding.letter == b.letter }
                active.append((b, end))
                return c
            }
            guard !active.isEmpty else { return c }
            var out = c
            out.chain.sides = c.chain.sides.map { side in
                side.rewritten { e in active.reduce(e) { $1.binding.substitute(in: $0) } }
            }
            return out
        }
    }
}
