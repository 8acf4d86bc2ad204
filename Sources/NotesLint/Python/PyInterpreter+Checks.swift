import Reference

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension PyInterpreter {
    /// The β array the code works with: its own `betas` (or one derived from its α or ᾱ), else the
    /// linear schedule of Ho et al. 2020.
    func scheduleBetas() -> [Double] {
        var fallback: [Double]?
        // `beta = torch.tensor(0.02)`: one β for every step, the note's own constant schedule. A
        // β read from a table at the step (`beta = schedule.betas[t]`) is one entry of a schedule
        // the interpreter does not hold, not a constant. Any table comes first.
        var constant: Double?
        for (name, value) in env.sorted(by: { $0.key < $1.key }) {
            guard let role = tableRole(name) else { continue }
            if constant == nil, role == .betas, case .number(let b) = value, b > 0, b < 1,
               let written = valueExpressions[name], Self.isConstantExpression(written) { constant = b }
            guard case .array(let a, _) = value, a.count > 2 else { continue }
            switch role {
            case .betas: return a
            case .alphas: fallback = fallback ?? a.map { 1 - $0 }
            case .alphaBars: fallback = fallback ?? a.indices.map { i in 1 - a[i] / (i == 0 ? 1 : a[i - 1]) }
            default: break
            }
        }
        return fallback ?? constant.map { Array(repeating: $0, count: PaperSchedule.linearBetas.count) } ?? PaperSchedule.linearBetas
    }

    /// `0.02`, `torch.tensor(0.02).to(device)`: a number written out, read from no table, step or
    /// schedule quantity.
    static func isConstantExpression(_ e: PyExpr) -> Bool {
        var constant = true
        e.walk { node in
            switch node {
            case .subscripted: constant = false
            case .name(let n, _):
                let lower = n.lowercased()
                if ScheduleRole.of(n) != nil || CodeAnalysis.timestepNames.contains(n)
                    || ["alpha", "beta", "sigma", "sched", "var", "std"].contains(where: lower.contains) { constant = false }
            default: break
            }
        }
        return constant
    }

    /// The names the expression uses for each schedule role, to write the fix in its own terms.
    func roleNames(in e: PyExpr) -> [ScheduleRole: String] {
        var names: [ScheduleRole: String] = [:]
        e.walk { node in
            if case .subscripted(let base, _, _) = node, let n = base.dottedName, let role = tableRole(n), names[role] == nil { names[role] = n }
        }
        return names
    }

    /// σ_t² of a σ the expression reads by name (`sigma_t`, `sigma`, `sigmas[t]`), when its value is known.
    func sigmaSquared(in e: PyExpr) -> Double? {
        var reader = self
        func sigmaSquaredRead(by x: PyExpr) -> Double? {
            var found: Double?
            x.walk { node in
                guard found == nil else { return }
                var n: String?
                if let d = node.dottedName { n = d }
                if case .subscripted(let base, _, _) = node { n = base.dottedName }
                guard let name = n?.split(separator: ".").last?.lowercased(), name.hasPrefix("sigma") else { return }
                if case .number(let v) = reader.evaluate(node), v.isFinite { found = v * v }
            }
            return found
        }
        if let found = sigmaSquaredRead(by: e) { return found }
        // `coef_eps = sqrt(1 - a_prev - sigma_t ** 2)` on the line before, `mean = √a_prev·x̂_0 +
        // coef_eps·ε_θ`: the σ_t of the direction term, one assignment back.
        var read: [String] = []
        e.walk { node in if case .name(let n, _) = node, !read.contains(n) { read.append(n) } }
        for name in read {
            if let definition = valueExpressions[name], !definition.mentions(name), let found = sigmaSquaredRead(by: definition) { return found }
        }
        return nil
    }

    /// The values of the plain names that multiply a whole expression (`nu` in `nu * a * b`),
    /// each a finite number in (0, 1]: the share of a scale a sampler keeps.
    func constantFactors(of e: PyExpr) -> [Double] {
        switch e {
        case .binary("*", let l, let r, _): return constantFactors(of: l) + constantFactors(of: r)
        case .name(let n, _):
            guard let c = lookup(n)?.number, c.isFinite, c > 0, c <= 1 else { return [] }
            return [c]
        default: return []
        }
    }

    mutating func checkAssignment(_ name: String, _ value: PyValue, _ valueExpr: PyExpr) {
        // After a wrong schedule array every later value inherits its error: one finding is enough.
        guard inFunction, let t, !scheduleArrayReported, let quantity = QuantityName.of(name), !nextStatementRefines(name) else { return }
        // `variance = 0` before a branch fills it in is a placeholder, not a formula.
        if case .number = valueExpr { return }
        let betas = scheduleBetas()
        guard t >= 1, t < betas.count else { return }
        // The note's own schedule through Reference (a schedule Reference refuses is not judged).
        guard let posterior = try? NoiseSchedule(betas: betas).posterior(at: t) else { return }
        let beta = betas[t], tilde = posterior.variance
        let names = roleNames(in: valueExpr)
        let b = names[.betas] ?? "betas", ab = names[.alphaBars] ?? "alphas_cumprod"
        let abPrev = names[.alphaBarsPrev].map { "\($0)[t]" } ?? "\(ab)[t-1]"
        let tildeCode = "\(b)[t] * (1 - \(abPrev)) / (1 - \(ab)[t])"
        switch quantity {
        case .variance, .standardDeviation, .logVariance:
            guard let v = value.number, v.isFinite, !inForwardProcess, !spreadUnusedAtThisStep else { return }
            // `sigma = t`: the noise level is the time itself (EDM's σ(t) = t, a consistency
            // model's preconditioning), not a reverse step's spread at step t.
            if case .name(let n, _) = valueExpr, CodeAnalysis.timestepNames.contains(n) {
                forwardMarginalNames.insert(name)
                return
            }
            // `sigma = self.marginal_variance(t)`: a variance the note's own function names as the
            // forward marginal's or the prior's is no reverse-step variance. Nor is a noise level
            // (`self.noise_level(t)`): the σ_t of x_t = α_t·x_0 + σ_t·ε in EDM and score-SDE code.
            if case .call(let f, _, _, _) = CodeAnalysis.withoutValueKeepingCalls(valueExpr), let callee = f.dottedName?.split(separator: ".").last?.lowercased(),
               ["marginal", "prior", "forward", "data", "level"].contains(where: { callee.contains($0) }) {
                forwardMarginalNames.insert(name)
                return
            }
            // `sqrt_var = torch.sqrt(var)` after such a `var`: computed from it alone.
            var readNames = Set<String>()
            valueExpr.walk { if case .name(let n, _) = $0, !Self.modules.contains(n) { readNames.insert(n) } }
            if !readNames.isEmpty, readNames.isSubset(of: forwardMarginalNames) {
                forwardMarginalNames.insert(name)
                return
            }
            let transform: (Double) -> Double = quantity == .variance ? { $0 } : (quantity == .standardDeviation ? { $0.squareRoot() } : { log($0) })
            if nearlyEqual(v, transform(tilde)) || nearlyEqual(v, transform(beta)) { return }
            // `variance = (1 / precision) ** 0.5`: a name that says variance holding the standard
            // deviation √β̃_t or √β_t. The name misleads, but the value is right for a scale; how
            // it is used (a draw times it, or its root taken again) is judged where it is used.
            if quantity == .variance, nearlyEqual(v, tilde.squareRoot()) || nearlyEqual(v, beta.squareRoot()) { return }
            // `var = extract(posterior_log_variance_clipped, t, x)`, returned as the log-variance a
            // KL term takes: a variance's name holding log β̃_t or log β_t, likewise judged where used.
            if quantity == .variance, v < 0, nearlyEqual(v, log(tilde)) || nearlyEqual(v, log(beta)) { return }
            // The other way round, `sigma = (1 - ab[t]) * (1 - a[t+1]) / (1 - ab[t+1])` used as
            // `sqrt(sigma)`: a name that says standard deviation holding the variance.
            let holdsVariance = quantity == .standardDeviation && squareRootedNames.contains(name)
            // Tables indexed from 1 (`t_idx = t - 1`) give the value of a neighbouring step.
            if let schedule = try? NoiseSchedule(betas: betas) {
                for k in max(1, t - 2)...min(betas.count - 1, t + 2) {
                    let tk = (try? schedule.posterior(at: k).variance) ?? .nan
                    if nearlyEqual(v, transform(tk)) || nearlyEqual(v, transform(betas[k])) { return }
                    if holdsVariance, nearlyEqual(v, tk) || nearlyEqual(v, betas[k]) { return }
                }
            }
            // The forward marginal q(x_t | x_0) (a `q_mean_variance`, or its scale under a variance's
            // name): 1 − ᾱ_t and √(1 − ᾱ_t) are no reverse-step variance.
            if nearlyEqual(v, transform(1 - posterior.alphaBar)) || nearlyEqual(v, (1 - posterior.alphaBar).squareRoot()) || nearlyEqual(v, 1 - posterior.alphaBar) { return }
            if ownAlphaBarTables().contains(where: { table in table.contains { nearlyEqual(v, 1 - $0) || nearlyEqual(v, (1 - $0).squareRoot()) } }) { return }
            // `var = alphas_cumprod[t]`, `min_var = cos(s / (1 + s) · π/2) ** 2`: ᾱ_t itself, or the
            // cosine schedule's f(t), is the signal's share of the forward marginal (Stable
            // Cascade inverts it to a time), never a reverse step's spread.
            if nearlyEqual(v, posterior.alphaBar) || CodeAnalysis.computesCosineSchedule(valueExpr) {
                forwardMarginalNames.insert(name)
                return
            }
            // DDIM (Song et al. 2021, Eq. 16): σ_t = η·σ̂_t, σ̂_t² = (1 − ᾱ_prev)/(1 − ᾱ_t)·(1 − ᾱ_t/ᾱ_prev)
            // for whatever earlier step the sampler jumps to; σ̂_t² is β̃_t only for the next step.
            let hats = [tilde] + ddimVarianceCandidates(near: t)
            let (mentionsEta, eta) = etaRead(by: valueExpr)
            if !mentionsEta, hats.contains(where: { nearlyEqual(v, transform($0)) }) { return }
            // `sigma_t = nu * sqrt((1 - ab_prev) / (1 - ab_t)) * sqrt(1 - ab_t / ab_prev)`: η under
            // another name, a constant that scales σ̂_t. Only a value that is exactly that product
            // is let pass; any other value is judged as before.
            if !mentionsEta, quantity != .logVariance {
                let scales = constantFactors(of: valueExpr)
                if scales.contains(where: { c in hats.contains { nearlyEqual(v, quantity == .variance ? c * c * $0 : c * $0.squareRoot()) } }) { return }
            }
            if mentionsEta {
                guard let eta else { return }
                if quantity == .standardDeviation, hats.contains(where: { nearlyEqual(v, eta * $0.squareRoot()) }) { return }
                if quantity == .variance, hats.contains(where: { nearlyEqual(v, eta * eta * $0) }) { return }
                if quantity == .variance, eta != 1, hats.contains(where: { nearlyEqual(v, eta * $0) }) {
                    report(.etaForEtaSquared, valueExpr.offset, "'\(name)' is η·σ̂_t²; σ_t = η·σ̂_t, so the variance is η²·σ̂_t²", fix: "eta ** 2 * (\(tildeCode))")
                    return
                }
                guard quantity != .logVariance else { return }
                report(.wrongDDIMSigmaCode, valueExpr.offset,
                       "'\(name)' is not η·σ̂_t with σ̂_t² = (1 − ᾱ_prev)/(1 − ᾱ_t)·(1 − ᾱ_t/ᾱ_prev) for any earlier step of the schedule: at t = \(t), η = \(FormulaJudge.format(eta)) it is \(FormulaJudge.format(v)); with the next step η·σ̂_t\(quantity == .variance ? "²" : "") is \(FormulaJudge.format(quantity == .variance ? eta * eta * tilde : eta * tilde.squareRoot()))",
                       fix: "eta * sqrt((1 - a_prev) / (1 - a_t) * (1 - a_t / a_prev))")
                return
            }
            let what = quantity == .variance ? "variance" : (quantity == .standardDeviation ? "standard deviation" : "log-variance")
            let fix = quantity == .variance ? tildeCode : (quantity == .standardDeviation ? "sqrt(\(tildeCode))" : "log(\(tildeCode))")
            report(.wrongPosteriorVarianceCode, valueExpr.offset,
                   "'\(name)' is a reverse-step \(what) but is neither the posterior β̃_t nor β_t: at t = \(t) it is \(FormulaJudge.format(v)), β̃_t = \(FormulaJudge.format(transform(tilde))), β_t = \(FormulaJudge.format(transform(beta)))",
                   fix: fix)
        case .mean:
            guard case .tensor(let f) = value else { return }
            // `mean = self.predict_mean_from_eps(x_t, t, eps)`: the note's own function is judged
            // where it computes the mean; its caller would repeat that finding.
            if CodeAnalysis.callsOwnFunction(valueExpr, userFunctions) { return }
            epsilonCoefficientAt = epsilonCoefficientOffset(in: valueExpr)
            directionSigma2 = sigmaSquared(in: valueExpr)
            checkMean(f, name: name, at: valueExpr.offset, t: t, betas: betas)
            directionSigma2 = nil
        }
    }

    mutating func checkMean(_ f: TensorForm, name: String, at offset: Int, t: Int, betas: [Double]) {
        guard !scheduleArrayReported, let posterior = try? NoiseSchedule(betas: betas).posterior(at: t) else { return }
        let beta = betas[t], alpha = 1 - betas[t], bar = posterior.alphaBar
        var keys = f.deterministicKeys
        if keys.remove(.predictedData) != nil { keys.insert(.data) }
        guard f.coefficients.values.allSatisfy(\.isFinite) else { return }
        if keys == [.state(offset: 0), .predictedNoise] {
            let cx = 1 / alpha.squareRoot(), ce = -beta / (alpha.squareRoot() * (1 - bar).squareRoot())
            let gx = f.coefficient(.state(offset: 0)), ge = f.coefficient(.predictedNoise)
            if nearlyEqual(gx, cx) && nearlyEqual(ge, ce) {
                checkNoiseTerm(f, name: name, at: offset, t: t, beta: beta, tilde: posterior.variance)
                return
            }
            // x̂_0 = (x_t − √(1 − ᾱ_k)·ε_θ)/√ᾱ_k is a prediction, not a step; and code that indexes
            // its tables from 1 computes the DDPM mean of a neighbouring step. Both are judged
            // against every step k of the schedule.
            if let schedule = try? NoiseSchedule(betas: betas) {
                for k in schedule.alphaBars.indices {
                    let b = schedule.alphaBars[k], a = schedule.alphas[k]
                    if nearlyEqual(gx, 1 / b.squareRoot()) && nearlyEqual(ge, -(1 / b - 1).squareRoot()) { return }
                    // A model of the score s_θ turned into ε_θ = −√(1 − ᾱ_k)·s_θ gives the same mean
                    // as 1/√α_k·(x_t + β_k·s_θ): the model's output then carries +β_k/√α_k.
                    let noiseModel = nearlyEqual(ge, -(1 - a) / (a.squareRoot() * (1 - b).squareRoot()))
                    let scoreModel = nearlyEqual(ge, (1 - a) / a.squareRoot())
                    if nearlyEqual(gx, 1 / a.squareRoot()) && (noiseModel || scoreModel) {
                        checkNoiseTerm(f, name: name, at: offset, t: k, beta: 1 - a, tilde: (try? schedule.posterior(at: k).variance) ?? .nan)
                        return
                    }
                }
            }
            if acceptsWithOwnTables(gx: gx, ge: ge, sigma2: f.noiseVariance) { return }
            if isDDIMMapBetweenLevels(gx: gx, ge: ge, sigma2: f.noiseVariance) { return }
            // A step to a noisier level (inversion) has no DDPM mean to compare with: it is judged
            // only as the DDIM map between two levels, which it is not.
            if stepsToNoisierLevel || Self.namesNoisierStep(name) {
                report(.wrongMeanCode, offset,
                       "'\(name)' steps to a noisier level (DDIM inversion) but is not the deterministic DDIM map √ᾱ_next·x̂_0 + √(1 − ᾱ_next)·ε_θ between any two levels of the schedule: at t = \(t) the coefficient of x_t is \(FormulaJudge.format(gx)) and of ε_θ \(FormulaJudge.format(ge))",
                       fix: "sqrt(a_next) * (x_t - sqrt(1 - a_t) * eps) / sqrt(a_t) + sqrt(1 - a_next) * eps")
                return
            }
            // A DDIM step: ᾱ_prev from the coefficient of x_t, then the direction term must agree.
            let ap = gx * gx * bar
            // A mean without its noise (`mean_pred = √ᾱ_prev·x̂_0 + √(1 − ᾱ_prev − σ_t²)·ε_θ`, σ_t·z added
            // on the next line) is judged with the σ_t its own direction term uses.
            let sigma2 = f.noiseVariance == 0 ? (directionSigma2 ?? 0) : f.noiseVariance
            // σ_t² at its largest, 1 − ᾱ_prev (x̂_0 re-noised with fresh noise), leaves no direction
            // term. The difference is then rounding, a few ulps either side of 0, and its square
            // root (~1e−8 from 1e−16) would exceed the comparison's 1e−9: within 1e−9 of the terms
            // it is taken as 0.
            var directionVariance = 1 - ap - sigma2
            if abs(directionVariance) <= 1e-9 * max(ap, sigma2) { directionVariance = 0 }
            if ap > 0, ap <= 1, directionVariance >= 0,
               nearlyEqual(ge, directionVariance.squareRoot() - ap.squareRoot() * (1 - bar).squareRoot() / bar.squareRoot()) { return }
            // `mean = √ᾱ_prev·(x_t − √(1 − ᾱ_t)·ε_θ)/√ᾱ_t`, its direction term `√(1 − ᾱ_prev)·ε_θ` added
            // where the step returns: x̂_0 carried to an earlier level of the schedule, the first part
            // of a DDIM step, not a DDPM mean.
            if f.noiseVariance == 0, nearlyEqual(ge, -ap.squareRoot() * (1 - bar).squareRoot() / bar.squareRoot()),
               let schedule = try? NoiseSchedule(betas: betas),
               (Array(schedule.alphaBars.prefix(t)) + [1]).contains(where: { nearlyEqual($0, ap) }) { return }
            // A right x_t coefficient and a wrong ε_θ one: the error is where that coefficient is written.
            let where_ = nearlyEqual(gx, cx) ? (epsilonCoefficientAt ?? offset) : offset
            report(.wrongMeanCode, where_,
                   "'\(name)' is neither the DDPM mean 1/√α_t·(x_t − β_t/√(1 − ᾱ_t)·ε_θ) nor a DDIM step consistent with its own noise: at t = \(t) the coefficient of x_t is \(FormulaJudge.format(gx)) (must be \(FormulaJudge.format(cx))) and of ε_θ \(FormulaJudge.format(ge)) (must be \(FormulaJudge.format(ce)))",
                   fix: "(x_t - betas[t] / sqrt(1 - alphas_cumprod[t]) * eps) / sqrt(alphas[t])")
        } else if keys == [.data, .state(offset: 0)] {
            let c0 = posterior.meanCoefX0, ct = posterior.meanCoefXt
            let g0 = f.coefficient(.data) + f.coefficient(.predictedData), gt = f.coefficient(.state(offset: 0))
            if nearlyEqual(g0, c0) && nearlyEqual(gt, ct) {
                checkNoiseTerm(f, name: name, at: offset, t: t, beta: beta, tilde: posterior.variance)
                return
            }
            // DDIM's kernel mean in x̂_0 and x_t, √ᾱ_j·x̂_0 + √(1 − ᾱ_j − σ²)·(x_t − √ᾱ_t·x̂_0)/√(1 − ᾱ_t),
            // for any earlier level j (or ᾱ_j = 1) and any σ: the coefficient of x_t gives the
            // direction's root, and that of x̂_0 must then be √ᾱ_j − gt·√ᾱ_t.
            if gt >= 0, let schedule = try? NoiseSchedule(betas: betas) {
                // Code that counts its steps from 1 reads every table at [t − 1]: the posterior
                // mean of a neighbouring step, as for the mean in x_t and ε_θ above.
                for k in schedule.alphaBars.indices where k != t {
                    guard let other = try? schedule.posterior(at: k), nearlyEqual(g0, other.meanCoefX0), nearlyEqual(gt, other.meanCoefXt) else { continue }
                    checkNoiseTerm(f, name: name, at: offset, t: k, beta: betas[k], tilde: other.variance)
                    return
                }
                let direction2 = gt * gt * (1 - bar)
                let levels = Array(schedule.alphaBars.prefix(t)) + [1]
                if levels.contains(where: { aj in 1 - aj - direction2 >= -1e-9 * aj && nearlyEqual(g0, aj.squareRoot() - gt * bar.squareRoot()) }) { return }
            }
            report(.wrongMeanCode, offset,
                   "'\(name)' is neither the posterior mean μ̃_t(x_t, x_0) nor a DDIM mean √ᾱ_prev·x_0 + √(1 − ᾱ_prev − σ²)·(x_t − √ᾱ_t·x_0)/√(1 − ᾱ_t) for any earlier level: at t = \(t) the coefficient of x_0 is \(FormulaJudge.format(g0)) (must be \(FormulaJudge.format(c0))) and of x_t \(FormulaJudge.format(gt)) (must be \(FormulaJudge.format(ct)))",
                   fix: "sqrt(alphas_cumprod_prev[t]) * betas[t] / (1 - alphas_cumprod[t]) * x_0 + sqrt(alphas[t]) * (1 - alphas_cumprod_prev[t]) / (1 - alphas_cumprod[t]) * x_t")
        }
    }

    /// Whether an expression reads DDIM's η (`eta`, `self.eta`, `ddim_eta`), in itself or in the
    /// expressions of the names it reads (`sigma = sigma_sq.sqrt()` after `sigma_sq = eta ** 2 * …`),
    /// and η's value where the interpreter knows it.
    func etaRead(by expr: PyExpr) -> (mentioned: Bool, value: Double?) {
        var read: [PyExpr] = [expr]
        expr.walk { if case .name(let n, _) = $0, let earlier = valueExpressions[n] { read.append(earlier) } }
        var mentioned = false
        var value: Double?
        for e in read {
            e.walk { node in
                if let n = node.dottedName, n == "eta" || n.hasSuffix(".eta") || n == "ddim_eta" {
                    mentioned = true
                    if let v = lookup(n)?.number { value = v }
                }
            }
        }
        return (mentioned, value)
    }

    /// The noise term of a DDPM step whose mean is right: σ_t·z with σ_t² = β_t or β̃_t (Ho et al.
    /// 2020, §3.2), or no noise. A variance in place of the standard deviation gives σ_t = β_t.
    mutating func checkNoiseTerm(_ f: TensorForm, name: String, at offset: Int, t: Int, beta: Double, tilde: Double) {
        let v = f.noiseVariance
        guard !f.noiseKeys.isEmpty, v.isFinite else { return }
        if nearlyEqual(v, beta) || nearlyEqual(v, tilde) { return }
        // `x = mean + eta * sqrt(posterior_variance[t]) * z` with `eta=1.0` by default: DDPM's step,
        // whose noise a caller may scale. Without that default the step is DDPM's at η = 1 only:
        // DDIM's η changes the mean as well (its direction term √(1 − ᾱ_{t−1} − σ_t²)·ε_θ).
        if let stepExpr = valueExpressions[name], case (true, let eta?) = etaRead(by: stepExpr),
           nearlyEqual(v, eta * eta * beta) || nearlyEqual(v, eta * eta * tilde) {
            if etaDefaults.values.contains(1) { return }
            report(.wrongPosteriorVarianceCode, noiseTermOffset ?? offset,
                   "'\(name)': η scales the noise of a step whose mean stays DDPM's: at η = \(FormulaJudge.format(eta)) this is neither DDPM's step (η = 1) nor DDIM's, whose η also sets the direction term √(1 − ᾱ_{t−1} − σ_t²)·ε_θ of the mean",
                   fix: "sqrt(a_prev) * x0_pred + sqrt(1 - a_prev - sigma_t ** 2) * eps + sigma_t * noise")
            return
        }
        let asStd = nearlyEqual(v, beta * beta) || nearlyEqual(v, tilde * tilde)
        let detail = asStd
            ? "the noise is scaled by a variance (σ_t = \(FormulaJudge.format(v.squareRoot()))) where its square root belongs (√β̃_t = \(FormulaJudge.format(tilde.squareRoot())), √β_t = \(FormulaJudge.format(beta.squareRoot())))"
            : "the noise variance is \(FormulaJudge.format(v)), β_t = \(FormulaJudge.format(beta)), β̃_t = \(FormulaJudge.format(tilde))"
        report(.wrongPosteriorVarianceCode, noiseTermOffset ?? offset, "'\(name)': the reverse step's noise term is not σ_t·z with σ_t² = β_t or β̃_t: at t = \(t) \(detail)",
               fix: "mean + sqrt(posterior_variance[t]) * noise")
    }

    /// σ̂² = (1 − ᾱ_j)/(1 − ᾱ_k)·(1 − ᾱ_k/ᾱ_j) for k within two steps of t (index conventions) and
    /// every earlier j (and ᾱ_j = 1, the final step), in the code's own ᾱ tables and Reference's.
    func ddimVarianceCandidates(near t: Int) -> [Double] {
        var tables = ownAlphaBarTables()
        if let bars = try? NoiseSchedule(betas: scheduleBetas()).alphaBars { tables.append(bars) }
        var out: [Double] = []
        for table in tables where t < table.count {
            for k in max(1, t - 2)...min(table.count - 1, t + 2) {
                let a = table[k]
                for ap in table[..<k] + [1.0] where ap > a { out.append((1 - ap) / (1 - a) * (1 - a / ap)) }
            }
        }
        return out
    }

    /// `Normal(loc, scale)`, `torch.normal(mean, std)`, `np.random.normal(loc, scale)` take a
    /// standard deviation: a scale equal to a variance of the process (1 − ᾱ_t, β̃_t, β_t) at the
    /// probe step, and not to its square root, is that variance passed as a scale.
    mutating func checkGaussianScale(_ dotted: String, _ scaleExpr: PyExpr?, at offset: Int) {
        guard inFunction, let t, !scheduleArrayReported, let scaleExpr, case .number(let v)? = Optional(evaluate(scaleExpr)), v.isFinite, v > 0, v < 1 else { return }
        let betas = scheduleBetas()
        guard let schedule = try? NoiseSchedule(betas: betas), t >= 1, t < betas.count else { return }
        var variances: [(String, Double)] = []
        for k in max(1, t - 1)...min(betas.count - 1, t + 1) {
            variances.append(("1 − ᾱ_t", 1 - schedule.alphaBars[k]))
            variances.append(("β_t", betas[k]))
            if let p = try? schedule.posterior(at: k) { variances.append(("β̃_t", p.variance)) }
        }
        guard let (what, value) = variances.first(where: { nearlyEqual(v, $0.1) }),
              !variances.contains(where: { nearlyEqual(v, $0.1.squareRoot()) }) else { return }
        report(.varianceAsScale, scaleExpr.offset,
               "\(dotted.isEmpty ? "Normal" : dotted) takes a standard deviation, but its scale here is the variance \(what) (\(FormulaJudge.format(value)) at t = \(t))",
               fix: "sqrt(\(what))")
    }

    /// `coef * eps` in a mean where `coef` is a name the code assigned: that assignment's offset.
    func epsilonCoefficientOffset(in value: PyExpr) -> Int? {
        var found: Int?
        value.walk { node in
            guard found == nil, case .binary("*", let a, let b, _) = node else { return }
            for (coefficient, other) in [(a, b), (b, a)] {
                guard case .name(let n, _) = coefficient, lookup(n)?.number != nil, let at = assignedAt[n],
                      let o = other.dottedName, case .tensor(let f)? = lookup(o), f.deterministicKeys == [.predictedNoise] else { continue }
                found = at
            }
        }
        return found
    }
}
