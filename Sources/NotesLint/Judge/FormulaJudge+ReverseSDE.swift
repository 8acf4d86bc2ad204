#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The reverse-time SDE (Anderson 1982; Song et al. 2021, Eq. 6). For dx = f(x, t) dt + g(t) dw,
///
///     dx = [f(x, t) − g(t)²·∇_x log p_t(x)] dt + g(t) dw̄,
///
/// so the score enters the drift with the coefficient −G², where G multiplies the noise, and under
/// dt. Its Euler–Maruyama step backwards in time, with dt = −Δt and dw̄ = √Δt·z, is
/// x_{t−Δt} = x_t − [f − g²·∇ log p]·Δt + g·√Δt·z: the score's coefficient is +G² (G = g·√Δt) and
/// no dt is left. The check compares coefficients at random values of every symbol, so it holds
/// whatever f, g, σ(t) are.
extension FormulaJudge {
    /// One term of an expanded side: its sign and factors.
    struct Monomial {
        var negative: Bool
        var factors: [MathExpr]
    }

    /// The side multiplied out into signed products; nil past a size bound or for a sum inside
    /// a denominator, a root or a power that holds a marker (dt, dw, the score).
    static func expand(_ e: MathExpr, depth: Int = 0) -> [Monomial]? {
        guard depth < 24 else { return nil }
        switch e {
        case .sum(let terms):
            var out: [Monomial] = []
            for t in terms {
                guard let m = expand(t.term, depth: depth + 1) else { return nil }
                out += m.map { Monomial(negative: $0.negative != t.negated, factors: $0.factors) }
            }
            return out.count <= 64 ? out : nil
        case .product(let fs):
            var out = [Monomial(negative: false, factors: [])]
            for f in fs {
                guard let m = expand(f, depth: depth + 1) else { return nil }
                var next: [Monomial] = []
                for a in out { for b in m { next.append(Monomial(negative: a.negative != b.negative, factors: a.factors + b.factors)) } }
                guard next.count <= 64 else { return nil }
                out = next
            }
            return out
        default:
            return [Monomial(negative: false, factors: [e])]
        }
    }

    static func isSymbol(_ e: MathExpr, _ base: String) -> Bool {
        guard let s = e.asSymbol else { return false }
        return s.base == base && s.subscriptText == nil
    }

    /// What a monomial holds: dt, a Wiener increment (barred: reverse time), the score; and its
    /// other factors.
    struct Reading {
        var dt = false
        var dw = false
        var reverseNoise = false
        var score = false
        /// Which density's score: ∇ log p_t(x) and the classifier's ∇ log p_t(y | x) of a guided
        /// SDE are two scores, each with its own weight.
        var scoreKey: String?
        var coefficient: [MathExpr] = []
    }

    static let otherTimeVariables: Set<String> = ["sigma", "s", "tau", "lambda", "u", "r", "gamma", "eta"]

    static func read(_ m: Monomial) -> Reading? {
        var r = Reading()
        var k = 0
        let fs = m.factors
        while k < fs.count {
            let f = fs[k]
            if isSymbol(f, "d"), k + 1 < fs.count, let next = fs[k + 1].asSymbol {
                if next.base == "t", next.subscriptText == nil { guard !r.dt else { return nil }; r.dt = true; k += 2; continue }
                // dσ, ds, dτ, dλ: the equation runs in another time variable (EDM's
                // dx = −σ·∇ log p(x; σ) dσ); its terms are not read in t.
                if Self.otherTimeVariables.contains(next.base), next.subscriptText == nil { return nil }
                if next.base == "w" || next.base == "W" || next.base == "B" {
                    r.dw = true
                    if next.isBarred || (next.subscriptText?.contains("bar") ?? false) { r.reverseNoise = true }
                    k += 2
                    continue
                }
            }
            // ∇_x log p_t(x) reads as an unread ∇ before the log; s_θ(x, t) by its name.
            // `\nabla_x \log p_t` with the density's argument left implicit is the same score.
            if case .opaque = f, k + 1 < fs.count, case .function("log", let arg, nil) = fs[k + 1],
               let h = arg.asApplication?.head ?? arg.asSymbol, ["p", "q", "P"].contains(h.base) {
                r.score = true
                r.scoreKey = Self.key(arg) ?? "?"
                k += 2
                continue
            }
            // s_θ(x, t), or s(x, t) / s(x; t): a function named s of the state and the time.
            if let s = f.asSymbol ?? f.asApplication?.head, s.base == "s",
               (s.subscriptText?.contains("theta") ?? false)
                || (s.subscriptText == nil && (f.asApplication.map { $0.args.count == 2 && ($0.args[0].expr.asSymbol.map { ["x", "X"].contains($0.base) } ?? false) } ?? false)) {
                r.score = true
                r.scoreKey = "s_theta"
                k += 1
                continue
            }
            r.coefficient.append(f)
            k += 1
        }
        return r
    }

    /// A stable key for a symbol or an application, ignoring where it is written.
    static func key(_ e: MathExpr) -> String? {
        switch e {
        case .symbol(let s): return s.base + "|" + s.decorations.sorted().joined(separator: ",") + "|" + (s.subscriptText ?? "")
        case .application(let h, let args):
            // g(t) and g are one function of time: `g^2(t)` beside `g(t)` must agree.
            if args.count == 1, let s = args[0].expr.asSymbol, s.base == "t", s.subscriptText == nil, s.decorations.isEmpty {
                return key(.symbol(h))
            }
            let parts = args.map { a in key(a.expr) ?? "?" }
            return (key(.symbol(h)) ?? "") + "(" + parts.joined(separator: ",") + ")"
        case .number(let v): return "\(v)"
        case .product(let fs): let ks = fs.compactMap(key); return ks.count == fs.count ? "*" + ks.joined(separator: "*") : nil
        case .sum(let ts): let ks = ts.compactMap { t in key(t.term).map { (t.negated ? "-" : "+") + $0 } }; return ks.count == ts.count ? "(" + ks.joined() + ")" : nil
        case .power(let a, let b): return key(a).flatMap { ka in key(b).map { "(" + ka + ")^(" + $0 + ")" } }
        default: return nil
        }
    }

    /// The value of `e` with every symbol and application set to a value drawn from its key
    /// (the same at every occurrence) in [0.6, 1.9].
    static func randomValue(_ e: MathExpr, seed: UInt64, override: [String: Double] = [:]) -> Double? {
        func valueOf(_ k: String) -> Double {
            if let v = override[k] { return v }
            var h: UInt64 = 1469598103934665603 &+ seed &* 1099511628211
            for b in k.utf8 { h = (h ^ UInt64(b)) &* 1099511628211 }
            let u = Double(h % 10_000) / 10_000
            // α, β and their products lie in (0, 1), so 1 − ᾱ_t stays a positive variance.
            return k.hasPrefix("alpha|") || k.hasPrefix("beta|") ? 0.05 + 0.9 * u : 0.6 + 1.3 * u
        }
        return e.arithmeticValue { node in
            if !override.isEmpty, let k = key(node), let v = override[k] { return v }
            switch node {
            case .symbol: return key(node).map(valueOf)
            case .application(let h, _): return h.base == "E" ? nil : key(node).map(valueOf)
            default: return nil
            }
        }
    }

    /// The time symbol at 1, so that `g^2(t)`, read as g²·t, agrees with g(t)².
    static let timeIsOne: [String: Double] = ["t||": 1]

    static func product(_ fs: [MathExpr]) -> MathExpr { fs.isEmpty ? .number(1) : (fs.count == 1 ? fs[0] : .product(fs)) }

    /// The coefficient of the score C and of the noise G in one side, at one seed.
    static func coefficients(_ readings: [(Reading, Bool)], seed: UInt64) -> (score: Double, noise: Double)? {
        var c = 0.0, g = 0.0
        let first = readings.first { $0.0.score }?.0.scoreKey
        // The drift's value does not enter: f(x, t) need not be a number.
        for (r, negative) in readings where r.score || r.dw {
            guard let v = randomValue(product(r.coefficient), seed: seed, override: timeIsOne) else { return nil }
            if r.score, r.scoreKey == first { c += negative ? -v : v }
            if r.dw { g += negative ? -v : v }
        }
        return (c, g)
    }

    /// The drift of the forward SDE as notes write it: f(x, t), μ(x, t), −½β(t)·x. Another field
    /// (a flow's velocity u_t) makes the score's coefficient a matter of its definition: not judged.
    static func isForwardDrift(_ factors: [MathExpr]) -> Bool {
        let allowed: Set<String> = ["f", "F", "mu", "x", "X", "beta", "alpha", "sigma", "g", "t", "d", "Delta"]
        var ok = true
        for f in factors {
            if case .opaque = f { return false }
            f.forEachSymbol { if !allowed.contains($0.base) { ok = false } }
        }
        return ok
    }

    /// Whether a coefficient is a scalar function of time for certain: numbers and the schedule's
    /// scalars (g, σ, β, α, λ, η, γ, τ, Δ, t, and d of dσ²/dt). Any other letter
    /// (Σ, R, G, A, a diffusion tensor) or a function of x may be a matrix or vary in space.
    static func isScalarCoefficient(_ factors: [MathExpr]) -> Bool {
        let scalars: Set<String> = ["g", "sigma", "beta", "alpha", "lambda", "eta", "gamma", "tau", "Delta", "t", "d", "s", "i", "k", "N", "T"]
        var ok = true
        for f in factors {
            if case .opaque = f { return false }
            f.forEachSymbol { s in
                if !scalars.contains(s.base) { ok = false }
            }
        }
        return ok
    }

    func judgeReverseSDE(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        guard chain.sides.count >= 2, let lhs = exprs[0] else { return [] }
        var findings: [MathFinding] = []
        // Each side stated equal to the left one is an SDE of its own.
        for k in 1..<chain.sides.count {
            guard chain.relations[..<k].allSatisfy({ Self.equalities.contains($0) && $0 != "sim" }), let rhs = exprs[k] else { break }
            findings += judgeReverseSDE(lhs: lhs, rhs: rhs, offset: chain.sides[k].start)
        }
        return findings
    }

    /// Letters a note uses for a scale of its own on the noise, η_t·g(t) dw̄.
    static let noiseScaleNames: Set<String> = ["eta", "lambda", "gamma"]

    /// Whether the SDE is a member of the family that keeps the marginals of dx = f dt + g dw with
    /// its noise scaled by a free η: backward in time dx = [f − ½(1 + η²)·g²·∇ log p] dt + η·g dw̄
    /// (η = 1 the reverse SDE, η = 0 the probability-flow ODE), forward in time
    /// dx = [f − ½(1 − η²)·g²·∇ log p] dt + η·g dw. g is the noise coefficient without η.
    static func isScaledNoiseFamily(_ readings: [(Reading, Bool)], backward: Bool) -> Bool {
        let noise = readings.filter { $0.0.dw }
        guard noise.count == 1 else { return false }
        func isScale(_ f: MathExpr) -> Bool {
            let base: MathExpr
            if case .power(let b, _) = f { base = b } else { base = f }
            return base.asSymbol.map { noiseScaleNames.contains($0.base) } ?? false
        }
        let factors = noise[0].0.coefficient
        let rest = factors.filter { !isScale($0) }
        guard rest.count < factors.count, !rest.isEmpty else { return false }
        for seed: UInt64 in [1, 2, 3] {
            guard let (c, big) = coefficients(readings, seed: seed),
                  let g = randomValue(product(rest), seed: seed, override: timeIsOne) else { return false }
            let expected = backward ? -(g * g + big * big) / 2 : -(g * g - big * big) / 2
            guard nearlyEqual(c, expected) else { return false }
        }
        return true
    }

    /// Whether the drift of a reverse SDE is written with the sign of time running backward:
    /// −f(x, t) (or −μ), or the VP drift −½β(t)·x turned to +½β(t)·x. False when no drift is written.
    static func driftRunsBackward(_ readings: [(Reading, Bool)]) -> Bool {
        let drift = readings.filter { !$0.0.score && !$0.0.dw }
        guard !drift.isEmpty else { return false }
        return drift.allSatisfy { r, negative in
            let named = r.coefficient.contains { f in (f.asSymbol ?? f.asApplication?.head).map { ["f", "F", "mu"].contains($0.base) } ?? false }
            let vp = r.coefficient.contains { $0.mentions(base: "beta") } && r.coefficient.contains { $0.asSymbol?.base == "x" }
            if named { return negative && !vp }
            return vp && !negative
        }
    }

    /// `dx/dt`: the derivative of the state in time.
    static func isTimeDerivative(_ e: MathExpr) -> Bool {
        guard case .quotient(.product(let top), .product(let bottom)) = e, top.count == 2, bottom.count == 2,
              isSymbol(top[0], "d"), let x = top[1].asSymbol, ["x", "X"].contains(x.base), x.subscriptText == nil,
              isSymbol(bottom[0], "d"), isSymbol(bottom[1], "t") else { return false }
        return true
    }

    func judgeReverseSDE(lhs: MathExpr, rhs: MathExpr, offset: Int) -> [MathFinding] {
        guard let monomials = Self.expand(rhs) else { return [] }
        // x_{t−Δt} = x_t + (dx/dt)·Δt: an Euler step back in time subtracts the derivative.
        if let x = lhs.asSymbol, ["x", "X"].contains(x.base), let sub = x.subscriptText, sub.contains("-Delta"),
           let m = monomials.first(where: { $0.factors.contains(where: Self.isTimeDerivative) }), !m.negative,
           m.factors.contains(where: { Self.isSymbol($0, "Delta") }) {
            return [MathFinding(rule: .reverseSDE, offset: offset,
                                message: "stepping back in time from t to t − Δt, Euler's method subtracts the derivative: x_{t−Δt} = x_t − (dx/dt)·Δt",
                                fix: "x_{t−Δt} = x_t − (dx/dt)·Δt")]
        }
        var readings: [(Reading, Bool)] = []
        for m in monomials {
            guard let r = Self.read(m) else { return [] }
            if r.score && r.dw { return [] }
            readings.append((r, m.negative))
        }
        guard readings.contains(where: { $0.0.score }) else { return [] }
        // Σ∇ log p with g R dw̄ (Σ = R Rᵀ), G(x, t), D(x): a matrix or state-dependent factor makes
        // the coefficient rule −g² the scalar case of another one. Where dt stands is still judged.
        let matrixFactor = readings.contains { ($0.0.score || $0.0.dw) && !Self.isScalarCoefficient($0.0.coefficient) }
        let matrixReason = "reverse SDE whose score or noise coefficient holds a factor that may be a matrix or depend on x"
        for (r, _) in readings where !r.score && !r.dw {
            let isState = r.coefficient.count == 1 && (r.coefficient[0].asSymbol.map { $0.base == "x" } ?? false)
            let isNoise = r.coefficient.contains { f in f.asSymbol.map { ["z", "epsilon", "xi"].contains($0.base) } ?? false }
            if !isState, !isNoise, !Self.isForwardDrift(r.coefficient) { return [] }
        }
        // dx = [f − ½g²·∇ log p] dt, dx/dt = f − ½g²·∇ log p: the probability-flow ODE.
        let differential = Self.isDifferential(lhs)
        // dx = [f − ½g²·∇ log p] with no dt anywhere: a differential set equal to a rate.
        if differential, !readings.contains(where: { $0.0.dw || $0.0.dt }) {
            return [MathFinding(rule: .probabilityFlowODE, offset: offset,
                                message: "the right side has no dt: dx is a differential, so the drift [f(x, t) − ½g(t)²·∇_x log p_t(x)] multiplies dt",
                                fix: "dx = [f(x, t) − ½g(t)²·∇_x log p_t(x)] dt")]
        }
        if differential || Self.isTimeDerivative(lhs), !readings.contains(where: { $0.0.dw }) {
            return judgeProbabilityFlowODE(readings, differential: differential, offset: offset)
        }
        // dx = …: the continuous SDE.
        if differential {
            guard readings.contains(where: { $0.0.dw }) else { return [] }
            let reverse = readings.contains { $0.0.reverseNoise }
            // dx = [f − g²·∇ log p dt + g dw̄]: a drift term left without its dt.
            if readings.contains(where: { !$0.0.score && !$0.0.dw && !$0.0.dt }), readings.contains(where: { $0.0.score && $0.0.dt }) {
                return [MathFinding(rule: .reverseSDE, offset: offset,
                                    message: "a drift term of the SDE has no dt: every term but the noise multiplies dt, dx = [f(x, t) − g(t)²·∇_x log p_t(x)] dt + g(t) dw̄",
                                    fix: "dx = [f(x, t) − g(t)²·∇_x log p_t(x)] dt + g(t) dw̄")]
            }
            if readings.contains(where: { $0.0.score && !$0.0.dt }) {
                return [MathFinding(rule: .reverseSDE, offset: offset,
                                    message: "the score term of the reverse SDE has no dt: the drift [f − g²·∇_x log p_t(x)] multiplies dt, only the noise term multiplies dw̄",
                                    fix: "dx = [f(x, t) − g(t)²·∇_x log p_t(x)] dt + g(t) dw̄")]
            }
            if matrixFactor { return skip(matrixReason) ?? [] }
            // C = −G² (reverse SDE); with an unbarred dw, C = G²/2 is Langevin dynamics instead.
            var agreesReverse = true, agreesLangevin = true, agreesBackwardTime = true
            for seed: UInt64 in [1, 2, 3] {
                guard let (c, g) = Self.coefficients(readings, seed: seed), g != 0 else { return [] }
                if !nearlyEqual(c, -g * g) { agreesReverse = false }
                if !nearlyEqual(c, g * g / 2) { agreesLangevin = false }
                if !nearlyEqual(c, g * g) { agreesBackwardTime = false }
            }
            if agreesReverse || (!reverse && agreesLangevin) { return [] }
            if Self.isScaledNoiseFamily(readings, backward: true) || (!reverse && Self.isScaledNoiseFamily(readings, backward: false)) { return [] }
            func symbols(_ factors: [MathExpr]) -> Set<String> {
                var names = Set<String>()
                for f in factors { f.forEachSymbol { names.insert($0.base) } }
                return names
            }
            let noise = readings.filter { $0.0.dw }.reduce(into: Set<String>()) { $0.formUnion(symbols($1.0.coefficient)) }
            let score = readings.filter { $0.0.score }.reduce(into: Set<String>()) { $0.formUnion(symbols($1.0.coefficient)) }
            // dx = [−½β(t)x − β(t)·∇ log p] dt + σ(t) dw̄ after σ(t) = √β(t) was set: the score's
            // factor and the noise's are written in symbols the formula does not relate, so
            // whether one is the other's square is the note's definition, not this line's.
            let time: Set<String> = ["t", "s", "x", "X"]
            if !noise.subtracting(time).isEmpty, !score.subtracting(time).isEmpty, noise.subtracting(time).isDisjoint(with: score.subtracting(time)) {
                return skip("reverse SDE whose score and noise coefficients are written in different symbols, related only by the note's definitions") ?? []
            }
            // dx = [f − ½(g² − σ²)·∇ log p] dt + σ dw: forward in time, the family of SDEs that keep
            // the marginals of dx = f dt + g dw, with a noise scale σ of its own (σ = g is that SDE,
            // σ = 0 the probability-flow ODE). Its score coefficient holds σ and another scale.
            if !reverse {
                if !score.isDisjoint(with: noise), !score.subtracting(noise).isEmpty {
                    return skip("an SDE forward in time with its own noise scale, of the family that keeps the marginals") ?? []
                }
            }
            // dx = [−f + g²·∇ log p] dt + g dw̄: the same SDE with dt > 0 running backward
            // (s = T − t), where every drift term changes sign. Read so only when the drift is
            // written and has turned too.
            // With no drift at all (f = 0) and a plain dw, nothing fixes which way time runs:
            // dx = g²·∇ log p dt + g dw is the reverse of dx = g dw with s = T − t, the form a
            // sampler integrates from noise to data.
            let driftless = !readings.contains { !$0.0.score && !$0.0.dw }
            if agreesBackwardTime, Self.driftRunsBackward(readings) || (driftless && !reverse) { return [] }
            return [MathFinding(rule: .reverseSDE, offset: offset,
                                message: "the score's coefficient in the reverse SDE must be −g², minus the square of the noise coefficient: dx = [f − g²·∇_x log p_t(x)] dt + g dw̄",
                                fix: "dx = [f(x, t) − g(t)²·∇_x log p_t(x)] dt + g(t) dw̄")]
        }
        // x_{t−Δt} = …: one Euler–Maruyama step backwards in time.
        if let x = lhs.asSymbol, x.base == "x", let sub = x.subscriptText, sub.contains("-Delta") {
            if readings.contains(where: { $0.0.dt }) {
                return [MathFinding(rule: .reverseSDE, offset: offset,
                                    message: "a discretised step keeps a dt: with dt replaced by −Δt, the drift is multiplied by Δt alone",
                                    fix: "x_{t−Δt} = x_t − [f − g²·∇_x log p_t(x)]·Δt + g·√Δt·z")]
            }
            if matrixFactor { return skip(matrixReason) ?? [] }
            let noise = readings.filter { r in
                r.0.coefficient.contains { f in f.asSymbol.map { ["z", "epsilon", "xi"].contains($0.base) } ?? false }
            }
            guard noise.count == 1 else { return [] }
            var wrong = false
            for seed: UInt64 in [1, 2, 3] {
                var c = 0.0
                for (r, negative) in readings where r.score {
                    guard let v = Self.randomValue(Self.product(r.coefficient), seed: seed, override: Self.timeIsOne) else { return [] }
                    c += negative ? -v : v
                }
                let gFactors = noise[0].0.coefficient.filter { f in !(f.asSymbol.map { ["z", "epsilon", "xi"].contains($0.base) } ?? false) }
                guard let g = Self.randomValue(Self.product(gFactors), seed: seed, override: Self.timeIsOne), g != 0 else { return [] }
                if !nearlyEqual(c, g * g) { wrong = true }
            }
            guard wrong else { return [] }
            return [MathFinding(rule: .reverseSDE, offset: offset,
                                message: "going back in time from t to t − Δt, the score enters with +g²·Δt, the square of the noise coefficient g·√Δt: x_{t−Δt} = x_t − [f − g²·∇ log p]·Δt + g·√Δt·z",
                                fix: "x_{t−Δt} = x_t − [f − g²·∇_x log p_t(x)]·Δt + g·√Δt·z")]
        }
        return []
    }
}

extension FormulaJudge {
    /// Whether some chain states a probability-flow ODE of dx = f dt + g dw with the score's
    /// coefficient −½g² (see ``statesHalfScoreFlow``).
    static func statesHalfScoreFlow(_ chains: [FormulaChain]) -> Bool {
        for chain in chains where chain.sides.count >= 2 {
            let exprs = TimeIndex.rewrite(chain.sides.map(\.expr))
            for k in 1..<chain.sides.count {
                guard chain.relations[..<k].allSatisfy({ equalities.contains($0) && $0 != "sim" }) else { break }
                guard let lhs = exprs[0], let rhs = exprs[k], isTimeDerivative(lhs) || isDifferential(lhs),
                      let monomials = expand(rhs) else { continue }
                let readings = monomials.compactMap { m in read(m).map { ($0, m.negative) } }
                guard readings.count == monomials.count, !readings.contains(where: { $0.0.dw }),
                      let ratios = flowScoreRatios(readings) else { continue }
                if ratios.allSatisfy({ nearlyEqual($0, -0.5) }) { return true }
            }
        }
        return false
    }

    /// `dx`: the left side of an equation in differentials.
    static func isDifferential(_ lhs: MathExpr) -> Bool {
        // `dx`, and `dx_t` with the time as its subscript.
        guard case .product(let fs) = lhs, fs.count == 2, isSymbol(fs[0], "d"), let x = fs[1].asSymbol, x.base == "x",
              x.subscriptText == nil || x.subscriptText == "t" else { return false }
        return true
    }

    /// The score's coefficient over g² at three random draws, for an ODE whose other terms are the
    /// state or a forward drift and whose score terms carry a number times the square of one noise
    /// coefficient named g; nil for any other equation.
    static func flowScoreRatios(_ readings: [(Reading, Bool)]) -> [Double]? {
        let scores = readings.filter { $0.0.score }
        guard !scores.isEmpty else { return nil }
        for (r, _) in readings where !r.score {
            let isState = r.coefficient.count == 1 && (r.coefficient[0].asSymbol.map { $0.base == "x" } ?? false)
            if !isState, !isForwardDrift(r.coefficient) { return nil }
        }
        // The g of g², the same function in every score term; any other factor is a number.
        var g: MathExpr?
        for (r, _) in scores {
            for f in r.coefficient {
                // 2, ½ written \frac{1}{2}: a number.
                if f.arithmeticValue({ _ in nil }) != nil { continue }
                // `g^2(t)` reads as g²·t: t is 1 in the comparison (``timeIsOne``).
                if isSymbol(f, "t") { continue }
                guard case .power(let b, .number(2)) = f, let head = b.asSymbol ?? b.asApplication?.head, head.base == "g", head.decorations.isEmpty,
                      g.map({ key($0) == key(b) }) ?? true else { return nil }
                g = b
            }
        }
        guard let g else { return nil }
        var ratios: [Double] = []
        for seed: UInt64 in [1, 2, 3] {
            guard let (c, _) = coefficients(readings, seed: seed),
                  let gv = randomValue(g, seed: seed, override: timeIsOne), gv != 0 else { return nil }
            ratios.append(c / (gv * gv))
        }
        return ratios
    }

    /// The probability-flow ODE of dx = f dt + g dw (Song et al. 2021, Eq. 13):
    /// dx = [f(x, t) − ½g(t)²·∇_x log p_t(x)] dt. Judged where the score's coefficient is a number
    /// times the square of a noise coefficient named g.
    func judgeProbabilityFlowODE(_ readings: [(Reading, Bool)], differential: Bool, offset: Int) -> [MathFinding] {
        guard readings.allSatisfy({ differential ? $0.0.dt : !$0.0.dt }), let ratios = Self.flowScoreRatios(readings) else { return [] }
        if ratios.allSatisfy({ nearlyEqual($0, -0.5) }) { return [] }
        // `dx̄ = [−f + ½g²·∇ log p] dt̄` in the reversed time t̄ = −t: the same ODE with every term's
        // sign turned, its drift's included.
        let drifts = readings.filter { !$0.0.score && !$0.0.dw }
        if ratios.allSatisfy({ nearlyEqual($0, 0.5) }), !drifts.isEmpty, drifts.allSatisfy({ $0.1 }) { return [] }
        // dx/dt = f − g²·∇ log p is the reverse SDE's drift with its noise set aside, which a note
        // may write on the way to its probability-flow ODE; where the note states that ODE with
        // −½g² as well, this line is not it.
        if statesHalfScoreFlow, ratios.allSatisfy({ nearlyEqual($0, -1) }) { return [] }
        notes.structures += 1
        return [MathFinding(rule: .probabilityFlowODE, offset: offset,
                            message: "the probability-flow ODE carries half the reverse SDE's score coefficient: dx = [f(x, t) − ½g(t)²·∇_x log p_t(x)] dt (no noise term takes the other half)",
                            fix: differential ? "dx = [f(x, t) − ½g(t)²·∇_x log p_t(x)] dt" : "dx/dt = f(x, t) − ½g(t)²·∇_x log p_t(x)")]
    }
}

/// A sampler's step moves the current sample: x_i ← x_{i+1} + (σ²_{i+1} − σ²_i)·s_θ + √(σ²_{i+1} − σ²_i)·z
/// (Song et al. 2021, Algorithm 1), x_{i+1} = x_i + δ·∇ log p + √(2δ)·z (Langevin). An update of a
/// state made only of a score term and fresh noise has lost the sample it starts from.
extension FormulaJudge {
    func judgeUpdateKeepsState(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        guard chain.sides.count == 2, ["=", "leftarrow", "gets", ":=", "coloneqq"].contains(chain.relations[0]),
              let lhs = exprs[0], let x = lhs.asSymbol, ["x", "X"].contains(x.base), x.subscriptText != nil, !x.isModel,
              let rhs = exprs[1], let monomials = Self.expand(rhs) else { return [] }
        var score = false, noise = false, state = false
        for m in monomials {
            guard let r = Self.read(m) else { return [] }
            if r.score { score = true }
            for f in r.coefficient {
                // Any factor that reads a sample (x_{i+1}, x̂_θ(x_t), μ_θ(x_t, t)) carries it.
                if f.mentions(base: "x") || f.mentions(base: "X") || f.mentions(base: "mu") { state = true }
                guard let s = f.asSymbol else { continue }
                if ["z", "epsilon", "xi"].contains(s.base), !s.isModel { noise = true }
            }
        }
        guard score, noise, !state else { return [] }
        return [MathFinding(rule: .langevinStep, offset: chain.sides[1].start,
                            message: "the update is only a score step and fresh noise: the sample it moves is missing (x_i = x_{i+1} + ε·s_θ(x_{i+1}) + √(2ε)·z)",
                            fix: "x_i = x_{i+1} + (σ²_{i+1} − σ²_i)·s_θ(x_{i+1}, σ_{i+1}) + √(σ²_{i+1} − σ²_i)·z")]
    }
}
