/// x̂_0 recovered from the two other prediction targets a network may have.
///
/// With x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε:
/// - the velocity v = √ᾱ_t·ε − √(1 − ᾱ_t)·x_0 (Salimans & Ho 2022) gives
///   x̂_0 = √ᾱ_t·x_t − √(1 − ᾱ_t)·v_θ, since √ᾱ_t·x_t − √(1 − ᾱ_t)·v = (ᾱ_t + 1 − ᾱ_t)·x_0;
/// - the score s = ∇ log q(x_t | x_0) = −ε/√(1 − ᾱ_t) gives (Tweedie's formula)
///   x̂_0 = (x_t + (1 − ᾱ_t)·s_θ)/√ᾱ_t.
/// Both are checked as affine forms in x_t and the prediction, coefficient by coefficient, at
/// every probe; in Su's notation (ᾱ_t his √ᾱ_t, β̄_t = √(1 − ᾱ_t²)) they read ᾱ_t·x_t − β̄_t·v_θ
/// and (x_t + β̄_t²·s_θ)/ᾱ_t, which the evaluator's reading of his symbols already accounts for.
extension FormulaJudge {
    func judgePredictedDataFromTarget(_ rhs: MathExpr, offset: Int) -> [MathFinding]? {
        var reading = self
        reading.scoreIsInput = true
        guard let p0 = allProbes.first, let f0 = reading.affine(rhs, p0), !f0.hasNoise else { return nil }
        let target: InputKey
        switch f0.deterministicKeys {
        case [.state(offset: 0), .predictedVelocity]: target = .predictedVelocity
        case [.state(offset: 0), .predictedScore]: target = .predictedScore
        default: return nil
        }
        let su = convention == .su
        let name = target == .predictedVelocity ? "v_θ" : "the score"
        let fix = target == .predictedVelocity
            ? (su ? "x̂_0 = ᾱ_t·x_t − β̄_t·v_θ(x_t, t)" : "x̂_0 = √ᾱ_t·x_t − √(1 − ᾱ_t)·v_θ(x_t, t)")
            : (su ? "x̂_0 = (x_t + β̄_t²·s_θ(x_t, t))/ᾱ_t" : "x̂_0 = (x_t + (1 − ᾱ_t)·s_θ(x_t, t))/√ᾱ_t")
        let (xtName, targetName) = target == .predictedVelocity
            ? (su ? ("ᾱ_t", "−β̄_t") : ("√ᾱ_t", "−√(1 − ᾱ_t)"))
            : (su ? ("1/ᾱ_t", "β̄_t²/ᾱ_t") : ("1/√ᾱ_t", "(1 − ᾱ_t)/√ᾱ_t"))
        if let (p, message) = firstFailure({ p in
            guard let f = reading.affine(rhs, p), let a = p.schedule.alphaBar(p.t), a > 0, a < 1 else { return nil }
            let want = target == .predictedVelocity ? (a.squareRoot(), -(1 - a).squareRoot()) : (1 / a.squareRoot(), (1 - a) / a.squareRoot())
            var wrong: [String] = []
            if !nearlyEqual(f.constant, 0) { wrong.append("it adds the constant \(Self.format(f.constant))") }
            let cx = f.coefficient(.state(offset: 0)), ct = f.coefficient(target)
            if !nearlyEqual(cx, want.0) { wrong.append("the coefficient of x_t is \(Self.format(cx)), \(xtName) is \(Self.format(want.0))") }
            if !nearlyEqual(ct, want.1) { wrong.append("the coefficient of \(name) is \(Self.format(ct)), \(targetName) is \(Self.format(want.1))") }
            return wrong.isEmpty ? nil : wrong.joined(separator: "; ")
        }) {
            return [MathFinding(rule: .wrongPredictedData, offset: offset, message: "x̂_0 from \(name): \(message) at \(p.name)", fix: fix)]
        }
        return []
    }
}

/// The reverse mean written with the score: with q(x_t | x_{t−1}) = N(√α_t·x_{t−1}, β_t·I),
/// Tweedie's formula for one step gives E[x_{t−1} | x_t] = (x_t + β_t·∇ log p_t(x_t))/√α_t, and
/// the model's mean μ_θ(x_t, t) = (x_t + β_t·s_θ(x_t, t))/√α_t. Judged as an affine form in x_t and
/// the score (no other input, no noise); Su's α_t and β_t are DDPM's √α_t and √β_t.
extension FormulaJudge {
    /// `allowNoise`: the formula is the step x_{t−1} = mean + noise, whose mean is judged here
    /// (the noise's σ_t is a choice, β_t or β̃_t).
    func judgeReverseMeanFromScore(_ rhs: MathExpr, offset: Int, notation: Notation, what: String, allowNoise: Bool = false) -> [MathFinding]? {
        var reading = self
        reading.scoreIsInput = true
        guard let p0 = allProbes.first, let f0 = reading.affine(rhs, p0), allowNoise || !f0.hasNoise,
              f0.deterministicKeys == [.state(offset: 0), .predictedScore] else { return nil }
        let su = convention == .su
        let mean = su ? "(x_t + β_t²·∇ log p(x_t))/α_t" : "(x_t + \(notation.beta(0))·∇ log p(x_t))/√\(notation.alpha(0))"
        let fix = allowNoise ? "x_{t−1} = \(mean) + σ_t·z" : "\(what) = \(mean)"
        // `(x_t − β_t/√(1 − ᾱ_t)·s_θ)/√α_t`: the noise prediction's form, with the network named s_θ.
        let isNoiseForm = allProbes.allSatisfy { p in
            guard let f = reading.affine(rhs, p), let a = p.schedule.alpha(p.t), let b = p.schedule.beta(p.t),
                  let abar = p.schedule.alphaBar(p.t), abar < 1 else { return false }
            return nearlyEqual(f.coefficient(.state(offset: 0)), 1 / a.squareRoot())
                && nearlyEqual(f.coefficient(.predictedScore), -b / (a.squareRoot() * (1 - abar).squareRoot()))
        }
        if isNoiseForm { return skip("the network named s_θ enters as the noise prediction ε_θ does: its mean is right for ε_θ, and which it is the note decides") }
        // `x_t + ½β_t·x_t + β_t·s` (or `(2 − √(1 − β_t))·x_t + β_t·s`): the Euler–Maruyama step of the
        // reverse VP SDE dx = [−½β(t)x − β(t)∇ log p_t(x)]dt + √β(t) dw̄ (score SDE's reverse-diffusion
        // predictor), which agrees with (x_t + β_t·s)/√α_t to first order in β_t.
        if !su, allProbes.allSatisfy({ p in
            guard let f = reading.affine(rhs, p), let b = p.schedule.beta(p.t), nearlyEqual(f.constant, 0),
                  nearlyEqual(f.coefficient(.predictedScore), b) else { return false }
            let cx = f.coefficient(.state(offset: 0))
            return nearlyEqual(cx, 1 + b / 2) || nearlyEqual(cx, 2 - (1 - b).squareRoot())
        }) { return [] }
        if let (p, message) = firstFailure({ p in
            guard let f = reading.affine(rhs, p), let a = p.schedule.alpha(p.t), let b = p.schedule.beta(p.t) else { return nil }
            let want = (1 / a.squareRoot(), b / a.squareRoot())
            var wrong: [String] = []
            if !nearlyEqual(f.constant, 0) { wrong.append("it adds the constant \(Self.format(f.constant))") }
            let cx = f.coefficient(.state(offset: 0)), cs = f.coefficient(.predictedScore)
            if !nearlyEqual(cx, want.0) { wrong.append("the coefficient of x_t is \(Self.format(cx)), \(su ? "1/α_t" : "1/√α_t") is \(Self.format(want.0))") }
            if !nearlyEqual(cs, want.1) { wrong.append("the coefficient of the score is \(Self.format(cs)), \(su ? "β_t²/α_t" : "β_t/√α_t") is \(Self.format(want.1))") }
            return wrong.isEmpty ? nil : wrong.joined(separator: "; ")
        }) {
            return [MathFinding(rule: .wrongReverseMean, offset: offset, message: "\(what) from the score: \(message) at \(p.name)", fix: fix)]
        }
        return []
    }

    /// `E[x_{t−1} | x_t]` and `E[x_0 | x_t]` written with the score.
    func judgeConditionalMean(_ args: [MathArgument], rhs: MathExpr, offset: Int, notation: Notation) -> [MathFinding]? {
        guard args.count == 2, args[1].separator == "|", state(of: args[1].expr) == .state(offset: 0) else { return nil }
        if rhs.mentions(base: "sigma"), !rhs.mentions(base: "beta") { return skip("α_t, σ_t notation (x_t = α_t·x_0 + σ_t·ε): the schedule is free") }
        switch state(of: args[0].expr) {
        case .state(offset: -1)?: return judgeReverseMeanFromScore(rhs, offset: offset, notation: notation, what: "E[x_{t−1} | x_t]")
        case .data?: return judgePredictedDataFromTarget(rhs, offset: offset)
        default: return nil
        }
    }
}
