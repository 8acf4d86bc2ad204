extension FormulaJudge {
    /// μ_θ(x_t, t) written with the true x_0 beside x_t and a model output: the model only sees x_t and t,
    /// so every x_0 in its mean must be the estimate x̂_0 (ε_θ, x_θ or f_θ^{(t)}). Checked on the
    /// affine form: the coefficient of the data x_0 must vanish at every probe while a model
    /// output has a non-zero coefficient (a μ_θ with no model output at all is not judged here).
    func modelMeanUsesData(_ rhs: MathExpr, offset: Int, notation: Notation) -> MathFinding? {
        let modelOutputs: Set<InputKey> = [.predictedNoise, .predictedData, .predictedVelocity]
        let leaks = passes { p in
            guard let f = affine(rhs, p) else { return false }
            // With x_t itself there and no noise: x_0 was not brought in by substituting
            // x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε, as a derivation that evaluates μ_θ on a sample does.
            return abs(f.coefficient(.data)) > 1e-9 && !f.deterministicKeys.isDisjoint(with: modelOutputs)
                && f.deterministicKeys.contains(.state(offset: 0)) && !f.hasNoise
        }
        guard leaks else { return nil }
        let ddim = mentionsFreeSigma(rhs)
        let fix = ddim
            ? "μ_θ(x_t, t) = √\(notation.alphaBar(-1))·x̂_0 + √(1 − \(notation.alphaBar(-1)) − σ_t²)·(x_t − √\(notation.alphaBar(0))·x̂_0)/√(1 − \(notation.alphaBar(0))), x̂_0 = (x_t − √(1 − \(notation.alphaBar(0)))·ε_θ(x_t, t))/√\(notation.alphaBar(0))"
            : "μ_θ(x_t, t) = 1/√\(notation.alpha(0))·(x_t − \(notation.beta(0))/√(1 − \(notation.alphaBar(0)))·ε_θ(x_t, t))"
        return MathFinding(rule: .modelMeanUsesData, offset: offset,
                           message: "μ_θ(x_t, t) keeps the true x_0 beside the model's output: the model sees only x_t and t, so x_0 must be its estimate x̂_0 in every term",
                           fix: fix)
    }
}
