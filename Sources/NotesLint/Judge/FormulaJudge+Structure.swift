import CheckerCore

/// Checks on the structure of a formula rather than on one recognised equation: the ranges of
/// products and sums of densities, factorisations of joint and marginal densities, the x̂_0 given
/// to μ̃_t, and noise written inside a square root.
extension FormulaJudge {
    /// Findings on parts of any side of a chain.
    func judgeSubexpressions(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        var findings: [MathFinding] = []
        let usesGradient = chain.sides.contains { $0.tokens.contains { $0.isCommand("nabla") } }
        if !stepRunsOverSubsequence, let k = chain.sides.indices.first(where: { exprs[$0].map(mixesSubsequenceIndex) ?? false }) {
            findings.append(MathFinding(
                rule: .wrongBounds, offset: chain.sides[k].start,
                message: "the formula mixes the subsequence index τ_i with the step index t: on a subsequence every state and coefficient is taken at τ_i and τ_{i−1}",
                fix: "x_{τ_{i−1}} = √ᾱ_{τ_{i−1}}·x̂_0 + √(1 − ᾱ_{τ_{i−1}} − σ_{τ_i}²)·ε_θ(x_{τ_i}, τ_i) + σ_{τ_i}·z"))
        }
        findings += judgeScalarSteps(chain, exprs)
        findings += judgeKLOrder(chain, exprs)
        findings += judgeNoiseSum(chain, exprs)
        findings += judgeScheduleValues(chain, exprs)
        findings += judgeForwardIdentity(chain, exprs)
        findings += judgeGaussianEntropy(chain, exprs)
        findings += judgeNoiseLaw(chain, exprs)
        findings += GuidanceWeights.predictionFindings(chain)
        findings += judgeDensityIdentities(chain, exprs)
        findings += judgeLangevin(chain, exprs)
        findings += judgeCorrectorStep(chain, chain.sides.map(\.expr))
        findings += judgeDroppedSum(chain, chain.sides.map(\.expr))
        findings += judgeBoundDirection(chain, exprs)
        findings += judgeReverseSDE(chain, exprs)
        findings += judgeGaussianScore(chain, exprs)
        findings += judgeKernelKL(chain, exprs)
        findings += judgeUpdateKeepsState(chain, exprs)
        for (k, side) in chain.sides.enumerated() {
            guard let e = exprs[k] else { continue }
            findings += judgeLossWeights(e, offset: side.start)
            findings += judgeLossInput(e, offset: Self.modelNoiseOffset(side.tokens) ?? side.start)
            findings += judgeScoreMatchingTarget(e, offset: side.start)
            findings += judgeScaledNoise(chain.sides[k].expr ?? e, offset: side.start)
            findings += judgeAverages(e, offset: side.start)
            findings += judgeExpectationVariables(e, offset: side.start)
            // `q(x_0 | x_1, x_0) = δ(x_0)` names the point mass for what it is; a finding already made
            // on the chain (a point mass set to 1, a sum whose end term is one) says the same.
            let sideEnd = side.tokens.last?.end ?? side.start
            if !findings.contains(where: { (side.start...sideEnd).contains($0.offset) }),
               !chain.sides.contains(where: { $0.tokens.contains { $0.isCommand("delta") } }) {
                findings += judgePointMass(chain.sides[k].expr ?? e, offset: side.start)
            }
            findings += judgeDensityRanges(e, offset: side.start)
            findings += judgeRatioWithoutLog(e, offset: side.start)
            findings += judgeSumIndex(e, offset: side.start)
            findings += judgePredictedDataArguments(e, offset: side.start)
            if !usesGradient, let f = noiseUnderRoot(e, offset: side.start) { findings.append(f) }
        }
        return findings
    }

    // MARK: - Ranges of products and sums

    /// The time indices a density variable stands for: `x_{t−1}` → [t − 1], `x_{1:T}` → 1…T.
    func variableIndices(_ e: MathExpr, _ ev: MathEvaluator, bound: (name: String, value: Int)? = nil) -> [Int]? {
        guard let s = e.asSymbol ?? e.asApplication.flatMap({ $0.args.isEmpty ? $0.head : nil }), s.base == "x" || s.base == "X", !s.isModel,
              var sub = s.subscriptText else { return nil }
        if let b = bound { sub = Self.substitute(b.name, b.value, in: sub) }
        let parts = sub.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 2, let a = ev.index(parts[0]), let b = ev.index(parts[1]), a <= b, b - a < 5000 { return Array(a...b) }
        guard parts.count == 1, let i = ev.index(sub) else { return nil }
        return [i]
    }

    /// The subscript with the running index's name replaced by its value.
    static func substitute(_ name: String, _ value: Int, in sub: String) -> String {
        var out = ""
        var word = ""
        func flush() { out += word == name ? "\(value)" : word; word = "" }
        for ch in sub {
            if ch.isLetter || ch.isNumber { word.append(ch) } else { flush(); out.append(ch) }
        }
        flush()
        return out
    }

    /// A density factor's targets and conditions, or nil when it is not a density of states.
    func densityVariables(_ e: MathExpr, _ ev: MathEvaluator, bound: (name: String, value: Int)? = nil) -> (targets: [Int], conditions: [Int], text: String)? {
        guard let (h, args) = e.asApplication, h.base == "q" || h.base == "p" || h.base == "P", !args.isEmpty else { return nil }
        var targets: [Int] = [], conditions: [Int] = []
        var afterBar = false
        for a in args {
            if a.separator == "|" { afterBar = true }
            guard let v = variableIndices(a.expr, ev, bound: bound) else { return nil }
            if afterBar { conditions += v } else { targets += v }
        }
        func one(_ i: Int) -> String {
            if i == ev.schedule.count { return "x_T" }
            if bound == nil, i != 0, abs(i - ev.t) <= 3 { return i == ev.t ? "x_t" : "x_{t\(i < ev.t ? "−" : "+")\(abs(i - ev.t))}" }
            return i >= 0 && i <= 9 ? "x_\(i)" : "x_{\(i)}"
        }
        // A run of three or more consecutive states is written by its ends, as x_{t+1}, …, x_T.
        func name(_ vs: [Int]) -> String {
            var parts: [String] = [], k = 0
            while k < vs.count {
                var end = k
                while end + 1 < vs.count, vs[end + 1] == vs[end] + 1 { end += 1 }
                parts += end - k >= 2 ? [one(vs[k]), "…", one(vs[end])] : vs[k...end].map(one)
                k = end + 1
            }
            return parts.joined(separator: ", ")
        }
        let text = "\(h.base)(\(name(targets))\(conditions.isEmpty ? "" : " | " + name(conditions)))"
        return (targets, conditions, text)
    }

    /// Every density inside a product or sum over n = a…b: at the ends of the range a factor must
    /// not name a state before x_0 or after x_T, nor condition a state on itself.
    func judgeDensityRanges(_ e: MathExpr, offset: Int) -> [MathFinding] {
        guard let probe = allProbes.dropFirst().first else { return [] }
        let ev = evaluator(probe)
        var findings: [MathFinding] = []
        _ = e.contains { node in
            guard findings.isEmpty, case .bigOperator(let op, let index?, let lower?, let upper?, let body) = node else { return false }
            var bev = ev
            guard let lo = (lower.asSymbol?.base == index ? 1 : bev.evaluate(lower)).flatMap({ safeInt($0.rounded()) }),
                  let hi = bev.evaluate(upper).flatMap({ safeInt($0.rounded()) }), lo <= hi else { return false }
            let symbol = op == "prod" ? "∏" : "∑"
            if body.contains(where: { densityVariables($0, ev) != nil || densityVariables($0, ev, bound: (index, lo)) != nil }) { notes.structures += 1 }
            for n in [lo, hi] {
                var bad: String?
                _ = body.contains { factor in
                    guard bad == nil, let d = densityVariables(factor, ev, bound: (index, n)) else { return false }
                    if let outside = (d.targets + d.conditions).first(where: { $0 < 0 || $0 > probe.schedule.count }) {
                        bad = "at \(index) = \(n) the factor is \(d.text): x_{\(outside)} is not a state of the chain (x_0 … x_T)"
                    } else if let same = d.targets.first(where: { d.conditions.contains($0) }) {
                        bad = "at \(index) = \(n) the factor is \(d.text), conditioned on its own variable x_\(same): a point mass, not a density"
                    }
                    return bad != nil
                }
                if let bad {
                    let fix = n == lo ? "start the range at \(index) = \(lo + 1) (keep a boundary term apart if the derivation needs one)" : "end the range at \(index) = \(hi - 1)"
                    findings.append(MathFinding(rule: .wrongBounds, offset: offset, message: "\(symbol) over \(index) = \(lowerText(lower, index)) … \(upperText(upper)): \(bad)", fix: fix))
                    break
                }
            }
            return !findings.isEmpty
        }
        return findings
    }

    private func lowerText(_ e: MathExpr, _ index: String) -> String {
        if case .number(let v) = e { return Self.format(v) }
        return e.asSymbol?.base == index ? "1" : "…"
    }

    private func upperText(_ e: MathExpr) -> String {
        if case .number(let v) = e { return Self.format(v) }
        if let s = e.asSymbol { return s.base + (s.subscriptText.map { "_" + $0 } ?? "") }
        return "…"
    }

    /// `q(x_A | x_B) = ∏ …` and `p(x_{0:T}) = p(x_T)·∏ …`: the factors' targets must be the left
    /// side's targets, each once, and they may only be conditioned on what the left side holds.
    func judgeFactorisation(lhs: MathExpr, rhs: MathExpr, offset: Int) -> [MathFinding]? {
        guard let probe = allProbes.dropFirst().first else { return nil }
        var ev = evaluator(probe)
        guard let left = densityVariables(lhs, ev) else { return nil }
        var factors: [MathExpr] = []
        if case .product(let fs) = rhs { factors = fs } else { factors = [rhs] }
        var targets: [Int: Int] = [:]
        var conditions = Set<Int>()
        var sawProduct = false
        for f in factors {
            if let d = densityVariables(f, ev) {
                d.targets.forEach { targets[$0, default: 0] += 1 }
                conditions.formUnion(d.conditions)
                continue
            }
            guard case .bigOperator("prod", let index?, let lower?, let upper?, let body) = f,
                  let lo = (lower.asSymbol?.base == index ? 1 : ev.evaluate(lower)).flatMap({ safeInt($0.rounded()) }),
                  let hi = ev.evaluate(upper).flatMap({ safeInt($0.rounded()) }), abs(hi - lo) < 5000 else { return nil }
            sawProduct = true
            let bodyFactors: [MathExpr]
            if case .product(let bs) = body { bodyFactors = bs } else { bodyFactors = [body] }
            // `∏_{t=T−1}^{0}`: written from the top down to a fixed first step (see DensityCalculus.range).
            let steps: ClosedRange<Int>? = lo <= hi ? lo...hi : ({ if case .number = upper { return hi...lo } else { return nil } })()
            if let steps {
                for n in steps {
                    for b in bodyFactors {
                        guard let d = densityVariables(b, ev, bound: (index, n)) else { return nil }
                        d.targets.forEach { targets[$0, default: 0] += 1 }
                        conditions.formUnion(d.conditions)
                    }
                }
            }
        }
        guard sawProduct else { return nil }
        let wanted = Dictionary(left.targets.map { ($0, 1) }, uniquingKeysWith: +)
        let allowed = Set(left.targets).union(left.conditions)
        func name(_ i: Int) -> String { i == probe.schedule.count ? "x_T" : (i == probe.t ? "x_t" : "x_\(i)") }
        if targets != wanted {
            let extra = targets.filter { (wanted[$0.key] ?? 0) < $0.value }.keys.sorted()
            let missing = wanted.filter { (targets[$0.key] ?? 0) < $0.value }.keys.sorted()
            var parts: [String] = []
            if !extra.isEmpty { parts.append("the factors also give the density of \(extra.prefix(3).map(name).joined(separator: ", "))\(extra.count > 3 ? ", …" : "")") }
            if !missing.isEmpty { parts.append("no factor gives \(missing.prefix(3).map(name).joined(separator: ", "))\(missing.count > 3 ? ", …" : "")") }
            return [MathFinding(rule: .wrongFactorization, offset: offset,
                                message: "the product does not factorise the left side: \(parts.joined(separator: "; ")) (by the chain rule each variable of the left side is the target of exactly one factor)",
                                fix: "q(x_{1:T} | x_0) = ∏_{t=1}^T q(x_t | x_{t−1}); p_θ(x_{0:T}) = p(x_T)·∏_{t=1}^T p_θ(x_{t−1} | x_t)")]
        }
        if let stray = conditions.subtracting(allowed).sorted().first {
            return [MathFinding(rule: .wrongFactorization, offset: offset,
                                message: "a factor is conditioned on \(name(stray)), which the left side neither holds nor is conditioned on",
                                fix: "q(x_{1:T} | x_0) = ∏_{t=1}^T q(x_t | x_{t−1}); p_θ(x_{0:T}) = p(x_T)·∏_{t=1}^T p_θ(x_{t−1} | x_t)")]
        }
        return []
    }

    /// Whether states or coefficients are indexed by τ_i while others are indexed by t.
    func mixesSubsequenceIndex(_ e: MathExpr) -> Bool {
        // A product or sum binds its own index (∏_{t ∈ τ̄} beside ∏_i over τ_i): not a mix.
        if e.contains(where: { if case .bigOperator = $0 { return true } else { return false } }) { return false }
        var tau = false, plain = false, tauCountsWithT = false
        e.forEachSymbol { s in
            guard ["x", "alpha", "beta", "sigma"].contains(s.base), !s.isModel, let sub = s.subscriptText else { return }
            if sub.contains("tau") {
                // A bare τ (x_τ, ᾱ_τ) is a time in its own right, an earlier step τ < t that the
                // DDIM jump from t lands on; only an indexed τ (τ_i, τ_{i−1}) counts a subsequence.
                guard sub.range(of: #"tau\s*_"#, options: .regularExpression) != nil else { return }
                tau = true
                // τ_t: t counts the subsequence, so ᾱ_{t−1} beside it is ambiguous.
                if TimeIndex.subscriptWords(sub).contains("t") { tauCountsWithT = true }
            } else if TimeIndex.subscriptWords(sub).contains("t") { plain = true }
        }
        return tau && plain && !tauCountsWithT
    }

    /// A derivation of schedule quantities (`1 − ᾱ_{t−1} − β̃_t = … = …`): every side is a number
    /// at each probe (σ_t free), so consecutive sides must be equal. Sides with other symbols are
    /// not evaluated.
    func judgeScalarSteps(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        guard chain.sides.count >= 2 else { return [] }
        func schedule(_ e: MathExpr) -> Bool { e.mentions(base: "alpha") || e.mentions(base: "beta") }
        // α̃ and the like are new quantities, not the schedule's.
        func otherQuantity(_ e: MathExpr) -> Bool {
            var found = false
            e.forEachSymbol { if $0.base == "alpha" && ($0.isTilde || $0.decorations.contains("prime")) { found = true } }
            return found
        }
        for k in chain.firstOwnStep..<chain.sides.count where chain.relations[k - 1] == "=" {
            guard let a = exprs[k - 1], let b = exprs[k], schedule(a), schedule(b), !otherQuantity(a), !otherQuantity(b) else { continue }
            // σ_t on one side only: the step fixes σ_t (say σ_t² = β̃_t), it is no identity in σ_t.
            guard mentionsFreeSigma(a) == mentionsFreeSigma(b) else { continue }
            // `ᾱ_t = …`, `β̃_1 = …`: a definition, judged by its own rule (or a value the note chooses).
            guard a.asSymbol == nil, b.asSymbol == nil else { continue }
            // An algebra slip is wrong whatever the schedule; a formula that holds for the linear
            // schedule only (β_t = β_1 + (t − 1)/(T − 1)·(β_T − β_1)) defines one.
            var checked = false
            var mismatches: [(Probe, Double, Double)] = []
            var schedulesWrong = Set<Double>()
            for p in allProbes {
                let sigmas = mentionsFreeSigma(a) || mentionsFreeSigma(b) ? freeSigmaValues(p) : [evaluator(p).parameters["sigma"] ?? 0]
                for s in sigmas {
                    guard let x = scalar(a, p, sigma: s), let y = scalar(b, p, sigma: s), x.isFinite, y.isFinite else { continue }
                    checked = true
                    // The small-step probe is evaluated only for sides that differ.
                    if !nearlyEqual(x, y), mentionsFreeSigma(a) || mentionsFreeSigma(b) || !agreeToFirstOrder(at: p, { q in
                        guard let xq = scalar(a, q, sigma: s), let yq = scalar(b, q, sigma: s) else { return nil }
                        return (xq, yq)
                    }) {
                        mismatches.append((p, x, y))
                        schedulesWrong.insert(p.schedule.betas.last ?? 0)
                        break
                    }
                }
            }
            if checked { notes.structures += 1 }
            if schedulesWrong.count == Set(allProbes.map { $0.schedule.betas.last ?? 0 }).count, let (p, x, y) = mismatches.first {
                let (before, after) = Self.formatApart(x, y)
                return [MathFinding(rule: .unequalStep, offset: chain.sides[k].start,
                                    message: "this step changes the value: the side before it is \(before), this side \(after) at \(p.name) (read in \(convention.reading) notation)",
                                    fix: nil)]
            }
        }
        return []
    }

    // MARK: - Parts of formulas

    /// `μ̃_t(x_t, x̂_0)` with x̂_0 written out: it must be (x_t − √(1 − ᾱ_t)·ε_θ)/√ᾱ_t.
    func judgePredictedDataArguments(_ e: MathExpr, offset: Int) -> [MathFinding] {
        var findings: [MathFinding] = []
        _ = e.contains { node in
            guard findings.isEmpty, let (h, args) = node.asApplication, h.base == "mu", h.isTilde, args.count == 2,
                  args[1].expr.asSymbol == nil, state(of: args[0].expr) == .state(offset: 0) else { return false }
            if let f = judgePredictedData(args[1].expr, offset: offset, notation: Notation(convention: convention, usesBeta: false)) {
                findings = f.map { var g = $0; g.message = "the x̂_0 given to μ̃_t: " + g.message; return g }
            }
            return !findings.isEmpty
        }
        return findings
    }

    /// Noise or the model's output inside the square root of a schedule coefficient
    /// (`√(1 − ᾱ_{t−1} − σ_t²·ε)`): a coefficient multiplies the noise, it never contains it.
    func noiseUnderRoot(_ e: MathExpr, offset: Int) -> MathFinding? {
        var found = false
        _ = e.contains { node in
            guard case .root(let inner, _) = node else { return false }
            let schedule = inner.mentions(base: "alpha") || inner.mentions(base: "beta")
            var noise = false
            inner.forEachSymbol { s in if ["epsilon", "z", "xi"].contains(s.base) { noise = true } }
            found = schedule && noise
            return found
        }
        guard found else { return nil }
        return MathFinding(rule: .noiseUnderRoot, offset: offset,
                           message: "the noise (or the model's ε_θ) is inside the square root of a schedule coefficient; the coefficient multiplies the noise: √(1 − ᾱ_{t−1} − σ_t²)·ε_θ, not √(1 − ᾱ_{t−1} − σ_t²·ε)",
                           fix: "x_{t−1} = √ᾱ_{t−1}·x̂_0 + √(1 − ᾱ_{t−1} − σ_t²)·ε_θ(x_t, t) + σ_t·z")
    }
}

/// Loss weights, averages, the Langevin step and the law of the noise.
extension FormulaJudge {
    /// The squared norm of a difference of noises, ‖ε − ε_θ‖² (or with |·|).
    static func isNoiseError(_ e: MathExpr) -> Bool {
        guard case .power(let base, .number(2)) = e else { return false }
        let inner: MathExpr
        switch base {
        case .norm(let x), .absolute(let x): inner = x
        default: return false
        }
        guard case .sum(let terms) = inner, terms.count == 2 else { return false }
        var model = 0, noise = 0
        for t in terms {
            if let (h, _) = t.term.asApplication, h.base == "epsilon" { model += 1; continue }
            if let s = t.term.asSymbol, s.base == "epsilon" { if s.isModel { model += 1 } else { noise += 1 }; continue }
            return false
        }
        return model == 1 && noise == 1
    }

    /// `β_t²/(2σ_t²·α_t·(1 − ᾱ_t))·‖ε − ε_θ‖²` (Ho et al. 2020, Eq. 12), with σ_t free.
    func judgeLossWeights(_ e: MathExpr, offset: Int) -> [MathFinding] {
        var weight: [MathExpr]?
        _ = e.contains { node in
            guard case .product(let fs) = node else { return false }
            for (k, f) in fs.enumerated() {
                var others = Array(fs[..<k] + fs[(k + 1)...])
                var target = f
                if let (h, args) = f.asApplication, h.base == "E", args.count == 1 {
                    target = args[0].expr
                    // E_{t, x_0, ε} averages over the steps: a factor outside it, (T − 1), turns the
                    // average back into the sum over t and is no part of the per-step weight.
                    if let sub = h.subscriptText, TimeIndex.subscriptWords(sub).contains("t") { others = [] }
                }
                if case .product(let inner) = target, let j = inner.firstIndex(where: Self.isNoiseError) {
                    others += inner[..<j] + inner[(j + 1)...]
                    target = inner[j]
                }
                if Self.isNoiseError(target) { weight = others; return true }
            }
            return false
        }
        guard let w = weight, !w.isEmpty else { return [] }
        let expr: MathExpr = w.count == 1 ? w[0] : .product(w)
        guard expr.mentions(base: "beta"), expr.mentions(base: "sigma"), convention != .su else { return [] }
        // Weights written at a fixed step (β_1, σ_1) belong to a boundary term, not to L_{t−1}.
        var atStepT = true
        expr.forEachSymbol { s in if ["beta", "alpha", "sigma"].contains(s.base), !(s.subscriptText.map { TimeIndex.subscriptWords($0).contains("t") } ?? false) { atStepT = false } }
        guard atStepT else { return [] }
        notes.structures += 1
        let wrong = allProbes.first { p in
            freeSigmaValues(p).contains { s in
                guard let v = scalar(expr, p, sigma: s), let b = p.schedule.beta(p.t), let a = p.schedule.alpha(p.t), let ab = p.schedule.alphaBar(p.t) else { return false }
                return !nearlyEqual(v, b * b / (2 * s * s * a * (1 - ab)))
            }
        }
        guard let p = wrong else { return [] }
        // The DDIM paper writes no ᾱ: a weight with ᾱ_t in a note in the paper's notation quotes
        // DDPM's, in DDPM's symbols, and is judged in them as well.
        if convention == .ddim, Self.mentionsBarredAlpha(expr), reading(.ddpm).judgeLossWeights(e, offset: offset).isEmpty { return [] }
        let fix = convention == .ddim ? "β_t²/(2σ_t²·α_t·(1 − ᾱ_t)) in DDPM's symbols, with β_t = 1 − α_t/α_{t−1}" : "L_{t−1} = E[β_t²/(2σ_t²·α_t·(1 − ᾱ_t))·‖ε − ε_θ(x_t, t)‖²]"
        return [MathFinding(rule: .wrongLossWeight, offset: offset,
                            message: "the weight of ‖ε − ε_θ‖² is not β_t²/(2σ_t²·α_t·(1 − ᾱ_t)) for σ_t left free (checked at \(p.name), read in \(convention.reading) notation)",
                            fix: fix)]
    }

    /// Where the side writes ε_θ (`\epsilon_\theta`, `\varepsilon_{\theta}`): a finding about its
    /// input belongs on that line of a display spread over several.
    static func modelNoiseOffset(_ tokens: [TexToken]) -> Int? {
        for (i, token) in tokens.enumerated() where token.kind == .command("epsilon") || token.kind == .command("varepsilon") {
            guard i + 1 < tokens.count, tokens[i + 1].isChar("_") else { continue }
            if tokens[(i + 2)..<min(tokens.count, i + 4)].contains(where: { $0.kind == .command("theta") }) { return token.start }
        }
        return nil
    }

    /// `√α_1·x_0 + √(1 − α_1)·ε`: every α of the expression written at step 1, where the
    /// product ᾱ_1 = α_1 has the one factor, so either letter is right.
    static func writtenAtFirstStep(_ e: MathExpr) -> Bool {
        var alphas = 0, atOne = 0
        e.forEachSymbol { s in
            guard s.base == "alpha" else { return }
            alphas += 1
            if s.subscriptText == "1" { atOne += 1 }
        }
        return alphas > 0 && atOne == alphas
    }

    /// ‖ε − ε_θ(input, t)‖² with the input written out: it is x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε.
    func judgeLossInput(_ e: MathExpr, offset: Int) -> [MathFinding] {
        var findings: [MathFinding] = []
        _ = e.contains { node in
            guard findings.isEmpty, Self.isNoiseError(node), case .power(let base, _) = node else { return false }
            _ = base.contains { inner in
                guard let (h, args) = inner.asApplication, h.base == "epsilon", let input = args.first?.expr,
                      let p = allProbes.first, let f = affine(input, p), f.hasNoise else { return false }
                // ε_θ(x_0 + σε, σ): a network conditioned on the noise level σ rather than a step t
                // is the variance-exploding (EDM) parametrisation, whose input is x_0 + σ·ε.
                if args.count > 1, args[1].expr.asSymbol?.base == "sigma", f.deterministicKeys == [.data], f.coefficient(.data) == 1 { return true }
                let notation = Notation(convention: convention, usesBeta: false)
                if f.deterministicKeys == [.state(offset: 0)] {
                    findings = [MathFinding(rule: .wrongSimpleLoss, offset: offset,
                                            message: "the input of ε_θ noises x_t where x_0 belongs: it is x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε",
                                            fix: notation.simpleLoss)]
                } else if f.deterministicKeys == [.data], !Self.writtenAtFirstStep(input), input.asSymbol == nil,
                          let wrong = judgeForward(input, to: 0, from: nil, offset: offset, notation: notation)?.first {
                    findings = [MathFinding(rule: .wrongSimpleLoss, offset: offset, message: "the input of ε_θ is not x_t: " + wrong.message, fix: notation.simpleLoss)]
                }
                return true
            }
            return true
        }
        return findings
    }

    /// `(1/N)·Σ_{i=0}^{N}`: an average over N + 1 terms divided by N.
    func judgeAverages(_ e: MathExpr, offset: Int) -> [MathFinding] {
        var finding: MathFinding?
        _ = e.contains { node in
            guard finding == nil, case .product(let fs) = node else { return false }
            for k in fs.indices.dropLast() {
                guard case .quotient(.number(1), let n) = fs[k], let count = n.asSymbol, count.subscriptText == nil,
                      case .bigOperator("sum", let index?, let lower?, let upper?, _) = fs[k + 1],
                      let top = upper.asSymbol, top.base == count.base, top.subscriptText == nil,
                      case .number(let start) = lower else { continue }
                let name = count.base
                if start == 0 {
                    finding = MathFinding(rule: .wrongBounds, offset: offset,
                                          message: "1/\(name) averages the \(name) + 1 terms of Σ_{\(index)=0}^{\(name)}: the range or the divisor is off by one",
                                          fix: "(1/\(name))·Σ_{\(index)=1}^{\(name)} or (1/(\(name) + 1))·Σ_{\(index)=0}^{\(name)}")
                } else if start == 2 {
                    finding = MathFinding(rule: .wrongBounds, offset: offset,
                                          message: "1/\(name) averages the \(name) − 1 terms of Σ_{\(index)=2}^{\(name)}: the range or the divisor is off by one",
                                          fix: "(1/\(name))·Σ_{\(index)=1}^{\(name)}")
                }
                if finding != nil { return true }
            }
            return false
        }
        return finding.map { [$0] } ?? []
    }

    /// `ε ∼ N(μ, Σ)` for the noise: centred. Its covariance is not judged: a note may name a scaled
    /// noise of its own (`ε ∼ N(0, 1 − α_t)` in `x_t = √α_t·x_{t−1} + ε`, the two variables merged
    /// into one in a derivation), and the formulas beside it are then read with that scale
    /// (see ``noiseScaledByNote(_:)``).
    func judgeNoiseLaw(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        guard chain.sides.count == 2, ["sim", "in"].contains(chain.relations[0]), let lhs = exprs[0], let rhs = exprs[1],
              let s = lhs.asSymbol, ["epsilon", "z", "xi"].contains(s.base), !s.isModel,
              let (h, args) = rhs.asApplication, h.base == "N", let p = allProbes.first else { return [] }
        let params = gaussianParameters(args)
        notes.structures += 1
        guard let m = params.mean, let v = scalar(m, p), v != 0 else { return [] }
        return [MathFinding(rule: .nonStandardNoise, offset: chain.sides[1].start,
                            message: "the noise is standard normal, N(0, I); this one is given mean \(Self.format(v))",
                            fix: "ε ∼ N(0, I)")]
    }

    /// The noise symbol a declaration `ε ∼ N(0, v)` gives a variance other than 1 (the note's own
    /// scaled noise), or nil.
    func noiseScaledByNote(_ chain: FormulaChain) -> MathSymbol? {
        guard chain.sides.count == 2, ["sim", "in"].contains(chain.relations[0]), let lhs = chain.sides[0].expr, let rhs = chain.sides[1].expr,
              let s = lhs.asSymbol, ["epsilon", "z", "xi"].contains(s.base), !s.isModel,
              let (h, args) = rhs.asApplication, h.base == "N", let p = allProbes.first,
              let c = gaussianParameters(args).variance else { return nil }
        if let v = scalar(c, p) { return nearlyEqual(v, 1) ? nil : s }
        // Not evaluated here (a step letter the probes do not bind): scaled when it is a schedule
        // quantity, not the identity.
        return c.mentions(base: "alpha") || c.mentions(base: "beta") ? s : nil
    }

    /// The Langevin step: the drift is the score ∇ log p, never ∇p; the state updated from x_i is x_{i+1}.
    func judgeLangevin(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        guard chain.sides.count >= 2, let lhs = exprs[0], let target = lhs.asSymbol, target.base == "x", let sub = target.subscriptText,
              chain.sides.dropFirst().contains(where: { $0.tokens.contains { $0.isCommand("nabla") } && $0.tokens.contains { $0.isCommand("sqrt") } }) else { return [] }
        var findings: [MathFinding] = []
        for side in chain.sides.dropFirst() {
            let tokens = side.tokens
            for (k, t) in tokens.enumerated() where t.isCommand("nabla") {
                var j = k + 1
                if j < tokens.count, tokens[j].isChar("_") {
                    j += 1
                    if j < tokens.count, tokens[j].isChar("{") {
                        var depth = 0
                        while j < tokens.count { if tokens[j].isChar("{") { depth += 1 }; if tokens[j].isChar("}") { depth -= 1; if depth == 0 { break } }; j += 1 }
                    }
                    j += 1
                }
                guard j + 1 < tokens.count else { continue }
                let density = tokens[j].isChar("p") || tokens[j].isChar("q") || tokens[j].isCommand("pi")
                if density, tokens[j + 1].isChar("(") {
                    findings.append(MathFinding(rule: .langevinStep, offset: t.start,
                                                message: "the Langevin step follows the score ∇ log p(x), not the gradient of the density ∇p(x)",
                                                fix: "x_{i+1} = x_i + δ·∇_x log p(x_i) + √(2δ)·z_i"))
                    return findings
                }
            }
        }
        // x_{t+1} computed from x_i: the index of the update is not the index of the state it reads.
        let words = TimeIndex.subscriptWords(sub).filter { $0.first?.isLetter == true }
        if let letter = words.first, words.count == 1, sub.hasSuffix("+1"), let rhs = exprs[1] {
            var readLetters = Set<String>()
            rhs.forEachSymbol { s in
                guard s.base == "x", !s.isModel, let r = s.subscriptText else { return }
                readLetters.formUnion(TimeIndex.subscriptWords(r).filter { $0.first?.isLetter == true })
            }
            if !readLetters.isEmpty, !readLetters.contains(letter) {
                findings.append(MathFinding(rule: .langevinStep, offset: chain.sides[1].start,
                                            message: "the step computes x_{\(letter)+1} from x_\(readLetters.sorted().joined(separator: ", x_")): the new iterate and the one it updates must share the index",
                                            fix: "x_{i+1} = x_i + δ·∇_x log p(x_i) + √(2δ)·z_i"))
            }
        }
        return findings
    }
}

/// Identities between densities of the chain's states: what a density can equal.
extension FormulaJudge {
    /// A density of one target and its conditions, as time indices, with its family (q, p, P).
    func singleDensity(_ e: MathExpr) -> (family: String, target: Int, conditions: Set<Int>, text: String)? {
        guard let probe = allProbes.dropFirst().first, let (h, _) = e.asApplication, ["q", "p", "P"].contains(h.base),
              let d = densityVariables(e, evaluator(probe)), d.targets.count == 1, let target = d.targets.first else { return nil }
        return (h.base + (h.subscriptText.map { "_" + $0 } ?? ""), target, Set(d.conditions), d.text)
    }

    /// The conditions a Markov chain lets a density keep: the nearest given state on each side of
    /// the target. A Markov chain is Markov in both directions, so given x_{s−} and x_{s+}, the nearest
    /// states below and above s, x_s does not depend on any state beyond them:
    /// q(x_{t−1} | x_t, x_{t+1:T}, x_0) = q(x_{t−1} | x_t, x_0), but q(x_{t−1} | x_t) ≠ q(x_{t−1} | x_t, x_0).
    func markovConditions(family: String, target: Int, _ conditions: Set<Int>) -> Set<Int> {
        var kept = Set<Int>()
        let nearest = DensityCalculus.nearestStates(Array(conditions), around: target, target)
        for state in [nearest.below, nearest.above].compactMap({ $0 }) { kept.insert(state) }
        return kept.union(conditions.filter { $0 == target })
    }

    /// `q(x_0 | x_1) = 1`, `P(x_n | x_0) = P(x_n)`, `q(x_{t−1} | x_t) = q(x_{t−1} | x_t, x_0)`.
    func judgeDensityIdentities(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        // Neighbouring sides only: an identity is stated between the two sides of one `=`.
        for k in 1..<max(1, chain.sides.count) {
            guard Self.equalities.contains(chain.relations[k - 1]), chain.relations[k - 1] != "sim",
                  let a = exprs[k - 1], let b = exprs[k] else { continue }
            for (one, other, offset) in [(a, b, chain.sides[k].start), (b, a, chain.sides[k - 1].start)] {
                if case .number(1) = one, let d = singleDensity(other), !d.conditions.isEmpty {
                    notes.structures += 1
                    return [MathFinding(rule: .wrongFactorization, offset: offset,
                                        message: "\(d.text) is a density, not the number 1\(d.conditions.contains(d.target) ? " (conditioned on its own variable it is a point mass)" : ""): a term log \(d.text) cannot be dropped as log 1 = 0",
                                        fix: "keep the t = 1 term apart: −log p_θ(x_0 | x_1)")]
                }
            }
            guard let l = singleDensity(a), let r = singleDensity(b), l.family == r.family, l.target == r.target else { continue }
            // `p(x_{t−1}) := p(x_{t−1} | x_0)` names a shorthand: a definition between two densities
            // of one variable claims no Markov property.
            if Self.definitions.contains(chain.relations[k - 1]) { continue }
            // DDIM's q_σ is not Markov: its kernels keep x_0 by construction, so no condition can be dropped or demanded.
            if l.family.contains("sigma") || l.family.contains("σ") { continue }
            notes.structures += 1
            let lc = markovConditions(family: l.family, target: l.target, l.conditions)
            let rc = markovConditions(family: r.family, target: r.target, r.conditions)
            // q(x_T | x_0) = q(x_T): the last state forgets the data, the premise of the prior term.
            if let probe = allProbes.dropFirst().first, l.target == probe.schedule.count, lc.subtracting([0]) == rc.subtracting([0]),
               probe.schedule.alphaBar(probe.schedule.count).map({ $0 < Self.terminalSignal }) ?? false { continue }
            if lc != rc {
                return [MathFinding(rule: .wrongFactorization, offset: chain.sides[k].start,
                                    message: "\(l.text) and \(r.text) are different densities: the Markov property only lets a density forget states beyond the nearest one on the side the chain runs from",
                                    fix: "q(x_t | x_{t−1}, x_0) = q(x_t | x_{t−1}); q(x_{t−1} | x_t) ≠ q(x_{t−1} | x_t, x_0)")]
            }
        }
        return []
    }
}
