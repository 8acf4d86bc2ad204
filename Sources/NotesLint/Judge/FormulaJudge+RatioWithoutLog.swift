/// A term of the variational bound is D_KL(q ‖ p_θ) = E_{x ∼ q}[log q(x | …)/p_θ(x | …)]. Under q the
/// bare ratio averages to E_q[q/p_θ] = 1 + χ²(q ‖ p_θ), a different divergence, so a bracket that
/// is exactly the sampling density over a model density, with no logarithm, has lost its log.
extension FormulaJudge {
    func judgeRatioWithoutLog(_ e: MathExpr, offset: Int) -> [MathFinding] {
        var found = false
        _ = e.contains { node in
            guard let (h, args) = node.asApplication, h.base == "E", let sub = h.subscriptText, args.count == 1,
                  case .quotient(let top, let bottom) = args[0].expr,
                  let (q, qArgs) = top.asApplication, q.base == "q",
                  let (p, pArgs) = bottom.asApplication, p.base == "p",
                  let sampled = qArgs.first.map({ Self.stateNames($0.expr) }), !sampled.isEmpty,
                  sampled == pArgs.first.map({ Self.stateNames($0.expr) }) else { return false }
            // Only when the expectation samples the numerator's own variable from q: then the bracket
            // is the density ratio of a KL, not an importance weight p/q or a likelihood ratio.
            let compact = Self.bare(sub)
            guard compact.contains("q(") || compact.contains("q_"), sampled.allSatisfy({ compact.contains($0) }) else { return false }
            found = true
            return true
        }
        guard found else { return [] }
        return [MathFinding(rule: .ratioWithoutLog, offset: offset,
                            message: "the bracket averages the density ratio q/p_θ under q, not its logarithm: E_q[q/p_θ] is 1 + χ²(q ‖ p_θ), not D_KL(q ‖ p_θ)",
                            fix: "E_{q}[log q(…)/p_θ(…)] = D_KL(q ‖ p_θ)")]
    }

    /// The text without spaces, braces and bold markers: `\\mathbf{x}_{t-1}` reads `x_t-1`.
    static func bare(_ text: String) -> String {
        var t = text
        for marker in ["\\mathbf", "\\boldsymbol", "\\bf", " ", "{", "}"] { t = t.replacingOccurrences(marker, "") }
        return t
    }

    /// `x_{t-1}` for the states an argument names, the subscripts as written.
    static func stateNames(_ e: MathExpr) -> [String] {
        var out: [String] = []
        e.forEachSymbol { s in if s.base == "x" || s.base == "X", let sub = s.subscriptText { out.append(bare("x_" + sub)) } }
        return out
    }
}
