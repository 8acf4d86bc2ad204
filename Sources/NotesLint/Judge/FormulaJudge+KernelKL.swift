/// Two DDIM kernels q_σ(x_{t−1} | x_t, x_0) and q_σ(x_{t−1} | x_t, f_θ(x_t)) share the variance σ_t²
/// and their means differ only in the x_0 slot, by c_t·(x_0 − f_θ) with
/// c_t = √ᾱ_{t−1} − √(1 − ᾱ_{t−1} − σ_t²)·√ᾱ_t/√(1 − ᾱ_t). Their KL is therefore
/// c_t²·‖x_0 − f_θ‖²/(2σ_t²): a coefficient of the schedule, never 1/(2σ_t²) alone. A right side
/// whose only symbols besides the two arguments are σ's has lost c_t² (a named weight such as γ_t
/// or λ_t is left alone: it may stand for c_t²/(2σ_t²)).
extension FormulaJudge {
    func judgeKernelKL(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        guard let k = exprs.indices.first(where: { exprs[$0].map { Self.isKernelKL($0) || $0.contains(where: Self.isKernelKL) } ?? false }), k + 1 < exprs.count,
              ["=", "equiv"].contains(chain.relations[k].replacingOccurrences("\\", "")), let rhs = exprs[k + 1] else { return [] }
        var norm: MathExpr?
        _ = rhs.contains { node in
            guard case .norm(let inner) = node, case .sum(let terms) = inner, terms.count == 2 else { return false }
            let names = terms.map { Self.isState0($0.term) ? "x0" : (Self.isModelPrediction($0.term) ? "f" : "") }
            if Set(names) == ["x0", "f"] { norm = node; return true }
            return false
        }
        guard norm != nil else { return [] }
        // Every symbol outside the expectation's subscript and the norm must be a σ (or the dimension
        // d): then nothing is left to carry c_t.
        var onlySigma = true, sigma = false
        func visit(_ e: MathExpr) {
            switch e {
            case .norm: return
            case .application(let h, let args):
                if h.base == "E" { args.forEach { visit($0.expr) } } else { onlySigma = false }
            case .symbol(let s):
                if s.base == "sigma" { sigma = true } else if s.base != "d" { onlySigma = false }
            case .opaque: onlySigma = false
            default: e.children.forEach(visit)
            }
        }
        visit(rhs)
        guard onlySigma, sigma else { return [] }
        return [MathFinding(rule: .wrongGaussianKL, offset: chain.sides[k + 1].start,
                            message: "the two DDIM kernels share σ_t² and their means differ by c_t·(x_0 − f_θ), c_t = √ᾱ_{t−1} − √(1 − ᾱ_{t−1} − σ_t²)·√ᾱ_t/√(1 − ᾱ_t): the KL is c_t²·‖x_0 − f_θ‖²/(2σ_t²), and this weight has no c_t²",
                            fix: "D_KL = c_t²·‖x_0 − f_θ(x_t)‖²/(2σ_t²)")]
    }

    /// D_KL(q(x_{t−1} | x_t, x_0) ‖ q(x_{t−1} | x_t, f_θ(x_t))): the same kernel, x_0 against its prediction.
    static func isKernelKL(_ e: MathExpr) -> Bool {
        guard let (h, args) = e.asApplication, ["D", "KL", "DKL"].contains(h.base), args.count == 2,
              let (q1, a1) = args[0].expr.asApplication, let (q2, a2) = args[1].expr.asApplication,
              q1.base == "q", q2.base == "q", a1.count == 3, a2.count == 3,
              let last1 = a1.last?.expr, let last2 = a2.last?.expr else { return false }
        return isState0(last1) && isModelPrediction(last2)
    }

    static func isState0(_ e: MathExpr) -> Bool {
        if case .symbol(let s) = e, s.base == "x", s.subscriptText.map({ bare($0) }) == "0" { return true }
        return false
    }

    /// f_θ(x_t), f_θ^{(t)}(x_t), x̂_0: the model's estimate of x_0.
    static func isModelPrediction(_ e: MathExpr) -> Bool {
        if let (h, _) = e.asApplication, h.base == "f", h.isModel { return true }
        if case .symbol(let s) = e, s.base == "f", s.isModel { return true }
        return false
    }
}
