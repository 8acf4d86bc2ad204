/// Guidance reweights the conditional density, p̃(x | y) ∝ p(x) p(y | x)^w, and its score follows
/// by linearity: ∇_x log p̃(x | y) = ∇_x log p(x) + w ∇_x log p(y | x). With Bayes' rule,
/// ∇_x log p(x | y) = ∇_x log p(x) + ∇_x log p(y | x), every score of the two is a combination of
/// the unconditional score and the classifier's gradient. A note that defines p̃ one way and writes
/// its score with another weight has changed the guidance scale between the two lines: the density
/// p(x | y) p(y | x)^w has the weight 1 + w on ∇ log p(y | x), the score
/// ∇ log p(x) + w(∇ log p(x | y) − ∇ log p(x)) has w.
enum GuidanceWeights {
    /// A coefficient, polynomial in the guidance weight: `1 + w` is [0: 1, 1: 1].
    struct Weight: Equatable {
        var terms: [Int: Double]
        var symbol: String?

        static func constant(_ v: Double) -> Weight { Weight(terms: v == 0 ? [:] : [0: v], symbol: nil) }

        static func + (a: Weight, b: Weight) -> Weight? {
            guard a.symbol == nil || b.symbol == nil || a.symbol == b.symbol else { return nil }
            var t = a.terms
            for (k, v) in b.terms { t[k, default: 0] += v }
            return Weight(terms: t.filter { abs($0.value) > 1e-12 }, symbol: a.symbol ?? b.symbol)
        }

        static func * (a: Weight, b: Weight) -> Weight? {
            guard a.symbol == nil || b.symbol == nil || a.symbol == b.symbol else { return nil }
            var t: [Int: Double] = [:]
            for (i, u) in a.terms { for (j, v) in b.terms { t[i + j, default: 0] += u * v } }
            return Weight(terms: t.filter { abs($0.value) > 1e-12 }, symbol: a.symbol ?? b.symbol)
        }

        func sameValue(as other: Weight) -> Bool {
            let keys = Set(terms.keys).union(other.terms.keys)
            return keys.allSatisfy { abs((terms[$0] ?? 0) - (other.terms[$0] ?? 0)) <= 1e-12 }
                && (symbol == nil || other.symbol == nil || symbol == other.symbol)
        }

        var text: String {
            let w = symbol ?? "w"
            let parts = terms.sorted { $0.key < $1.key }.map { k, v -> String in
                let c = v == v.rounded() ? String(Int(v)) : String(v)
                switch k {
                case 0: return c
                case 1: return v == 1 ? w : (v == -1 ? "−\(w)" : "\(c)\(w)")
                default: return "\(c)\(w)^\(k)"
                }
            }
            return parts.isEmpty ? "0" : parts.joined(separator: " + ").replacingOccurrences("+ −", "− ")
        }
    }

    /// `w·∇ log p(y | x)`, `(1 + w)·∇ log p(y | x)`, `∇ log p(x)`, or nothing for a zero weight.
    static func term(_ w: Weight, _ name: String) -> String? {
        if w.terms.isEmpty { return nil }
        if w.terms == [0: 1] { return name }
        return (w.terms.count > 1 ? "(\(w.text))" : w.text) + "·" + name
    }

    static func scoreText(_ s: Scores) -> String {
        let parts = [term(s.unconditional, "∇ log p(x)"), term(s.classifier, "∇ log p(y | x)")].compactMap { $0 }
        return parts.isEmpty ? "0" : parts.joined(separator: " + ")
    }

    /// A combination of the two scores: the unconditional one, ∇ log p(x), and the classifier's,
    /// ∇ log p(y | x).
    struct Scores: Equatable {
        var unconditional: Weight
        var classifier: Weight

        static let zero = Scores(unconditional: .constant(0), classifier: .constant(0))

        static func + (a: Scores, b: Scores) -> Scores? {
            guard let u = a.unconditional + b.unconditional, let c = a.classifier + b.classifier else { return nil }
            return Scores(unconditional: u, classifier: c)
        }

        func scaled(_ w: Weight) -> Scores? {
            guard let u = unconditional * w, let c = classifier * w else { return nil }
            return Scores(unconditional: u, classifier: c)
        }
    }

    static func isDataVariable(_ e: MathExpr) -> Bool {
        guard let s = e.asSymbol else { return false }
        return ["x", "z"].contains(s.base)
    }

    static func isConditionVariable(_ e: MathExpr) -> Bool {
        guard let s = e.asSymbol else { return false }
        return ["y", "c"].contains(s.base) && s.subscriptText == nil
    }

    /// The scores of log p(·) for one density other than the guided one: p(x) → unconditional,
    /// p(y | x) → classifier, p(x | y) → both (Bayes), p(y) → nothing (constant in x).
    static func scores(ofDensity e: MathExpr) -> Scores? {
        guard let (h, args) = e.asApplication, h.base == "p", !h.isTilde else { return nil }
        let one = Weight.constant(1), none = Weight.constant(0)
        if args.count == 1 {
            if isDataVariable(args[0].expr) { return Scores(unconditional: one, classifier: none) }
            if isConditionVariable(args[0].expr) { return .zero }
            return nil
        }
        guard args.count == 2, args[1].separator == "|" else { return nil }
        if isDataVariable(args[0].expr), isConditionVariable(args[1].expr) { return Scores(unconditional: one, classifier: one) }
        if isConditionVariable(args[0].expr), isDataVariable(args[1].expr) { return Scores(unconditional: none, classifier: one) }
        return nil
    }

    /// A coefficient: numbers and one weight symbol, with sums, products and division by numbers.
    static func weight(_ e: MathExpr) -> Weight? {
        switch e {
        case .number(let v): return .constant(v)
        case .symbol(let s):
            guard s.subscriptText == nil, s.decorations.isEmpty, !["x", "y", "z", "c", "p", "q", "t"].contains(s.base) else { return nil }
            return Weight(terms: [1: 1], symbol: s.base)
        case .sum(let terms):
            var total = Weight.constant(0)
            for t in terms {
                guard let w = weight(t.term), let n = t.negated ? w * .constant(-1) : w, let s = total + n else { return nil }
                total = s
            }
            return total
        case .product(let fs):
            var total = Weight.constant(1)
            for f in fs {
                guard let w = weight(f), let p = total * w else { return nil }
                total = p
            }
            return total
        case .quotient(let a, .number(let d)) where d != 0:
            return weight(a).flatMap { $0 * .constant(1 / d) }
        default: return nil
        }
    }

    /// A linear combination of terms read by `leaf` (scores ∇ log p, or log-densities), with weights.
    static func combination(_ e: MathExpr, leaf: (MathExpr) -> Scores?) -> Scores? {
        if let s = leaf(e) { return s }
        switch e {
        case .sum(let terms):
            var total = Scores.zero
            for t in terms {
                guard let s = combination(t.term, leaf: leaf), let n = t.negated ? s.scaled(.constant(-1)) : s, let sum = total + n else { return nil }
                total = sum
            }
            return total
        case .product(let fs):
            // A score is `∇` (read as an opaque factor) followed by `log p(…)`.
            var k = 0
            var coefficient = Weight.constant(1)
            var inner: Scores?
            while k < fs.count {
                if k + 1 < fs.count, case .opaque = fs[k], let s = leaf(.product([fs[k], fs[k + 1]])) {
                    guard inner == nil else { return nil }
                    inner = s
                    k += 2
                    continue
                }
                if let w = weight(fs[k]) {
                    guard let c = coefficient * w else { return nil }
                    coefficient = c
                } else {
                    guard inner == nil, let s = combination(fs[k], leaf: leaf) else { return nil }
                    inner = s
                }
                k += 1
            }
            return inner?.scaled(coefficient)
        default:
            return nil
        }
    }

    /// `∇ log p(…)` of a density other than the guided one.
    static func scoreLeaf(_ e: MathExpr) -> Scores? {
        guard case .product(let fs) = e, fs.count == 2, case .opaque = fs[0], case .function("log", let arg, nil) = fs[1] else { return nil }
        return scores(ofDensity: arg)
    }

    /// `log p(…)` of a density other than the guided one.
    static func logLeaf(_ e: MathExpr) -> Scores? {
        guard case .function("log", let arg, nil) = e else { return nil }
        return scores(ofDensity: arg)
    }

    /// A product of densities with powers: p(x | y) p(y | x)^w.
    static func densityProduct(_ e: MathExpr) -> Scores? {
        if let s = scores(ofDensity: e) { return s }
        switch e {
        case .power(let base, let exponent):
            guard let s = scores(ofDensity: base), let w = weight(exponent) else { return nil }
            return s.scaled(w)
        case .product(let fs):
            var total = Scores.zero
            for f in fs {
                guard let s = densityProduct(f), let sum = total + s else { return nil }
                total = sum
            }
            return total
        default:
            return nil
        }
    }

    /// `ε_θ(x_t, c)`, `ε_θ(x_t, t, y)`: the conditional prediction (in the `classifier` slot);
    /// `ε_θ(x_t)`, `ε_θ(x_t, t)`, `ε_θ(x_t, ∅)`: the unconditional one.
    static func predictionLeaf(_ e: MathExpr) -> Scores? {
        guard let (h, args) = e.asApplication, h.base == "epsilon", h.isModel, !h.isTilde,
              let first = args.first, isDataVariable(first.expr) else { return nil }
        let rest = args.dropFirst()
        if rest.contains(where: { isConditionVariable($0.expr) }) { return Scores(unconditional: .constant(0), classifier: .constant(1)) }
        let unconditioned = rest.allSatisfy { a in
            if case .opaque = a.expr { return true }
            return a.expr.asSymbol.map { $0.base == "t" } ?? false
        }
        return unconditioned ? Scores(unconditional: .constant(1), classifier: .constant(0)) : nil
    }

    /// `s(ε_c − ε_u)` parsed as an application of `s`: a weight times its parenthesis.
    static func weightsApplied(_ e: MathExpr) -> MathExpr {
        switch e {
        case .application(let h, let args) where args.count == 1 && args[0].separator == "(" && weight(.symbol(h)) != nil:
            return .product([.symbol(h), weightsApplied(args[0].expr)])
        case .sum(let terms): return .sum(terms.map { ($0.negated, weightsApplied($0.term)) })
        case .product(let fs): return .product(fs.map(weightsApplied))
        default: return e
        }
    }

    /// `ε̃_θ(x_t, c) = (1 + w)·ε_θ(x_t, c) + w·ε_θ(x_t, ∅)`: a guided prediction whose weights on
    /// the conditional and unconditional predictions do not sum to 1 (DL157).
    static func predictionFindings(_ chain: FormulaChain) -> [MathFinding] {
        guard chain.sides.count >= 2, let lhs = chain.sides[0].expr else { return [] }
        let head = lhs.asApplication?.head ?? lhs.asSymbol
        guard let h = head, h.base == "epsilon", h.isTilde || h.isHatted || h.isBarred || predictionLeaf(lhs) == nil else { return [] }
        for k in 1..<chain.sides.count {
            guard ["=", ":="].contains(chain.relations[k - 1]), let e = chain.sides[k].expr,
                  let s = combination(weightsApplied(e), leaf: predictionLeaf) else { continue }
            guard !s.unconditional.terms.isEmpty, !s.classifier.terms.isEmpty,
                  s.unconditional.terms.keys.contains(where: { $0 > 0 }) || s.classifier.terms.keys.contains(where: { $0 > 0 }),
                  let total = s.unconditional + s.classifier, !total.sameValue(as: .constant(1)) else { continue }
            return [MathFinding(
                rule: .guidedPredictionWeights, offset: chain.sides[k].start,
                message: "a guided noise prediction weighs ε_θ(x_t, c) and ε_θ(x_t, ∅) to a total of 1, so that it still estimates the noise; these weights, \(s.classifier.text) and \(s.unconditional.text), sum to \(total.text)",
                fix: "(1 + w)·ε_θ(x_t, c) − w·ε_θ(x_t, ∅), or ε_θ(x_t, ∅) + s·(ε_θ(x_t, c) − ε_θ(x_t, ∅))")]
        }
        return []
    }

    /// The guided density p̃(…) of a side, under a log or not.
    static func guided(_ e: MathExpr?) -> (key: String, underLog: Bool)? {
        var e = e
        var underLog = false
        if case .function("log", let arg, nil)? = e { e = arg; underLog = true }
        guard let (h, args) = e?.asApplication, h.base == "p", h.isTilde, args.count == 2, isDataVariable(args[0].expr), isConditionVariable(args[1].expr) else { return nil }
        return ("p̃", underLog)
    }

    /// A definition `log p̃(x | y) ∝ log p(x | y) + w log p(y | x)` or `p̃(x | y) ∝ p(x) p(y | x)^w`:
    /// the scores of its right side. Read as the density it multiplies, also when the log is
    /// written on the left only (another rule reports that).
    static func definition(_ chain: FormulaChain) -> Scores? {
        guard chain.sides.count == 2, ["=", "propto", "varpropto", ":=", "coloneqq"].contains(chain.relations[0]),
              !chain.sides[0].tokens.contains(where: { $0.isCommand("nabla") }), guided(chain.sides[0].expr) != nil,
              let rhs = chain.sides[1].expr else { return nil }
        return combination(rhs, leaf: logLeaf) ?? densityProduct(rhs)
    }

    static func check(_ chains: [(SourceText, MathAnalysis.Chain)]) -> [(SourceText, MathFinding)] {
        var defined: Scores?
        var findings: [(SourceText, MathFinding)] = []
        for (source, c) in chains {
            let chain = c.chain
            if let d = definition(chain) { defined = d; continue }
            guard let d = defined, chain.sides.count >= 2, chain.sides[0].tokens.contains(where: { $0.isCommand("nabla") }),
                  case .product(let fs)? = chain.sides[0].expr, fs.count == 2, case .opaque = fs[0], guided(fs[1]) != nil else { continue }
            for k in 1..<chain.sides.count {
                guard chain.relations[k - 1] == "=", let e = chain.sides[k].expr, let s = combination(e, leaf: scoreLeaf) else { break }
                guard !(s.unconditional.sameValue(as: d.unconditional) && s.classifier.sameValue(as: d.classifier)) else { continue }
                findings.append((source, MathFinding(
                    rule: .guidanceWeightMismatch, offset: chain.sides[k].start,
                    message: "this score does not belong to the guided density defined above: that density gives ∇ log p̃ = \(Self.scoreText(d)), this side is \(Self.scoreText(s)) (with ∇ log p(x | y) = ∇ log p(x) + ∇ log p(y | x)); the guidance weight changed between the two lines",
                    fix: "∇ log p̃ = \(Self.scoreText(d)), or define p̃ ∝ p(x)^{\(s.unconditional.text)} p(y | x)^{\(s.classifier.text)}")))
                break
            }
        }
        return findings
    }
}
