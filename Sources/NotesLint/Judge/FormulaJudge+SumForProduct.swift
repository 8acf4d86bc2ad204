/// A Markov chain's joint density is the product of its transitions,
///
///     q(x_{1:T} | x_0) = ∏_{t=1}^T q(x_t | x_{t−1}),   p_θ(x_{0:T}) = p(x_T) ∏_{t=1}^T p_θ(x_{t−1} | x_t).
///
/// A sum of transition densities over the steps is no density of the chain (the log of the joint is
/// the sum of the logs). Only a sum outside any logarithm whose body is one transition, a density of
/// one state given its neighbour with both indexed by the sum's index, is reported: a mixture
/// Σ_k π_k p_k(x) sums weighted densities of one variable, not transitions.
extension FormulaJudge {
    func judgeSumForProduct(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        guard chain.sides.count >= 2, let lhs = exprs[0], lhs.asApplication.map({ ["p", "q"].contains($0.head.base) }) ?? false else { return [] }
        for k in 1..<chain.sides.count {
            guard Self.equalities.contains(chain.relations[k - 1]), chain.relations[k - 1] != "sim", let rhs = exprs[k] else { break }
            let factors: [MathExpr]
            if case .product(let fs) = rhs { factors = fs } else { factors = [rhs] }
            let sums = factors.filter { if case .bigOperator("sum", _, _, _, _) = $0 { return true } else { return false } }
            guard sums.count == 1, case .bigOperator("sum", let index?, _, _, let body) = sums[0],
                  factors.allSatisfy({ $0.asApplication.map { ["p", "q"].contains($0.head.base) } ?? false || Self.isBigSum($0) }),
                  Self.isTransition(body, index: index), let (h, _) = body.asApplication else { continue }
            notes.structures += 1
            let name = singleDensity(body)?.text ?? (h.base == "p" ? "p_θ(x_{t−1} | x_t)" : "q(x_t | x_{t−1})")
            return [MathFinding(rule: .wrongFactorization, offset: chain.sides[k].start,
                                message: "the chain's joint density is the product of its transitions, not their sum: ∏_\(index) \(name) (a sum over the steps belongs to the log of the joint)",
                                fix: "∏_\(index) \(name) in place of ∑_\(index) \(name)")]
        }
        return []
    }

    static func isBigSum(_ e: MathExpr) -> Bool {
        if case .bigOperator("sum", _, _, _, _) = e { return true }
        return false
    }

    /// `q(x_t | x_{t−1})`, `p_θ(x_{t−1} | x_t)`, `q(x_{t−1} | x_t, x_0)`: one state given its
    /// neighbour (and possibly the data), both indexed by `index`.
    static func isTransition(_ e: MathExpr, index: String) -> Bool {
        guard let (h, args) = e.asApplication, ["p", "q"].contains(h.base), args.count >= 2,
              let bar = args.firstIndex(where: { $0.separator == "|" }), bar == 1,
              let target = singleStateIndex(args[0].expr), let given = singleStateIndex(args[1].expr) else { return false }
        func step(_ s: String) -> Int? {
            let text = s.replacingOccurrences(of: " ", with: "")
            if text == index { return 0 }
            if text == index + "-1" { return -1 }
            if text == index + "+1" { return 1 }
            return nil
        }
        guard let a = step(target), let b = step(given), abs(a - b) == 1 else { return false }
        // Anything after the neighbour may only be the data x_0.
        return args.dropFirst(2).allSatisfy { singleStateIndex($0.expr) == "0" }
    }
}
