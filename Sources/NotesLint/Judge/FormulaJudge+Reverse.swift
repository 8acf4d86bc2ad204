import CheckerCore

extension FormulaJudge {
    /// The DDPM reverse step's coefficients at a probe (Ho et al. 2020, Eq. 11).
    func ddpmCoefficients(_ p: Probe) -> (x: Double, eps: Double)? {
        p.schedule.reverseStepCoefficients(p.t).map { ($0.xt, $0.eps) }
    }

    /// The DDIM step's σ at a probe (Song et al. 2021, Eq. 16, η = 1).
    func ddimSigma(_ p: Probe) -> Double? {
        p.schedule.ddimVariance(p.t).map { $0.squareRoot() }
    }

    /// The σ values a DDIM formula may mean: the symbol σ_t, η·σ̂_t, or 0 (deterministic).
    func sigmaCandidates(_ p: Probe) -> [Double] {
        let ev = evaluator(p)
        var c = [0.0]
        if let s = ev.parameters["sigma"] { c.append(s) }
        if let s = ddimSigma(p), let eta = ev.parameters["eta"] { c.append(eta * s); c.append(s) }
        return c
    }

    /// Noise variances a reverse step may use: none, σ_t², β_t, β̃_t.
    func reverseVariances(_ p: Probe) -> [Double] {
        var v = [0.0]
        if let s = evaluator(p).parameters["sigma"] { v.append(s * s) }
        if let b = p.schedule.beta(p.t) { v.append(b) }
        if let b = p.schedule.posteriorVariance(p.t) { v.append(b) }
        return v
    }

    /// Affine form with every fresh-noise occurrence read as the predicted noise (a mean written
    /// with ε rather than ε_θ).
    func affineMerged(_ e: MathExpr, _ p: Probe, noiseIsPrediction: Bool) -> AffineForm? {
        guard var f = affine(e, p) else { return nil }
        if noiseIsPrediction {
            let total = f.coefficients.filter { $0.key.isNoise }.values.reduce(0, +) + f.coefficient(.predictedNoise)
            f.coefficients = f.coefficients.filter { !$0.key.isNoise }
            f.coefficients[.predictedNoise] = total
        }
        if let d = f.coefficients.removeValue(forKey: .predictedData) { f.coefficients[.data, default: 0] += d }
        return f
    }

    /// x_{t−1} from x_t and ε_θ (DDPM or DDIM), from x̂_0 and ε_θ (DDIM), or from x_0 and x_t
    /// (the posterior mean).
    func judgeReverse(_ rhs: MathExpr, offset: Int, notation: Notation, keys: Set<InputKey>, allowNoise: Bool, noiseIsPrediction: Bool = false) -> [MathFinding]? {
        var keys = keys
        if noiseIsPrediction, let p = allProbes.first, let f = affineMerged(rhs, p, noiseIsPrediction: true) { keys = f.deterministicKeys }
        if keys.remove(.predictedData) != nil { keys.insert(.data) }
        let merge = noiseIsPrediction
        func noiseOK(_ f: AffineForm, _ p: Probe, _ allowed: [Double]) -> Bool {
            allowed.contains { nearlyEqual(f.noiseVariance, $0) } && (allowNoise || !f.hasNoise)
        }
        if keys == [.state(offset: 0), .predictedNoise] {
            // Su parameterises the reverse mean with his own scaling of ε_θ (β_t rather than
            // β_t²/β̄_t): a step in x_t and ε_θ has no single reading there.
            if convention == .su { return skip("in Su's notation ε_θ's scale is the note's own choice") }
            let ddpm = passes { p in
                guard let f = affineMerged(rhs, p, noiseIsPrediction: merge), let (cx, ce) = ddpmCoefficients(p) else { return false }
                return nearlyEqual(f.coefficient(.state(offset: 0)), cx) && nearlyEqual(f.coefficient(.predictedNoise), ce) && nearlyEqual(f.constant, 0)
                    && noiseOK(f, p, reverseVariances(p))
            }
            if ddpm { return [] }
            if passesReverseSDEStep(rhs, merge: merge, noiseOK: noiseOK) { return [] }
            if passesDDIM(rhs, merge: merge, fromData: false) { return [] }
            // A mean that is DDPM's (wrong only in its noise) is a DDPM step whatever the noise mentions.
            let ddpmMean = passes { p in
                guard let f = affineMerged(rhs, p, noiseIsPrediction: merge), let (cx, ce) = ddpmCoefficients(p) else { return false }
                return nearlyEqual(f.coefficient(.state(offset: 0)), cx) && nearlyEqual(f.coefficient(.predictedNoise), ce)
            }
            if !ddpmMean, mentionsSigmaUnderRoot(rhs) || rhs.mentions(base: "eta") || mentionsPreviousCumulative(rhs) {
                if quotesPaperUpdate(rhs, merge: merge, fromData: false) { return skip(Self.paperUpdateReason) }
                return [ddimFinding(rhs, offset: offset, notation: notation, merge: merge, fromData: false)]
            }
            return [ddpmFinding(rhs, offset: offset, notation: notation, merge: merge)]
        }
        if keys.isSubset(of: [.data, .predictedNoise]), keys.contains(.data) {
            if passesDDIM(rhs, merge: merge, fromData: true) { return [] }
            if quotesPaperUpdate(rhs, merge: merge, fromData: true) { return skip(Self.paperUpdateReason) }
            return [ddimFinding(rhs, offset: offset, notation: notation, merge: merge, fromData: true)]
        }
        if keys == [.data, .state(offset: 0)] {
            // The DDIM kernel's mean √ᾱ_{t−1}·x_0 + √(1 − ᾱ_{t−1} − σ_t²)·(x_t − √ᾱ_t·x_0)/√(1 − ᾱ_t)
            // holds for every σ_t; without σ_t written, its η = 0 member is the deterministic kernel.
            let free = mentionsFreeSigma(rhs)
            func isKernelMean(_ p: Probe, sigma s: Double, noise: Bool) -> Bool {
                guard let f = affine(rhs, p, sigma: s), !f.hasNoise || (noise && nearlyEqual(f.noiseVariance, s * s)),
                      let c = kernelCoefficients(p, variance: s * s) else { return false }
                return nearlyEqual(f.coefficient(.data) + f.coefficient(.predictedData), c.x0) && nearlyEqual(f.coefficient(.state(offset: 0)), c.xt)
            }
            let kernel = allProbes.allSatisfy { p in
                (free ? freeSigmaValues(p) : [0]).allSatisfy { isKernelMean(p, sigma: $0, noise: allowNoise) }
            }
            if kernel { return [] }
            // The note set σ² = β̃_t: the posterior mean written with that σ² is right.
            if free, sigmaIsPosteriorVariance, allProbes.allSatisfy({ p in
                p.schedule.posteriorVariance(p.t).map { isKernelMean(p, sigma: $0.squareRoot(), noise: false) } ?? false
            }) { return [] }
            if free, !allowNoise {
                let p = allProbes[min(1, allProbes.count - 1)]
                return [MathFinding(rule: .wrongPosteriorMean, offset: offset,
                                    message: "read as the mean of the DDIM kernel q_σ(x_{t−1} | x_t, x_0) with σ_t free (\(convention.reading) notation): it is not √ᾱ_{t−1}·x_0 + √(1 − ᾱ_{t−1} − σ_t²)·(x_t − √ᾱ_t·x_0)/√(1 − ᾱ_t) for every σ_t (checked at \(p.name))",
                                    fix: notation.ddimKernel)]
            }
            func coefficients(_ p: Probe) -> (Double, Double)? {
                p.schedule.posteriorMeanCoefficients(p.t).map { ($0.x0, $0.xt) }
            }
            if let (p, message) = firstFailure({ p in
                guard let f = affineMerged(rhs, p, noiseIsPrediction: false), let (c0, ct) = coefficients(p) else { return nil }
                var wrong: [String] = []
                if !nearlyEqual(f.coefficient(.data), c0) { wrong.append("the coefficient of x_0 is \(Self.format(f.coefficient(.data))), it must be \(Self.format(c0))") }
                if !nearlyEqual(f.coefficient(.state(offset: 0)), ct) { wrong.append("the coefficient of x_t is \(Self.format(f.coefficient(.state(offset: 0)))), it must be \(Self.format(ct))") }
                if !noiseOK(f, p, reverseVariances(p)) { wrong.append("the noise variance \(Self.format(f.noiseVariance)) is neither β̃_t nor β_t") }
                return wrong.isEmpty ? nil : wrong.joined(separator: "; ")
            }) {
                return [MathFinding(rule: .wrongPosteriorMean, offset: offset, message: "posterior mean: \(message) at \(p.name)", fix: notation.posteriorMean)]
            }
            return []
        }
        return nil
    }

    /// Whether the formula has a term in x_t (or x_0) times the noise (or ε_θ): the mixed second
    /// difference f(1, 1) − f(1, 0) − f(0, 1) + f(0, 0) is not zero.
    func multipliesStateByNoise(_ e: MathExpr, _ p: Probe) -> Bool {
        var ev = evaluator(p)
        ev.input = { _ in 0 }
        guard ev.evaluate(e) != nil else { return false }
        let keys = ev.requested
        let states = keys.filter { if case .state = $0 { return true }; return $0 == .data }
        let noises = keys.filter { $0.isNoise || $0 == .predictedNoise }
        for s in states {
            for n in noises {
                func value(_ a: Double, _ b: Double) -> Double? {
                    ev.input = { $0 == s ? a : ($0 == n ? b : 0) }
                    return ev.evaluate(e)
                }
                guard let f11 = value(1, 1), let f10 = value(1, 0), let f01 = value(0, 1), let f00 = value(0, 0) else { continue }
                let mixed = f11 - f10 - f01 + f00
                if abs(mixed) > 1e-9 * max(abs(f11), abs(f10), abs(f01), 1) { return true }
            }
        }
        return false
    }

    func mentionsSigmaUnderRoot(_ e: MathExpr) -> Bool {
        e.contains { node in
            if case .root(let inner, _) = node { return inner.mentions(base: "sigma") || inner.mentions(base: "eta") }
            return false
        }
    }

    /// ᾱ_{t−1} (the DDIM paper's α_{t−1}): DDIM's update uses it, DDPM's reverse step does not.
    func mentionsPreviousCumulative(_ e: MathExpr) -> Bool {
        var found = false
        e.forEachSymbol { s in
            guard s.base == "alpha", s.isBarred || s.isHatted || convention == .ddim, let sub = s.subscriptText else { return }
            if let i = evaluator(allProbes[0]).index(sub), i == allProbes[0].t - 1 { found = true }
        }
        return found
    }

    /// A discretisation of the reverse SDE that agrees with DDPM's step to first order in β_t:
    /// `(1 + β_t/2)·(x_t + β_t·s_θ) + √β_t·z` (Euler–Maruyama) or `(2 − √(1 − β_t))·x_t + β_t·s_θ
    /// + √β_t·z` (the reverse-diffusion predictor), with s_θ = −ε_θ/√(1 − ᾱ_t). A note that derives
    /// DDPM's step from the SDE writes one of these; each is right as the approximation it is.
    ///
    /// Tolerances: 1/√α_t = 1 + β_t/2 + 3β_t²/8 + O(β_t³), so a first-order step's x_t coefficient
    /// lies within β_t² of it; its ε_θ coefficient within a relative β_t (dropping 1/√α_t from
    /// β_t/√(1 − ᾱ_t) changes it by β_t/2 + O(β_t²)). A slip that changes a first-order term
    /// (α_t for √α_t, ᾱ_t for α_t, 1 − ᾱ_t without its root) misses both bounds at some probe.
    /// Some coefficient must differ from DDPM's beyond `nearlyEqual`: an exact step is DDPM's. Every
    /// probe must have β_t < 0.1, where a first-order expansion in β_t is still an approximation.
    func passesReverseSDEStep(_ rhs: MathExpr, merge: Bool, noiseOK: (AffineForm, Probe, [Double]) -> Bool) -> Bool {
        passes { p in
            guard let f = affineMerged(rhs, p, noiseIsPrediction: merge), let (cx, ce) = ddpmCoefficients(p),
                  let beta = p.schedule.beta(p.t), beta < 0.1, nearlyEqual(f.constant, 0), noiseOK(f, p, reverseVariances(p)) else { return false }
            let x = f.coefficient(.state(offset: 0)), eps = f.coefficient(.predictedNoise)
            return abs(x - cx) <= beta * beta && abs(eps - ce) <= beta * abs(ce) && eps * ce > 0
        } && !passes { p in
            guard let f = affineMerged(rhs, p, noiseIsPrediction: merge), let (cx, ce) = ddpmCoefficients(p) else { return false }
            return nearlyEqual(f.coefficient(.state(offset: 0)), cx) && nearlyEqual(f.coefficient(.predictedNoise), ce)
        }
    }

    /// Whether the formula is DDIM's update with σ_t = 0 in the direction term but noise added.
    func dropsSigmaFromDirection(_ rhs: MathExpr, merge: Bool, fromData: Bool) -> Bool {
        passes { p in
            guard let f = affineMerged(rhs, p, noiseIsPrediction: merge), f.hasNoise,
                  let c = ddimCoefficients(p, sigma: 0, fromData: fromData) else { return false }
            return nearlyEqual(f.coefficient(fromData ? .data : .state(offset: 0)), c.x) && nearlyEqual(f.coefficient(.predictedNoise), c.eps)
        }
    }

    func passesDDIM(_ rhs: MathExpr, merge: Bool, fromData: Bool) -> Bool {
        if passesDDIMWithSolvedSigma(rhs, merge: merge, fromData: fromData) { return true }
        // Every probe must agree with one and the same reading of σ.
        let candidateCount = sigmaCandidates(allProbes[0]).count
        return (0..<candidateCount).contains { k in
            passes { p in
                guard let f = affineMerged(rhs, p, noiseIsPrediction: merge), let c = ddimCoefficients(p, sigma: sigmaCandidates(p)[k], fromData: fromData) else { return false }
                let sigma = sigmaCandidates(p)[k]
                return nearlyEqual(f.coefficient(fromData ? .data : .state(offset: 0)), c.x) && nearlyEqual(f.coefficient(.predictedNoise), c.eps)
                    && (nearlyEqual(f.noiseVariance, sigma * sigma) || !f.hasNoise)
            }
        }
    }

    /// A DDIM update whose direction coefficient c is written without σ_t (σ_t² substituted, as in
    /// `(1 − ᾱ_{t−1})·√α_t/√(1 − ᾱ_t)·ε_θ` for σ_t² = β̃_t) is right when c = √(1 − ᾱ_{t−1} − σ_t²)
    /// for the σ_t its noise term carries: σ_t² = 1 − ᾱ_{t−1} − c², which must lie in (0, 1 − ᾱ_{t−1}].
    /// The noise is then σ_t·z with the note's free σ_t, or has exactly that variance. σ_t² = 0
    /// with noise added is the dropped-σ slip, not a reading. Tolerances: those of `nearlyEqual`,
    /// as for every coefficient; σ_t² must exceed 10⁻⁹ of its range to count as noise.
    func passesDDIMWithSolvedSigma(_ rhs: MathExpr, merge: Bool, fromData: Bool) -> Bool {
        // With the noise read as ε_θ there is no separate noise term to carry σ_t. A direction
        // that came from √(1 − ᾱ_{t−1} − σ_t²) still holds ᾱ_{t−1}; a step without it is DDPM's
        // shape and judged as such (1/√α_t·(x_t − (1 − α_t)/√(1 − α_t)·ε_θ) is no DDIM reading).
        guard !merge, mentionsPreviousCumulative(rhs) else { return false }
        /// A σ_t value no schedule produces: a coefficient that moves with it depends on σ_t.
        let probeSigma = 0.37
        return passes { p in
            guard let a = p.schedule.alphaBar(p.t), let ap = p.schedule.alphaBar(p.t - 1), a > 0,
                  let f = affine(rhs, p), f.hasNoise, let moved = affine(rhs, p, sigma: probeSigma) else { return false }
            let key: InputKey = fromData ? .data : .state(offset: 0)
            let xCoefficient = fromData ? ap.squareRoot() : (ap / a).squareRoot()
            guard nearlyEqual(f.coefficient(key), xCoefficient), nearlyEqual(f.constant, 0),
                  nearlyEqual(moved.coefficient(.predictedNoise), f.coefficient(.predictedNoise)) else { return false }
            let direction = f.coefficient(.predictedNoise) + (fromData ? 0 : (ap * (1 - a) / a).squareRoot())
            guard direction >= 0 else { return false }
            let sigmaSquared = 1 - ap - direction * direction
            guard sigmaSquared > 1e-9 * (1 - ap), sigmaSquared <= 1 - ap else { return false }
            // The noise carries the free σ_t (its variance follows σ_t) or exactly that variance.
            let freeSigma = nearlyEqual(moved.noiseVariance, probeSigma * probeSigma)
            return freeSigma || nearlyEqual(f.noiseVariance, sigmaSquared)
        }
    }

    /// The DDIM update typed as the DDIM paper prints it, √α_{t−1}·(x_t − √(1 − α_t)·ε_θ)/√α_t +
    /// √(1 − α_{t−1} − σ_t²)·ε_θ + σ_t·z, in a note whose own α is DDPM's: the σ_t² under the root
    /// beside α_{t−1} is the paper's form, and with no bar anywhere the formula holds in the paper's
    /// notation (its α_t is ᾱ_t). It is right in the reading it quotes, and not judged in the note's.
    func quotesPaperUpdate(_ rhs: MathExpr, merge: Bool, fromData: Bool) -> Bool {
        convention == .ddpm && !Self.mentionsBarredAlpha(rhs) && mentionsSigmaUnderRoot(rhs)
            && reading(.ddim).passesDDIM(rhs, merge: merge, fromData: fromData)
    }
    static let paperUpdateReason = "the DDIM update as the DDIM paper prints it, right in the paper's notation (its α_t is DDPM's ᾱ_t) that the formula quotes"

    func ddimCoefficients(_ p: Probe, sigma: Double, fromData: Bool) -> (x: Double, eps: Double)? {
        guard let a = p.schedule.alphaBar(p.t), let ap = p.schedule.alphaBar(p.t - 1), 1 - ap - sigma * sigma >= 0 else { return nil }
        let direction = (1 - ap - sigma * sigma).squareRoot()
        if fromData { return (ap.squareRoot(), direction) }
        return (ap.squareRoot() / a.squareRoot(), direction - ap.squareRoot() * (1 - a).squareRoot() / a.squareRoot())
    }

    func ddpmFinding(_ rhs: MathExpr, offset: Int, notation: Notation, merge: Bool) -> MathFinding {
        let p = allProbes[min(1, allProbes.count - 1)]
        var parts: [String] = []
        var details: [DiagnosticDetail] = []
        if let f = affineMerged(rhs, p, noiseIsPrediction: merge), let (cx, ce) = ddpmCoefficients(p) {
            if !nearlyEqual(f.coefficient(.state(offset: 0)), cx) {
                parts.append("the coefficient of x_t is \(Self.format(f.coefficient(.state(offset: 0)))), 1/√α_t is \(Self.format(cx))")
            }
            if !nearlyEqual(f.coefficient(.predictedNoise), ce) {
                parts.append("the coefficient of ε_θ is \(Self.format(f.coefficient(.predictedNoise))), −β_t/(√α_t·√(1 − ᾱ_t)) is \(Self.format(ce))")
            }
            if !reverseVariances(p).contains(where: { nearlyEqual(f.noiseVariance, $0) }) {
                let meanRight = nearlyEqual(f.coefficient(.state(offset: 0)), cx) && nearlyEqual(f.coefficient(.predictedNoise), ce)
                if meanRight, passes({ q in
                    guard let g = affineMerged(rhs, q, noiseIsPrediction: merge) else { return false }
                    return [q.schedule.beta(q.t), q.schedule.posteriorVariance(q.t)].compactMap { $0 }.contains { nearlyEqual(g.noiseVariance, $0 * $0) }
                }) {
                    return MathFinding(rule: .wrongReverseMean, offset: offset,
                                       message: "DDPM reverse step: the noise z is multiplied by the variance (β_t or β̃_t) where its square root σ_t belongs (noise variance \(Self.format(f.noiseVariance)) at \(p.name))",
                                       fix: notation.reverseStep + ", σ_t = √β̃_t or √β_t")
                }
                parts.append("the noise variance \(Self.format(f.noiseVariance)) is neither β_t nor β̃_t")
            }
            details = [DiagnosticDetail("probe", p.name)]
        }
        var message = "DDPM reverse step: " + (parts.isEmpty ? "the formula is not the DDPM mean" : parts.joined(separator: "; ")) + " at \(p.name)"
        if epsilonArgumentIsPrevious(rhs) { message += "; ε_θ is evaluated at x_{t−1}, which is not known yet: it takes x_t" }
        return MathFinding(rule: .wrongReverseMean, offset: offset, message: message, fix: notation.reverseStep, details: details)
    }

    func epsilonArgumentIsPrevious(_ e: MathExpr) -> Bool {
        e.contains { node in
            guard let (h, args) = node.asApplication, h.base == "epsilon", let first = args.first else { return false }
            return state(of: first.expr) == .state(offset: -1)
        }
    }

    func ddimFinding(_ rhs: MathExpr, offset: Int, notation: Notation, merge: Bool, fromData: Bool) -> MathFinding {
        let p = allProbes[min(1, allProbes.count - 1)]
        let reading = "read in \(convention.reading) notation"
        if let s = evaluator(allProbes[0]).parameters["sigma"], passes({ p in
            guard let f = affineMerged(rhs, p, noiseIsPrediction: merge), let sigma = evaluator(p).parameters["sigma"],
                  let c = ddimCoefficients(p, sigma: sigma, fromData: fromData) else { return false }
            return nearlyEqual(f.coefficient(fromData ? .data : .state(offset: 0)), c.x) && nearlyEqual(f.coefficient(.predictedNoise), c.eps)
                && nearlyEqual(f.noiseVariance, sigma * sigma * sigma * sigma)
        }), s > 0 {
            return MathFinding(rule: .wrongDDIMUpdate, offset: offset,
                               message: "DDIM update (\(reading)): the noise is multiplied by the variance σ_t² where the standard deviation σ_t belongs",
                               fix: notation.ddimUpdate)
        }
        if dropsSigmaFromDirection(rhs, merge: merge, fromData: fromData) {
            return MathFinding(rule: .wrongDDIMUpdate, offset: offset,
                               message: "DDIM update (\(reading)): the direction term is √(1 − ᾱ_{t−1})·ε_θ, right only for σ_t = 0, yet noise is added: with noise σ_t·z the direction term is √(1 − ᾱ_{t−1} − σ_t²)·ε_θ",
                               fix: notation.ddimUpdate)
        }
        var message = "DDIM update (\(reading)): the formula does not match √ᾱ_{t−1}·x̂_0 + √(1 − ᾱ_{t−1} − σ_t²)·ε_θ + σ_t·z for any σ_t"
        if let f = affineMerged(rhs, p, noiseIsPrediction: merge), let c = ddimCoefficients(p, sigma: evaluator(p).parameters["sigma"] ?? 0, fromData: fromData) {
            let key: InputKey = fromData ? .data : .state(offset: 0)
            message += " (at \(p.name) with σ_t = \(Self.format(evaluator(p).parameters["sigma"] ?? 0)): coefficient of \(fromData ? "x̂_0" : "x_t") \(Self.format(f.coefficient(key))) vs \(Self.format(c.x)), of ε_θ \(Self.format(f.coefficient(.predictedNoise))) vs \(Self.format(c.eps)))"
        }
        return MathFinding(rule: .wrongDDIMUpdate, offset: offset, message: message, fix: notation.ddimUpdate)
    }

    /// x̂_0 = (x_t − √(1 − ᾱ_t)·ε)/√ᾱ_t.
    func judgePredictedData(_ rhs: MathExpr, offset: Int, notation: Notation) -> [MathFinding]? {
        // `x̂_0 = (x_t − σ_t·ε)/α_t`: the α_t, σ_t notation of continuous-time models, whose
        // schedule the note leaves free.
        if rhs.mentions(base: "sigma"), !rhs.mentions(base: "beta") { return skip("α_t, σ_t notation (x_t = α_t·x_0 + σ_t·ε): the schedule is free") }
        // `x̂_0 = x_t − t·v_θ`, `(x_t − t·ε_θ)/(1 − t)`: the data end of a path in a continuous t.
        if ContinuousPath.isPathFormula(rhs) { return skip(ContinuousPath.reason) }
        if let fromTarget = judgePredictedDataFromTarget(rhs, offset: offset) { return fromTarget }
        guard let p0 = allProbes.first, let f0 = affineMerged(rhs, p0, noiseIsPrediction: true),
              f0.deterministicKeys == [.state(offset: 0), .predictedNoise] else { return nil }
        if let (p, message) = firstFailure({ p in
            guard let f = affineMerged(rhs, p, noiseIsPrediction: true), let (cx, ce) = p.schedule.predictedDataCoefficients(p.t) else { return nil }
            var wrong: [String] = []
            if !nearlyEqual(f.coefficient(.state(offset: 0)), cx) { wrong.append("the coefficient of x_t is \(Self.format(f.coefficient(.state(offset: 0)))), 1/√ᾱ_t is \(Self.format(cx))") }
            if !nearlyEqual(f.coefficient(.predictedNoise), ce) { wrong.append("the coefficient of ε is \(Self.format(f.coefficient(.predictedNoise))), −√(1 − ᾱ_t)/√ᾱ_t is \(Self.format(ce))") }
            return wrong.isEmpty ? nil : wrong.joined(separator: "; ")
        }) {
            return [MathFinding(rule: .wrongPredictedData, offset: offset, message: "x̂_0 from ε: \(message) at \(p.name)", fix: notation.predictedData)]
        }
        return []
    }

    /// μ̃_t(x_t, x_0), μ_θ(x_t, t) written out.
    func judgeMean(_ rhs: MathExpr, offset: Int, notation: Notation, model: Bool) -> [MathFinding]? {
        guard let p0 = allProbes.first else { return nil }
        if model, let leak = modelMeanUsesData(rhs, offset: offset, notation: notation) { return [leak] }
        if model, let fromScore = judgeReverseMeanFromScore(rhs, offset: offset, notation: notation, what: "μ_θ(x_t, t)") { return fromScore }
        guard let f0 = affineMerged(rhs, p0, noiseIsPrediction: true) else {
            if multipliesStateByNoise(rhs, p0) {
                return [MathFinding(rule: .wrongReverseMean, offset: offset,
                                    message: "the mean multiplies x_t by the noise: the noise term belongs inside the bracket with its own coefficient, −β_t/√(1 − ᾱ_t)·ε_θ",
                                    fix: notation.reverseStep.replacingOccurrences(" + σ_t·z", ""))]
            }
            return nil
        }
        // The mean of a reverse step is a function of x_t; a μ of x_0 alone is a marginal's mean.
        guard f0.deterministicKeys.contains(.state(offset: 0)) else { return skip("a mean of x_0 alone is a marginal's mean, not the reverse step's") }
        // μ̃ written with x_0, x_t and ε together: on x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε it must be the
        // posterior mean, √ᾱ_{t−1}β_t/(1 − ᾱ_t)·x_0 + √α_t(1 − ᾱ_{t−1})/(1 − ᾱ_t)·x_t.
        if f0.deterministicKeys == [.data, .state(offset: 0), .predictedNoise], !mentionsFreeSigma(rhs) {
            if let (p, got) = allProbes.lazy.compactMap({ p -> (Probe, (Double, Double, Double, Double))? in
                guard let f = affineMerged(rhs, p, noiseIsPrediction: true), let c = p.schedule.posteriorMeanCoefficients(p.t),
                      let a = p.schedule.alphaBar(p.t), a < 1 else { return nil }
                let r = (1 - a).squareRoot()
                let x0 = f.coefficient(.data) - f.coefficient(.predictedNoise) * a.squareRoot() / r
                let xt = f.coefficient(.state(offset: 0)) + f.coefficient(.predictedNoise) / r
                return nearlyEqual(x0, c.x0) && nearlyEqual(xt, c.xt) ? nil : (p, (x0, c.x0, xt, c.xt))
            }).first {
                return [MathFinding(rule: .wrongPosteriorMean, offset: offset,
                                    message: "posterior mean written with x_0, x_t and ε: with x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε its coefficients of x_0 and x_t are \(Self.format(got.0)) and \(Self.format(got.2)) at \(p.name), they must be \(Self.format(got.1)) and \(Self.format(got.3))",
                                    fix: notation.posteriorMean)]
            }
            return []
        }
        // A μ that is x̂_0 from ε (Su writes the estimate of x_0 as μ̄(x_t)) names that estimate.
        if f0.deterministicKeys == [.state(offset: 0), .predictedNoise], judgePredictedData(rhs, offset: offset, notation: notation)?.isEmpty == true { return [] }
        return judgeReverse(rhs, offset: offset, notation: notation, keys: f0.deterministicKeys, allowNoise: false, noiseIsPrediction: true)
    }

    /// A standalone expression in x_t and ε_θ that the sentence around it calls the reverse step.
    func judgeExpressionOnly(_ side: FormulaSide, expr: MathExpr?, context: String) -> [MathFinding]? {
        guard let e = expr, let p0 = allProbes.first, let f = affine(e, p0), !f.hasNoise,
              f.deterministicKeys == [.state(offset: 0), .predictedNoise] else { return nil }
        let lower = context.lowercased()
        let keywords = ["去噪", "denois", "reverse", "sampling step", "采样", "x_{t-1}", "反向", "逆过程"]
        guard keywords.contains(where: { lower.contains($0) }) else { return nil }
        if let r = judgePredictedData(e, offset: side.start, notation: Notation(convention: convention, usesBeta: true)), r.isEmpty { return [] }
        return judgeReverse(e, offset: side.start, notation: Notation(convention: convention, usesBeta: true), keys: f.deterministicKeys, allowNoise: false)
    }
}
