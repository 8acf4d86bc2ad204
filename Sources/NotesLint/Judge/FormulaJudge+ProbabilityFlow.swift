#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The probability-flow ODE of the variance-preserving process (Song et al. 2021, Eq. 13). The
/// forward SDE dx = −½β(t)·x dt + √β(t) dw has the ODE dx/dt = f − ½g²·∇ log p_t = −½β(t)[x + ∇ log p_t(x)],
/// and with the score of the noise prediction, ∇ log p_t(x) = −ε_θ/√(1 − ᾱ_t),
///
///     dx/dt = −½β(t)·[x − ε_θ/√(1 − ᾱ_t)],   β(t) = −d log ᾱ_t/dt   (ᾱ_t = exp(−∫₀ᵗ β)).
///
/// In the log-SNR λ = c·log(ᾱ/(1 − ᾱ)) (c = 1, or ½ for log(α/σ)), dλ/dt = −c·β/(1 − ᾱ), so
///
///     dx/dλ = (1 − ᾱ)/(2c)·[x − ε_θ/√(1 − ᾱ)] = [(1 − ᾱ)·x − √(1 − ᾱ)·ε_θ]/(2c).
///
/// The check reads the right side as a sum of x, ε_θ (or the score) times schedule coefficients in
/// ᾱ, β(t) and d log ᾱ/dt only, evaluates those coefficients at probe values of ᾱ and β, and
/// compares them with the closed form. Anything else on the right (σ(t), f, g, a velocity field,
/// D_θ, plain α) leaves the ODE unjudged: VE, EDM and flow ODEs are other equations.
extension FormulaJudge {
    /// The ODE variable a derivative is taken in.
    enum FlowVariable: Equatable {
        case time
        case logSNR
    }

    /// Probe values of (ᾱ, β): inside (0, 1) and apart, so that no two forms agree by accident.
    static let flowProbes: [(alphaBar: Double, beta: Double)] = [(0.3, 0.7), (0.62, 1.3), (0.88, 0.45)]

    /// `dx/dt` or `dx/dλ`: the state's derivative in time or in log-SNR.
    static func flowDerivative(_ e: MathExpr) -> FlowVariable? {
        guard case .quotient(.product(let top), .product(let bottom)) = e, top.count == 2, bottom.count == 2,
              isSymbol(top[0], "d"), let x = top[1].asSymbol, ["x", "X"].contains(x.base), x.subscriptText == nil,
              x.decorations.subtracting(["bold"]).isEmpty,
              isSymbol(bottom[0], "d"), let v = bottom[1].asSymbol, v.subscriptText == nil, v.decorations.isEmpty else { return nil }
        switch v.base {
        case "t": return .time
        case "lambda": return .logSNR
        default: return nil
        }
    }

    /// `d log ᾱ_t / dt`, the one derivative a coefficient may hold: −β(t).
    static func isLogAlphaBarRate(_ e: MathExpr) -> Bool {
        guard case .quotient(let top, .product(let bottom)) = e, bottom.count == 2, isSymbol(bottom[0], "d"), isSymbol(bottom[1], "t") else { return false }
        let topFactors: [MathExpr]
        if case .product(let fs) = top { topFactors = fs } else { return false }
        guard topFactors.count == 2, isSymbol(topFactors[0], "d"), case .function(let name, let arg, nil) = topFactors[1],
              name == "log" || name == "ln", let a = arg.asSymbol, a.base == "alpha", a.isBarred else { return false }
        return true
    }

    /// The value of a schedule coefficient at ᾱ = a, β = b; nil for any other symbol.
    static func scheduleValue(_ e: MathExpr, alphaBar a: Double, beta b: Double) -> Double? {
        e.arithmeticValue { node in
            if isLogAlphaBarRate(node) { return -b }
            switch node {
            case .symbol(let s):
                if s.base == "alpha", s.isBarred { return a }
                if s.base == "beta", !s.isBarred, !s.isHatted, !s.isTilde { return b }
                return nil
            case .application(let h, let args):
                // β(t), ᾱ(t), ᾱ_λ(λ): a schedule read at the ODE's own variable.
                guard args.count == 1, let v = args[0].expr.asSymbol, ["t", "lambda"].contains(v.base), v.subscriptText == nil else { return nil }
                return scheduleValue(.symbol(h), alphaBar: a, beta: b)
            default:
                return nil
            }
        }
    }

    /// The scale c of a log-SNR defined as λ = c·log(ᾱ/(1 − ᾱ)) somewhere in the note; nil when λ
    /// is not defined that way (or is defined twice, differently).
    static func logSNRScale(in chains: [FormulaChain]) -> Double? {
        var scales: [Double] = []
        for chain in chains where chain.sides.count == 2 && equalities.contains(chain.relations[0]) {
            guard let lhs = chain.sides[0].expr, let rhs = chain.sides[1].expr else { continue }
            let isLambda: Bool
            if let s = lhs.asSymbol { isLambda = s.base == "lambda" && s.decorations.isEmpty }
            else if let (h, args) = lhs.asApplication { isLambda = h.base == "lambda" && h.decorations.isEmpty && args.count == 1 }
            // λ(t) may read as λ·t: a lone symbol times the time.
            else if case .product(let fs) = lhs, fs.count == 2, isSymbol(fs[0], "lambda"), isSymbol(fs[1], "t") { isLambda = true }
            else { isLambda = false }
            guard isLambda else { continue }
            var c: Double?
            var consistent = true
            for p in flowProbes {
                guard let v = scheduleValue(rhs, alphaBar: p.alphaBar, beta: p.beta) else { consistent = false; break }
                let ratio = v / log(p.alphaBar / (1 - p.alphaBar))
                if let c0 = c, !nearlyEqual(c0, ratio) { consistent = false; break }
                c = ratio
            }
            // The β probe must not matter: λ is a function of ᾱ alone.
            if consistent, let c, c != 0, !c.isNaN,
               let v = scheduleValue(rhs, alphaBar: 0.3, beta: 9.0), nearlyEqual(v, c * log(0.3 / 0.7)) {
                scales.append(c)
            }
        }
        guard let first = scales.first, scales.allSatisfy({ nearlyEqual($0, first) }) else { return nil }
        return first
    }

    /// The coefficients of x and of ε_θ (the score folded in as −ε_θ/√(1 − ᾱ)) on a right side.
    struct FlowReading {
        /// Each monomial: what it multiplies (x or ε_θ or the score) and its schedule factors.
        var terms: [(kind: FlowTerm, negative: Bool, factors: [MathExpr])] = []
    }

    enum FlowTerm { case state, noise, score }

    /// Reads a right side as a sum of x, ε_θ and the score with schedule factors; `step` removes a
    /// step size Δv from every term that is not the starting state and reports the state alone.
    static func readFlow(_ rhs: MathExpr, variable: String, step: Bool) -> (FlowReading, startingState: Bool)? {
        guard let monomials = expand(rhs) else { return nil }
        var reading = FlowReading()
        var start = false
        for m in monomials {
            var kind: FlowTerm?
            var factors: [MathExpr] = []
            var delta = false
            var k = 0
            // x/√ᾱ: the state over a coefficient is the state times its reciprocal.
            let fs = m.factors.flatMap { f -> [MathExpr] in
                guard case .quotient(let top, let bottom) = f, top.mentions(base: "x") || top.mentions(base: "X") || top.mentions(base: "epsilon"),
                      !(bottom.mentions(base: "x") || bottom.mentions(base: "X") || bottom.mentions(base: "epsilon")) else { return [f] }
                let topFactors: [MathExpr]
                if case .product(let ps) = top { topFactors = ps } else { topFactors = [top] }
                return topFactors + [.quotient(.number(1), bottom)]
            }
            while k < fs.count {
                let f = fs[k]
                if step, isSymbol(f, "Delta"), k + 1 < fs.count, let v = fs[k + 1].asSymbol, v.base == variable, v.subscriptText == nil {
                    guard !delta else { return nil }
                    delta = true
                    k += 2
                    continue
                }
                // β(t), ᾱ(t) may read as β·t: the schedule at the ODE's time, not a product with t.
                if variable == "t", k + 1 < fs.count, isSymbol(fs[k + 1], "t"), let s = f.asSymbol, s.subscriptText == nil,
                   s.base == "beta" || (s.base == "alpha" && s.isBarred) {
                    factors.append(f)
                    k += 2
                    continue
                }
                var termKind: FlowTerm?
                if let s = f.asSymbol ?? f.asApplication?.head {
                    if ["x", "X"].contains(s.base), !s.isModel, s.decorations.subtracting(["bold"]).isEmpty {
                        // In a step the state is read at the variable itself (x_λ); in the ODE, plain.
                        if step ? (s.subscriptText == variable) : (s.subscriptText == nil || s.subscriptText == "t") { termKind = .state }
                        else { return nil }
                    } else if s.base == "epsilon", s.subscriptText?.contains("theta") == true {
                        termKind = .noise
                    } else if s.base == "s", s.subscriptText?.contains("theta") == true {
                        termKind = .score
                    }
                }
                // ∇_x log p_t(x): an unread ∇ before the log of a density.
                if case .opaque = f, k + 1 < fs.count, case .function("log", let arg, nil) = fs[k + 1], let (h, _) = arg.asApplication, ["p", "q"].contains(h.base) {
                    guard kind == nil else { return nil }
                    kind = .score
                    k += 2
                    continue
                }
                if let termKind {
                    guard kind == nil else { return nil }
                    kind = termKind
                } else {
                    factors.append(f)
                }
                k += 1
            }
            if step && !delta {
                // x_v on its own is where the step starts; nothing else may stand without Δv.
                guard kind == .state, factors.isEmpty, !m.negative, !start else { return nil }
                start = true
                continue
            }
            guard let kind else { return nil }
            reading.terms.append((kind, m.negative, factors))
        }
        return (reading, start)
    }

    /// The coefficients of x and ε_θ at one probe; nil when a factor is not a schedule coefficient.
    static func flowCoefficients(_ r: FlowReading, alphaBar a: Double, beta b: Double) -> (state: Double, noise: Double)? {
        var cx = 0.0, ce = 0.0
        for t in r.terms {
            guard let v = scheduleValue(product(t.factors), alphaBar: a, beta: b) else { return nil }
            let signed = t.negative ? -v : v
            switch t.kind {
            case .state: cx += signed
            case .noise: ce += signed
            case .score: ce -= signed / (1 - a).squareRoot()
            }
        }
        return (cx, ce)
    }

    /// The closed form's coefficients of x and ε_θ.
    static func expectedFlow(_ v: FlowVariable, scale: Double, alphaBar a: Double, beta b: Double) -> (state: Double, noise: Double) {
        switch v {
        case .time: return (-0.5 * b, 0.5 * b / (1 - a).squareRoot())
        case .logSNR: return ((1 - a) / (2 * scale), -(1 - a).squareRoot() / (2 * scale))
        }
    }

    func judgeProbabilityFlow(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        guard chain.sides.count == 2, Self.equalities.contains(chain.relations[0]), chain.relations[0] != "sim",
              let lhs = exprs[0], let rhs = exprs[1] else { return [] }
        let offset = chain.sides[1].start
        // dx/dt = … or dx/dλ = …: the ODE itself.
        if let variable = Self.flowDerivative(lhs) {
            guard let (reading, _) = Self.readFlow(rhs, variable: variable == .time ? "t" : "lambda", step: false) else { return [] }
            return judgeFlow(reading, variable: variable, offset: offset, step: false)
        }
        // x_{λ'} = x_λ + Δλ·F: Euler's step of the ODE, whose F is its right side.
        if let x = lhs.asSymbol, ["x", "X"].contains(x.base), let sub = x.subscriptText, !x.isModel {
            for (name, variable) in [("lambda", FlowVariable.logSNR), ("t", .time)] where sub == name + "'" || sub == name + "prime" || sub == name + "^prime" || sub == name + "^{prime}" {
                guard let (reading, start) = Self.readFlow(rhs, variable: name, step: true), start else { return [] }
                return judgeFlow(reading, variable: variable, offset: offset, step: true)
            }
        }
        return []
    }

    private func judgeFlow(_ reading: FlowReading, variable: FlowVariable, offset: Int, step: Bool) -> [MathFinding] {
        guard reading.terms.contains(where: { $0.kind == .state }), reading.terms.contains(where: { $0.kind != .state }) else { return [] }
        var scale = 1.0
        if variable == .logSNR {
            guard let s = logSNRScale else { return skip("dx/dλ: λ is not defined as a log-SNR of ᾱ in this note") ?? [] }
            scale = s
        }
        for p in Self.flowProbes {
            guard let (cx, ce) = Self.flowCoefficients(reading, alphaBar: p.alphaBar, beta: p.beta) else {
                return skip("probability-flow ODE with coefficients other than ᾱ and β(t)") ?? []
            }
            let (ex, ee) = Self.expectedFlow(variable, scale: scale, alphaBar: p.alphaBar, beta: p.beta)
            if nearlyEqual(cx, ex) && nearlyEqual(ce, ee) { notes.structures += 1; return [] }
        }
        notes.structures += 1
        let form: String
        switch variable {
        case .time:
            form = "dx/dt = −½β(t)·[x − ε_θ(x, t)/√(1 − ᾱ_t)], with β(t) = −d log ᾱ_t/dt"
        case .logSNR:
            let c = scale == 1 ? "" : (nearlyEqual(scale, 0.5) ? " (λ = ½ log(ᾱ/(1 − ᾱ)))" : " (λ = \(scale)·log(ᾱ/(1 − ᾱ)))")
            form = nearlyEqual(scale, 0.5)
                ? "dx/dλ = (1 − ᾱ)·x − √(1 − ᾱ)·ε_θ" + c
                : "dx/dλ = \(scale == 1 ? "½" : "1/(2·\(scale))")·[(1 − ᾱ)·x − √(1 − ᾱ)·ε_θ]" + c
        }
        let message = step
            ? "Euler's step of the probability-flow ODE multiplies the step by the ODE's right side, and this one is not it: \(form)"
            : (variable == .time
               ? "this is not the probability-flow ODE of the variance-preserving process: dx/dt = −½β(t)·[x + ∇ log p_t(x)] and ∇ log p_t(x) = −ε_θ/√(1 − ᾱ_t) give \(form)"
               : "this is not the probability-flow ODE in log-SNR: dλ/dt = \(scale == 1 ? "" : (nearlyEqual(scale, 0.5) ? "½·" : "\(scale)·"))(−β(t))/(1 − ᾱ) turns dx/dt = −½β(t)·[x − ε_θ/√(1 − ᾱ)] into \(form)")
        return [MathFinding(rule: .probabilityFlowODE, offset: offset, message: message, fix: form)]
    }
}
