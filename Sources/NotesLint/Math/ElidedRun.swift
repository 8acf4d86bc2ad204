/// `α_t α_{t−1} ⋯ α_1`, `β_1 + β_2 + ⋯ + β_t`: terms that differ in one subscript only, with the
/// dots standing for the terms between, read as the product or sum over that subscript
/// (∏_{s=1}^t α_s, Σ_{s=1}^t β_s). One end must be a written integer (the run's start); runs
/// whose terms differ in more than one way (`q(x_1|x_0) ⋯ q(x_T|x_{T−1})`) stay unread.
enum ElidedRun {
    /// The bound index's name: no note writes it, so it cannot capture one of the note's symbols.
    static let index = "elided"

    static func isDots(_ t: TexToken?) -> Bool {
        guard let t else { return false }
        return t.isCommand("cdots") || t.isCommand("ldots") || t.isCommand("dots") || t.isCommand("dotsb") || t.isCommand("dotsm")
    }

    /// The list with each run around a dots item (at the given positions) folded into one operator.
    static func fold(_ items: [MathExpr], dots: [Int], operator name: String) -> [MathExpr] {
        guard let d = dots.first, d > 0, d + 1 < items.count else { return items }
        guard let (sa, _) = differingSubscript(items[d - 1], items[d + 1]) else { return items }
        var i = d - 1, j = d + 1
        while i > 0, differingSubscript(items[i - 1], items[i]) != nil { i -= 1 }
        while j + 1 < items.count, differingSubscript(items[j], items[j + 1]) != nil { j += 1 }
        // The subscripts at the two ends of the run, in the order written.
        let first = i == d - 1 ? sa : (differingSubscript(items[i], items[d - 1])?.0 ?? sa)
        guard let last = differingSubscript(items[d - 1], items[j])?.1 else { return items }
        let lower: MathExpr, upper: MathExpr
        switch (Int(first), Int(last)) {
        case let (a?, b?): (lower, upper) = (.number(Double(min(a, b))), .number(Double(max(a, b))))
        case let (a?, nil): guard let u = expression(last) else { return items }; (lower, upper) = (.number(Double(a)), u)
        case let (nil, b?): guard let u = expression(first) else { return items }; (lower, upper) = (.number(Double(b)), u)
        default: return items
        }
        let folded = MathExpr.bigOperator(name, index: index, lower: lower, upper: upper, body: substitute(items[d - 1], sa, index))
        return Array(items[..<i]) + [folded] + Array(items[(j + 1)...])
    }

    static func expression(_ subscriptText: String) -> MathExpr? {
        let scalars = Array(subscriptText.unicodeScalars)
        return TexParser.parse(TexLexer.tokenize(scalars, from: 0, to: scalars.count))
    }

    /// The one pair of subscripts in which two same-shaped terms differ (nil: other differences,
    /// several pairs, or none).
    static func differingSubscript(_ a: MathExpr, _ b: MathExpr) -> (String, String)? {
        var pair: (String, String)?
        func same(_ x: MathExpr, _ y: MathExpr) -> Bool {
            switch (x, y) {
            case let (.number(u), .number(v)): return u == v
            case let (.symbol(s), .symbol(t)):
                guard s.base == t.base, s.decorations == t.decorations, s.label == t.label else { return false }
                if s.subscriptText == t.subscriptText { return true }
                guard let p = s.subscriptText, let q = t.subscriptText else { return false }
                if let known = pair { return known == (p, q) }
                pair = (p, q)
                return true
            case let (.sum(u), .sum(v)):
                return u.count == v.count && zip(u, v).allSatisfy { $0.negated == $1.negated && same($0.term, $1.term) }
            case let (.product(u), .product(v)): return u.count == v.count && zip(u, v).allSatisfy { same($0, $1) }
            case let (.quotient(p, q), .quotient(r, s)), let (.power(p, q), .power(r, s)): return same(p, r) && same(q, s)
            case let (.root(p, nil), .root(r, nil)): return same(p, r)
            default: return false
            }
        }
        guard same(a, b), let pair else { return nil }
        return pair
    }

    static func substitute(_ e: MathExpr, _ from: String, _ to: String) -> MathExpr {
        switch e {
        case .symbol(var s):
            if s.subscriptText == from { s.subscriptText = to }
            return .symbol(s)
        case .sum(let terms): return .sum(terms.map { ($0.negated, substitute($0.term, from, to)) })
        case .product(let fs): return .product(fs.map { substitute($0, from, to) })
        case .quotient(let a, let b): return .quotient(substitute(a, from, to), substitute(b, from, to))
        case .power(let a, let b): return .power(substitute(a, from, to), substitute(b, from, to))
        case .root(let a, let i): return .root(substitute(a, from, to), index: i)
        default: return e
        }
    }
}
