/// Code in the DDIM paper's notation, where α_t is DDPM's ᾱ_t (Song et al. 2021, §2): a table
/// named `alphas` that the code never computes from β and whose entries it divides one by
/// another at two steps (`alphas[t] / alphas[t_prev]`). The ratio ᾱ_t/ᾱ_s is the signal kept
/// from step s to t; a ratio of DDPM's one-step α's means nothing in any sampler. Such a table
/// handed in from outside is read as ᾱ, so the step built on it is judged in its own notation.
extension CodeAnalysis {
    static func alphasHoldAlphaBar(_ statements: [PyStatement]) -> Bool {
        var fromBetas = false
        /// Names assigned an entry of the `alphas` table, with the entry's text.
        var entries: [String: String] = [:]
        func isAlphasTable(_ e: PyExpr) -> Bool {
            guard let d = e.dottedName else { return false }
            return ScheduleRole.of(d) == .alphas && CodeAnalysis.namesWholeTable(CodeAnalysis.lastComponent(d))
        }
        func entry(_ e: PyExpr) -> String? {
            let e = withoutValueKeepingCalls(e)
            if case .subscripted(let base, let items, _) = e, isAlphasTable(base) { return (base.dottedName ?? "") + "[" + items.map(describe).joined(separator: ",") + "]" }
            if case .name(let n, _) = e { return entries[n] }
            return nil
        }
        PyStatement.forEach(in: statements) { s, _ in
            guard case .assign(let targets, let value, _) = s else { return }
            for t in targets {
                guard let d = t.dottedName else { continue }
                if ScheduleRole.of(d) == .alphas {
                    value.walk { if let n = $0.dottedName, ScheduleRole.of(n) == .betas { fromBetas = true } }
                }
                if case .name(let n, _) = t, let text = entry(value) { entries[n] = text }
            }
        }
        guard !fromBetas else { return false }
        var ratio = false
        PyStatement.forEach(in: statements) { s, _ in
            for e in s.ownExpressions {
                e.walk { node in
                    if case .binary("/", let a, let b, _) = node, let x = entry(a), let y = entry(b), x != y { ratio = true }
                }
            }
        }
        return ratio
    }

    /// A compact text of an index expression, to tell two entries apart.
    private static func describe(_ e: PyExpr) -> String {
        switch e {
        case .name(let n, _): return n
        case .number(let v, _): return "\(v)"
        case .binary(let op, let a, let b, _): return describe(a) + op + describe(b)
        case .attribute(let b, let n, _): return describe(b) + "." + n
        default: return "?\(e.offset)"
        }
    }
}
