import CheckerCore

/// A finding about a formula, before it is given a file position.
struct MathFinding: Sendable {
    var rule: LintRule
    var offset: Int
    var message: String
    var fix: String?
    var details: [DiagnosticDetail] = []
}

/// Recognizes the DDPM/DDIM equations whatever their notation and judges each numerically at
/// several steps of two schedules against the closed forms of the papers.
struct FormulaJudge {
    let convention: AlphaConvention
    let probes = PaperSchedule.probes

    struct Probe {
        let schedule: PaperSchedule
        let t: Int
        var name: String { "t = \(t), \(schedule.betas.first == PaperSchedule.probes.first?.schedule.betas.first ? "linear" : "cosine") schedule" }
    }

    var allProbes: [Probe] { probes.map { Probe(schedule: $0.schedule, t: $0.step) } }

    /// One per judge: reset for every chain, so that a formula too costly to evaluate is given up
    /// after one evaluation instead of one per probe and hypothesis.
    let allowance = EvaluationAllowance()

    /// Why the current chain's equations were left unjudged, for the coverage summary.
    let notes = JudgeNotes()

    /// Leaves an equation unjudged and says why: precision first, a reading in doubt is no finding.
    @discardableResult
    func skip(_ reason: String) -> [MathFinding]? {
        if !notes.reasons.contains(reason) { notes.reasons.append(reason) }
        return nil
    }

    /// ε without θ stands for the model's prediction (see ``MathEvaluator/epsilonIsPrediction``).
    var epsilonIsPrediction = false
    var predictionSubscript: String?
    var hatMarksFreshNoise = false
    var scoreIsInput = false
    /// The note states the schedule of Ho et al. (β from 10⁻⁴ to 0.02 over T = 1000 steps): numbers
    /// it gives for that schedule can be checked (see ``judgeScheduleValues``).
    var statesStandardSchedule = false
    /// Set for formulas next to a cosine schedule's formula in a note that states s = 0.008 and
    /// T = 1000: the numbers there are that schedule's values.
    var valuesFollowCosine = false

    /// The marks the note defines as its cumulative ᾱ and β̄.
    var cumulative = CumulativeNotation()

    /// The c of the note's log-SNR λ = c·log(ᾱ/(1 − ᾱ)), when it defines one: dx/dλ depends on it.
    var logSNRScale: Double?

    /// The note's process is a continuous-time path and it writes none of DDPM's schedule (see
    /// ``ContinuousPath/isPathDocument(_:)``): its α_t, β_t, σ_t are not DDPM's.
    var pathDocument = false

    /// The note is read in DDPM's notation but also uses the DDIM paper's (two or more of its
    /// formulas are right only there).
    var alsoUsesPaperReading = false

    /// The display states x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε_θ, so its x_0 is the model's estimate x̂_0.
    var dataIsEstimate = false

    /// The prose introduces the chain's first side as a new name ("Let $\tilde\epsilon = …$").
    var namesLeftSide = false

    /// The note defines β_t = σ_t² − σ_{t−1}² (see ``ContinuousPath/definesVarianceIncrement(_:)``).
    var betaIsVarianceIncrement = false

    /// The note states the probability-flow ODE with the score's coefficient −½g² (see
    /// ``statesHalfScoreFlow(_:)``): an ODE elsewhere with −g² is the reverse drift without noise.
    var statesHalfScoreFlow = false

    /// Variables whose density the note sets to a number (`p(t) = 1` for t uniform on [0, 1]; see
    /// ``constantDensities(_:)``): a density of one of them is a constant factor.
    var constantDensities: Set<DensityVariable> = []
    /// The note runs its step letter over the subsequence (“for each t in [τ_S, …, τ_1]”),
    /// so t and τ_i name the same step in its formulas.
    var stepRunsOverSubsequence = false

    /// The note sets σ² (or σ_t²) to the posterior variance β̃_t (see
    /// ``definesSigmaAsPosteriorVariance(_:)``): a formula written with its σ is right when it
    /// holds at σ² = β̃_t, the value the note gave it.
    var sigmaIsPosteriorVariance = false

    /// A judge of the same document in another α convention: it keeps what was read off the whole
    /// note (cumulative marks, log-SNR scale, stated schedule, path document, variance increments);
    /// the per-chain settings are the caller's to set.
    func reading(_ other: AlphaConvention) -> FormulaJudge {
        var j = FormulaJudge(convention: other)
        j.cumulative = cumulative
        j.logSNRScale = logSNRScale
        j.statesStandardSchedule = statesStandardSchedule
        j.pathDocument = pathDocument
        j.betaIsVarianceIncrement = betaIsVarianceIncrement
        j.statesHalfScoreFlow = statesHalfScoreFlow
        j.constantDensities = constantDensities
        j.sigmaIsPosteriorVariance = sigmaIsPosteriorVariance
        return j
    }

    func evaluator(_ p: Probe, _ c: AlphaConvention? = nil) -> MathEvaluator {
        var ev = MathEvaluator(schedule: p.schedule, t: p.t, convention: c ?? convention)
        ev.allowance = allowance
        ev.epsilonIsPrediction = epsilonIsPrediction
        ev.predictionSubscript = predictionSubscript
        ev.hatMarksFreshNoise = hatMarksFreshNoise
        ev.scoreIsInput = scoreIsInput
        ev.cumulative = cumulative
        return ev
    }

    /// The state a symbol denotes: `x_{t-1}` → `.state(-1)`, `x_0` → `.data`.
    func state(of e: MathExpr?) -> InputKey? {
        guard let e else { return nil }
        var symbol: MathSymbol?
        if let s = e.asSymbol { symbol = s }
        if let (h, args) = e.asApplication, h.base == "x", args.isEmpty { symbol = h }
        guard let s = symbol, s.base == "x" else { return nil }
        // `ẋ_t`: the state's time derivative, a velocity, is no state.
        guard !s.decorations.contains("dot") else { return nil }
        // `x̂_{t−1}`: a hat on a state other than x_0 is an estimate of that state (what a reverse
        // step returns), not the model's x̂_0.
        let estimatesState = s.isHatted && !(s.subscriptText ?? "0").contains("theta") && s.subscriptText != "0" && s.subscriptText != nil
        if s.isModel, !estimatesState { return .predictedData }
        guard let sub = s.subscriptText else { return nil }
        if sub == "0" { return .data }
        guard let schedule = PaperSchedule.probes.first?.schedule else { return nil }
        let ev = MathEvaluator(schedule: schedule, t: 500, convention: convention)
        guard sub.contains("t") || sub.contains("tau") || sub.contains("prev"), let i = ev.index(sub) else { return nil }
        return .state(offset: i - 500)
    }

    // MARK: - Entry points

    /// Judges one chain; `recognized` counts the equations it could judge.
    func judge(_ chain: FormulaChain, context: String) -> (recognized: Int, findings: [MathFinding]) {
        allowance.exhausted = false
        notes.reasons = []
        notes.structures = 0
        var findings: [MathFinding] = []
        var recognized = 0
        guard let first = chain.sides.first, allProbes.count > 1 else { return (0, []) }
        if chain.sides.count == 1 {
            let expr = TimeIndex.rewrite([first.expr])
            findings += judgeSubexpressions(chain, expr)
            if let f = judgeExpressionOnly(first, expr: expr[0], context: context) {
                recognized += 1
                findings += f
            }
            return (recognized + notes.structures, findings)
        }
        findings += judgeDensitySteps(chain)
        let exprs = TimeIndex.rewrite(chain.sides.map(\.expr))
        findings += judgeSumForProduct(chain, exprs)
        findings += judgeProcessName(chain, context: context)
        findings += judgeKLSign(chain, chain.sides.map(\.expr))
        findings += judgeELBOName(chain, chain.sides.map(\.expr))
        findings += judgeComponentwise(chain, chain.sides.map(\.expr))
        findings += judgeSubexpressions(chain, exprs)
        // Each side is compared with the first side of its run of equalities: `A = B ⇒ C = D`
        // pairs A with B and C with D, never A with D.
        var anchor = 0
        for k in 1..<chain.sides.count {
            let relation = chain.relations[k - 1]
            guard Self.equalities.contains(relation), !chain.sides[anchor].isEmpty else {
                // `≈` states an approximation (α_1 ≈ 1, μ_θ(x_1, 1) ≈ x_0): not an identity to check.
                if relation == "approx" { skip("≈ states an approximation, not an identity") }
                anchor = k
                continue
            }
            // A step carried from the display above was judged there.
            guard k >= chain.carriedSides, let lhsExpr = exprs[anchor], let rhsExpr = exprs[k] else { continue }
            if let f = judgeEquation(lhs: lhsExpr, lhsOffset: chain.sides[anchor].start, rhs: rhsExpr, rhsOffset: chain.sides[k].start) {
                recognized += 1
                for finding in f where !findings.contains(where: { $0.rule == finding.rule && $0.offset == finding.offset }) {
                    findings.append(finding)
                }
            }
        }
        // The older log-ratio check names a joint written for a conditional; this one the other
        // steps between densities, where no finding covers them yet.
        findings += judgeDensityCalculus(chain, exprs, covered: findings)
        findings += judgeGaussianConditions(chain, exprs)
        findings += judgeOneSidedLog(chain, exprs)
        findings += judgeExpectedLikelihood(chain)
        findings += judgeNestedExpectation(chain, exprs)
        findings += judgeProbabilityFlow(chain, exprs)
        return (recognized + notes.structures, findings)
    }

    /// Relations under which two sides are the same quantity (`∼` reads `x_t ∼ N(…)` as its law).
    static let equalities: Set<String> = ["=", "coloneqq", ":=", "sim", "equiv", "triangleq", "eqqcolon"]
    /// The relations that define their left side rather than state an equality.
    static let definitions: Set<String> = ["coloneqq", ":=", "triangleq", "eqqcolon"]

    /// nil: not an equation the judge knows; [] recognized and right.
    func judgeEquation(lhs: MathExpr, lhsOffset: Int, rhs: MathExpr, rhsOffset: Int) -> [MathFinding]? {
        if let r = judgeOriented(lhs: lhs, lhsOffset: lhsOffset, rhs: rhs, rhsOffset: rhsOffset) { return r }
        // `(x_t − …)/√α_t = x_{t−1}`: the defined quantity on the right.
        if state(of: rhs) != nil, state(of: lhs) == nil, lhs.asApplication == nil {
            return judgeOriented(lhs: rhs, lhsOffset: rhsOffset, rhs: lhs, rhsOffset: lhsOffset)
        }
        return nil
    }

    /// `σ_t²(η)` and `σ_t(η)` written as a product with η: the symbol being defined.
    static func definedSymbol(_ lhs: MathExpr) -> MathExpr {
        if case .product(let fs) = lhs, fs.count == 2, fs[1].asSymbol?.base == "eta" {
            if let s = fs[0].asSymbol, s.base == "sigma" { return fs[0] }
            if case .power(let b, .number(2)) = fs[0], b.asSymbol?.base == "sigma" { return fs[0] }
        }
        if case .power(let b, .number(2)) = lhs, let (h, args) = b.asApplication, h.base == "sigma", args.count == 1, args[0].expr.asSymbol?.base == "eta" {
            return .power(.symbol(h), .number(2))
        }
        return lhs
    }

    /// Whether a symbol's subscript is the time step (`σ_t`, `μ_{t-1}`, `σ_{τ_i}`) or absent, as
    /// opposed to a label (`σ_1`, `μ_x`, `σ_3` in a product-of-Gaussians derivation).
    func isTimeIndexed(_ s: MathSymbol) -> Bool {
        guard let sub = s.subscriptText else { return true }
        if s.isModel { return true }
        guard sub.contains("t") || sub.contains("tau") else { return false }
        guard let schedule = PaperSchedule.probes.first?.schedule else { return false }
        return MathEvaluator(schedule: schedule, t: 500, convention: convention).index(sub) != nil
    }

    private func judgeOriented(lhs rawLHS: MathExpr, lhsOffset: Int, rhs: MathExpr, rhsOffset: Int) -> [MathFinding]? {
        let lhs = Self.definedSymbol(rawLHS)
        if pathDocument, ContinuousPath.mentionsDiscreteSchedule(lhs) || ContinuousPath.mentionsDiscreteSchedule(rhs) {
            return skip(ContinuousPath.documentReason)
        }
        if betaIsVarianceIncrement, lhs.mentions(base: "beta") || rhs.mentions(base: "beta"), !lhs.mentions(base: "alpha"), !rhs.mentions(base: "alpha") {
            return skip(ContinuousPath.incrementReason)
        }
        let notation = Notation(convention: convention, usesBeta: rhs.mentions(base: "beta"))
        // x_{t+a} = …, x̂_0 = …
        if let target = state(of: lhs) {
            switch target {
            case .state(let a):
                let symbol = lhs.asSymbol ?? lhs.asApplication?.head
                return judgeStateSample(target: a, condition: nil, rhs: rhs, offset: rhsOffset, lhsOffset: lhsOffset, notation: notation,
                                        decoratedTarget: symbol?.decorations.isEmpty == false)
            case .data, .predictedData:
                return judgePredictedData(rhs, offset: rhsOffset, notation: notation)
            default: return nil
            }
        }
        if case .power(let base, let exponent) = lhs, case .number(2) = exponent, let s = base.asSymbol, s.base == "sigma" {
            guard isTimeIndexed(s) else { return skip("σ\(s.subscriptText.map { "_" + $0 } ?? "")² names a Gaussian's parameter, not the sampler's σ_t") }
            return judgeSigma(rhs, squared: true, offset: rhsOffset, notation: notation)
        }
        if let s = lhs.asSymbol {
            switch s.base {
            case "beta" where s.isTilde:
                // β̃ at the step its subscript names (β̃_1 = 0 since ᾱ_0 = 1).
                return judgeScalar(rhs, offset: rhsOffset, rule: .wrongPosteriorVariance, fix: notation.posteriorVariance,
                                   what: "the posterior variance β̃\(s.subscriptText.map { "_" + $0 } ?? "_t")") { p in
                    guard var i = s.subscriptText == nil ? p.t : evaluator(p).index(s.subscriptText) else { return nil }
                    // β̃_{t−1} for the variance of q(x_{t−1} | x_t, x_0) in a note that indexes it so.
                    if s.subscriptText != nil, cumulative.posteriorIndexedByTarget { i += 1 }
                    return i == 1 ? 0 : p.schedule.posteriorVariance(i)
                }
            case "sigma":
                guard isTimeIndexed(s) else { return skip("σ_\(s.subscriptText ?? "") names a Gaussian's parameter, not the sampler's σ_t") }
                return judgeSigma(rhs, squared: false, offset: rhsOffset, notation: notation)
            case "alpha":
                return judgeAlphaDefinition(s, rhs, offset: rhsOffset, notation: notation)
            case "L" where (s.subscriptText ?? "").lowercased().contains("simple"):
                return judgeSimpleLoss(rhs, offset: rhsOffset, notation: notation)
            case "mu":
                guard s.isModel || isTimeIndexed(s) else {
                    return skip("μ_\(s.subscriptText ?? "") names a Gaussian's parameter (a definition), not a sampling step")
                }
                return judgeMean(rhs, offset: rhsOffset, notation: notation, model: s.isModel)
            default: break
            }
        }
        if let (head, args) = lhs.asApplication {
            switch head.base {
            case "q" where judgeDensity(args: args, rhs: rhs, offset: rhsOffset, lhsOffset: lhsOffset, notation: notation) == nil:
                return judgeFactorisation(lhs: lhs, rhs: rhs, offset: lhsOffset)
            case "p":
                return judgeFactorisation(lhs: lhs, rhs: rhs, offset: lhsOffset)
            case "q":
                return judgeDensity(args: args, rhs: rhs, offset: rhsOffset, lhsOffset: lhsOffset, notation: notation,
                                    family: head.subscriptText == "sigma" || head.subscriptText?.hasPrefix("sigma") == true)
            case "mu":
                return judgeMean(rhs, offset: rhsOffset, notation: notation, model: head.isModel)
            case "sigma":
                return judgeSigma(rhs, squared: false, offset: rhsOffset, notation: notation)
            case "E":
                return judgeConditionalMean(args, rhs: rhs, offset: rhsOffset, notation: notation)
            case "D", "KL", "DKL":
                return judgeKL(args: args, rhs: rhs, offset: rhsOffset)
            case "f":
                // The cosine schedule's f(t) of one argument; f_θ(x_t, t) = cos(t)·x_t − … is a
                // network's parameterisation (a consistency model's), not the schedule.
                if args.count == 1, head.subscriptText == nil, !head.isModel,
                   rhs.contains(where: { if case .function("cos", _, _) = $0 { return true } else { return false } }) {
                    return judgeCosine(rhs, offset: rhsOffset)
                }
            default: break
            }
        }
        return nil
    }

    // MARK: - Checks over all probes

    /// Runs `check` at every probe; returns the first failure's probe and message.
    func firstFailure(_ check: (Probe) -> String?) -> (Probe, String)? {
        for p in allProbes {
            if let m = check(p) { return (p, m) }
        }
        return nil
    }

    func passes(_ check: (Probe) -> Bool) -> Bool {
        allProbes.allSatisfy(check)
    }

    func affine(_ e: MathExpr, _ p: Probe, _ c: AlphaConvention? = nil, rootVariances: Bool = false) -> AffineForm? {
        var ev = evaluator(p, c)
        ev.rootVariances = rootVariances
        return AffineForm(e, evaluator: ev)
    }

    func scalar(_ e: MathExpr, _ p: Probe, _ c: AlphaConvention? = nil) -> Double? {
        var ev = evaluator(p, c)
        guard let v = ev.evaluate(e), ev.requested.isEmpty else { return nil }
        return v
    }

    /// Two values a finding sets side by side, printed so that they differ: when the usual six
    /// digits round them alike, both get the shortest digits that tell them apart.
    static func formatApart(_ a: Double, _ b: Double) -> (String, String) {
        let (fa, fb) = (format(a), format(b))
        guard fa == fb, a != b else { return (fa, fb) }
        return ("\(a)", "\(b)")
    }

    static func format(_ x: Double) -> String {
        if x == 0 { return "0" }
        if !x.isFinite { return x.isNaN ? "NaN" : (x > 0 ? "∞" : "−∞") }
        let a = abs(x)
        if a >= 1e-3 && a < 1e4 {
            var s = String(Double(Int((x * 1e6).rounded())) / 1e6)
            if s.hasSuffix(".0") { s.removeLast(2) }
            return s
        }
        let e = Int((log10(a)).rounded(.down))
        let m = x / pow(10, Double(e))
        var mantissa = String(Double(Int((m * 1e4).rounded())) / 1e4)
        if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
        return "\(mantissa)e\(e)"
    }

    // MARK: - Forward process

    /// What a forward formula from x_{t+b} (nil: x_0) to x_{t+a} must be at a probe.
    /// The mean coefficient and the variance of x_a given x_b (x_0 when b is nil). With
    /// `sourceIndexed`, a step is numbered by the state it leaves (β_k for x_k → x_{k+1}).
    func forwardExpectation(to a: Int, from b: Int?, _ p: Probe, sourceIndexed: Bool = false) -> (mean: Double, variance: Double)? {
        let shift = sourceIndexed ? -1 : 0
        guard let num = p.schedule.alphaBar(p.t + a + shift), let den = p.schedule.alphaBar(b.map { p.t + $0 + shift } ?? 0) else { return nil }
        return ((num / den).squareRoot(), 1 - num / den)
    }

    /// `q(x_{t+1} | x_t)`, `x_{k+1} = √α_k·x_k + …`: one step written forward from the current state.
    /// Such a note may number the step by the state it leaves (β_k for x_k → x_{k+1}), a convention
    /// as consistent as DDPM's (β_t for x_{t−1} → x_t); the step is wrong only if wrong in both,
    /// unless the note pins DDPM's numbering by writing ᾱ_t = ∏_{s=1}^{t} α_s.
    static func writtenFromCurrentState(to a: Int, from b: Int?) -> Bool {
        guard let b else { return false }
        return a - b == 1 && b >= 0
    }

    enum SampleVerdict { case right, unjudgeable, meanWrong(Double, Double, Probe), noiseWrong(Double, Double, Probe) }

    func checkForwardSample(_ rhs: MathExpr, to a: Int, from b: Int?, _ c: AlphaConvention? = nil, rootVariances: Bool = false, sourceIndexed: Bool = false) -> SampleVerdict {
        let source: InputKey = b.map { .state(offset: $0) } ?? .data
        for p in allProbes {
            guard let f = affine(rhs, p, c, rootVariances: rootVariances), let (m, v) = forwardExpectation(to: a, from: b, p, sourceIndexed: sourceIndexed) else { return .unjudgeable }
            guard f.deterministicKeys.subtracting([source]).isEmpty, nearlyEqual(f.constant, 0) else { return .unjudgeable }
            func expansion(_ part: (AffineForm, (mean: Double, variance: Double)) -> (Double, Double)) -> Bool {
                agreeToFirstOrder(at: p) { q in
                    guard let g = affine(rhs, q, c, rootVariances: rootVariances),
                          let want = forwardExpectation(to: a, from: b, q, sourceIndexed: sourceIndexed) else { return nil }
                    return part(g, want)
                }
            }
            if !nearlyEqual(f.coefficient(source), m), !expansion({ g, want in (g.coefficient(source), want.mean) }) {
                return .meanWrong(f.coefficient(source), m, p)
            }
            if !nearlyEqual(f.noiseVariance, v), !expansion({ g, want in (g.noiseVariance, want.variance) }) {
                return .noiseWrong(f.noiseVariance, v, p)
            }
        }
        return .right
    }

    /// - Parameter decoratedTarget: the left side is x̂_t, x̃_t or x'_t rather than x_t.
    func judgeStateSample(target a: Int, condition: InputKey?, rhs: MathExpr, offset: Int, lhsOffset: Int, notation: Notation,
                          decoratedTarget: Bool = false) -> [MathFinding]? {
        if let (head, args) = rhs.asApplication, head.base == "N" {
            return judgeForwardDistribution(target: a, condition: condition, args: args, offset: offset, notation: notation)
        }
        if ContinuousPath.isPathFormula(rhs) { return skip(ContinuousPath.reason) }
        // `x_{t−1} = (x_t + β_t·s_θ(x_t, t))/√α_t + √β_t·z`: the ancestral step written with the
        // score; its mean is judged as the score form of the reverse mean.
        if a == -1, !scoreIsInput {
            var reading = self
            reading.scoreIsInput = true
            if let g = allProbes.lazy.compactMap({ reading.affine(rhs, $0) }).first, g.hasNoise,
               g.deterministicKeys == [.state(offset: 0), .predictedScore] {
                return reading.judgeReverseMeanFromScore(rhs, offset: offset, notation: notation, what: "the reverse step's mean", allowNoise: true)
            }
        }
        // Classify at the first step where the formula is defined (a wrong formula may take the
        // square root of a negative number at some steps).
        guard let f = allProbes.lazy.compactMap({ self.affine(rhs, $0) }).first else { return nil }
        let keys = f.deterministicKeys
        var findings: [MathFinding] = []
        // `x_t = x_0 + σ·ε`: the variance-exploding forward process of score models, σ free.
        if rhs.mentions(base: "sigma"), !rhs.mentions(base: "alpha"), !rhs.mentions(base: "beta") {
            return skip("x_t = x_0 + σ·ε is the variance-exploding (score/SDE) process: σ is free")
        }
        // Forward: one source state (or x_0) plus noise.
        if keys.count == 1, let source = keys.first {
            // No schedule symbol at all: `x_t = x_0 + ε` with ε ∼ N(0, t·I), a Brownian or
            // variance-exploding path whose noise carries its own variance, or `x_t = x_0` alone,
            // the chain at t = 0 before any noise (ᾱ_0 = 1). DDPM's scales ask nothing of either.
            if source == .data, nearlyEqual(f.coefficient(.data), 1), f.noiseVariance == 0 || nearlyEqual(f.noiseVariance, 1) {
                var onlyDataAndNoise = true
                rhs.forEachSymbol { if !["x", "X", "epsilon", "varepsilon", "z", "xi"].contains($0.base) { onlyDataAndNoise = false } }
                if onlyDataAndNoise {
                    return skip(f.noiseVariance == 0 ? "x_t = x_0: the start of the chain (t = 0), where no noise has been added"
                                                     : "x_t = x_0 + ε with no schedule symbol: the noise's variance is the note's own")
                }
            }
            // `x_t = α_t·x_0 + σ_t·ε`: continuous-time notation, α_t and σ_t the note's own schedule.
            if source == .data, rhs.mentions(base: "sigma"), !rhs.mentions(base: "beta") {
                return skip("α_t, σ_t notation (x_t = α_t·x_0 + σ_t·ε): the schedule is free")
            }
            var from: Int?? = nil
            if case .state(let b) = source, b < a { from = .some(b) }
            if source == .data { from = .some(nil) }
            if let b = from {
                // `x̂_t = x_t/√ᾱ_t = x_0 + √((1 − ᾱ_t)/ᾱ_t)·ε`, EDM's x̃ = x_0 + σ·ε: a decorated state built
                // from x_0 or an earlier state is a variable the note defines, at a scale it chooses.
                if decoratedTarget {
                    return skip("x̂_t = …, x̃_t = …: a decorated state made from x_0 or an earlier state is a variable of the note's own (a rescaled or perturbed x_t)")
                }
                if let condition, condition != source {
                    let stated = condition == .data ? "x_0" : notation.x({ if case .state(let c) = condition { return c }; return 0 }())
                    let actual = b.map { notation.x($0) } ?? "x_0"
                    findings.append(MathFinding(
                        rule: .conditioningMismatch, offset: lhsOffset,
                        message: "the left side is conditioned on \(stated) but the right side is a function of \(actual): it is q(\(notation.x(a)) | \(actual))",
                        fix: "q(\(notation.x(a)) | \(actual))"))
                }
                if let f = judgeForward(rhs, to: a, from: b, offset: offset, notation: notation) { findings += f }
                return findings
            }
        }
        // `x_t = √ᾱ_t + √(1 − ᾱ_t)·ε`: the forward sample's coefficients, exactly, with the state
        // they multiply left out.
        if keys.isEmpty, f.hasNoise {
            for b: Int? in [nil, a - 1] {
                let agrees = allProbes.allSatisfy { p in
                    guard let g = affine(rhs, p), let (m, v) = forwardExpectation(to: a, from: b, p) else { return false }
                    return nearlyEqual(g.constant, m) && nearlyEqual(g.noiseVariance, v)
                }
                guard agrees else { continue }
                let source = b.map { notation.x($0) } ?? "x_0"
                let (_, rule) = forwardName(to: a, from: b)
                return [MathFinding(rule: rule, offset: offset,
                                    message: "the mean coefficient multiplies nothing: \(source) is missing from the right side, so \(notation.x(a)) is a constant plus noise",
                                    fix: b == nil ? "\(notation.x(a)) = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε" : "\(notation.x(a)) = √α_t·\(source) + √(1 − α_t)·ε")]
            }
        }
        if a == -1 {
            // `x_{t−1} = 1/√α_t·(x_t − …·ε̄) + σ_t·z`: with z the fresh noise, the ε in the mean is
            // the model's prediction of the noise in x_t.
            if !epsilonIsPrediction, keys == [.state(offset: 0)], rhs.mentions(base: "epsilon"), rhs.mentions(base: "z") || rhs.mentions(base: "xi") {
                var reading = self
                reading.epsilonIsPrediction = true
                guard let g = allProbes.lazy.compactMap({ reading.affine(rhs, $0) }).first else { return nil }
                return reading.judgeReverse(rhs, offset: offset, notation: notation, keys: g.deterministicKeys, allowNoise: true)
            }
            // `… (x_t − √(1 − ᾱ_t)·ε_t)/√ᾱ_t + √(…)·ε_t + σ·ε`: the ε written twice with one
            // subscript is the prediction, the other ε the fresh noise.
            if !epsilonIsPrediction, predictionSubscript == nil, keys == [.state(offset: 0)] {
                var counts: [String: Int] = [:]
                var distinct = Set<String>()
                rhs.forEachSymbol { s in
                    guard ["epsilon", "z", "xi"].contains(s.base), !s.isModel else { return }
                    let name = s.base + "_" + (s.subscriptText ?? "") + s.decorations.sorted().joined()
                    distinct.insert(name)
                    if s.base == "epsilon", s.decorations.isEmpty, let sub = s.subscriptText { counts[sub, default: 0] += 1 }
                }
                let repeated = counts.filter { $0.value >= 2 }.keys
                if repeated.count == 1, let sub = repeated.first, distinct.count == 2 {
                    var reading = self
                    reading.predictionSubscript = sub
                    guard let g = allProbes.lazy.compactMap({ reading.affine(rhs, $0) }).first else { return nil }
                    return reading.judgeReverse(rhs, offset: offset, notation: notation, keys: g.deterministicKeys, allowNoise: true)
                }
            }
            let verdict = judgeReverse(rhs, offset: offset, notation: notation, keys: keys, allowNoise: true)
            // `1/√α_t·(x_t − …·ε_t) + σ_t·ε̂_t`: the hat may mark the fresh draw rather than an
            // estimate, and the plain ε_t the noise of x_t that the mean removes. The step is
            // wrong only if it is wrong under both readings.
            if verdict?.isEmpty == false, !hatMarksFreshNoise, let sub = plainAndHattedNoiseSubscript(rhs) {
                var reading = self
                reading.hatMarksFreshNoise = true
                reading.predictionSubscript = sub
                if let g = allProbes.lazy.compactMap({ reading.affine(rhs, $0) }).first,
                   reading.judgeReverse(rhs, offset: offset, notation: notation, keys: g.deterministicKeys, allowNoise: true)?.isEmpty == true {
                    return []
                }
            }
            return verdict
        }
        return nil
    }

    /// The subscript of an ε written both plain and hatted (`ε_t` and `ε̂_t`, neither with θ) in
    /// one formula, or nil.
    func plainAndHattedNoiseSubscript(_ e: MathExpr) -> String? {
        var plain = Set<String>(), hatted = Set<String>()
        e.forEachSymbol { s in
            guard s.base == "epsilon", s.subscriptText?.contains("theta") != true else { return }
            let sub = s.subscriptText ?? ""
            if s.decorations.isEmpty { plain.insert(sub) } else if s.isHatted, s.decorations.count == 1 { hatted.insert(sub) }
        }
        let both = plain.intersection(hatted)
        return both.count == 1 ? both.first : nil
    }

    func forwardName(to a: Int, from b: Int?) -> (String, LintRule) {
        guard let b else { return ("q(x_t | x_0)", .wrongMarginal) }
        return a - b == 1 ? ("the forward step q(\(Notation(convention: convention, usesBeta: false).x(a)) | \(Notation(convention: convention, usesBeta: false).x(b)))", .wrongForwardStep)
            : ("the merge of \(a - b) forward steps", .wrongMerge)
    }

    func judgeForward(_ rhs: MathExpr, to a: Int, from b: Int?, offset: Int, notation: Notation) -> [MathFinding]? {
        if ContinuousPath.isPathFormula(rhs) { return skip(ContinuousPath.reason) }
        // `x_{t+1} = x_t`: a state kept as it was (a rejected Metropolis–Hastings proposal, a
        // repeated token) states no kernel; every step of the forward process adds noise.
        if let state = rhs.asSymbol, ["x", "z"].contains(state.base) {
            return skip("one state set equal to another, with no noise and no schedule: a chain that stays where it is, not a forward step")
        }
        // `√α_t·(x_{t−1} − √(1 − α_{t−1})·ε)/√α_{t−1} + √(1 − α_t)·ε`: the step estimates x_0 from
        // its source state and ε, so its ε is the model's prediction and the step is DDIM's
        // deterministic one (its inversion here), not a draw from q(x_t | x_{t−1}).
        if Self.estimatesDataFromState(rhs) {
            return skip("the step estimates x_0 from its source state and ε: DDIM's deterministic step or its inversion, whose ε is the model's prediction, not a forward sample")
        }
        var verdict = checkForwardSample(rhs, to: a, from: b)
        var sourceIndexed = false
        if Self.writtenFromCurrentState(to: a, from: b), !cumulative.productFromStepOne, case .meanWrong = verdict {
            // Read in the numbering by the state the step leaves, where its mean may be right.
            let alternative = checkForwardSample(rhs, to: a, from: b, sourceIndexed: true)
            switch alternative {
            case .right, .noiseWrong: verdict = alternative; sourceIndexed = true
            default: break
            }
        }
        let (name, rule) = forwardName(to: a, from: b)
        let fix = notation.forwardSample(to: a, from: b, numberedBySource: sourceIndexed)
        switch verdict {
        case .right: return []
        case .unjudgeable: return nil
        case .noiseWrong(let got, let want, let p):
            let details = [DiagnosticDetail("noise variance at \(p.name)", Self.format(got)), DiagnosticDetail("expected", Self.format(want))]
            if case .right = checkForwardSample(rhs, to: a, from: b, rootVariances: true, sourceIndexed: sourceIndexed) {
                return [MathFinding(
                    rule: a - (b ?? 0) >= 2 && b != nil ? .wrongMerge : .varianceAsStd, offset: offset,
                    message: "\(name): the noise is multiplied by a variance where its square root (a standard deviation) belongs, so the noise variance is \(Self.format(got)) instead of \(Self.format(want)) at \(p.name)",
                    fix: fix, details: details)]
            }
            let (printedGot, printedWant) = Self.formatApart(got, want)
            return [MathFinding(rule: rule, offset: offset,
                                message: "\(name): the noise variance is \(printedGot) at \(p.name), it must be \(printedWant)",
                                fix: fix, details: details)]
        case .meanWrong(let got, let want, let p):
            let details = [DiagnosticDetail("mean coefficient at \(p.name)", Self.format(got)), DiagnosticDetail("expected", Self.format(want))]
            let (printedGot, printedWant) = Self.formatApart(got, want)
            var message = "\(name): the coefficient of \(b.map { notation.x($0) } ?? "x_0") is \(printedGot) at \(p.name), it must be \(printedWant)"
            if convention == .ddpm, case .right = checkForwardSample(rhs, to: a, from: b, .ddim) {
                message = "\(name): α is written where the cumulative product ᾱ belongs (coefficient \(Self.format(got)) instead of \(Self.format(want)) at \(p.name))"
            } else if convention == .ddpm, b == nil, rhs.mentions(base: "alpha"), !rhs.contains(where: { $0.asSymbol?.isBarred == true }) {
                message = "\(name): the per-step α_t is written where the cumulative product ᾱ_t belongs"
            }
            return [MathFinding(rule: b == nil ? .wrongMarginal : rule, offset: offset, message: message, fix: fix, details: details)]
        }
    }

    /// Whether `rhs` holds a state minus a multiple of a noise, `(x_s − c·ε)`, the numerator of
    /// x̂_0 = (x_s − √(1 − ᾱ_s)·ε)/√ᾱ_s.
    static func estimatesDataFromState(_ rhs: MathExpr) -> Bool {
        rhs.contains { e in
            guard case .sum(let terms) = e, terms.count == 2, !terms[0].negated, terms[1].negated,
                  let state = terms[0].term.asSymbol, ["x", "z"].contains(state.base), state.decorations.isEmpty else { return false }
            var noise = false
            terms[1].term.forEachSymbol { if ["epsilon", "varepsilon"].contains($0.base), !$0.isModel { noise = true } }
            return noise
        }
    }

    /// `N(x_t; mean, variance)` for q(x_t | x_{t−1}) and q(x_t | x_0).
    func judgeForwardDistribution(target a: Int, condition: InputKey?, args: [MathArgument], offset: Int, notation: Notation) -> [MathFinding]? {
        let params = gaussianParameters(args)
        guard let meanExpr = params.mean, let varianceExpr = params.variance else { return nil }
        // `N((1 − t)·x_0, t²·I)`: the law of a continuous-time path.
        if !ContinuousPath.mentionsDiscreteSchedule(meanExpr), !ContinuousPath.mentionsDiscreteSchedule(varianceExpr),
           ContinuousPath.usesBareTime(meanExpr) || ContinuousPath.usesBareTime(varianceExpr) {
            return skip(ContinuousPath.reason)
        }
        // `N(x_t | λ_t·x_{t−1}, σ_t²)`: a Gaussian chain in the note's own symbols (no α or β of
        // DDPM's schedule in it) is a general autoregressive process, its coefficients free.
        if !ContinuousPath.mentionsDiscreteSchedule(meanExpr), !ContinuousPath.mentionsDiscreteSchedule(varianceExpr),
           meanExpr.contains(where: { $0.asSymbol.map { !["x", "X", "z"].contains($0.base) } ?? false }) {
            return skip("a Gaussian chain in the note's own symbols (no α or β): its coefficients are free")
        }
        var from: Int?? = nil
        // `x_t ∼ N(√ᾱ_t x_0, …)`: the source is what the mean depends on.
        let inferred = condition ?? allProbes.lazy.compactMap { self.affine(meanExpr, $0) }.first.flatMap { f in f.deterministicKeys.count == 1 ? f.deterministicKeys.first : nil }
        if let condition = inferred {
            if case .state(let b) = condition, b < a { from = .some(b) } else if condition == .data { from = .some(nil) }
        }
        guard let b = from else { return nil }
        if let b, rewritesOverCondition(args, meanExpr, target: a, condition: b) {
            return skip("the kernel written as a Gaussian in the state it is given, N(x_{t−1}; x_t/√α_t, β_t/α_t·I): a function of x_{t−1} proportional to q(x_t | x_{t−1}), a step of a derivation")
        }
        // `N(x_t; α_t·x_0, σ_t²·I)`: the law of x_t = α_t·x_0 + σ_t·ε in continuous-time notation,
        // α_t and σ_t the note's own schedule (as for the sample form in ``judgeStateSample``).
        if b == nil, varianceExpr.mentions(base: "sigma"), !varianceExpr.mentions(base: "beta"), !meanExpr.mentions(base: "beta"),
           !meanExpr.contains(where: { $0.asSymbol.map { $0.isBarred || $0.isHatted } ?? false }) {
            return skip("α_t, σ_t notation (q(x_t | x_0) = N(α_t·x_0, σ_t²·I)): the schedule is free")
        }
        let (name, rule) = forwardName(to: a, from: b)
        let fix = notation.forwardDistribution(to: a, from: b)
        let source: InputKey = b.map { .state(offset: $0) } ?? .data
        let standard = forwardDistributionFindings(meanExpr, varianceExpr, to: a, from: b, source: source, name: name, rule: rule, fix: fix, offset: offset, sourceIndexed: false)
        // `N(x_t; (1 − β_t)·x_{t−1}, β_t²·I)`: mean and standard deviation that add to one are the
        // blend x_t = (1 − β_t)·x_{t−1} + β_t·ε, a process of its own (a course's first, naive
        // noising), not DDPM's step with a slip; a single slip leaves the sum off one.
        if !standard.isEmpty, let b, a - b == 1, isConvexBlend(meanExpr, varianceExpr, source: source) {
            return skip("a step whose mean coefficient and standard deviation add to one, (1 − β_t)·x_{t−1} + β_t·ε: a blend, another process than DDPM's")
        }
        guard !standard.isEmpty, Self.writtenFromCurrentState(to: a, from: b), !cumulative.productFromStepOne else { return standard }
        // Read in the numbering by the state the step leaves: right there, or with a right mean
        // and only the variance wrong, that reading is the note's.
        let leaving = forwardDistributionFindings(meanExpr, varianceExpr, to: a, from: b, source: source, name: name, rule: rule,
                                                  fix: notation.forwardDistribution(to: a, from: b, numberedBySource: true), offset: offset, sourceIndexed: true)
        return leaving.count < standard.count ? leaving : standard
    }

    /// `q(x_t | x_{t−1}) = N(x_{t−1}; x_t/√α_t, β_t/α_t·I)`: the Gaussian's written variable is the
    /// state the density is given, and its mean reads the state the density is of. A derivation
    /// of the posterior rewrites the kernel so, as a function of x_{t−1} (equal up to a constant
    /// factor); it is not the kernel with its variable slipped.
    func rewritesOverCondition(_ args: [MathArgument], _ meanExpr: MathExpr, target a: Int, condition b: Int) -> Bool {
        guard args.count == 3, args[1].separator == ";" else { return false }
        return allProbes.contains { probe in
            guard let variable = affine(args[0].expr, probe), variable.deterministicKeys == [.state(offset: b)],
                  let mean = affine(meanExpr, probe) else { return false }
            return mean.deterministicKeys.contains(.state(offset: a))
        }
    }

    /// Whether at every probe the mean's coefficient m and the variance v satisfy m + √v = 1 with
    /// m < 1, and the mean holds the source alone.
    private func isConvexBlend(_ meanExpr: MathExpr, _ varianceExpr: MathExpr, source: InputKey) -> Bool {
        allProbes.allSatisfy { p in
            guard let f = affine(meanExpr, p), f.deterministicKeys == [source], let v = scalar(varianceExpr, p), v > 0 else { return false }
            let m = f.coefficient(source)
            return m < 1 && nearlyEqual(m + v.squareRoot(), 1)
        }
    }

    /// The mean and the variance of a forward law against the step x_b → x_a.
    private func forwardDistributionFindings(_ meanExpr: MathExpr, _ varianceExpr: MathExpr, to a: Int, from b: Int?, source: InputKey, name: String, rule: LintRule,
                                             fix: String, offset: Int, sourceIndexed: Bool) -> [MathFinding] {
        var findings: [MathFinding] = []
        if let (p, message) = firstFailure({ p in
            guard let f = affine(meanExpr, p), let (m, _) = forwardExpectation(to: a, from: b, p, sourceIndexed: sourceIndexed) else { return nil }
            guard f.deterministicKeys.subtracting([source]).isEmpty else { return nil }
            return nearlyEqual(f.coefficient(source), m) ? nil : "\(name): the mean coefficient is \(Self.format(f.coefficient(source))), it must be \(Self.format(m))"
        }) {
            findings.append(MathFinding(rule: b == nil ? .wrongMarginal : rule, offset: offset, message: message + " at \(p.name)", fix: fix))
        }
        // `q(x_t | x_{t−1}) = N(√α_t·x_{t−1}, σ²I)`: a variance the note writes as its own σ, with no
        // α or β of the schedule in it, is left free (a note may fix it in the next line).
        let varianceIsFree = varianceExpr.mentions(base: "sigma") && !varianceExpr.mentions(base: "beta") && !varianceExpr.mentions(base: "alpha")
        if !varianceIsFree, let (p, message) = firstFailure({ p in
            guard let v = scalar(varianceExpr, p), let (_, want) = forwardExpectation(to: a, from: b, p, sourceIndexed: sourceIndexed) else { return nil }
            if nearlyEqual(v, want) { return nil }
            if nearlyEqual(v, want.squareRoot()) {
                return "STD\(name): the variance is given as a standard deviation (\(Self.format(v)) where the variance \(Self.format(want)) belongs)"
            }
            return "\(name): the variance is \(Self.format(v)), it must be \(Self.format(want))"
        }) {
            let isStd = message.hasPrefix("STD")
            findings.append(MathFinding(rule: isStd ? .stdAsVariance : (b == nil ? .wrongMarginal : rule), offset: offset,
                                        message: (isStd ? String(message.dropFirst(3)) : message) + " at \(p.name)", fix: fix))
        }
        return findings
    }

    /// The mean and variance arguments of `N(x; μ, Σ)` or `N(μ, Σ)`.
    func gaussianParameters(_ args: [MathArgument]) -> (mean: MathExpr?, variance: MathExpr?) {
        // A thin space that lost its backslash (`\sqrt{\alpha_t},x_{t-1}` for `\sqrt{\alpha_t}\,x_{t-1}`)
        // splits a mean into two arguments: with more than a mean and a variance after the
        // variable, which comma is which is unknown, so the parameters are not read.
        if let semicolon = args.firstIndex(where: { $0.separator == ";" }) {
            let rest = Array(args[semicolon...])
            // `N(0; I)`: two parameters with a semicolon between them are the mean and the
            // covariance; only `N(x; μ, Σ)` puts the variable before the semicolon.
            if semicolon == 1, rest.count == 1, args.count == 2 { return (args[0].expr, rest[0].expr) }
            guard rest.count <= 2 else { return (nil, nil) }
            return (rest.first?.expr, rest.count > 1 ? rest[1].expr : nil)
        }
        if args.count == 2 { return (args[0].expr, args[1].expr) }
        // `N(x, μ, Σ)`: the first of three is the variable, not a coefficient of the mean.
        if args.count == 3, args[0].expr.asSymbol != nil { return (args[1].expr, args[2].expr) }
        return (nil, nil)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
