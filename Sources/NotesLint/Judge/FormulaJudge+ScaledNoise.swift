/// The score of the Gaussian perturbation kernel depends on how the noise is written. With
/// x̃ = x + σ·ε and ε ∼ N(0, I), ∇ log q(x̃ | x) = −ε/σ; with x̃ = x + ε and ε ∼ N(0, σ²I) it is
/// −ε/σ². An expectation that samples the scaled noise ε ∼ N(0, σ²I) while its bracket uses the
/// standard-noise target ε/σ mixes the two: the target is off by a factor σ.
extension FormulaJudge {
    /// `\epsilon \sim \mathcal{N}(0, \sigma^2 I)` in an expectation's subscript: the symbol's name
    /// when the noise is declared with variance σ².
    static func scaledNoiseSubscript(_ text: String) -> Bool {
        // Subscripts keep command names without their backslash: `epsilonsimN(0,sigma^2I)`.
        let compact = text.filter { !$0.isWhitespace && $0 != "\\" && $0 != "{" && $0 != "}" }
        guard compact.contains("epsilonsim") else { return false }
        return compact.contains("sigma^2")
    }

    /// ε/σ with σ to the first power (ε and σ without subscripts or with the same one).
    static func isNoiseOverSigma(_ e: MathExpr) -> Bool {
        guard case .quotient(let a, let b) = e, let n = a.asSymbol, ["epsilon", "varepsilon"].contains(n.base), !n.isModel,
              let s = b.asSymbol, s.base == "sigma" else { return false }
        return true
    }

    func judgeScaledNoise(_ e: MathExpr, offset: Int) -> [MathFinding] {
        var finding: MathFinding?
        _ = e.contains { node in
            guard finding == nil, let (h, args) = node.asApplication, h.base == "E", let sub = h.subscriptText,
                  Self.scaledNoiseSubscript(sub), args.contains(where: { $0.expr.contains(where: Self.isNoiseOverSigma) }) else { return false }
            finding = MathFinding(rule: .gaussianScoreSign, offset: offset,
                                  message: "the noise is sampled with variance σ² (ε ∼ N(0, σ²I), x̃ = x + ε), so the kernel's score is −ε/σ²; −ε/σ is the target for standard noise scaled as x̃ = x + σε",
                                  fix: "−ε/σ² with ε ∼ N(0, σ²I), or −ε/σ with x̃ = x + σε and ε ∼ N(0, I)")
            return true
        }
        return finding.map { [$0] } ?? []
    }
}
