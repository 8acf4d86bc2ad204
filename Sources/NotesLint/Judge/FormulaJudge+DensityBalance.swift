/// Steps between products, quotients and sums of logs of densities, judged by the calculus of
/// densities (``DensityCalculus``): first the balance of the variables, then the joints.
extension FormulaJudge {
    /// Every `=` step of the chain whose sides are both densities: an unbalanced step is DL131, a
    /// balanced one that is not the same density DL116. A step after a wrong one is compared with
    /// the last side before the error as well, and is reported only when it agrees with neither
    /// (it may carry the error on, or undo it). Steps another finding already covers are left out.
    func judgeDensityCalculus(_ chain: FormulaChain, _ exprs: [MathExpr?], covered: [MathFinding]) -> [MathFinding] {
        guard chain.sides.count >= 2, let ev = DensityCalculus.indexEvaluator() else { return [] }
        var findings: [MathFinding] = []
        var sides: [Int: DensitySide?] = [:]
        func side(_ k: Int) -> DensitySide? {
            if let s = sides[k] { return s }
            let s = exprs[k].flatMap { DensityCalculus.side($0, ev) }
            sides[k] = s
            return s
        }
        // The last side before a reported error: a later side that agrees with it undoes the error.
        var beforeError: Int?
        for k in 1..<chain.sides.count {
            // ≡ is "equal up to terms that do not depend on θ" in the DDIM paper: no identity.
            guard Self.densityIdentities.contains(chain.relations[k - 1]),
                  let b = side(k), let a = side(k - 1) else {
                beforeError = nil
                explainUnread(chain.relations[k - 1], exprs[k - 1], exprs[k], read: side(k - 1) != nil && side(k) != nil)
                continue
            }
            let end = k + 1 < chain.sides.count ? chain.sides[k + 1].start : Int.max
            if covered.contains(where: { $0.offset >= chain.sides[k - 1].start && $0.offset < end }) { beforeError = nil; continue }
            // The fix writes the chain's own subject (its first side, when one density) in the calculus.
            let subject = side(0).flatMap { $0.factors.count == 1 ? $0 : nil }
            guard var f = densityStep(a, b, ev, subject: subject) else { continue }
            if let g = beforeError, let good = side(g), densityStep(good, b, ev) == nil { beforeError = nil; continue }
            if beforeError == nil { beforeError = k - 1 }
            f.offset = chain.sides[k].start
            findings.append(f)
        }
        return findings
    }

    static let densityIdentities: Set<String> = ["=", "coloneqq", ":=", "triangleq", "eqqcolon"]

    /// Says in the coverage why a step that holds densities was not checked by the calculus.
    private func explainUnread(_ relation: String, _ a: MathExpr?, _ b: MathExpr?, read: Bool) {
        let holdsDensities = [a, b].contains { $0?.contains(where: Self.isDensity) ?? false }
        guard holdsDensities else { return }
        if read {
            skip("a step between densities under \(relation) (not =) is no identity the density calculus checks")
        } else if Self.densityIdentities.contains(relation) {
            skip("a side with densities under an integral, an expectation of one side only, a sum of densities or a non-whole power is not read by the density calculus")
        }
    }

    /// nil when the step is right or not judged; else the finding (its offset set by the caller).
    func densityStep(_ a: DensitySide, _ b: DensitySide, _ ev: MathEvaluator, subject: DensitySide? = nil) -> MathFinding? {
        guard a.form == b.form, a.expectation == b.expectation else { return nil }
        // `q(x' | x) = q(x | x')`: a symmetric proposal kernel, a statement about the function's
        // values with its arguments swapped, not an identity between densities of variables.
        if a.factors.count == 1, b.factors.count == 1, let f = a.factors.first, let g = b.factors.first,
           f.head.base == g.head.base, f.head.subscriptText == g.head.subscriptText, f.power == g.power,
           !f.conditions.isEmpty, Set(f.targets) == g.conditions, Set(g.targets) == f.conditions { return nil }
        let count = a.factors.count + b.factors.count
        guard count >= 2 else { return nil }
        notes.structures += 1
        var left = DensityCalculus.netTargets(a.factors), right = DensityCalculus.netTargets(b.factors)
        // A variable named by a letter on one side only may be the note's name for states of the
        // other (z for x_{1:T}) or a typo: the step is not judged.
        let named = [a, b].map { side in Set(side.factors.flatMap { $0.targets + $0.conditions }.filter { $0.stateIndex == nil }) }
        guard named[0] == named[1] else { return nil }
        if left != right {
            let differing = Set(left.keys).union(right.keys).filter { left[$0] != right[$0] }
            guard differing.allSatisfy({ $0.stateIndex != nil }) || differing.allSatisfy({ $0.stateIndex == nil }) else { return nil }
            // p(x, t)/p(t) = p(x, t) where the note has set p(t) = 1: a constant density drops out.
            guard !differing.isSubset(of: constantDensities) else { return nil }
            // −log f on both sides: name the densities, not their negative powers.
            if (Array(left.values) + Array(right.values)).allSatisfy({ $0 < 0 }) {
                left = left.mapValues { -$0 }
                right = right.mapValues { -$0 }
            }
            return MathFinding(rule: .unbalancedDensities, offset: 0,
                               message: unbalancedMessage(a, left, right, ev),
                               fix: unbalancedFix(a, left, right, ev, subject: subject))
        }
        // Single densities on both sides are judged by the Markov identities. A variable that is
        // no state of the chain (a label y, a condition c) has a place in it only the note states
        // (p(y | x_{t−1}, x_t) = p(y | x_{t−1}) in classifier guidance): such a step is not judged.
        guard count >= 3, named[0].isEmpty, !DensityCalculus.sameJoints(a, b) else { return nil }
        // `p_{0×1}(x_0, x_1) = p_0(x_0)·p_1(x_1)`, `q(x_0, x_1) = p_0(x_0)·p_1(x_1)`: a density defined
        // from others each named by its own subscript (an independent coupling of a source and a
        // target); no identity of one chain's densities.
        let heads = [a, b].map { side in Set(side.factors.map { "\($0.head.base)_\($0.head.subscriptText ?? "")" }) }
        if heads[0].isDisjoint(with: heads[1]),
           [a, b].contains(where: { side in side.factors.allSatisfy { $0.head.subscriptText != nil } }) { return nil }
        return MathFinding(rule: .wrongFactorization, offset: 0,
                           message: "this step changes the densities: by the chain rule (q(A | C) = q(A, C)/q(C)) and the Markov property the two sides are not the same density",
                           fix: "q(x_{t−1} | x_t, x_0) = q(x_t | x_{t−1}, x_0)·q(x_{t−1} | x_0)/q(x_t | x_0)")
    }

    private func unbalancedMessage(_ a: DensitySide, _ left: [DensityVariable: Int], _ right: [DensityVariable: Int], _ ev: MathEvaluator) -> String {
        let leftConditions = a.factors.count == 1 ? a.factors[0].conditions : []
        let extra = right.filter { (left[$0.key] ?? 0) < $0.value }.map(\.key)
        let missing = left.filter { (right[$0.key] ?? 0) < $0.value }.map(\.key)
        var parts = ["the two sides are densities of different variables: the side before is a density of \(Self.describe(left, ev)), this one of \(Self.describe(right, ev))"]
        if let given = extra.filter({ leftConditions.contains($0) }).sorted().first {
            parts.append("\(Self.name(given, ev)) is given on the left, so no factor on the right may be a density of it")
        } else if !extra.isEmpty, missing.isEmpty {
            parts.append("a density of fewer variables is the joint with the others integrated out, not the joint itself")
        }
        return parts.joined(separator: "; ")
    }

    private func unbalancedFix(_ a: DensitySide, _ left: [DensityVariable: Int], _ right: [DensityVariable: Int], _ ev: MathEvaluator, subject: DensitySide?) -> String {
        let extra = right.filter { (left[$0.key] ?? 0) < $0.value }.map(\.key)
        let missing = left.filter { (right[$0.key] ?? 0) < $0.value }.map(\.key)
        let leftConditions = a.factors.count == 1 ? a.factors[0].conditions : []
        if let given = extra.filter({ leftConditions.contains($0) }).sorted().first {
            return "condition the factor that is a density of \(Self.name(given, ev)) on it instead, as in q(x_{t−1}, x_t | x_0) = q(x_t | x_0)·q(x_{t−1} | x_t, x_0)"
        }
        if !extra.isEmpty, missing.isEmpty {
            return "integrate out \(Self.describe(Dictionary(uniqueKeysWithValues: extra.map { ($0, 1) }), ev)): p_θ(x_0) = ∫ p_θ(x_{0:T}) dx_{1:T}"
        }
        if let f = (subject ?? a).factors.first, (subject ?? a).factors.count == 1, f.power == 1, !f.conditions.isEmpty {
            let joint = SignedDensity(head: f.head, targets: f.targets + f.conditions.sorted(by: >), conditions: [], power: 1)
            let given = SignedDensity(head: f.head, targets: f.conditions.sorted(by: >), conditions: [], power: 1)
            return "\(Self.text(f, ev)) = \(Self.text(joint, ev))/\(Self.text(given, ev)), numerator and denominator conditioned on the same variables"
        }
        return "each variable must be the target of as many factors on one side as on the other (numerators less denominators)"
    }

    /// `q(x_{t−1} | x_t, x_0)`, `p_θ(x_0)`.
    static func text(_ f: SignedDensity, _ ev: MathEvaluator) -> String {
        let head = f.head.base + (f.head.isModel ? "_θ" : "")
        let targets = f.targets.map { name($0, ev) }.joined(separator: ", ")
        let conditions = f.conditions.sorted(by: >).map { name($0, ev) }.joined(separator: ", ")
        return "\(head)(\(targets)\(conditions.isEmpty ? "" : " | " + conditions))"
    }

    /// `x_t`, `x_{t−1}`, `x_T`, `x_3`, `y` for one variable at the probe.
    static func name(_ v: DensityVariable, _ ev: MathEvaluator) -> String {
        switch v {
        case .named(let n): return n.split(separator: "·").first.map(String.init) ?? n
        case .state(let i):
            if i == ev.schedule.count { return "x_T" }
            if i == ev.t { return "x_t" }
            if i != 0, abs(i - ev.t) <= 3 { return "x_{t\(i < ev.t ? "−" : "+")\(abs(i - ev.t))}" }
            if i == ev.schedule.count - 1 { return "x_{T−1}" }
            return i >= 0 && i <= 9 ? "x_\(i)" : "x_{\(i)}"
        }
    }

    /// The variables of the numerators, then `divided by a density of` those left over from the
    /// denominators.
    static func describe(_ vars: [DensityVariable: Int], _ ev: MathEvaluator) -> String {
        let over = vars.filter { $0.value > 0 }, under = vars.filter { $0.value < 0 }.mapValues { -$0 }
        if under.isEmpty { return listed(over, ev) }
        return (over.isEmpty ? "1" : listed(over, ev)) + " divided by a density of " + listed(under, ev)
    }

    /// The variables with their multiplicities, consecutive states as ranges (`x_{1:T}`).
    static func listed(_ vars: [DensityVariable: Int], _ ev: MathEvaluator) -> String {
        var out: [String] = []
        let states = vars.keys.compactMap(\.stateIndex).sorted()
        var k = 0
        func bound(_ i: Int) -> String {
            let n = name(.state(i), ev)
            guard n.hasPrefix("x_") else { return n }
            return String(n.dropFirst(2)).trimmingCharacters(in: ["{", "}"])
        }
        while k < states.count {
            var j = k
            while j + 1 < states.count, states[j + 1] == states[j] + 1, vars[.state(states[j + 1])] == vars[.state(states[k])] { j += 1 }
            let count = vars[.state(states[k])] ?? 1
            let power = count == 1 ? "" : " (\(count) times)"
            out.append((j - k >= 2 ? "x_{\(bound(states[k])):\(bound(states[j]))}" : (k...j).map { name(.state(states[$0]), ev) }.joined(separator: ", ")) + power)
            k = j + 1
        }
        for v in vars.keys.filter({ $0.stateIndex == nil }).sorted() {
            let count = vars[v] ?? 1
            out.append(name(v, ev) + (count == 1 ? "" : " (\(count) times)"))
        }
        return out.isEmpty ? "no variable" : out.joined(separator: ", ")
    }

    /// Variables whose marginal density the note states is a number: `p(t) = 1` for a time drawn
    /// uniformly from [0, 1]. Read from any chain with a lone unconditional density of one variable
    /// other than a chain state on one side and a number on another.
    static func constantDensities(_ chains: [FormulaChain]) -> Set<DensityVariable> {
        guard let ev = DensityCalculus.indexEvaluator() else { return [] }
        var found = Set<DensityVariable>()
        for chain in chains where chain.sides.count >= 2 && chain.relations.allSatisfy({ $0 == "=" }) {
            let exprs = chain.sides.map(\.expr)
            guard exprs.contains(where: { if case .number? = $0 { return true } else { return false } }) else { continue }
            for e in exprs.compactMap({ $0 }) {
                guard let side = DensityCalculus.side(e, ev), side.expectation == nil, side.factors.count == 1,
                      let f = side.factors.first, f.power == 1, f.conditions.isEmpty, f.targets.count == 1,
                      let v = f.targets.first, v.stateIndex == nil else { continue }
                found.insert(v)
            }
        }
        return found
    }
}
