/// A step of a derivation that drops a sum over the step index: Σ_{t=2}^T E[L_t] = E[w_t‖ε − ε_θ‖²]
/// leaves one unspecified t on the right where the left adds them all. (The simple loss samples t
/// instead: E_{t, x_0, ε}[…] binds t again, and that form is right up to the factor T − 1.)
extension FormulaJudge {
    /// Whether the step index occurs free in `e`: in a subscript or as an argument, outside any sum
    /// or product over it and outside an expectation that samples it.
    static func stepIndexIsFree(_ e: MathExpr, index: String) -> Bool {
        switch e {
        case .bigOperator(_, let i, _, _, _) where i == index:
            return false
        case .application(let h, let args):
            if h.base == "E", let sub = h.subscriptText, Self.expectationSamples(sub, index: index) { return false }
            if let sub = h.subscriptText, TimeIndex.subscriptWords(sub).contains(index) { return true }
            return args.contains { stepIndexIsFree($0.expr, index: index) }
        case .symbol(let s):
            if s.base == index, s.subscriptText == nil { return true }
            return s.subscriptText.map { TimeIndex.subscriptWords($0).contains(index) } ?? false
        default:
            return e.children.contains { stepIndexIsFree($0, index: index) }
        }
    }

    /// Whether an expectation's subscript samples the index: `E_{t, x_0, ε}`, and `E_{t∼U(1, T)}`,
    /// whose `\sim` the subscript's text glues to the variable (`tsimU(1,T)`).
    static func expectationSamples(_ sub: String, index: String) -> Bool {
        if TimeIndex.subscriptWords(sub).contains(index) { return true }
        guard let sampled = sub.range(of: "sim") else { return false }
        return TimeIndex.subscriptWords(String(sub[..<sampled.lowerBound])).last == index
    }

    /// The index of a sum over steps among the top-level terms of `e`.
    static func topLevelSumIndex(_ e: MathExpr) -> String? {
        let terms: [MathExpr]
        if case .sum(let ts) = e { terms = ts.map(\.term) } else { terms = [e] }
        for term in terms {
            if case .bigOperator("sum", let i?, _, _, _) = term, ["t", "s", "i", "k"].contains(i) { return i }
        }
        return nil
    }

    func judgeDroppedSum(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        for k in 1..<max(1, chain.sides.count) {
            guard chain.relations[k - 1] == "=", let a = exprs[k - 1], let b = exprs[k], let index = Self.topLevelSumIndex(a),
                  !Self.stepIndexIsFree(a, index: index), Self.topLevelSumIndex(b) == nil,
                  !b.contains(where: { if case .bigOperator = $0 { return true }; return false }),
                  Self.stepIndexIsFree(b, index: index) else { continue }
            return [MathFinding(rule: .wrongBounds, offset: chain.sides[k].start,
                                message: "the side before this one sums over \(index); this one reads a single, unspecified \(index) and no sum or expectation over \(index) binds it: the sum was dropped",
                                fix: "keep Σ_\(index) (or sample \(index) in the expectation, E_{\(index), x_0, ε}[…])")]
        }
        return []
    }
}
