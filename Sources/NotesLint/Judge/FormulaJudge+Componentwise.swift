/// Identities written component by component: the squared Euclidean norm is the sum of the
/// squared components, ‖v‖² = Σ_i v_i², and Jensen's inequality for a convex f weighs the values
/// of f, f(Σ_i λ_i x_i) ≤ Σ_i λ_i f(x_i), with the weights outside f.
extension FormulaJudge {
    /// A sum over one index as the index and its factors: `Σ_i λ_i x_i` (which reads as
    /// (Σ_i λ_i)·x_i, the sum binding its first factor) gives i and [λ_i, x_i].
    static func indexedSum(_ e: MathExpr) -> (index: String, factors: [MathExpr])? {
        func flat(_ e: MathExpr) -> [MathExpr] { if case .product(let fs) = e { return fs }; return [e] }
        // `\sum_{k}` names its index by the lower limit alone.
        func index(_ index: String?, _ lower: MathExpr?) -> String? {
            if let index, !index.isEmpty { return index }
            if let s = lower?.asSymbol, s.subscriptText == nil, s.decorations.isEmpty { return s.base }
            return nil
        }
        if case .bigOperator("sum", let i, let lower, _, let body) = e, let k = index(i, lower) { return (k, flat(body)) }
        if case .product(let fs) = e, fs.count >= 2, case .bigOperator("sum", let i, let lower, _, let body) = fs[0], let k = index(i, lower) {
            return (k, flat(body) + fs.dropFirst())
        }
        return nil
    }

    /// The name of a vector or of its component: `ψ(ξ; θ)` and `ψ_i(ξ; θ)` are both ψ (a name the
    /// parser does not know as a function reads as ψ followed by its arguments).
    static func componentName(_ e: MathExpr) -> String? {
        if case .product(let fs) = e, fs.count == 2, let s = fs[0].asSymbol, case .opaque = fs[1] { return s.base }
        if let s = e.asSymbol { return s.base }
        if let (h, _) = e.asApplication, !["E", "p", "q", "N"].contains(h.base) { return h.base }
        return nil
    }

    /// Whether `e` is the component of `name` indexed by the sum's index (`v_i`, `ψ_i(ξ)`).
    static func isComponent(_ e: MathExpr, of name: String, index: String) -> Bool {
        let symbol = e.asSymbol ?? e.asApplication?.head
        guard let s = symbol, s.base == name, let sub = s.subscriptText else { return false }
        return sub == index
    }

    func judgeSquaredNorm(_ lhs: MathExpr, _ rhs: MathExpr, offset: Int) -> MathFinding? {
        guard case .power(.norm(let inner), .number(2)) = lhs, let name = Self.componentName(inner),
              let (index, factors) = Self.indexedSum(rhs), let component = factors.first,
              factors.dropFirst().allSatisfy({ if case .opaque = $0 { return true }; return false }) else { return nil }
        // The body is the bare component, not its square (or its absolute value squared).
        guard Self.isComponent(component, of: name, index: index) else { return nil }
        return MathFinding(rule: .componentwiseIdentity, offset: offset,
                           message: "the squared norm sums the squared components: ‖v‖² = Σ_i v_i²; this sum adds the components themselves (their sum can even be negative)",
                           fix: "‖v‖² = Σ_i v_i²")
    }

    /// `f(Σ λ_i x_i) ≤ Σ f(λ_i x_i)`: the weight of the convex combination inside f on the right.
    func judgeJensenWeights(_ lhs: MathExpr, _ rhs: MathExpr, offset: Int) -> MathFinding? {
        func applied(_ e: MathExpr) -> (name: String, arg: MathExpr)? {
            if let (h, args) = e.asApplication, args.count == 1, !["E", "p", "q", "N", "D", "KL"].contains(h.base) { return (h.base, args[0].expr) }
            if case .function(let name, let arg, nil) = e { return (name, arg) }
            return nil
        }
        guard let (f, lhsArg) = applied(lhs), let (index, lhsFactors) = Self.indexedSum(lhsArg), lhsFactors.count == 2,
              let (rhsIndex, rhsSummand) = Self.indexedSum(rhs), rhsIndex == index, rhsSummand.count == 1, let (g, rhsArg) = applied(rhsSummand[0]), g == f,
              case .product(let rhsFactors) = rhsArg, rhsFactors.count == 2 else { return nil }
        // The same two indexed factors (the weight λ_i and the point x_i) inside f on both sides.
        let names = Set(lhsFactors.compactMap { e -> String? in (e.asSymbol?.subscriptText == index) ? e.asSymbol?.base : nil })
        let inside = Set(rhsFactors.compactMap { e -> String? in (e.asSymbol?.subscriptText == index) ? e.asSymbol?.base : nil })
        guard names.count == 2, names == inside else { return nil }
        return MathFinding(rule: .componentwiseIdentity, offset: offset,
                           message: "Jensen's inequality weighs the values of f: f(Σ_i λ_i x_i) ≤ Σ_i λ_i f(x_i) for convex f (≥ for concave f such as log); here the weights are inside f on the right",
                           fix: "Σ_i λ_i f(x_i)")
    }

    func judgeComponentwise(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        var findings: [MathFinding] = []
        for k in 1..<max(1, chain.sides.count) {
            guard let lhs = exprs[k - 1], let rhs = exprs[k] else { continue }
            if chain.relations[k - 1] == "=", let f = judgeSquaredNorm(lhs, rhs, offset: chain.sides[k].start) { findings.append(f) }
            if Self.direction(of: [chain.relations[k - 1]][...]) != nil, let f = judgeJensenWeights(lhs, rhs, offset: chain.sides[k].start) { findings.append(f) }
        }
        return findings
    }
}
