/// Linear paths between noise and data in a continuous time t, the processes of flow matching,
/// rectified flow, stochastic interpolants and EDM:
///
///     x_t = a(t)·x_0 + b(t)·x_1,   e.g. (1 − t)·x_0 + t·x_1,  cos(πt/2)·x_0 + sin(πt/2)·ε,
///     ψ_t(x) = (1 − (1 − σ_min)·t)·x + t·x_1,   x_t = x_0 + t·ε.
///
/// Their coefficients are functions of t itself, not DDPM's schedule ᾱ_t, α_t, β_t, and which end
/// is the data (t = 0 or t = 1) is the note's choice. Read with DDPM's symbols they look like a
/// wrong q(x_t | x_0) (at t = 3 the coefficient 1 − t is −2), so such a formula is no DDPM marginal
/// or forward step to judge: it is a different process, right or wrong in its own terms.
enum ContinuousPath {
    /// Why such a formula is left unjudged (the coverage summary lists it).
    static let reason = "a path whose coefficients are functions of a continuous t (flow matching, rectified flow, interpolants, EDM), not DDPM's q(x_t | x_0)"

    /// The reason a whole note's α_t, β_t, σ_t are left unjudged.
    static let documentReason = "the note's process is a continuous-time path (flow matching, interpolants): its α_t, β_t, σ_t are that path's coefficients, not DDPM's schedule"

    /// How the coverage summary names the reading of a path document.
    static let documentReading = "a continuous-time path's (flow matching, interpolants): α_t, β_t, σ_t are the path's coefficients, not DDPM's schedule"

    /// Whether the formula uses a symbol of the DDPM/DDIM schedule (α, ᾱ, β in any decoration).
    static func mentionsDiscreteSchedule(_ e: MathExpr) -> Bool {
        e.mentions(base: "alpha") || e.mentions(base: "beta")
    }

    /// Whether the bare time t (no subscript, no decoration) appears in the formula's arithmetic.
    /// The t among a model's arguments (ε_θ(x_t, t)) and the index of a sum or product are not
    /// coefficients and do not count.
    static func usesBareTime(_ e: MathExpr) -> Bool {
        switch e {
        case .symbol(let s): return s.base == "t" && s.subscriptText == nil && s.decorations.isEmpty
        case .application, .bigOperator: return false
        default: return e.children.contains(where: usesBareTime)
        }
    }

    /// A formula with coefficients in the bare continuous t and no DDPM schedule symbol: a sample
    /// of a continuous-time path, whatever the quantities it combines.
    static func isPathFormula(_ e: MathExpr) -> Bool {
        usesBareTime(e) && !mentionsDiscreteSchedule(e)
    }

    /// Quantities a path combines: states, data, noise (x_0, x_1, X_t, z, ε, ξ, n).
    static func isVariable(_ e: MathExpr) -> Bool {
        guard let s = e.asSymbol else { return false }
        return ["x", "X", "z", "epsilon", "xi", "n"].contains(s.base) && !s.isModel
    }

    /// `a(t)·A + b(t)·B`: two or more terms, each a variable times coefficients in t, with no
    /// DDPM schedule symbol, and t in at least one coefficient.
    static func isInterpolation(_ e: MathExpr) -> Bool {
        guard case .sum(let terms) = e, terms.count >= 2, isPathFormula(e) else { return false }
        return terms.allSatisfy { term in
            if isVariable(term.term) { return true }
            guard case .product(let fs) = term.term else { return false }
            return fs.filter(isVariable).count == 1 && fs.allSatisfy { isVariable($0) || !$0.contains(where: isVariable) }
        }
    }

    /// `α_t = 1 − t`, `σ_t = t`, `α_t = cos(πt/2)`: the note's own coefficient defined as a
    /// function of the continuous t (no step count T, no DDPM symbol, no named function such as
    /// the cosine schedule's f(t)).
    static func definesCoefficient(lhs: MathExpr, rhs: MathExpr) -> Bool {
        guard let s = lhs.asSymbol, ["alpha", "sigma"].contains(s.base), s.decorations.isEmpty, s.subscriptText == "t" else { return false }
        let hasApplication = rhs.contains { $0.asApplication != nil }
        return isPathFormula(rhs) && !rhs.mentions(base: "T") && !hasApplication
    }

    /// Whether a note defines its process as such a path and writes none of DDPM's schedule (ᾱ,
    /// a product of α or β, α_t = 1 − β_t): then its α_t, β_t, σ_t are the path's coefficients.
    static func isPathDocument(_ chains: [FormulaChain]) -> Bool {
        var definesPath = false
        for chain in chains {
            let exprs = chain.sides.compactMap(\.expr)
            if exprs.contains(where: usesDDPMSchedule) { return false }
            if let first = exprs.first, exprs.dropFirst().contains(where: { rhs in
                if case .symbol(let s) = first, s.base == "alpha", rhs.mentions(base: "beta") { return true }
                return false
            }) { return false }
            if exprs.contains(where: isInterpolation) { definesPath = true }
            if exprs.count >= 2, definesCoefficient(lhs: exprs[0], rhs: exprs[1]) { definesPath = true }
        }
        return definesPath
    }

    /// Why a formula with the note's own β is left unjudged.
    static let incrementReason = "the note defines β_t = σ_t² − σ_{t−1}², the variance-exploding increment (x_t = x_{t−1} + √β_t·ε), not DDPM's β"

    /// `β_n = σ_n² − σ_{n−1}²`: the note's β is the variance added by one step of the
    /// variance-exploding chain, whose forward step keeps x_{t−1} unscaled.
    static func definesVarianceIncrement(_ chains: [FormulaChain]) -> Bool {
        chains.contains { chain in
            let exprs = chain.sides.compactMap(\.expr)
            guard exprs.count >= 2, let s = exprs[0].asSymbol, s.base == "beta", s.decorations.isEmpty,
                  case .sum(let terms) = exprs[1], terms.count == 2, terms.contains(where: \.negated) else { return false }
            return terms.allSatisfy { term in
                if case .power(let b, .number(2)) = term.term, b.asSymbol?.base == "sigma" { return true }
                return false
            }
        }
    }

    /// ᾱ (barred or hatted α), or a product over α or β.
    static func usesDDPMSchedule(_ e: MathExpr) -> Bool {
        var cumulative = false
        e.forEachSymbol { if $0.base == "alpha" && ($0.isBarred || $0.isHatted) { cumulative = true } }
        if cumulative { return true }
        return e.contains { node in
            if case .bigOperator("prod", _, _, _, let body) = node { return mentionsDiscreteSchedule(body) }
            return false
        }
    }
}
