import Reference
import CheckerCore

extension FormulaJudge {
    /// `q(target | conditions) = …`: forward kernels, the marginal, the posterior, the factorization.
    func judgeDensity(args: [MathArgument], rhs: MathExpr, offset: Int, lhsOffset: Int, notation: Notation, family: Bool = false) -> [MathFinding]? {
        guard let first = args.first else { return nil }
        let barIndex = args.firstIndex { $0.separator == "|" }
        // A joint density q(x_{1:T}, x_0) equated with the Markov chain's product.
        if barIndex == nil, args.count >= 2, case .bigOperator("prod", _, _, _, let body) = rhs, let (h, bodyArgs) = body.asApplication,
           h.base == "q", bodyArgs.contains(where: { $0.separator == "|" }) {
            return [MathFinding(rule: .wrongFactorization, offset: lhsOffset,
                                message: "∏_t q(x_t | x_{t−1}) is the conditional q(x_{1:T} | x_0), not the joint q(x_{1:T}, x_0) = q(x_{1:T} | x_0)·q(x_0)",
                                fix: "q(x_{1:T} | x_0) = ∏_{t=1}^T q(x_t | x_{t−1})")]
        }
        if let bar = barIndex, bar == 1, args.count == 2, state(of: args[1].expr) == .data,
           let s = first.expr.asSymbol ?? first.expr.asApplication?.head, s.base == "x", s.subscriptText == "T",
           let (head, nArgs) = rhs.asApplication, head.base == "N" {
            return judgeTerminalMarginal(nArgs, offset: offset, notation: notation)
        }
        guard let bar = barIndex, case .state(let a)? = state(of: first.expr) else { return nil }
        let conditions = args[(bar)...].compactMap { state(of: $0.expr) }
        guard conditions.count == args.count - bar else { return nil }
        if conditions.count == 1, let c = conditions.first, c != .state(offset: a + 1) || !(rhs.asApplication?.head.base == "N") || a != -1 {
            return judgeStateSample(target: a, condition: c, rhs: rhs, offset: offset, lhsOffset: lhsOffset, notation: notation)
        }
        // The posterior q(x_{t−1} | x_t, x_0) (also when x_0 was left out of the conditions).
        guard a == -1, conditions.contains(.state(offset: 0)), let (head, nArgs) = rhs.asApplication, head.base == "N" else { return nil }
        let params = gaussianParameters(nArgs)
        return judgeReverseKernel(mean: params.mean, variance: params.variance, missingData: !conditions.contains(.data), offset: offset,
                                  notation: notation, family: family)
    }

    /// Below this ᾱ_T the last state is N(0, I) as the notes and the papers state it.
    static let terminalSignal = 1e-3

    /// q(x_T | x_0) = N(√ᾱ_T·x_0, (1 − ᾱ_T)·I): the marginal at the last step, not at t.
    func judgeTerminalMarginal(_ args: [MathArgument], offset: Int, notation: Notation) -> [MathFinding]? {
        let params = gaussianParameters(args)
        guard let mean = params.mean, let variance = params.variance else { return nil }
        if let (p, message) = firstFailure({ p in
            guard let f = affine(mean, p), f.deterministicKeys.isSubset(of: [.data]), !f.hasNoise, let v = scalar(variance, p),
                  let a = p.schedule.alphaBar(p.schedule.count) else { return nil }
            if nearlyEqual(f.coefficient(.data), a.squareRoot()) && nearlyEqual(v, 1 - a) { return nil }
            // `q(x_T | x_0) = N(0, I)`: the prior the schedule is built to reach (ᾱ_T ≈ 4·10⁻⁵ for
            // the linear one), stated as DDPM states it.
            if f.coefficient(.data) == 0, nearlyEqual(v, 1), a < Self.terminalSignal { return nil }
            return "q(x_T | x_0) is the marginal at the last step, N(√\(notation.alphaBar(0).replacingOccurrences("_t", "_T"))·x_0, (1 − \(notation.alphaBar(0).replacingOccurrences("_t", "_T")))·I): the formula gives mean coefficient \(Self.format(f.coefficient(.data))) and variance \(Self.format(v)) where \(Self.format(a.squareRoot())) and \(Self.format(1 - a)) belong"
        }) {
            return [MathFinding(rule: .wrongMarginal, offset: offset, message: message + " at \(p.name)",
                                fix: "q(x_T | x_0) = N(√\(notation.alphaBar(0).replacingOccurrences("_t", "_T"))·x_0, (1 − \(notation.alphaBar(0).replacingOccurrences("_t", "_T")))·I)")]
        }
        return []
    }

    /// A constant formula (no random quantity) against a closed form.
    func judgeScalar(_ rhs: MathExpr, offset: Int, rule: LintRule, fix: String, what: String, expected: (Probe) -> Double?) -> [MathFinding]? {
        // `β̃_t = σ_t²`: σ_t is a free parameter (DDIM) unless the note fixes it; the equation
        // says what σ_t is, it cannot be wrong.
        if rhs.mentions(base: "sigma") { return skip("σ_t is a free parameter here: the equation defines it") }
        guard let p0 = allProbes.first, scalar(rhs, p0) != nil else { return nil }
        if let (p, message) = firstFailure({ p in
            guard let v = scalar(rhs, p), let want = expected(p) else { return nil }
            guard !nearlyEqual(v, want) else { return nil }
            let (printedWant, printedValue) = Self.formatApart(want, v)
            return "\(what) is \(printedWant), the formula gives \(printedValue)"
        }) {
            return [MathFinding(rule: rule, offset: offset, message: message + " at \(p.name)", fix: fix)]
        }
        return []
    }

    /// σ_t or σ_t²: DDIM's σ_t(η) when η appears, else β_t or β̃_t.
    func judgeSigma(_ rhs: MathExpr, squared: Bool, offset: Int, notation: Notation) -> [MathFinding]? {
        if rhs.mentions(base: "eta") {
            // `σ² = −1/(2η_2)`: an indexed η is another parameter (an exponential family's
            // natural parameters η_1, η_2), not DDIM's single η.
            var indexedEta = false
            rhs.forEachSymbol { if $0.base == "eta", $0.subscriptText != nil { indexedEta = true } }
            if indexedEta { return skip("η with an index (η_1, η_2) is not DDIM's η") }
            let fix = squared ? "σ_t² = η²·(1 − \(notation.alphaBar(-1)))/(1 − \(notation.alphaBar(0)))·(1 − \(notation.alphaBar(0))/\(notation.alphaBar(-1)))" : notation.ddimSigma
            guard let found = judgeScalar(rhs, offset: offset, rule: .wrongDDIMSigma, fix: fix, what: squared ? "σ_t²(η)" : "σ_t(η)", expected: { p in
                guard let s = ddimSigma(p), let eta = evaluator(p).parameters["eta"] else { return nil }
                return squared ? eta * eta * s * s : eta * s
            }) else { return nil }
            if squared, !found.isEmpty, passes({ p in
                guard let v = scalar(rhs, p), let s = ddimSigma(p), let eta = evaluator(p).parameters["eta"] else { return false }
                return nearlyEqual(v, eta * s * s)
            }) {
                return [MathFinding(rule: .etaForEtaSquared, offset: offset, message: "σ_t² carries η², not η: σ_t = η·σ̂_t", fix: fix)]
            }
            return found
        }
        guard let p0 = allProbes.first, scalar(rhs, p0) != nil else { return nil }
        let matches: (Probe, Bool) -> Bool = { p, asVariance in
            guard let v = self.scalar(rhs, p), let b = p.schedule.beta(p.t), let bt = p.schedule.posteriorVariance(p.t) else { return false }
            let x = (squared || asVariance) ? v : v * v
            return nearlyEqual(x, b) || nearlyEqual(x, bt)
        }
        if passes({ matches($0, false) }) { return [] }
        if squared, passes({ p in
            guard let v = self.scalar(rhs, p), let b = p.schedule.beta(p.t), let bt = p.schedule.posteriorVariance(p.t) else { return false }
            return nearlyEqual(v, b.squareRoot()) || nearlyEqual(v, bt.squareRoot())
        }) {
            return [MathFinding(rule: .stdAsVariance, offset: offset, message: "σ_t² is a variance: β_t or β̃_t, the formula gives a standard deviation",
                                fix: "σ_t² = β_t or σ_t² = β̃_t")]
        }
        if !squared, passes({ matches($0, true) }) {
            return [MathFinding(rule: .varianceAsStd, offset: offset, message: "σ_t is a standard deviation: it is √β_t or √β̃_t, the formula gives a variance",
                                fix: "σ_t = √β_t or σ_t = √β̃_t")]
        }
        return nil
    }

    /// α_t = 1 − β_t, ᾱ_t = ∏ α_s (or the DDIM paper's α_t = ∏ (1 − β_s)); cosine ᾱ.
    func judgeAlphaDefinition(_ s: MathSymbol, _ rhs: MathExpr, offset: Int, notation: Notation) -> [MathFinding]? {
        if rhs.contains(where: { if case .function("cos", _, _) = $0 { return true } else { return false } }) {
            // `α_t = cos(πt/2)` in a continuous t: the signal coefficient of a path (α_t² + σ_t² = 1),
            // whose cosine is right unsquared; the cosine schedule is ᾱ_t = f(t)/f(0) over t/T.
            if !s.isBarred, !s.isHatted, !rhs.mentions(base: "T"), ContinuousPath.usesBareTime(rhs) {
                return skip("α_t = cos(…t…) in a continuous t is a path's signal coefficient, not the cosine schedule's ᾱ_t = f(t)/f(0)")
            }
            // `α_t = cos φ`, `α_t = cos θ_t`: an angle, not t/T. A plain α written as a cosine of an angle is
            // the signal coefficient of the (α_t, σ_t) rotation (α_t² + σ_t² = 1), right unsquared.
            if !s.isBarred, !s.isHatted, !rhs.mentions(base: "T") {
                return skip("α_t = cos(angle) is the signal coefficient of the (α_t, σ_t) rotation, not the cosine schedule's ᾱ_t = f(t)/f(0)")
            }
            return judgeCosine(rhs, offset: offset)
        }
        // `α_t = e^{−½β_t}`, `exp(−½∫β(s) ds)`: the signal scale of the variance-preserving SDE's
        // path, with β_t the integrated rate; DDPM's α_t is no exponential.
        if !s.isBarred, !s.isHatted, rhs.contains(where: { e in
            if case .function("exp", _, _) = e { return true }
            if case .power(let b, _) = e, let base = b.asSymbol, base.base == "e", base.subscriptText == nil { return true }
            return false
        }) {
            return skip("α_t as an exponential of β is the signal scale of the variance-preserving SDE's path, not DDPM's α_t = 1 − β_t")
        }
        // α̃_t, α'_t: another quantity than the schedule's α.
        if s.isTilde || s.decorations.contains("prime") { return skip("\(s.isTilde ? "α̃" : "α'") is not the schedule's α") }
        // `ᾱ_T = 0`, `α_1 = 0`: a value the note chooses for its schedule, not a definition to check.
        if !rhs.mentions(base: "alpha"), !rhs.mentions(base: "beta") { return skip("a chosen value of the schedule, not a definition") }
        let cumulative = s.isBarred || s.isHatted || convention == .ddim
        let name = cumulative ? (convention == .ddim ? "α" : "ᾱ") : "α"
        let fix = cumulative ? "\(notation.alphaBar(0)) = ∏_{s=1}^t (1 − β_s)" : "α_t = 1 − β_t"
        return judgeScalar(rhs, offset: offset, rule: .wrongAlphaDefinition, fix: fix, what: "\(name)\(s.subscriptText.map { "_" + $0 } ?? "")") { p in
            guard let i = evaluator(p).index(s.subscriptText) else { return nil }
            let value = cumulative ? p.schedule.alphaBar(i) : p.schedule.alpha(i)
            return convention == .su ? value?.squareRoot() : value
        }
    }

    /// Every cos in a cosine-schedule formula must be squared.
    func judgeCosine(_ rhs: MathExpr, offset: Int) -> [MathFinding]? {
        var unsquared = false
        func visit(_ e: MathExpr, squared: Bool) {
            switch e {
            case .function("cos", let arg, let power):
                var isSquare = squared
                if let power, case .number(2) = power { isSquare = true }
                if !isSquare { unsquared = true }
                visit(arg, squared: false)
            case .power(let base, let exponent):
                if case .number(2) = exponent { visit(base, squared: true) } else { visit(base, squared: false) }
            case .sum(let terms): terms.forEach { visit($0.term, squared: false) }
            case .product(let fs): fs.forEach { visit($0, squared: false) }
            case .quotient(let a, let b): visit(a, squared: false); visit(b, squared: false)
            case .root(let a, _): visit(a, squared: false)
            case .function(_, let a, _): visit(a, squared: false)
            case .application(_, let args): args.forEach { visit($0.expr, squared: false) }
            default: break
            }
        }
        visit(rhs, squared: false)
        return unsquared ? [MathFinding(rule: .cosineWithoutSquare, offset: offset, message: "the cosine schedule squares the cosine: f(t) = cos²(…), not cos(…)", fix: Notation.cosine)] : []
    }

    /// L_simple = E‖ε − ε_θ(√ᾱ_t·x_0 + √(1 − ᾱ_t)·ε, t)‖².
    func judgeSimpleLoss(_ rhs: MathExpr, offset: Int, notation: Notation) -> [MathFinding]? {
        var squaredInner: MathExpr?
        var bareNorm: MathExpr?
        _ = rhs.contains { node in
            if case .power(let base, let exponent) = node, case .number(2) = exponent {
                switch base {
                case .norm(let inner), .absolute(let inner): squaredInner = inner
                case .sum: squaredInner = base
                default: break
                }
                return squaredInner != nil
            }
            if case .norm(let inner) = node, bareNorm == nil { bareNorm = inner }
            return false
        }
        let fix = notation.simpleLoss
        guard let inner = squaredInner ?? bareNorm, let p0 = allProbes.first, let f = affine(inner, p0) else { return nil }
        let noise = f.coefficients.filter { $0.key.isNoise }.values.reduce(0, +)
        let predicted = f.coefficient(.predictedNoise)
        // ‖(x_t − √ᾱ_t·x_0)/√(1 − ᾱ_t) − (x_t − √ᾱ_t·x_θ)/√(1 − ᾱ_t)‖², ‖x_0 − x_θ‖²: the loss rewritten
        // for a data prediction. Right when the data and its prediction enter with opposite
        // weights and nothing else remains; its weight outside the norm is not judged here.
        if predicted == 0, f.coefficient(.predictedData) != 0 {
            let data = f.coefficient(.data), predictedData = f.coefficient(.predictedData)
            if nearlyEqual(noise, 0), f.deterministicKeys.isSubset(of: [.data, .predictedData]), nearlyEqual(data, -predictedData) { return [] }
            return skip("a loss in the data prediction x_θ whose terms are not x_0 − x_θ")
        }
        if !(f.deterministicKeys.subtracting([.predictedNoise]).isEmpty && nearlyEqual(abs(noise), 1) && nearlyEqual(noise, -predicted)) {
            return [MathFinding(rule: .wrongSimpleLoss, offset: offset, message: "L_simple compares the noise ε with the prediction ε_θ: the difference inside the norm is not ε − ε_θ", fix: fix)]
        }
        if squaredInner == nil {
            return [MathFinding(rule: .wrongSimpleLoss, offset: offset, message: "L_simple is the squared norm ‖ε − ε_θ‖², the square is missing", fix: fix)]
        }
        // The noised input, when it is written out.
        var sample: MathExpr?
        _ = inner.contains { node in
            if let (h, args) = node.asApplication, h.base == "epsilon", h.isModel, let a = args.first?.expr, let g = affine(a, p0), g.hasNoise {
                sample = a
                return true
            }
            return false
        }
        // A state's own symbol (z_t defined above) is judged where the note defines it.
        if let sample, sample.asSymbol == nil, let forward = judgeForward(sample, to: 0, from: nil, offset: offset, notation: notation), let wrong = forward.first {
            return [MathFinding(rule: .wrongSimpleLoss, offset: offset, message: "L_simple: the input of ε_θ is not x_t: " + wrong.message, fix: fix)]
        }
        return []
    }

    /// KL(N(μ₁, σ₁²) ‖ N(μ₂, σ₂²)) written out, checked with the symbols at random values.
    func judgeKL(args: [MathArgument], rhs: MathExpr, offset: Int) -> [MathFinding]? {
        let gaussians = args.compactMap { a -> (MathExpr, MathExpr)? in
            guard let (h, nArgs) = a.expr.asApplication, h.base == "N" else { return nil }
            let p = gaussianParameters(nArgs)
            guard let m = p.mean, let v = p.variance else { return nil }
            return (m, v)
        }
        guard gaussians.count == 2, let p = allProbes.first else { return nil }
        // The right side must use exactly the two Gaussians' symbols: without σ₁ it assumes σ₁ = σ₂,
        // with a d it is the d-dimensional form; neither can be checked against the scalar KL.
        func names(_ e: MathExpr) -> Set<String> {
            var out = Set<String>()
            e.forEachSymbol { s in if !["pi", "e", "I", "log"].contains(s.base) { out.insert(s.base + (s.subscriptText ?? "")) } }
            return out
        }
        let stated = gaussians.reduce(into: Set<String>()) { $0.formUnion(names($1.0)); $0.formUnion(names($1.1)) }
        guard names(rhs) == stated else { return skip("the KL is written for a special case or in d dimensions") }
        for salt: UInt64 in [1, 2, 3] {
            var ev = evaluator(p)
            ev.freeSymbols = true
            ev.salt = salt
            guard let m1 = ev.evaluate(gaussians[0].0), let v1 = ev.evaluate(gaussians[0].1), let m2 = ev.evaluate(gaussians[1].0),
                  let v2 = ev.evaluate(gaussians[1].1), v1 > 0, v2 > 0, let got = ev.evaluate(rhs) else { return nil }
            let want = VariationalBound.normalKL(mean1: m1, logVariance1: log(v1), mean2: m2, logVariance2: log(v2))
            if !nearlyEqual(got, want) {
                return [MathFinding(rule: .wrongGaussianKL, offset: offset,
                                    message: "the Gaussian KL divergence is ½(log(σ₂²/σ₁²) + (σ₁² + (μ₁ − μ₂)²)/σ₂² − 1): with the symbols at sample values the formula gives \(Self.format(got)), the divergence is \(Self.format(want))",
                                    fix: Notation.gaussianKL)]
            }
        }
        return []
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
