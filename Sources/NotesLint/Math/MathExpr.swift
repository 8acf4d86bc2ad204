#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A symbol of a formula: a base letter (`alpha`, `x`, `epsilon`), its decorations (`bar`, `hat`,
/// `tilde`, `prime`) and its subscript, kept as normalized text (`t-1`, `theta`, `1:T`).
struct MathSymbol: Sendable, Equatable {
    var base: String
    var decorations: Set<String> = []
    var subscriptText: String?
    var start: Int
    /// The parenthesized superscript that labels a sample or a step: the `m` of `z^{(m)}`.
    var label: String? = nil

    var isBarred: Bool { decorations.contains("bar") }
    var isHatted: Bool { decorations.contains("hat") }
    var isTilde: Bool { decorations.contains("tilde") }
    /// A model output: `ε_θ`, `μ_θ`, `x̂`.
    var isModel: Bool { subscriptText?.contains("theta") == true || isHatted }
}

/// An argument of an application `q(x_t | x_{t-1})`, with the separator written before it
/// (`(` for the first, then `,`, `|`, `;` or `‖`).
struct MathArgument: Sendable {
    var separator: Character
    var expr: MathExpr
}

/// The expression tree of a formula.
indirect enum MathExpr: Sendable {
    case number(Double)
    case symbol(MathSymbol)
    case sum([(negated: Bool, term: MathExpr)])
    case product([MathExpr])
    case quotient(MathExpr, MathExpr)
    case power(MathExpr, MathExpr)
    case root(MathExpr, index: MathExpr?)
    /// `\log`, `\ln`, `\exp`, `\cos`, `\sin`, `\tan`; `power` is written `\cos^2(…)`.
    case function(String, MathExpr, power: MathExpr?)
    /// `q(x_t | x_0)`, `\mathcal{N}(x; μ, σ²I)`, `ε_θ(x_t, t)`, `\mathbb{E}[…]`.
    case application(MathSymbol, [MathArgument])
    /// `\prod_{s=1}^{t} body`, `\sum`.
    case bigOperator(String, index: String?, lower: MathExpr?, upper: MathExpr?, body: MathExpr)
    case norm(MathExpr)
    case absolute(MathExpr)
    /// Something read but not understood (an interval, a set): it never evaluates.
    case opaque

    /// The direct subexpressions.
    var children: [MathExpr] {
        switch self {
        case .number, .opaque, .symbol: return []
        case .sum(let terms): return terms.map(\.term)
        case .product(let fs): return fs
        case .quotient(let a, let b), .power(let a, let b): return [a, b]
        case .root(let a, let i): return [a] + (i.map { [$0] } ?? [])
        case .function(_, let a, let p): return [a] + (p.map { [$0] } ?? [])
        case .application(_, let args): return args.map(\.expr)
        case .bigOperator(_, _, let l, let u, let b): return [l, u].compactMap { $0 } + [b]
        case .norm(let a), .absolute(let a): return [a]
        }
    }

    /// Whether the tree has more than `limit` levels (``treeIsDeeper(_:than:children:)``).
    func isDeeper(than limit: Int) -> Bool { treeIsDeeper(self, than: limit) { $0.children } }

    /// Every symbol in the tree, applications' heads included.
    func forEachSymbol(_ body: (MathSymbol) -> Void) {
        switch self {
        case .number, .opaque: return
        case .symbol(let s): body(s)
        case .sum(let terms): terms.forEach { $0.term.forEachSymbol(body) }
        case .product(let fs): fs.forEach { $0.forEachSymbol(body) }
        case .quotient(let a, let b), .power(let a, let b): a.forEachSymbol(body); b.forEachSymbol(body)
        case .root(let a, let i): a.forEachSymbol(body); i?.forEachSymbol(body)
        case .function(_, let a, let p): a.forEachSymbol(body); p?.forEachSymbol(body)
        case .application(let s, let args): body(s); args.forEach { $0.expr.forEachSymbol(body) }
        case .bigOperator(_, _, let l, let u, let b): l?.forEachSymbol(body); u?.forEachSymbol(body); b.forEachSymbol(body)
        case .norm(let a), .absolute(let a): a.forEachSymbol(body)
        }
    }

    func contains(where predicate: (MathExpr) -> Bool) -> Bool {
        if predicate(self) { return true }
        switch self {
        case .number, .opaque, .symbol: return false
        case .sum(let terms): return terms.contains { $0.term.contains(where: predicate) }
        case .product(let fs): return fs.contains { $0.contains(where: predicate) }
        case .quotient(let a, let b), .power(let a, let b): return a.contains(where: predicate) || b.contains(where: predicate)
        case .root(let a, let i): return a.contains(where: predicate) || (i?.contains(where: predicate) ?? false)
        case .function(_, let a, let p): return a.contains(where: predicate) || (p?.contains(where: predicate) ?? false)
        case .application(_, let args): return args.contains { $0.expr.contains(where: predicate) }
        case .bigOperator(_, _, let l, let u, let b):
            return (l?.contains(where: predicate) ?? false) || (u?.contains(where: predicate) ?? false) || b.contains(where: predicate)
        case .norm(let a), .absolute(let a): return a.contains(where: predicate)
        }
    }

    /// The value of the tree's arithmetic (sums, products, quotients, powers, square roots, exp and
    /// log); `value` is asked first at every node and gives the leaves (a symbol, an application) or
    /// any node it knows. nil when a leaf has no value or a result is not finite.
    func arithmeticValue(_ value: (MathExpr) -> Double?) -> Double? {
        if let v = value(self) { return v }
        switch self {
        case .number(let v): return v
        case .sum(let terms):
            var total = 0.0
            for t in terms { guard let v = t.term.arithmeticValue(value) else { return nil }; total += t.negated ? -v : v }
            return total
        case .product(let fs):
            var total = 1.0
            for f in fs { guard let v = f.arithmeticValue(value) else { return nil }; total *= v }
            return total
        case .quotient(let a, let b):
            guard let x = a.arithmeticValue(value), let y = b.arithmeticValue(value), y != 0 else { return nil }
            return x / y
        case .power(let a, let b):
            guard let x = a.arithmeticValue(value), let y = b.arithmeticValue(value) else { return nil }
            let v = pow(x, y)
            return v.isFinite ? v : nil
        case .root(let a, nil):
            guard let x = a.arithmeticValue(value), x >= 0 else { return nil }
            return x.squareRoot()
        case .function(let name, let a, nil):
            guard let x = a.arithmeticValue(value) else { return nil }
            switch name {
            case "exp": return exp(x)
            case "log", "ln": return x > 0 ? log(x) : nil
            default: return nil
            }
        default:
            return nil
        }
    }

    /// `contains(where:)` without looking into the bodies and bounds of sums, products and integrals.
    func containsOutsideBigOperators(where predicate: (MathExpr) -> Bool) -> Bool {
        if case .bigOperator = self { return false }
        if predicate(self) { return true }
        return children.contains { $0.containsOutsideBigOperators(where: predicate) }
    }

    var asSymbol: MathSymbol? {
        if case .symbol(let s) = self { return s }
        return nil
    }

    var asApplication: (head: MathSymbol, args: [MathArgument])? {
        if case .application(let h, let a) = self { return (h, a) }
        return nil
    }

    func mentions(base: String) -> Bool {
        var found = false
        forEachSymbol { if $0.base == base { found = true } }
        return found
    }
}
