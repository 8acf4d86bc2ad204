/// The score of a Gaussian: ∇_x log N(x; μ, σ²I) = −(x − μ)/σ². It points from x back towards the
/// mean, so as x grows (everything else fixed) the score decreases. A formula that gives the score
/// of a Gaussian kernel (`∇_{x_t} log q(x_t | x_0)`, `∇ log p_{0t}(x(t) | x(0))`) growing with x
/// has its sign reversed.
extension FormulaJudge {
    /// `∇_x log p(x_a | …)`: the key of the variable whose density is differentiated.
    static func scoreTarget(_ e: MathExpr) -> String? {
        guard case .product(let fs) = e, fs.count == 2, case .opaque = fs[0], case .function("log", let arg, nil) = fs[1],
              let (h, args) = arg.asApplication, ["p", "q"].contains(h.base), args.count == 2, args[1].separator == "|" else { return nil }
        return key(args[0].expr)
    }

    /// `∇ log p(x_a | b)`: the keys of what the differentiated density is conditioned on.
    static func scoreConditions(_ e: MathExpr) -> [String] {
        guard case .product(let fs) = e, fs.count == 2, case .function("log", let arg, nil) = fs[1],
              let (_, args) = arg.asApplication else { return [] }
        return args.dropFirst().compactMap { key($0.expr) }
    }

    /// The variable written under ∇ (`x_t` in `∇_{x_t}`), when there is one.
    static func gradientVariable(_ tokens: [TexToken]) -> String? {
        guard let i = tokens.firstIndex(where: { $0.isCommand("nabla") }), i + 2 < tokens.count, tokens[i + 1].kind == .char("_") else { return nil }
        guard tokens[i + 2].kind == .char("{") else { return FormulaSide.read([tokens[i + 2]]).flatMap(key) }
        // The braced subscript, up to the brace that closes it.
        var depth = 1, group: [TexToken] = []
        for token in tokens[(i + 3)...] {
            if token.kind == .char("{") { depth += 1 }
            if token.kind == .char("}") { depth -= 1; if depth == 0 { break } }
            group.append(token)
        }
        return FormulaSide.read(group).flatMap(key)
    }

    func judgeGaussianScore(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        guard chain.sides.count == 2, chain.relations[0] == "=", chain.sides[0].tokens.contains(where: { $0.isCommand("nabla") }),
              let lhs = exprs[0], let rhs = exprs[1], let target = Self.scoreTarget(lhs) else { return [] }
        // `∇_{x_0} log q(x_t | x_0)`: the gradient in the variable the density is conditioned on
        // (the mean's) rises with x_t; only the gradient in the density's own variable is its score.
        if let variable = Self.gradientVariable(chain.sides[0].tokens), Self.scoreConditions(lhs).contains(variable) { return [] }
        // Only a right side in which the target occurs, with every other symbol a number.
        var mentions = false
        _ = rhs.contains { e in if Self.key(e) == target { mentions = true }; return false }
        guard mentions else { return [] }
        var grows = 0, falls = 0
        for seed: UInt64 in [1, 2, 3] {
            guard let low = Self.randomValue(rhs, seed: seed, override: [target: 0.5]),
                  let high = Self.randomValue(rhs, seed: seed, override: [target: 1.5]) else { return [] }
            if high > low + 1e-12 { grows += 1 } else if high < low - 1e-12 { falls += 1 }
        }
        guard grows == 3 else { return [] }
        return [MathFinding(rule: .gaussianScoreSign, offset: chain.sides[1].start,
                            message: "the score of a Gaussian points back to its mean: ∇_x log N(x; μ, σ²I) = −(x − μ)/σ², which decreases as x grows; this one grows with x",
                            fix: "∇_x log N(x; μ, σ²I) = −(x − μ)/σ²")]
    }
}

/// Denoising score matching regresses s_θ(x̃) on the score of the Gaussian kernel,
/// −(x̃ − x)/σ²: in ‖a·s_θ(x̃) + r‖² the target −r/a must fall as x̃ grows.
extension FormulaJudge {
    func judgeScoreMatchingTarget(_ e: MathExpr, offset: Int) -> [MathFinding] {
        var finding: MathFinding?
        _ = e.contains { node in
            guard finding == nil, case .norm(let inner) = node, let monomials = Self.expand(inner) else { return false }
            var scoreTerms: [(Reading, Bool)] = [], rest: [Monomial] = []
            var state: String?
            var stateSymbol: MathSymbol?
            for m in monomials {
                guard let r = Self.read(m) else { return false }
                if r.score, !r.dt, !r.dw {
                    scoreTerms.append((r, m.negative))
                    for f in m.factors {
                        if let (h, args) = f.asApplication, h.base == "s", let first = args.first { state = Self.key(first.expr); stateSymbol = first.expr.asSymbol }
                    }
                } else {
                    rest.append(m)
                }
            }
            guard scoreTerms.count == 1, !rest.isEmpty, let state else { return false }
            // A target in x̃ beside a score of the plain x: the noisy sample is x̃, and the score's
            // argument, not the target's sign, is what differs from the textbook form.
            if let plain = stateSymbol, !plain.isTilde {
                var tildeBeside = false
                for m in rest { for f in m.factors { f.forEachSymbol { if $0.base == plain.base, $0.isTilde { tildeBeside = true } } } }
                if tildeBeside { return false }
            }
            var rises = 0
            for seed: UInt64 in [1, 2, 3] {
                guard let a = Self.randomValue(Self.product(scoreTerms[0].0.coefficient), seed: seed).map({ scoreTerms[0].1 ? -$0 : $0 }), a != 0 else { return false }
                func target(_ v: Double) -> Double? {
                    var r = 0.0
                    for m in rest {
                        guard let x = Self.randomValue(Self.product(m.factors), seed: seed, override: [state: v]) else { return nil }
                        r += m.negative ? -x : x
                    }
                    return -r / a
                }
                guard let low = target(0.5), let high = target(1.5) else { return false }
                if high > low + 1e-12 { rises += 1 } else { return false }
            }
            guard rises == 3 else { return false }
            finding = MathFinding(rule: .gaussianScoreSign, offset: offset,
                                  message: "the score-matching target grows with the noisy sample: the score of the Gaussian kernel is −(x̃ − x)/σ², so σ·s_θ(x̃) is regressed on −(x̃ − x)/σ",
                                  fix: "‖σ·s_θ(x̃, σ) + (x̃ − x)/σ‖²")
            return true
        }
        return finding.map { [$0] } ?? []
    }
}
