/// A density of a state given that same state, q(x_0 | x_0) or p_θ(x_0 | x_1, x_0), is not a
/// density: the state is known, so its law is a point mass δ(x − x_0). Setting it to 1, taking its
/// log or a KL against it is meaningless. It usually appears when a term that belongs to t ≥ 2 is
/// evaluated at t = 1 (q(x_{t−1} | x_t, x_0) at t = 1), or when x_{t−1} at t = 1 is written x_0 in
/// the condition instead of x_1.
extension FormulaJudge {
    /// One state's subscript with integer arithmetic done: `1-1` → `0`, `{t}` → `t`.
    static func singleStateIndex(_ e: MathExpr) -> String? {
        guard let s = e.asSymbol ?? e.asApplication.flatMap({ $0.args.isEmpty ? $0.head : nil }), ["x", "X"].contains(s.base),
              s.decorations.isEmpty, !s.isModel, let sub = s.subscriptText else { return nil }
        let text = sub.filter { !$0.isWhitespace && $0 != "{" && $0 != "}" }
        guard !text.contains(":") else { return nil }
        if let n = Int(text) { return String(n) }
        for sign: Character in ["-", "+"] {
            let parts = text.split(separator: sign, omittingEmptySubsequences: false)
            if parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]) { return String(sign == "-" ? a - b : a + b) }
        }
        return text
    }

    func judgePointMass(_ e: MathExpr, offset: Int) -> [MathFinding] {
        var finding: MathFinding?
        _ = e.contains { node in
            guard finding == nil, let (h, args) = node.asApplication, ["p", "q"].contains(h.base), args.count >= 2,
                  let bar = args.firstIndex(where: { $0.separator == "|" }), bar >= 1 else { return false }
            let targets = args[..<bar].compactMap { Self.singleStateIndex($0.expr) }
            let given = args[bar...].compactMap { Self.singleStateIndex($0.expr) }
            guard let repeated = targets.first(where: { given.contains($0) }) else { return false }
            let name = "x_" + (repeated.count == 1 ? repeated : "{\(repeated)}")
            finding = MathFinding(rule: .pointMassDensity, offset: h.start > 0 ? h.start : offset,
                                  message: "\(h.base)(\(name) | …, \(name)) is the law of \(name) given \(name) itself: a point mass δ, not a density, so it cannot be set to 1, logged or compared in a KL; a term that holds it belongs to t ≥ 2 (the t = 1 term of the bound is the decoder term −log p_θ(x_0 | x_1))",
                                  fix: "keep x_{t−1} and x_t distinct: at t = 1, p_θ(x_0 | x_1) and q(x_1 | x_0)")
            return true
        }
        return finding.map { [$0] } ?? []
    }
}
