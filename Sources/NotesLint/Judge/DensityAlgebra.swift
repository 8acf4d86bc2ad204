/// A density factor q(targets | conditions) or p(targets | conditions) of a log-ratio in a
/// variational-bound derivation. Variables are kept as written (`x_{1:T}`, `x_0`); `x_{0:T}` is
/// `x_0` with `x_{1:T}`. p and p_θ are one family.
struct DensityFactor: Hashable {
    var family: String
    var targets: Set<String>
    var conditions: Set<String>
    var polarity: Int

    var text: String {
        let t = targets.sorted().joined(separator: ", ")
        return conditions.isEmpty ? "\(family)(\(t))" : "\(family)(\(t) | \(conditions.sorted().joined(separator: ", ")))"
    }
}

/// Reads log-ratios of densities (`log \frac{q(x_{1:T}|x_0)}{p(x_0|x_{1:T}) p(x_{1:T})}`, with
/// `log` typed as letters too) and combines factors by the chain rule, p(A | B, C)·p(B | C) =
/// p(A, B | C), to compare the steps of a derivation.
enum DensityAlgebra {
    static func variables(_ e: MathExpr) -> [String]? {
        guard let s = e.asSymbol ?? e.asApplication.flatMap({ $0.args.isEmpty ? $0.head : nil }), s.base == "x", let sub = s.subscriptText else { return nil }
        if sub == "0:T" { return ["x_0", "x_{1:T}"] }
        return [sub.count == 1 ? "x_" + sub : "x_{\(sub)}"]
    }

    /// The factors of a side, or nil when it holds anything but logs of density ratios.
    static func factors(_ e: MathExpr) -> [DensityFactor]? {
        var out: [DensityFactor] = []
        func visit(_ e: MathExpr, _ polarity: Int, underLog: Bool) -> Bool {
            switch e {
            case .sum(let terms):
                return terms.allSatisfy { visit($0.term, $0.negated ? -polarity : polarity, underLog: underLog) }
            case .function("log", let arg, nil):
                return visit(arg, polarity, underLog: true)
            case .quotient(let a, let b):
                return underLog && visit(a, polarity, underLog: true) && visit(b, -polarity, underLog: true)
            case .product(let fs):
                // `log \frac{…}{…}` typed without a backslash reads as l·o·g·(…).
                if fs.count >= 3, fs[0].asSymbol?.base == "l", fs[1].asSymbol?.base == "o" {
                    if fs[2].asSymbol?.base == "g" { return visit(.product(Array(fs.dropFirst(3))), polarity, underLog: true) }
                    if let (h, args) = fs[2].asApplication, h.base == "g", args.count == 1, fs.count == 3 { return visit(args[0].expr, polarity, underLog: true) }
                }
                if fs.count == 1 { return visit(fs[0], polarity, underLog: underLog) }
                return underLog && fs.allSatisfy { visit($0, polarity, underLog: true) }
            case .application(let head, let args) where head.base == "q" || head.base == "p":
                guard underLog, !args.isEmpty else { return false }
                var targets = Set<String>(), conditions = Set<String>()
                var afterBar = false
                for a in args {
                    if a.separator == "|" { afterBar = true }
                    guard let vs = variables(a.expr) else { return false }
                    if afterBar { conditions.formUnion(vs) } else { targets.formUnion(vs) }
                }
                out.append(DensityFactor(family: head.base, targets: targets, conditions: conditions, polarity: polarity))
                return true
            case .application(let head, let args) where head.base == "g" && args.count == 1:
                return false
            default:
                return false
            }
        }
        guard visit(e, 1, underLog: false), !out.isEmpty else { return nil }
        return merged(out)
    }

    /// Chain-rule merges within one family and polarity, until none applies.
    static func merged(_ factors: [DensityFactor]) -> [DensityFactor] {
        var fs = factors
        var changed = true
        while changed {
            changed = false
            outer: for i in fs.indices {
                for j in fs.indices where i != j {
                    let a = fs[i], b = fs[j]
                    guard a.family == b.family, a.polarity == b.polarity else { continue }
                    // a = f(A | B ∪ C), b = f(B | C) → f(A ∪ B | C)
                    if b.targets.isSubset(of: a.conditions), a.conditions.subtracting(b.targets) == b.conditions {
                        let m = DensityFactor(family: a.family, targets: a.targets.union(b.targets), conditions: b.conditions, polarity: a.polarity)
                        fs.remove(at: max(i, j))
                        fs.remove(at: min(i, j))
                        fs.append(m)
                        changed = true
                        break outer
                    }
                }
            }
        }
        return fs
    }

    /// Two steps that differ in one factor only, written once as a conditional f(A | B) and
    /// once as the joint f(A, B): the pair, else nil.
    static func jointForConditional(_ before: [DensityFactor], _ after: [DensityFactor]) -> (DensityFactor, DensityFactor)? {
        var onlyBefore = before, onlyAfter = after
        for f in before {
            if let k = onlyAfter.firstIndex(of: f), let l = onlyBefore.firstIndex(of: f) {
                onlyAfter.remove(at: k)
                onlyBefore.remove(at: l)
            }
        }
        guard onlyBefore.count == 1, onlyAfter.count == 1 else { return nil }
        let a = onlyBefore[0], b = onlyAfter[0]
        guard a.family == b.family, a.polarity == b.polarity else { return nil }
        if !a.conditions.isEmpty, b.conditions.isEmpty, b.targets == a.targets.union(a.conditions) { return (a, b) }
        if a.conditions.isEmpty, !b.conditions.isEmpty, a.targets == b.targets.union(b.conditions) { return (a, b) }
        return nil
    }
}

extension FormulaJudge {
    /// Derivation steps: a conditional density silently turned into a joint one (or back), and
    /// the variational bound −log p(x_0) ≤ log q(x_{1:T} | x_0)/p_θ(x_{0:T}) written with the joint.
    func judgeDensitySteps(_ chain: FormulaChain) -> [MathFinding] {
        var findings: [MathFinding] = []
        let sides = chain.sides.map { side in side.expr.flatMap(DensityAlgebra.factors) }
        for k in 1..<max(1, chain.sides.count - 1) {
            guard k + 1 < chain.sides.count, chain.relations[k] == "=", let before = sides[k], let after = sides[k + 1],
                  let (a, b) = DensityAlgebra.jointForConditional(before, after) else { continue }
            findings.append(MathFinding(
                rule: .jointForConditional, offset: chain.sides[k + 1].start,
                message: "this step replaces \(a.text) with \(b.text); a conditional density and a joint one are not equal (they differ by a marginal factor)",
                fix: "keep \(a.text)"))
        }
        for k in 0..<chain.relations.count where ["leq", "le", "<"].contains(chain.relations[k]) {
            guard k + 1 < sides.count, let left = sides[k], let right = sides[k + 1],
                  left.count == 1, left[0].family == "p", left[0].targets == ["x_0"], left[0].conditions.isEmpty, left[0].polarity == -1 else { continue }
            let q = right.filter { $0.family == "q" && $0.polarity == 1 }
            if q.count == 1, q[0].conditions.isEmpty, q[0].targets.contains("x_0"), q[0].targets.count > 1 {
                findings.append(MathFinding(
                    rule: .jointForConditional, offset: chain.sides[k + 1].start,
                    message: "the variational bound divides q(x_{1:T} | x_0), not the joint \(q[0].text), by p_θ(x_{0:T})",
                    fix: "−log p_θ(x_0) ≤ E_q[log q(x_{1:T} | x_0)/p_θ(x_{0:T})]"))
            }
        }
        return findings
    }
}
