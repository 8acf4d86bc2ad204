/// The order of a KL term of the variational bound. Every KL of the bound measures the model
/// against the forward process with the forward density first: L_T = D_KL(q(x_T | x_0) ‖ p(x_T)),
/// L_{t−1} = D_KL(q(x_{t−1} | x_t, x_0) ‖ p_θ(x_{t−1} | x_t)) (Ho et al. 2020, Eq. 5). The KL is
/// not symmetric: with the model first the expectation is taken under p_θ, and the term is no
/// longer part of the bound on −log p_θ(x_0).
extension FormulaJudge {
    /// A density of p or q: its family, its subscript (θ), the states before the bar and after.
    struct DensityTerm {
        var family: String
        var isModel: Bool
        var targets: [String]
        var conditions: [String]
    }

    static func densityTerm(_ e: MathExpr) -> DensityTerm? {
        guard let (h, args) = e.asApplication, ["p", "q"].contains(h.base), h.decorations.isEmpty, !args.isEmpty else { return nil }
        var targets: [String] = [], conditions: [String] = []
        var afterBar = false
        for a in args {
            if a.separator == "|" { afterBar = true }
            guard let v = DensityAlgebra.variables(a.expr) else { return nil }
            if afterBar { conditions += v } else { targets += v }
        }
        return DensityTerm(family: h.base, isModel: h.isModel, targets: targets, conditions: conditions)
    }

    /// D_KL(p ‖ q) with the model or prior p first and, second, the forward density q of the same
    /// states given x_0 and everything the first is given.
    func judgeKLOrder(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        var findings: [MathFinding] = []
        for e in exprs.compactMap({ $0 }) {
            _ = e.contains { node in
                guard case .application(let h, let args) = node, ["D", "KL", "DKL"].contains(h.base),
                      h.base != "D" || (h.subscriptText?.contains("KL") ?? false), args.count == 2,
                      let first = Self.densityTerm(args[0].expr), let second = Self.densityTerm(args[1].expr),
                      first.family == "p", second.family == "q", first.targets == second.targets, !first.targets.isEmpty,
                      !first.conditions.contains("x_0"), second.conditions.contains("x_0"),
                      Set(first.conditions).isSubset(of: Set(second.conditions)) else { return false }
                let target = first.targets.joined(separator: ", ")
                let given = second.conditions.joined(separator: ", ")
                let model = first.isModel ? "p_θ" : "p"
                let modelGiven = first.conditions.isEmpty ? "" : " | " + first.conditions.joined(separator: ", ")
                findings.append(MathFinding(
                    rule: .klOrder, offset: h.start,
                    message: "the KL's arguments are reversed: the bound's terms put the forward density first, D_KL(q(\(target) | \(given)) ‖ \(model)(\(target)\(modelGiven))); with the model first the expectation is under the model and the term is not part of the bound",
                    fix: "D_KL(q(\(target) | \(given)) ‖ \(model)(\(target)\(modelGiven)))"))
                return false
            }
        }
        return findings
    }
}
