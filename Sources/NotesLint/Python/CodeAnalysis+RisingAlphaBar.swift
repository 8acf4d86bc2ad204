/// A ᾱ table must be non-increasing: ᾱ_t/ᾱ_{t−1} = 1 − β_t ≤ 1. A table that is ᾱ by its name,
/// or because the code turns it into β by the ratio of neighbouring entries
/// (`1 - ab[1:] / ab[:-1]`), and that rises somewhere, implies a negative β (a cosine evaluated
/// past t = T, whose angle passes π/2). A rise is a relative increase above 1e-9: exact arithmetic
/// on a falling table never produces one, so rounding cannot trigger it.
extension PyInterpreter {
    /// `body`: a function's statements, whose `return 1 - ab[1:] / ab[:-1]` turns a table into β
    /// without assigning it.
    mutating func checkRisingAlphaBar(body: [PyStatement] = []) {
        for (name, offset) in assignedAt.sorted(by: { $0.value < $1.value }) {
            guard case .array(let a, _)? = env[name], a.count > 2, a.allSatisfy({ $0 >= 0 && $0 <= 1 + 1e-9 }),
                  ScheduleRole.of(name) == .alphaBars || betaIsRatio(of: name) || Self.takesRatio(of: name, in: body) else { continue }
            guard let k = a.indices.dropFirst().first(where: { a[$0] > a[$0 - 1] * (1 + 1e-9) + 1e-300 }) else { continue }
            report(.risingAlphaBar, offset,
                   "'\(name)' rises from \(FormulaJudge.format(a[k - 1])) at index \(k - 1) to \(FormulaJudge.format(a[k])) at index \(k): ᾱ can only fall (β_t = 1 − ᾱ_t/ᾱ_{t−1} = \(FormulaJudge.format(1 - a[k] / a[k - 1])) < 0 there); a cosine evaluated past t = T passes π/2 and grows again",
                   fix: "evaluate the cosine on t = 0 … T only: t = linspace(0, T, T + 1)")
        }
    }

    /// Whether some assigned value divides `name[1:]` by `name[:-1]` (a β from ᾱ ratios).
    func betaIsRatio(of name: String) -> Bool {
        valueExpressions.values.contains { Self.dividesNeighbours(of: name, in: $0) }
    }

    /// Whether an expression the statements read (a returned one too) divides `name[1:]` by `name[:-1]`.
    static func takesRatio(of name: String, in body: [PyStatement]) -> Bool {
        var found = false
        NameCheck.forEachLoadedExpression(body) { e in if !found, dividesNeighbours(of: name, in: e) { found = true } }
        return found
    }

    static func dividesNeighbours(of name: String, in e: PyExpr) -> Bool {
        var found = false
        e.walk { node in
            if case .binary("/", .subscripted(let top, let a, _), .subscripted(let bottom, let b, _), _) = node,
               top.dottedName == name, bottom.dottedName == name,
               a.contains(where: { if case .slice = $0 { return true }; return false }),
               b.contains(where: { if case .slice = $0 { return true }; return false }) { found = true }
        }
        return found
    }
}
