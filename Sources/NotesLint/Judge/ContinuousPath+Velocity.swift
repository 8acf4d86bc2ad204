#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The velocity of a path, stated as its time derivative. For the note's own path
///
///     x_t = a(t)·A + b(t)·B   ⇒   dx_t/dt = a'(t)·A + b'(t)·B,
///
/// e.g. (1 − t)·x_0 + t·x_1 gives x_1 − x_0, and the conditional-OT path
/// (1 − (1 − σ_min)·t)·x_0 + t·x_1 gives x_1 − (1 − σ_min)·x_0. Only a side written as d/dt of the
/// path (`\frac{d x_t}{dt}`, `\frac{d}{dt}\psi_t(…)`, `\dot x_t`, or d/dt of the path written
/// out) is judged, against the path the note itself defines: which end is the data, and whether
/// the generating direction is +t or −t, then do not matter. A velocity named without a
/// derivative (u_t = …, v = …) is left alone, since notes that run t from the data to the noise
/// often name the reverse direction the velocity.
extension ContinuousPath {
    /// Times inside (0, 1) at which the coefficients are compared, apart from 0, ½ and 1.
    static let timeProbes: [Double] = [0.17, 0.43, 0.71]

    /// σ_min's probe value: large enough that dropping (1 − σ_min) changes a coefficient by 5 %.
    static let sigmaMinProbe = 0.05

    /// Step of the central difference a'(t) ≈ (a(t + h) − a(t − h))/(2h): its error is about
    /// h²·|a'''|/6 ≈ 10⁻¹⁰ for these coefficients (|a'''| ≤ (π/2)³), its rounding ε/h ≈ 10⁻¹¹.
    static let derivativeStep = 1e-5

    /// Coefficients agree within 10⁻⁶ (relative to max(1, |a'|)): far above the difference error
    /// above, far below the 0.05 a dropped σ_min makes or the 1 a sign or a swapped end makes.
    static func agrees(_ got: Double, _ want: Double) -> Bool {
        abs(got - want) <= 1e-6 * max(1, abs(want))
    }

    /// The name of a path variable, bold or not: `x_0`, `X_1`, `z`, `epsilon`.
    static func variableKey(_ s: MathSymbol) -> String {
        s.base + (s.subscriptText.map { "_" + $0 } ?? "")
    }

    /// The value of arithmetic in t, π and σ_min, the path variables given by `variables`; nil
    /// for any other symbol.
    static func value(_ e: MathExpr, t: Double, variables: [String: Double], sigmaMin: Double = sigmaMinProbe) -> Double? {
        e.arithmeticValue { node in
            switch node {
            case .symbol(let s):
                if isVariable(node) { return variables[variableKey(s)] ?? .nan }
                if s.base == "t", s.subscriptText == nil, s.decorations.isEmpty { return t }
                if s.base == "pi", s.subscriptText == nil { return Double.pi }
                if s.base == "sigma", s.subscriptText?.contains("min") == true { return sigmaMin }
                return .nan
            case .function(let name, let arg, let power) where name == "cos" || name == "sin":
                guard let x = value(arg, t: t, variables: variables, sigmaMin: sigmaMin) else { return .nan }
                let r = name == "cos" ? cos(x) : sin(x)
                guard let power else { return r }
                guard let p = value(power, t: t, variables: variables, sigmaMin: sigmaMin) else { return .nan }
                return pow(r, p)
            case .function(let name, _, nil) where name == "exp" || name == "log" || name == "ln":
                return nil
            case .function, .application, .bigOperator, .opaque, .norm, .absolute:
                return .nan
            default:
                return nil
            }
        }.flatMap { $0.isFinite ? $0 : nil }
    }

    /// The path variables a formula mentions.
    static func variables(of e: MathExpr) -> Set<String> {
        var keys = Set<String>()
        e.forEachSymbol { s in if isVariable(.symbol(s)) { keys.insert(variableKey(s)) } }
        return keys
    }

    /// The coefficient of each variable at time t, when the formula is linear in them (no
    /// constant term, confirmed at a generic point); nil otherwise.
    static func linearForm(_ e: MathExpr, t: Double, sigmaMin: Double = sigmaMinProbe) -> [String: Double]? {
        let keys = variables(of: e).sorted()
        guard !keys.isEmpty, let zero = value(e, t: t, variables: Dictionary(uniqueKeysWithValues: keys.map { ($0, 0.0) }), sigmaMin: sigmaMin),
              abs(zero) < 1e-12 else { return nil }
        var form: [String: Double] = [:]
        for k in keys {
            var point = Dictionary(uniqueKeysWithValues: keys.map { ($0, 0.0) })
            point[k] = 1
            guard let v = value(e, t: t, variables: point, sigmaMin: sigmaMin) else { return nil }
            form[k] = v
        }
        let generic = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, 0.37 + 0.29 * Double($0)) })
        guard let g = value(e, t: t, variables: generic, sigmaMin: sigmaMin) else { return nil }
        let predicted = keys.reduce(0.0) { $0 + (form[$1] ?? 0) * (generic[$1] ?? 0) }
        guard abs(g - predicted) <= 1e-9 * max(1, abs(g)) else { return nil }
        return form
    }

    /// What `d/dt` is taken of: `\frac{d x_t}{dt}` → x_t, `\frac{d}{dt}(…)` → (…), `\dot x_t` → x_t.
    static func derivativeOperand(_ e: MathExpr) -> MathExpr? {
        func isD(_ e: MathExpr) -> Bool { e.asSymbol.map { $0.base == "d" && $0.subscriptText == nil } ?? false }
        func isDT(_ e: MathExpr) -> Bool {
            guard case .product(let fs) = e, fs.count == 2, isD(fs[0]), let t = fs[1].asSymbol else { return false }
            return t.base == "t" && t.subscriptText == nil
        }
        switch e {
        case .quotient(.product(let top), let bottom) where isDT(bottom) && top.count >= 2 && isD(top[0]):
            return top.count == 2 ? top[1] : .product(Array(top.dropFirst()))
        case .product(let fs) where fs.count >= 2:
            guard case .quotient(let d, let bottom) = fs[0], isD(d), isDT(bottom) else { return nil }
            return fs.count == 2 ? fs[1] : .product(Array(fs.dropFirst()))
        case .symbol(var s) where s.decorations.contains("dot") && ["x", "X", "z"].contains(s.base):
            s.decorations.remove("dot")
            return .symbol(s)
        default:
            return nil
        }
    }

    /// The name a path is given (`x_t`, `X_t`, `psi_t`), for a state symbol or the head of
    /// `ψ_t(x_0 | z)`; nil for anything else.
    static func pathName(_ e: MathExpr) -> String? {
        // ẋ_t is the velocity, not the path.
        if let s = e.asSymbol, ["x", "X", "z", "psi"].contains(s.base), s.subscriptText == "t", !s.isModel,
           s.decorations.subtracting(["bold"]).isEmpty { return variableKey(s) }
        if let (h, _) = e.asApplication, h.base == "psi", h.subscriptText == "t" { return variableKey(h) }
        if case .product(let fs) = e, fs.count == 2, let h = fs[0].asSymbol, h.base == "psi", h.subscriptText == "t" { return variableKey(h) }
        return nil
    }

    /// A path as its coefficient functions, with where it is defined.
    struct Definition {
        var expr: MathExpr
        var line: Int
    }

    /// Whether two paths have the same coefficients at every probe time.
    static func samePath(_ a: MathExpr, _ b: MathExpr) -> Bool {
        timeProbes.allSatisfy { t in
            guard let f = linearForm(a, t: t), let g = linearForm(b, t: t), Set(f.keys) == Set(g.keys) else { return false }
            return f.allSatisfy { agrees($0.value, g[$0.key] ?? .nan) }
        }
    }

    /// The paths a document names (`x_t = (1 − t)x_0 + t z`, `ψ_t(x_0|z) = …`): a name given two
    /// different paths is ambiguous and left out.
    static func namedPaths(_ chains: [(chain: FormulaChain, line: (Int) -> Int)]) -> [String: Definition] {
        var found: [String: [Definition]] = [:]
        for (chain, line) in chains where chain.relations.allSatisfy({ FormulaJudge.equalities.contains($0) && $0 != "sim" }) {
            let exprs = chain.sides.map(\.expr)
            guard let k = exprs.firstIndex(where: { $0.map(isInterpolation) ?? false }), let path = exprs[k] else { continue }
            for case let e? in exprs {
                if let name = pathName(e) { found[name, default: []].append(Definition(expr: path, line: line(chain.sides[k].start))) }
            }
        }
        var paths: [String: Definition] = [:]
        for (name, defs) in found {
            guard let first = defs.first, defs.allSatisfy({ samePath($0.expr, first.expr) }) else { continue }
            paths[name] = first
        }
        return paths
    }

    /// The derivative of a path at time t, by central differences.
    static func derivative(_ path: MathExpr, t: Double, sigmaMin: Double = sigmaMinProbe) -> [String: Double]? {
        let h = derivativeStep
        guard let ahead = linearForm(path, t: t + h, sigmaMin: sigmaMin), let behind = linearForm(path, t: t - h, sigmaMin: sigmaMin), Set(ahead.keys) == Set(behind.keys) else { return nil }
        return ahead.reduce(into: [:]) { d, entry in d[entry.key] = (entry.value - (behind[entry.key] ?? 0)) / (2 * h) }
    }

    /// `c₀ + c₁·σ_min` written out (c₁ = 0: the number alone).
    static func coefficientText(_ c0: Double, sigmaPart c1: Double) -> String {
        guard abs(c1) > 1e-6 else { return FormulaJudge.format(c0) }
        // −(1 − σ_min) rather than (−1 + σ_min): the form the papers write.
        let outer = c0 < 0 ? "−" : ""
        let (a, b) = c0 < 0 ? (-c0, -c1) : (c0, c1)
        let s = FormulaJudge.format(abs(b))
        return "\(outer)(\(FormulaJudge.format(a)) \(b < 0 ? "−" : "+") \(s == "1" ? "" : s + "·")σ_min)"
    }

    /// The derivative written out when its coefficients are constants in t (a linear path); the
    /// σ_min part of each is found from a second evaluation at σ_min = 0 (coefficients are
    /// affine in σ_min in the conditional-OT path).
    static func derivativeText(_ path: MathExpr) -> String? {
        guard let d0 = derivative(path, t: timeProbes[0]), let atZero = derivative(path, t: timeProbes[0], sigmaMin: 0) else { return nil }
        for t in timeProbes.dropFirst() {
            guard let d = derivative(path, t: t), d.allSatisfy({ agrees($0.value, d0[$0.key] ?? .nan) }) else { return nil }
        }
        var terms: [String] = []
        for key in d0.keys.sorted() {
            guard let c = d0[key], abs(c) > 1e-9 else { continue }
            let c0 = atZero[key] ?? 0
            let name = key.replacingOccurrences("epsilon", "ε")
            let coefficient = coefficientText(c0, sigmaPart: (c - c0) / sigmaMinProbe)
            terms.append(coefficient == "1" ? name : (coefficient == "-1" ? "−" + name : "\(coefficient)·\(name)"))
        }
        guard !terms.isEmpty else { return nil }
        return terms.joined(separator: " + ").replacingOccurrences("+ −", "− ")
    }

    /// DL170: a side equated with d/dt of the note's own path whose coefficients differ from the
    /// path's derivative. nil when the chain states no such derivative with a side to compare;
    /// [] when it does and every side agrees.
    static func velocityFindings(_ chain: FormulaChain, paths: [String: Definition]) -> [MathFinding]? {
        guard chain.relations.allSatisfy({ FormulaJudge.equalities.contains($0) && $0 != "sim" }) else { return nil }
        let exprs = chain.sides.map(\.expr)
        // The path: d/dt of an explicit path in the chain, or of a path the note named.
        var path: MathExpr?
        var pathLine: Int?
        var derivativeName = "dx_t/dt"
        for case let e? in exprs {
            guard let operand = derivativeOperand(e) else { continue }
            if isInterpolation(operand) {
                path = operand
                pathLine = nil
                break
            }
            if let name = pathName(operand), let d = paths[name] {
                path = d.expr
                pathLine = d.line
                derivativeName = "d\(name.replacingOccurrences("psi", "ψ"))/dt"
            }
        }
        guard let path else { return nil }
        let pathVariables = variables(of: path)
        guard !pathVariables.isEmpty else { return nil }
        var findings: [MathFinding] = []
        var compared = false
        for (k, side) in chain.sides.enumerated() where k >= chain.firstOwnStep - 1 {
            // A velocity may itself have coefficients in t (2t·x_1 − x_0): only the derivative and
            // the path's own names are left out.
            guard let e = side.expr, derivativeOperand(e) == nil, pathName(e) == nil else { continue }
            let keys = variables(of: e)
            guard !keys.isEmpty, keys.isSubset(of: pathVariables), linearForm(e, t: timeProbes[0]) != nil else { continue }
            compared = true
            for t in timeProbes {
                guard let got = linearForm(e, t: t), let want = derivative(path, t: t) else { break }
                guard let wrong = pathVariables.sorted().first(where: { !agrees(got[$0] ?? 0, want[$0] ?? 0) }) else { continue }
                let name = wrong.replacingOccurrences("epsilon", "ε")
                let source = pathLine.map { "the path defined on line \($0)" } ?? "the path differentiated here"
                let at = "t = \(t)" + (path.contains { $0.asSymbol.map { $0.base == "sigma" } ?? false } ? ", σ_min = \(sigmaMinProbe)" : "")
                findings.append(MathFinding(
                    rule: .wrongPathVelocity, offset: side.start,
                    message: "read as d/dt of \(source): the coefficient of \(name) in its time derivative is \(FormulaJudge.format(want[wrong] ?? 0)) at \(at), this side gives \(FormulaJudge.format(got[wrong] ?? 0))",
                    fix: derivativeText(path).map { "\(derivativeName) = \($0)" } ?? "differentiate each coefficient of the path in t"))
                break
            }
        }
        return compared ? findings : nil
    }
}
