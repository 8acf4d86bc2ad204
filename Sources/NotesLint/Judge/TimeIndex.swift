/// The time step's name in a formula. Notes write the step as t, but also as i or k
/// (`x_i = √(1 − β_i)·x_{i−1} + …`); a formula that never uses t as a subscript and uses i or k
/// the way t is used is read with that letter as t, so its errors are not hidden by the name.
enum TimeIndex {
    static let alternatives = ["i", "k", "n"]

    /// The chain's sides with the time letter renamed to t, or as they are.
    static func rewrite(_ sides: [MathExpr?]) -> [MathExpr?] {
        var words = Set<String>(), subsequenceWords = Set<String>()
        for side in sides {
            side?.forEachSymbol { s in
                guard let sub = s.subscriptText else { return }
                if sub.contains("tau") { subsequenceWords.formUnion(subscriptWords(sub)) } else { words.formUnion(subscriptWords(sub)) }
            }
        }
        // Beside τ_i, i counts the subsequence (σ_i for σ_{τ_i}): it is no step letter.
        guard !words.contains("t"), let letter = alternatives.first(where: { words.contains($0) && !subsequenceWords.contains($0) }) else { return sides }
        return sides.map { $0.map { rename($0, letter) } }
    }

    /// The alphanumeric runs of a subscript: `i-1` → [i, 1], `theta` → [theta].
    static func subscriptWords(_ sub: String) -> [String] {
        sub.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    static func renamed(_ sub: String, _ letter: String) -> String {
        guard !sub.contains("tau") else { return sub }
        var out = ""
        var word = ""
        func flush() {
            out += word == letter ? "t" : word
            word = ""
        }
        for ch in sub {
            if ch.isLetter || ch.isNumber { word.append(ch) } else { flush(); out.append(ch) }
        }
        flush()
        return out
    }

    static func rename(_ s: MathSymbol, _ letter: String) -> MathSymbol {
        var r = s
        r.subscriptText = s.subscriptText.map { renamed($0, letter) }
        if s.base == letter, s.subscriptText == nil, s.decorations.isEmpty { r.base = "t" }
        return r
    }

    static func rename(_ e: MathExpr, _ letter: String) -> MathExpr {
        switch e {
        case .number, .opaque: return e
        case .symbol(let s): return .symbol(rename(s, letter))
        case .sum(let terms): return .sum(terms.map { ($0.negated, rename($0.term, letter)) })
        case .product(let fs): return .product(fs.map { rename($0, letter) })
        case .quotient(let a, let b): return .quotient(rename(a, letter), rename(b, letter))
        case .power(let a, let b): return .power(rename(a, letter), rename(b, letter))
        case .root(let a, let i): return .root(rename(a, letter), index: i.map { rename($0, letter) })
        case .function(let n, let a, let p): return .function(n, rename(a, letter), power: p.map { rename($0, letter) })
        case .application(let h, let args): return .application(rename(h, letter), args.map { MathArgument(separator: $0.separator, expr: rename($0.expr, letter)) })
        case .bigOperator(let name, let index, let lower, let upper, let body):
            // A product or sum that binds the letter keeps it: there it is the running index.
            if index == letter { return e }
            return .bigOperator(name, index: index, lower: lower.map { rename($0, letter) }, upper: upper.map { rename($0, letter) }, body: rename(body, letter))
        case .norm(let a): return .norm(rename(a, letter))
        case .absolute(let a): return .absolute(rename(a, letter))
        }
    }
}
