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

    func judgeGaussianScore(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        guard chain.sides.count == 2, chain.relations[0] == "=", chain.sides[0].tokens.contains(where: { $0.isCommand("nabla") }),
              let lhs = exprs[0], let rhs = exprs[1], let target = Self.scoreTarget(lhs) else { return [] }
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
