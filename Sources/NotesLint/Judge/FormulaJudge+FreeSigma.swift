import CheckerCore

/// σ_t as the DDIM paper means it: a free parameter of the family of kernels
/// q_σ(x_{t−1} | x_t, x_0) = N(√ᾱ_{t−1}·x_0 + √(1 − ᾱ_{t−1} − σ_t²)·(x_t − √ᾱ_t·x_0)/√(1 − ᾱ_t), σ_t²·I),
/// which is DDPM's posterior when σ_t² = β̃_t. A formula that leaves σ_t free is right when it
/// holds for every σ_t, so it is evaluated at several values of σ_t, not at one.
extension FormulaJudge {
    /// Values of σ_t for a formula that leaves it free: fractions of its largest admissible value
    /// √(1 − ᾱ_{t−1}), chosen so that none of them is β_t or β̃_t by accident.
    func freeSigmaValues(_ p: Probe) -> [Double] {
        guard let previous = p.schedule.alphaBar(p.t - 1), previous < 1 else { return [] }
        let largest = (1 - previous).squareRoot()
        return [0.17, 0.53, 0.81].map { $0 * largest }
    }

    func evaluator(_ p: Probe, sigma: Double) -> MathEvaluator {
        var ev = evaluator(p)
        ev.parameters["sigma"] = sigma
        return ev
    }

    func affine(_ e: MathExpr, _ p: Probe, sigma: Double) -> AffineForm? {
        AffineForm(e, evaluator: evaluator(p, sigma: sigma))
    }

    func scalar(_ e: MathExpr, _ p: Probe, sigma: Double) -> Double? {
        var ev = evaluator(p, sigma: sigma)
        guard let v = ev.evaluate(e), ev.requested.isEmpty else { return nil }
        return v
    }

    /// Whether the formula names the free σ_t (or η, which fixes σ_t through σ_t(η)).
    func mentionsFreeSigma(_ e: MathExpr) -> Bool {
        e.mentions(base: "sigma") || e.mentions(base: "eta")
    }

    /// The DDIM kernel's coefficients of x_0 and x_t for a variance v = σ_t².
    func kernelCoefficients(_ p: Probe, variance v: Double) -> (x0: Double, xt: Double)? {
        guard let a = p.schedule.alphaBar(p.t), let ap = p.schedule.alphaBar(p.t - 1), a < 1 else { return nil }
        let room = 1 - ap - v
        guard room >= -1e-12 else { return nil }
        let xt = max(room, 0).squareRoot() / (1 - a).squareRoot()
        return (ap.squareRoot() - xt * a.squareRoot(), xt)
    }

    /// `q(x_{t−1} | x_t, x_0) = N(mean, variance)`: right when the mean is the DDIM kernel's for
    /// σ_t² = the stated variance (DDPM's posterior is the case σ_t² = β̃_t), at every probe and
    /// every value of a σ_t the formula leaves free.
    func judgeReverseKernel(mean: MathExpr?, variance: MathExpr?, missingData: Bool, offset: Int, notation: Notation, family: Bool) -> [MathFinding] {
        let free = (mean.map(mentionsFreeSigma) ?? false) || (variance.map(mentionsFreeSigma) ?? false)
        let settings: [(Probe, Double)] = allProbes.flatMap { p in
            (free ? freeSigmaValues(p) : [evaluator(p).parameters["sigma"] ?? 0]).map { (p, $0) }
        }
        // The mean as an affine form in x_0 and x_t, when it is written out.
        func meanForm(_ p: Probe, _ s: Double) -> AffineForm? {
            guard let mean, let f = affine(mean, p, sigma: s) else { return nil }
            var g = f
            if let d = g.coefficients.removeValue(forKey: .predictedData) { g.coefficients[.data, default: 0] += d }
            return g.deterministicKeys.isSubset(of: [.data, .state(offset: 0)]) && !g.hasNoise && nearlyEqual(g.constant, 0) ? g : nil
        }
        let readable = settings.allSatisfy { meanForm($0.0, $0.1) != nil }
        let readableVariance = variance.map { v in settings.allSatisfy { scalar(v, $0.0, sigma: $0.1) != nil } } ?? false
        func matches(_ f: AffineForm, _ c: (x0: Double, xt: Double)) -> Bool {
            nearlyEqual(f.coefficient(.data), c.x0) && nearlyEqual(f.coefficient(.state(offset: 0)), c.xt)
        }
        if readable, readableVariance, let variance {
            let kernel = settings.allSatisfy { p, s in
                guard let f = meanForm(p, s), let v = scalar(variance, p, sigma: s), let c = kernelCoefficients(p, variance: v) else { return false }
                return matches(f, c)
            }
            if kernel { return [] }
        }
        let ddpmMean = readable && settings.allSatisfy { p, s in
            guard let f = meanForm(p, s), let c = p.schedule.posteriorMeanCoefficients(p.t) else { return false }
            return matches(f, c)
        }
        var findings: [MathFinding] = []
        /// The stated variance at a setting; one that is not read is σ_t² itself where σ_t is
        /// free, so a mean that is the kernel's for that σ_t is no finding.
        func statedVariance(_ p: Probe, _ s: Double) -> Double? {
            variance.flatMap { scalar($0, p, sigma: s) } ?? (free || family ? s * s : nil)
        }
        // A mean that is neither DDPM's posterior mean nor the DDIM kernel's for the stated variance.
        if readable, !ddpmMean, let (p, s) = settings.first(where: { p, s in
            guard let f = meanForm(p, s) else { return false }
            return !(statedVariance(p, s).flatMap { kernelCoefficients(p, variance: $0) }.map { matches(f, $0) } ?? false)
        }), let f = meanForm(p, s) {
            if free || family, let v = statedVariance(p, s) {
                let c = kernelCoefficients(p, variance: v)
                let want = c.map { "\(Self.format($0.x0)) and \(Self.format($0.xt))" } ?? "undefined (σ_t² exceeds 1 − ᾱ_{t−1})"
                findings.append(MathFinding(
                    rule: .wrongPosteriorMean, offset: offset,
                    message: "read as the DDIM kernel q_σ(x_{t−1} | x_t, x_0) with σ_t free: at \(p.name) and σ_t² = \(Self.format(v)) the coefficients of x_0 and x_t are \(Self.format(f.coefficient(.data))) and \(Self.format(f.coefficient(.state(offset: 0)))), the kernel's are \(want)",
                    fix: notation.ddimKernel))
                return findings
            }
            if let c = p.schedule.posteriorMeanCoefficients(p.t) {
                var wrong: [String] = []
                if !nearlyEqual(f.coefficient(.data), c.x0) { wrong.append("the coefficient of x_0 is \(Self.format(f.coefficient(.data))), it must be \(Self.format(c.x0))") }
                if !nearlyEqual(f.coefficient(.state(offset: 0)), c.xt) { wrong.append("the coefficient of x_t is \(Self.format(f.coefficient(.state(offset: 0)))), it must be \(Self.format(c.xt))") }
                findings.append(MathFinding(rule: .wrongPosteriorMean, offset: offset,
                                            message: "posterior mean: \(wrong.joined(separator: "; ")) at \(p.name) (no σ_t makes it the DDIM kernel either)",
                                            fix: notation.posteriorMean))
            }
        }
        // The variance: DDPM's β̃_t, unless σ_t is left free or is zero (DDIM's η = 0).
        guard let variance, !free, readableVariance, ddpmMean || !readable else { return findings }
        if let (p, message) = firstFailure({ p in
            guard let v = scalar(variance, p), let want = p.schedule.posteriorVariance(p.t) else { return nil }
            // A zero variance with a mean not written out is DDIM's deterministic kernel (η = 0).
            if nearlyEqual(v, want) || (v == 0 && !readable) { return nil }
            if let b = p.schedule.beta(p.t), nearlyEqual(v, b) {
                return "the posterior q(x_{t−1} | x_t, x_0) has variance β̃_t = (1 − ᾱ_{t−1})/(1 − ᾱ_t)·β_t, not the forward variance β_t (\(Self.format(want)) against \(Self.format(v)))"
            }
            return "the posterior q(x_{t−1} | x_t, x_0) has variance β̃_t = \(Self.format(want)), not \(Self.format(v))"
        }) {
            var message = message + " at \(p.name)"
            if missingData { message += "; the posterior is conditioned on x_0 too" }
            findings.append(MathFinding(rule: .wrongPosteriorVariance, offset: offset, message: message,
                                        fix: "q(x_{t−1} | x_t, x_0) = N(x_{t−1}; μ̃_t(x_t, x_0), β̃_t·I), " + notation.posteriorVariance))
        }
        return findings
    }

    /// Whether a chain of the note sets σ² or σ_t² (alone on its side) to a formula that equals the
    /// posterior variance β̃_t = (1 − ᾱ_{t−1})/(1 − ᾱ_t)·β_t at every probe (`σ² = β̃_t` derived by
    /// completing the square), and no chain gives σ² another value. A side that mentions σ itself
    /// is no definition.
    func definesSigmaAsPosteriorVariance(_ chains: [FormulaChain]) -> Bool {
        // A note that writes DDIM's σ_t (η, or σ_t under a root as in √(1 − ᾱ_{t−1} − σ_t²)) keeps it
        // free: there σ_t² = β̃_t is one member of the family, not the note's σ.
        func isDDIMDirection(_ e: MathExpr) -> Bool {
            e.contains { node in
                guard case .root(let inner, _) = node, inner.mentions(base: "alpha") else { return false }
                var stepSigma = false
                inner.forEachSymbol { if $0.base == "sigma", $0.subscriptText == nil || $0.subscriptText == "t" { stepSigma = true } }
                return stepSigma
            }
        }
        // η as DDIM's is written with the schedule's α (σ_t(η) = η·√((1 − ᾱ_{t−1})/(1 − ᾱ_t))·…); a
        // Langevin step size beside a score (`x_{n+1} = x_n + η∇log p(x_n) + √η·ε_n`), or an
        // exponential family's natural parameter (η = x/σ²), is another η.
        let writesDDIMSigma = chains.contains { chain in
            let exprs = chain.sides.compactMap(\.expr)
            let ddimEta = exprs.contains { $0.mentions(base: "eta") } && exprs.contains { $0.mentions(base: "alpha") }
            return ddimEta || exprs.contains(where: isDDIMDirection)
        }
        guard !writesDDIMSigma else { return false }
        var found = false
        for chain in chains where chain.sides.count >= 2 && chain.relations.allSatisfy({ Self.equalities.contains($0) && $0 != "sim" }) {
            // `σ² = β_i²·(1 − ᾱ_{i−1}²)/(1 − ᾱ_i²)`: the step letter read as t, as every chain is judged.
            let exprs = TimeIndex.rewrite(chain.sides.map(\.expr))
            guard let lhs = exprs[0], case .power(.symbol(let s), .number(2)) = lhs, s.base == "sigma", !s.isModel,
                  s.subscriptText == nil || s.subscriptText == "t" else { continue }
            for case let e? in exprs.dropFirst() where !e.mentions(base: "sigma") && !e.mentions(base: "eta") {
                var values: [(Double, Double)] = []
                for p in allProbes {
                    guard let v = scalar(e, p), let tilde = p.schedule.posteriorVariance(p.t) else { break }
                    values.append((v, tilde))
                }
                guard values.count == allProbes.count else { continue }
                // Another value for σ² (σ_t² = β_t, Ho et al.'s other choice) leaves σ the note's to choose.
                guard values.allSatisfy({ nearlyEqual($0.0, $0.1) }) else { return false }
                found = true
            }
        }
        return found
    }
}
