/// An equation between x_t, x_0, the noise ε and the model's predictions ε_θ and x̂_0, such as
/// √ᾱ_t·(x̂_0 − x_0) = √(1 − ᾱ_t)·(ε − ε_θ): both sides are written in the basis (x_0, ε, ε_θ) with
///
///     x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε,   x̂_0 = (x_t − √(1 − ᾱ_t)·ε_θ)/√ᾱ_t,
///
/// and must have the same coordinates at every probe. Only equations in which each side has two
/// or more of these quantities are judged (`ε_θ = ε` states a training target, `x_t = …` is a
/// forward sample judged by its own rule), with one noise symbol in all (two names may be two
/// draws) and no other state (x_{t−1} belongs to the reverse step).
///
/// A link whose later side has dropped x_0 for the model's estimate (x̂_0, or ε_θ in its place)
/// is a plug-in step, as DDIM's sampler writes x_{t−1} = √ᾱ_{t−1}·x̂_0 + … after stating it in
/// x_0: it is right when the earlier side, read with x_0 := x̂_0, is the same form. Only a link
/// wrong under that reading as well is reported. In a display that states the note's own relation
/// x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε_θ, every x_0 is that estimate. A link whose later side has
/// put ε_θ where the earlier one draws a noise (√ᾱ_{t−1}·x̂_0 + √(1 − ᾱ_{t−1})·ε with ε ~ N(0, I),
/// then the same with ε_θ: "the noise may also be the network's estimate") is a plug-in of the
/// noise, judged the same way with ε := ε_θ.
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
            func coordinates(_ e: MathExpr, _ p: Probe, sigma: Double? = nil, pluggingIn: Bool = false, pluggingInNoise: Bool = false, reading: AlphaConvention? = nil) -> Coordinates? {
                var ev = evaluator(p, reading)
                if let sigma { ev.parameters["sigma"] = sigma }
                guard var f = AffineForm(e, evaluator: ev), let abar = p.schedule.alphaBar(p.t), abar > 0, abar < 1 else { return nil }
                if pluggingIn || dataIsEstimate, let x0 = f.coefficients.removeValue(forKey: .data) {
                    f.coefficients[.predictedData, default: 0] += x0
                }
                if pluggingInNoise {
                    for key in f.coefficients.keys.filter(\.isNoise) {
                        f.coefficients[.predictedNoise, default: 0] += f.coefficients.removeValue(forKey: key) ?? 0
                    }
                }
                let noise = f.coefficients.filter { $0.key.isNoise }.values.reduce(0, +)
                let others = f.deterministicKeys
                guard others.isSubset(of: allowed) else { return nil }
                let r = (1 - abar).squareRoot(), s = abar.squareRoot()
                let xt = f.coefficient(.state(offset: 0)), x0 = f.coefficient(.data), hat = f.coefficient(.predictedData), eps = f.coefficient(.predictedNoise)
                let keys = others.count + (abs(noise) > 0 ? 1 : 0)
                return Coordinates(constant: f.constant, x0: x0 + s * xt + hat, noise: noise + r * xt + hat * r / s, model: eps - hat * r / s, keys: keys)
            }
            guard let first = allProbes.first, let ca = coordinates(a, first), let cb = coordinates(b, first), ca.keys >= 2, cb.keys >= 2 else { continue }
            let (plugIn, noisePlugIn) = plugInSteps(a, b, first)
            if plugIn || noisePlugIn, allProbes.allSatisfy({ p in
                guard let u = coordinates(a, p, pluggingIn: plugIn, pluggingInNoise: noisePlugIn), let v = coordinates(b, p) else { return false }
                return u.same(as: v)
            }) {
                notes.structures += 1
                continue
            }
            // `√ᾱ_{t−1}·(x_t − √(1 − ᾱ_t)·ε_θ)/√ᾱ_t + … = √ᾱ_{t−1}·x_0 + …`: a later side that
            // writes x_0 where the earlier one expanded the estimate names x̂_0 by x_0.
            if namesEstimateAsData(a, b, first),
               allProbes.allSatisfy({ p in
                   guard let u = coordinates(a, p), let v = coordinates(b, p, pluggingIn: true) else { return false }
                   return u.same(as: v)
               }) {
                notes.structures += 1
                continue
            }
            var mismatch: (Probe, Coordinates, Coordinates)?
            var checked = true
            for p in allProbes {
                guard let u = coordinates(a, p), let v = coordinates(b, p) else { checked = false; break }
                if !u.same(as: v) {
                    // σ_t left free on either side: the link holds if one admissible σ_t makes it.
                    if mentionsFreeSigma(a) || mentionsFreeSigma(b), linkHoldsForSomeSigma(p, { coordinates(a, p, sigma: $0) }, { coordinates(b, p, sigma: $0) }) {
                        if mismatch != nil { checked = false }
                        continue
                    }
                    if mismatch == nil { mismatch = (p, u, v) }
                } else if mismatch != nil {
                    // Right at one probe and wrong at another: not a clean verdict.
                    checked = false
                }
            }
            guard checked else { continue }
            notes.structures += 1
            // A note that also uses the DDIM paper's α (its α_t is DDPM's ᾱ_t) may start a
            // derivation in it and go on in DDPM's ᾱ: the side written without any ᾱ is read in the
            // paper's notation.
            if mismatch != nil, convention == .ddpm, alsoUsesPaperReading, let paperSide = [a, b].firstIndex(where: { !Self.mentionsBarredAlpha($0) }),
               Self.mentionsBarredAlpha(paperSide == 0 ? b : a),
               allProbes.allSatisfy({ p in
                   let (ra, rb): (AlphaConvention?, AlphaConvention?) = paperSide == 0 ? (.ddim, nil) : (nil, .ddim)
                   guard let u = coordinates(a, p, reading: ra), let v = coordinates(b, p, reading: rb) else { return false }
                   if u.same(as: v) { return true }
                   return (mentionsFreeSigma(a) || mentionsFreeSigma(b))
                       && linkHoldsForSomeSigma(p, { coordinates(a, p, sigma: $0, reading: ra) }, { coordinates(b, p, sigma: $0, reading: rb) })
               }) {
                continue
            }
            // `√ᾱ_{t−1}·x_0 + √(1 − ᾱ_{t−1})·ε_θ = √ᾱ_{t−1}·x_0 + √(1 − ᾱ_{t−1})·(x_t − √ᾱ_t·x_0)/√(1 − ᾱ_t)`:
            // one side holds only the prediction, the other only the noise of x_t, with the same
            // weights. The note's x_0 is the estimate x̂_0 there, for which x_t's noise is ε_θ.
            if mismatch != nil, allProbes.allSatisfy({ p in
                guard let u = coordinates(a, p), let v = coordinates(b, p) else { return false }
                let oneEach = (u.noise == 0 && v.model == 0 && u.model != 0) || (u.model == 0 && v.noise == 0 && u.noise != 0)
                let merged = { (c: Coordinates) in Coordinates(constant: c.constant, x0: c.x0, noise: c.noise + c.model, model: 0, keys: c.keys) }
                return oneEach && merged(u).same(as: merged(v))
            }) {
                continue
            }
            if let (p, u, v) = mismatch {
                let reading = plugIn ? " (read as putting x̂_0 in place of x_0 as well)" : noisePlugIn ? " (read as putting ε_θ in place of the noise as well)" : ""
                let lead = "with x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε and x̂_0 = (x_t − √(1 − ᾱ_t)·ε_θ)/√ᾱ_t the two sides differ\(reading): in x_0, ε and ε_θ"
                let before = Self.combination(u.x0, u.noise, u.model), after = Self.combination(v.x0, v.noise, v.model)
                let fix = "√ᾱ_t·(x̂_0 − x_0) = √(1 − ᾱ_t)·(ε − ε_θ)"
                switch blamedSide(chain, exprs, before: k - 1, after: k) {
                case .before:
                    return [MathFinding(rule: .forwardIdentity, offset: chain.sides[k - 1].start,
                                        message: "\(lead) this side is \(before), the side after it (\(Self.lineMark(chain.sides[k].start)), a right form of what the chain derives) \(after) at \(p.name)", fix: fix)]
                case .after:
                    return [MathFinding(rule: .forwardIdentity, offset: chain.sides[k].start,
                                        message: "\(lead) the side before is \(before), this side \(after) at \(p.name)", fix: fix)]
                case .reportedWithItsDisplay:
                    continue
                case .undecided:
                    return [MathFinding(rule: .forwardIdentity, offset: chain.sides[k].start,
                                        message: "\(lead) the side before (\(Self.lineMark(chain.sides[k - 1].start))) is \(before), this side \(after) at \(p.name); one of the two is wrong", fix: fix)]
                }
            }
        }
        return []
    }

    /// Whether an expression writes α with a bar (ᾱ, \bar{\alpha_t} alike).
    static func mentionsBarredAlpha(_ e: MathExpr) -> Bool {
        e.contains { $0.asSymbol.map { $0.base == "alpha" && $0.isBarred } ?? false }
    }

    /// Whether the earlier side is written in x_t and ε_θ alone (x̂_0 expanded) and the later one
    /// in x_0: the later x_0 may be the estimate the earlier side expanded.
    func namesEstimateAsData(_ earlier: MathExpr, _ later: MathExpr, _ p: Probe) -> Bool {
        guard let e = affine(earlier, p), let l = affine(later, p) else { return false }
        return e.coefficient(.data) == 0 && e.coefficient(.predictedData) == 0 && e.coefficient(.state(offset: 0)) != 0
            && e.coefficient(.predictedNoise) != 0 && l.coefficient(.data) != 0
    }

    /// Which of x_0 and the noise `later` replaces by the model's estimate. `data`: `earlier`
    /// holds x_0, `later` none but x̂_0 or ε_θ. `noise`: `earlier` holds a noise and no ε_θ,
    /// `later` ε_θ and no noise.
    func plugInSteps(_ earlier: MathExpr, _ later: MathExpr, _ p: Probe) -> (data: Bool, noise: Bool) {
        guard let e = affine(earlier, p), let l = affine(later, p) else { return (false, false) }
        let data = e.coefficient(.data) != 0 && l.coefficient(.data) == 0
            && (l.coefficient(.predictedData) != 0 || l.coefficient(.predictedNoise) != 0)
        let noise = e.hasNoise && e.coefficient(.predictedNoise) == 0 && !l.hasNoise && l.coefficient(.predictedNoise) != 0
        return (data, noise)
    }

    struct Coordinates {
        var constant, x0, noise, model: Double
        var keys: Int

        /// Equal up to 10⁻⁹ of the largest coordinate: both sides are the same affine form, so
        /// only rounding separates them.
        func same(as v: Coordinates) -> Bool {
            let scale = max(abs(x0), abs(noise), abs(model), abs(v.x0), abs(v.noise), abs(v.model), 1e-12)
            func close(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-9 * scale }
            return close(constant, v.constant) && close(x0, v.x0) && close(noise, v.noise) && close(model, v.model)
        }
    }

    /// Whether some σ_t in [0, √(1 − ᾱ_{t−1})] makes the two sides one form at this probe: the
    /// ε_θ coordinates' difference is scanned for a sign change (or zero), refined by bisection,
    /// and there every coordinate must agree (within 10⁻⁶ of the largest, the bisection's reach).
    func linkHoldsForSomeSigma(_ p: Probe, _ a: (Double) -> Coordinates?, _ b: (Double) -> Coordinates?) -> Bool {
        guard let previous = p.schedule.alphaBar(p.t - 1), previous < 1 else { return false }
        let largest = (1 - previous).squareRoot()
        func gap(_ sigma: Double) -> Double? {
            guard let u = a(sigma), let v = b(sigma) else { return nil }
            return u.model - v.model
        }
        func agrees(_ sigma: Double) -> Bool {
            guard let u = a(sigma), let v = b(sigma) else { return false }
            let scale = max(abs(u.x0), abs(u.noise), abs(u.model), abs(v.x0), abs(v.noise), abs(v.model), 1e-12)
            return [u.constant - v.constant, u.x0 - v.x0, u.noise - v.noise, u.model - v.model].allSatisfy { abs($0) <= 1e-6 * scale }
        }
        // The note set σ² = β̃_t: that value first.
        if sigmaIsPosteriorVariance, let tilde = p.schedule.posteriorVariance(p.t), agrees(tilde.squareRoot()) { return true }
        let steps = 64
        guard var lastGap = gap(0) else { return false }
        var lo = 0.0
        if agrees(0) { return true }
        for i in 1...steps {
            let hi = largest * Double(i) / Double(steps)
            guard let g = gap(hi) else { return false }
            if g == 0 || (g < 0) != (lastGap < 0) {
                var (x, y, gx) = (lo, hi, lastGap)
                for _ in 0..<60 {
                    let m = (x + y) / 2
                    guard let gm = gap(m) else { return false }
                    if (gm < 0) == (gx < 0) { (x, gx) = (m, gm) } else { y = m }
                }
                if agrees((x + y) / 2) { return true }
            }
            (lo, lastGap) = (hi, g)
        }
        return false
    }

    /// `reportedWithItsDisplay`: the side before is wrong and belongs to the display this one
    /// continues, where it is reported; the step to this side repeats that error.
    enum BlamedSide { case before, after, undecided, reportedWithItsDisplay }

    /// Which side of a broken link is wrong: the one that is not a form the judge knows to be
    /// right for the chain's first side (the quantity the chain derives, as `x_{t−1}`, `x̂_0`),
    /// when the other one is, or the one that disagrees with an earlier side of the chain.
    func blamedSide(_ chain: FormulaChain, _ exprs: [MathExpr?], before i: Int, after j: Int) -> BlamedSide {
        guard i >= 1, let lhs = exprs[0] else { return .undecided }
        func verdict(_ k: Int) -> Bool? {
            guard let e = exprs[k], let r = judgeEquation(lhs: lhs, lhsOffset: chain.sides[0].start, rhs: e, rhsOffset: chain.sides[k].start) else { return nil }
            return r.isEmpty
        }
        let earlier = verdict(i), later = verdict(j)
        if earlier == false, i < chain.carriedSides, later != false { return .reportedWithItsDisplay }
        if earlier == true, later != true { return .after }
        if later == true, earlier != true, i >= chain.carriedSides { return .before }
        return .undecided
    }

    /// A marker that the analysis replaces with the line of `offset` (the judge sees offsets only).
    static func lineMark(_ offset: Int) -> String { "\u{1}\(offset)\u{1}" }

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
