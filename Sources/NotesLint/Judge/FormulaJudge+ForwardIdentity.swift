/// An equation between x_t, x_0, the noise ε and the model's predictions ε_θ and x̂_0, such as
/// √ᾱ_t·(x̂_0 − x_0) = √(1 − ᾱ_t)·(ε − ε_θ): both sides are written in the basis (x_0, ε, ε_θ) with
///
///     x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε,   x̂_0 = (x_t − √(1 − ᾱ_t)·ε_θ)/√ᾱ_t,
///
/// and must have the same coordinates at every probe. Only equations in which each side has two
/// or more of these quantities are judged (`ε_θ = ε` states a training target, `x_t = …` is a
/// forward sample judged by its own rule), with one noise symbol in all (two names may be two
/// draws) and no other state (x_{t−1} belongs to the reverse step).
extension FormulaJudge {
    func judgeForwardIdentity(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        guard chain.sides.count >= 2 else { return [] }
        let allowed: Set<InputKey> = [.state(offset: 0), .data, .predictedData, .predictedNoise]
        for k in chain.firstOwnStep..<chain.sides.count where chain.relations[k - 1] == "=" {
            guard let a = exprs[k - 1], let b = exprs[k] else { continue }
            // A continuous-time path's x_t (cos(πt/2)·x_0 + sin(πt/2)·ε, or α_t, σ_t in a path
            // note) is not DDPM's x_t.
            if pathDocument || ContinuousPath.isPathFormula(a) || ContinuousPath.isPathFormula(b) { continue }
            var noiseNames = Set<String>()
            for e in [a, b] {
                e.forEachSymbol { s in
                    if ["epsilon", "z", "xi"].contains(s.base), !s.isModel, !s.decorations.contains("stepLabel") {
                        noiseNames.insert(s.base + (s.subscriptText ?? "") + s.decorations.sorted().joined())
                    }
                }
            }
            guard noiseNames.count <= 1 else { continue }
            func coordinates(_ e: MathExpr, _ p: Probe) -> (constant: Double, x0: Double, noise: Double, model: Double, keys: Int)? {
                guard let f = affine(e, p), let abar = p.schedule.alphaBar(p.t), abar > 0, abar < 1 else { return nil }
                let noise = f.coefficients.filter { $0.key.isNoise }.values.reduce(0, +)
                let others = f.deterministicKeys
                guard others.isSubset(of: allowed) else { return nil }
                let r = (1 - abar).squareRoot(), s = abar.squareRoot()
                let xt = f.coefficient(.state(offset: 0)), x0 = f.coefficient(.data), hat = f.coefficient(.predictedData), eps = f.coefficient(.predictedNoise)
                let keys = others.count + (abs(noise) > 0 ? 1 : 0)
                return (f.constant, x0 + s * xt + hat, noise + r * xt + hat * r / s, eps - hat * r / s, keys)
            }
            guard let first = allProbes.first, let ca = coordinates(a, first), let cb = coordinates(b, first), ca.keys >= 2, cb.keys >= 2 else { continue }
            var mismatch: (Probe, String)?
            var checked = true
            for p in allProbes {
                guard let u = coordinates(a, p), let v = coordinates(b, p) else { checked = false; break }
                let scale = max(abs(u.x0), abs(u.noise), abs(u.model), abs(v.x0), abs(v.noise), abs(v.model), 1e-12)
                func same(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-9 * scale }
                if !(same(u.constant, v.constant) && same(u.x0, v.x0) && same(u.noise, v.noise) && same(u.model, v.model)) {
                    if mismatch == nil {
                        mismatch = (p, "in x_0, ε and ε_θ the side before is \(Self.combination(u.x0, u.noise, u.model)), this side \(Self.combination(v.x0, v.noise, v.model))")
                    }
                } else if mismatch != nil {
                    // Right at one probe and wrong at another: not a clean verdict.
                    checked = false
                }
            }
            guard checked else { continue }
            notes.structures += 1
            if let (p, detail) = mismatch {
                return [MathFinding(rule: .forwardIdentity, offset: chain.sides[k].start,
                                    message: "with x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε and x̂_0 = (x_t − √(1 − ᾱ_t)·ε_θ)/√ᾱ_t the two sides differ: \(detail) at \(p.name)",
                                    fix: "√ᾱ_t·(x̂_0 − x_0) = √(1 − ᾱ_t)·(ε − ε_θ)")]
            }
        }
        return []
    }

    /// `0.019·ε − 0.019·ε_θ`: the non-zero terms with their signs.
    static func combination(_ x0: Double, _ noise: Double, _ model: Double) -> String {
        let terms = [(x0, "x_0"), (noise, "ε"), (model, "ε_θ")].filter { abs($0.0) > 1e-12 }
        guard !terms.isEmpty else { return "0" }
        return terms.enumerated().map { i, t in
            let magnitude = "\(format(abs(t.0)))·\(t.1)"
            return i == 0 ? (t.0 < 0 ? "−" : "") + magnitude : (t.0 < 0 ? " − " : " + ") + magnitude
        }.joined()
    }
}
