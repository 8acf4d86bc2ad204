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

    /// `_predict_epsilon_from_v`, `eps_from_x0`, `predict_noise_from_start`: a function that
    /// converts one prediction into another, whose result is ε̂, x̂_0 or v, not the next sample.
    /// (x̂_0 from ε has its own check above.)
    static func namesPredictionConversion(_ name: String) -> Bool {
        let lower = name.lowercased()
        guard lower.contains("_from_") || lower.hasPrefix("from_") || lower.contains("_to_") else { return false }
        let predictions = ["eps", "noise", "x0", "x_0", "start", "velocity", "score", "_v"].contains { lower.contains($0) } || lower.hasSuffix("v")
        return predictions && !["sample", "step", "prev", "mean", "denois", "reverse"].contains { lower.contains($0) }
    }

    /// `vector_field(t, x)`, `drift(x, t)`, `return dxdt`: a function that returns the state's time
    /// derivative (an ODE's or SDE's right side) returns a rate, not a sample of the next step.
    static func returnsTimeDerivative(_ name: String, returning returned: PyExpr?) -> Bool {
        func namesDerivative(_ n: String) -> Bool {
            let lower = n.lowercased()
            if ["dxdt", "dx_dt", "dx", "dzdt", "dz_dt", "rhs", "ode_rhs"].contains(lower) { return true }
            return ["vector_field", "vectorfield", "drift", "derivative", "ode_func", "odefunc", "velocity_field"].contains { lower.contains($0) }
        }
        if namesDerivative(name) { return true }
        if case .name(let n, _)? = returned { return namesDerivative(n) }
        // `return f, G`: a discretized SDE's drift and diffusion (score SDE's `discretize`), no sample.
        if name == "discretize" { return true }
        if case .tuple(let items, _)? = returned, items.count == 2, case .name(let f, _) = items[0], case .name(let g, _) = items[1],
           namesDerivative(f) || (f == "f" && ["G", "g", "diffusion"].contains(g)) { return true }
        return false
    }

    /// `forward` or `__call__` of a class that is not a sampler: a network's layer, whose
    /// residual `h + x` is no reverse step.
    static func isNetworkForward(_ name: String, owner: String?) -> Bool {
        guard name == "forward" || name == "__call__", let owner = owner?.lowercased() else { return false }
        return !["sampl", "diffus", "ddpm", "ddim", "schedul", "denois", "step", "reverse", "solver", "langevin"].contains { owner.contains($0) }
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
