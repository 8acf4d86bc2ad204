/// Which marked symbols a note defines as its cumulative quantities, read from its own
/// definitions rather than assumed from one paper.
///
/// Notes write the product ∏_{s≤t} α_s as ᾱ_t, α̂_t, α̃_t or \overline{α}_t, and in Su's
/// convention (α_t² + β_t² = 1) the companion √(1 − ᾱ_t²) as β̄_t, β̂_t, … with the same mark. A
/// mark is read as cumulative only where the note says so: `α̂_t = ∏ α_s`,
/// `α̂_t² = (α_t α_{t−1} ⋯ α_1)²`, `α̂_t² + β̂_t² = 1`, `β̂_t² = 1 − α̂_t²`.
struct CumulativeNotation: Sendable, Equatable {
    /// Marks (`bar`, `hat`, `tilde`) the note puts on α for the cumulative product.
    var alphaMarks: Set<String> = []
    /// Marks the note puts on β for the cumulative noise scale: β̄_t = √(1 − ᾱ_t²) in Su's
    /// convention.
    var betaMarks: Set<String> = []

    /// Marked α and β (`beta:bar`) the note defines by a formula of its own (β̄_t = …) that is
    /// neither of the above: its own quantity, which formulas use under that name.
    var ownQuantities: Set<String> = []

    /// Other letters the note defines as the product of its α's (`γ_t = ∏ α_s`, `A_t = α_1⋯α_t`),
    /// named with their marks (`gamma`, `a:bar`): read as the cumulative α wherever they appear.
    var productLetters: Set<String> = []
    /// The note indexes the posterior's variance by the state it is a law of: β̃_{t−1} for the
    /// variance of q(x_{t−1} | x_t, x_0), DDPM's β̃_t (read from a note that writes β̃_{t−1} and
    /// never β̃_t).
    var posteriorIndexedByTarget = false
    /// The note writes the product from the first step, ᾱ_t = ∏_{s=1}^{t} α_s: DDPM's numbering, in
    /// which the step into x_t carries β_t, so a step out of x_t carries β_{t+1}.
    var productFromStepOne = false

    static let marks: Set<String> = ["bar", "hat", "tilde"]

    /// Letters that name something else in every note (states, noises, densities, the schedule's
    /// own symbols): a definition of one of them is no new name for the product.
    static let reservedLetters: Set<String> = ["alpha", "beta", "x", "epsilon", "z", "xi", "sigma", "mu", "p", "q", "t", "s", "T", "eta", "theta"]

    static func letterKey(_ s: MathSymbol) -> String {
        s.decorations.isEmpty ? s.base : s.base + ":" + s.decorations.sorted().joined(separator: ",")
    }

    static func key(_ s: MathSymbol) -> String? { mark(s).map { s.base + ":" + $0 } }

    /// The marks and letters read from the note's definitions, as a finding states its reading;
    /// empty when the note writes the papers' ᾱ (and Su's β̄) only.
    var stated: String {
        let greek = ["gamma": "γ", "delta": "δ", "lambda": "λ", "rho": "ρ", "kappa": "κ", "omega": "ω", "pi": "π", "phi": "φ", "nu": "ν"]
        var parts = alphaMarks.subtracting(["bar"]).sorted().map { Self.marked("α", $0) + " the product of the α's" }
        parts += betaMarks.subtracting(["bar"]).sorted().map { m in
            Self.marked("β", m) + " = √(1 − " + Self.marked("α", alphaMarks.contains(m) ? m : (alphaMarks.first ?? "bar")) + "²)"
        }
        parts += productLetters.sorted().map { key in
            let base = String(key.split(separator: ":").first ?? "")
            return (greek[base] ?? base) + " the product of the α's"
        }
        return parts.isEmpty ? "" : ", with " + parts.joined(separator: ", ") + " by the note's definitions"
    }

    /// A letter with a mark drawn over it as a combining character, as findings print it: `ᾱ`, `β̂`.
    static func marked(_ letter: String, _ mark: String) -> String {
        letter + (mark == "bar" ? "\u{0304}" : mark == "hat" ? "\u{0302}" : "\u{0303}")
    }

    /// The one mark of a symbol among bar, hat and tilde; nil for a plain or doubly marked one.
    static func mark(_ s: MathSymbol) -> String? {
        let m = s.decorations.intersection(marks)
        return m.count == 1 ? m.first : nil
    }

    /// The notation the chains define (empty sets where they define nothing).
    static func read(_ chains: [FormulaChain]) -> CumulativeNotation {
        var notation = CumulativeNotation()
        let exprsOfChains = chains.map { $0.sides.compactMap(\.expr) }
        var tildeSubscripts = Set<String>()
        for exprs in exprsOfChains {
            for e in exprs { e.forEachSymbol { if $0.base == "beta", $0.isTilde, let sub = $0.subscriptText { tildeSubscripts.insert(sub.filter { $0 != " " }) } } }
        }
        notation.posteriorIndexedByTarget = tildeSubscripts.contains("t-1") && !tildeSubscripts.contains("t")
        // Products first: `α̂² + β̂² = 1` names β̂ the companion only of a cumulative α̂.
        for exprs in exprsOfChains where exprs.count >= 2 {
            for e in exprs where isProductOfSteps(e) {
                var inner = e
                if case .power(let b, .number(2)) = e { inner = b }
                if case .bigOperator("prod", _, .number(1)?, _, _) = inner { notation.productFromStepOne = true }
            }
            for e in exprs {
                guard let a = markedSymbol(e, "alpha"), let mark = mark(a) else { continue }
                if exprs.contains(where: isProductOfSteps) { notation.alphaMarks.insert(mark) }
            }
        }
        for exprs in exprsOfChains where exprs.count >= 2 {
            let statesOne = exprs.contains { if case .number(1) = $0 { return true } else { return false } }
            for e in exprs {
                // `α̂² + β̂² = 1`
                if statesOne, case .sum(let terms) = e, terms.count == 2, terms.allSatisfy({ !$0.negated }) {
                    let symbols = terms.compactMap { squared($0.term) }
                    if symbols.count == 2, let a = symbols.first(where: { $0.base == "alpha" }), let b = symbols.first(where: { $0.base == "beta" }),
                       let am = mark(a), notation.alphaMarks.contains(am), let bm = mark(b) {
                        notation.betaMarks.insert(bm)
                    }
                }
                // `β̂² = 1 − α̂²`, `β̂ = √(1 − α̂²)`
                if let b = squared(e) ?? e.asSymbol, b.base == "beta", let bm = mark(b),
                   exprs.contains(where: { complementOfSquare($0).map { mark($0).map(notation.alphaMarks.contains) ?? false } ?? false }) {
                    notation.betaMarks.insert(bm)
                }
            }
        }
        // `γ_t = ∏_{s≤t} α_s`: a letter of the note's own for the product. Only the chain's first
        // side is the defined one.
        for exprs in exprsOfChains where exprs.count == 2 {
            guard let s = exprs[0].asSymbol, s.subscriptText != nil, !reservedLetters.contains(s.base), s.label == nil,
                  s.decorations.isSubset(of: marks), isProductOfSteps(exprs[1]), case .bigOperator = exprs[1] else { continue }
            notation.productLetters.insert(letterKey(s))
        }
        for exprs in exprsOfChains where exprs.count >= 2 {
            guard let s = exprs[0].asSymbol ?? squared(exprs[0]), s.base == "alpha" || s.base == "beta", let key = key(s) else { continue }
            let isCumulative = s.base == "alpha" ? notation.alphaMarks.contains(mark(s) ?? "") : notation.betaMarks.contains(mark(s) ?? "")
            if !isCumulative { notation.ownQuantities.insert(key) }
        }
        return notation
    }

    /// `α̂_t` or `α̂_t²` with the given base.
    private static func markedSymbol(_ e: MathExpr, _ base: String) -> MathSymbol? {
        let s = e.asSymbol ?? squared(e)
        guard let s, s.base == base, s.subscriptText != nil else { return nil }
        return s
    }

    /// The symbol of `s²`.
    private static func squared(_ e: MathExpr) -> MathSymbol? {
        if case .power(let b, .number(2)) = e { return b.asSymbol }
        return nil
    }

    /// `∏ α_s`, `∏ (1 − β_s)`, `(α_t ⋯ α_1)²`: a product over steps of the per-step α.
    private static func isProductOfSteps(_ e: MathExpr) -> Bool {
        var inner = e
        if case .power(let b, .number(2)) = e { inner = b }
        guard case .bigOperator("prod", _, _, _, let body) = inner else { return false }
        var plainAlpha = false, plainBeta = false
        body.forEachSymbol { s in
            if s.decorations.isEmpty, s.base == "alpha" { plainAlpha = true }
            if s.decorations.isEmpty, s.base == "beta" { plainBeta = true }
        }
        return plainAlpha || plainBeta
    }

    /// The α̂ of `1 − α̂²` or `√(1 − α̂²)`.
    private static func complementOfSquare(_ e: MathExpr) -> MathSymbol? {
        var inner = e
        if case .root(let a, nil) = e { inner = a }
        guard case .sum(let terms) = inner, terms.count == 2, case .number(1) = terms[0].term, !terms[0].negated, terms[1].negated,
              let a = squared(terms[1].term), a.base == "alpha" else { return nil }
        return a
    }
}
