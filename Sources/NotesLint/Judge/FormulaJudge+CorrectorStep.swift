/// The step size of the Langevin corrector (Song et al. 2021, predictor–corrector sampling) is
/// chosen from a signal-to-noise ratio r: ε = 2α(r‖z‖/‖s_θ‖)². The step moves x by ε·s_θ and adds
/// √(2ε)·z, so the ratio ‖ε s_θ‖/‖√(2ε) z‖ = r fixes √ε, not ε, in proportion to ‖z‖/‖s_θ‖: the
/// ratio of norms enters squared. Written to the first power, ε has the wrong scale (its units are
/// those of x, not of x²).
extension FormulaJudge {
    /// Whether `e` is ‖z‖ (the noise) or ‖s_θ(…)‖ / ‖∇ log p‖ (the score), norms with any subscript.
    static func normOf(_ e: MathExpr, noise: Bool) -> Bool {
        var inner: MathExpr?
        if case .norm(let a) = e { inner = a }
        if case .product(let fs) = e, fs.count == 2, case .norm(let a) = fs[0], fs[1].asSymbol != nil { inner = a }
        guard let inner else { return false }
        if noise {
            guard let s = inner.asSymbol else { return false }
            return s.base == "z" || s.base == "epsilon"
        }
        if let (h, _) = inner.asApplication, h.base == "s", h.isModel { return true }
        if let s = inner.asSymbol, s.base == "s", s.isModel { return true }
        if case .product(let fs) = inner, case .opaque? = fs.first, fs.count == 2, case .function("log", _, nil) = fs[1] { return true }
        return false
    }

    /// The noise-to-score ratio of norms in `e` and the power it is raised to (1 when bare).
    static func noiseToScorePower(_ e: MathExpr) -> Double? {
        switch e {
        case .power(let base, .number(let p)):
            return noiseToScorePower(base).map { $0 * p }
        case .quotient(let a, let b):
            let noiseOnTop: Bool
            if normOf(b, noise: false) {
                if normOf(a, noise: true) { noiseOnTop = true } else if case .product(let fs) = a, fs.contains(where: { normOf($0, noise: true) }) { noiseOnTop = true } else { noiseOnTop = false }
            } else { noiseOnTop = false }
            return noiseOnTop ? 1 : nil
        case .product(let fs):
            let powers = fs.compactMap(noiseToScorePower)
            return powers.count == 1 ? powers[0] : nil
        default:
            return nil
        }
    }

    func judgeCorrectorStep(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        guard chain.sides.count == 2, Self.equalities.contains(chain.relations[0]), let lhs = exprs[0]?.asSymbol,
              lhs.base == "epsilon" || lhs.base == "eta" || lhs.base == "alpha", let rhs = exprs[1],
              let power = Self.noiseToScorePower(rhs), power != 2 else { return [] }
        return [MathFinding(rule: .langevinStep, offset: chain.sides[1].start,
                            message: "the corrector's step size takes the noise-to-score ratio squared: the step adds ε·s_θ and √(2ε)·z, so a target ratio r = ‖ε s_θ‖/‖√(2ε) z‖ gives ε = 2(r‖z‖/‖s_θ‖)²; to the power \(Self.format(power)) the step has the wrong scale",
                            fix: "ε = 2α (r‖z‖₂/‖s_θ(x, σ)‖₂)²")]
    }
}
