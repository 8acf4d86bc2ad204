extension CodeAnalysis {
    /// Whether the draw at offset `draw` is scaled by DDIM's η: a factor that multiplies it (where
    /// it is drawn, or where the name it is drawn into is used) reads a name computed, through
    /// any chain of assignments in `body`, from `eta`.
    ///
    /// Such noise is σ_t(η)·z with σ_t(η) = η·√((1 − ᾱ_{t−1})/(1 − ᾱ_t))·√(1 − ᾱ_t/ᾱ_{t−1}): zero
    /// at η = 0, and at η > 0 the free parameter of the generalized step (Song et al. 2021, Eq. 16),
    /// whose reference samplers add it on every step they take. It is not DDPM's z of Algorithm 2.
    static func drawScaledByEta(_ draw: Int, in body: [PyStatement]) -> Bool {
        var etaScaled = Set<String>()
        func readsEta(_ e: PyExpr) -> Bool {
            if let d = e.dottedName, PyInterpreter.namesDDIMEta(d) || etaScaled.contains(d) { return true }
            return e.children.contains(where: readsEta)
        }
        var values: [PyExpr] = []
        var drawnInto: String?
        PyStatement.forEach(in: body) { statement, _ in
            guard case .assign(let targets, let value, _) = statement else { return }
            values.append(value)
            if case .call(_, _, _, draw) = value, targets.count == 1, case .name(let n, _) = targets[0] { drawnInto = n }
            guard readsEta(value) else { return }
            for target in targets {
                if let d = target.dottedName { etaScaled.insert(d) }
                if case .tuple(let items, _) = target { items.compactMap(\.dottedName).forEach { etaScaled.insert($0) } }
            }
        }
        func isDraw(_ e: PyExpr) -> Bool {
            if case .call(_, _, _, draw) = e { return true }
            if let drawnInto, case .name(drawnInto, _) = e { return true }
            return false
        }
        func holdsDraw(_ e: PyExpr) -> Bool { isDraw(e) || e.children.contains(where: holdsDraw) }
        // Down the sums to the product that holds the draw: its other factors are the draw's scale.
        func scaleReadsEta(_ e: PyExpr) -> Bool {
            switch e {
            case .binary(let op, let a, let b, _):
                let inLeft = holdsDraw(a)
                guard inLeft || holdsDraw(b) else { return false }
                let (inner, other) = inLeft ? (a, b) : (b, a)
                if op == "*" || op == "/", readsEta(other) { return true }
                return ["+", "-", "*", "/"].contains(op) && scaleReadsEta(inner)
            case .unary(_, let x, _):
                return scaleReadsEta(x)
            default:
                return false
            }
        }
        return values.contains(where: scaleReadsEta)
    }
}
