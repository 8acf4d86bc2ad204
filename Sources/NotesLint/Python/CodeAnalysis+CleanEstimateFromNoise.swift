/// A function named for the clean-sample estimate from the noise (`predict_start_from_noise`,
/// `_predict_x0_from_eps`) returns x̂_0 = x_t/√ᾱ_t − √(1/ᾱ_t − 1)·ε_θ, the inversion of
/// x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε. It is no reverse step, so it is judged against that inversion,
/// not against the DDPM mean.
extension CodeAnalysis {
    /// What a function's name says it computes from: the noise (`…_from_eps`, `…_from_noise`).
    static let fromNoiseWords = ["from_eps", "from_noise", "from_epsilon"]

    /// Both halves must be in the name: what it computes (x_0, the start, the clean sample) and
    /// from what (the noise). A mean or a previous step computed from the noise is another thing.
    static func namesCleanEstimateFromNoise(_ name: String) -> Bool {
        let lower = name.lowercased()
        let fromNoise = fromNoiseWords.contains { lower.contains($0) }
        let clean = ["start", "x0", "x_0", "clean", "original"].contains { lower.contains($0) }
        return fromNoise && clean && !lower.contains("prev") && !lower.contains("mean")
    }

    /// The finding for a returned x̂_0 that matches the inversion at no step of the schedule
    /// (tables indexed from 1 give a neighbouring step's x̂_0, a convention), or nil.
    /// Compared with `nearlyEqual` (1e-9 relative): both sides come from the same β in Double.
    static func cleanEstimateFinding(_ returned: TensorForm, t: Int, alphaBars: [Double], at offset: Int) -> CodeFinding? {
        guard returned.noiseKeys.isEmpty, returned.deterministicKeys == [.state(offset: 0), .predictedNoise], t < alphaBars.count else { return nil }
        let gx = returned.coefficient(.state(offset: 0)), ge = returned.coefficient(.predictedNoise)
        guard gx.isFinite, ge.isFinite else { return nil }
        if alphaBars.contains(where: { nearlyEqual(gx, 1 / $0.squareRoot()) && nearlyEqual(ge, -(1 / $0 - 1).squareRoot()) }) { return nil }
        let bar = alphaBars[t]
        let wantX = 1 / bar.squareRoot(), wantE = -(1 / bar - 1).squareRoot()
        let detail: String
        if nearlyEqual(gx, wantX) {
            detail = "at t = \(t) the coefficient of ε_θ is \(FormulaJudge.format(ge)), it must be −√(1/ᾱ_t − 1) = \(FormulaJudge.format(wantE)) (the noise term is divided by √ᾱ_t too)"
        } else {
            detail = "at t = \(t) the coefficient of x_t is \(FormulaJudge.format(gx)) (must be 1/√ᾱ_t = \(FormulaJudge.format(wantX))) and of ε_θ \(FormulaJudge.format(ge)) (must be \(FormulaJudge.format(wantE)))"
        }
        return CodeFinding(rule: .wrongCleanEstimateCode, offset: offset,
                           message: "the clean-sample estimate from the noise is x̂_0 = (x_t − √(1 − ᾱ_t)·ε_θ)/√ᾱ_t: \(detail)",
                           fix: "sqrt(1 / alphas_cumprod[t]) * x_t - sqrt(1 / alphas_cumprod[t] - 1) * eps")
    }
}
