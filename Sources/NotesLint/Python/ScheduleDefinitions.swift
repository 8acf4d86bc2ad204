import Reference

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The per-step arrays DDPM code precomputes from β (`alphas`, `alphas_cumprod`,
/// `sqrt_one_minus_alphas_cumprod`, `posterior_variance`, …), named as the common code bases name
/// them, with their values from Reference (Ho et al. 2020 §2 and §3.2; 0-based code index, so
/// ᾱ_prev[0] = 1).
enum ScheduleDefinition: String, CaseIterable, Sendable {
    case alphas, alphaBars, alphaBarsPrev, sqrtAlphaBars, sqrtOneMinusAlphaBars, oneMinusAlphaBars
    case logOneMinusAlphaBars, sqrtRecipAlphaBars, sqrtRecipM1AlphaBars, sqrtRecipAlphas, sqrtAlphas
    case posteriorVariance, posteriorMeanCoefX0, posteriorMeanCoefXt

    /// The definition a variable name denotes, or nil for a name of no known array.
    static func of(_ dotted: String) -> ScheduleDefinition? {
        var n = dotted.lowercased()
        if n.hasPrefix("self.") { n.removeFirst(5) }
        if n.contains(".") { return nil }
        // `alphas_bar_sqrt`, `sqrt_alphas_bar_prev`, `alphas_cumprod_next`: other arrays than the role names say.
        let qualified = ["sqrt", "log", "next", "recip", "prev"].filter { n.contains($0) }
        if let role = ScheduleRole.of(n), qualified.isEmpty || (role == .alphaBarsPrev && qualified == ["prev"])
            || (role == .sqrtAlphaBars && qualified == ["sqrt"] && n.hasPrefix("sqrt_"))
            || (role == .sqrtOneMinusAlphaBars && qualified == ["sqrt"] && n.hasPrefix("sqrt_")) {
            switch role {
            case .alphas: return .alphas
            case .alphaBars: return .alphaBars
            case .alphaBarsPrev: return .alphaBarsPrev
            case .sqrtAlphaBars: return .sqrtAlphaBars
            case .sqrtOneMinusAlphaBars: return .sqrtOneMinusAlphaBars
            case .posteriorVariance: return .posteriorVariance
            case .betas: return nil
            }
        }
        let table: [String: ScheduleDefinition] = [
            "one_minus_alphas_cumprod": .oneMinusAlphaBars, "one_minus_alpha_bar": .oneMinusAlphaBars,
            "log_one_minus_alphas_cumprod": .logOneMinusAlphaBars,
            "sqrt_recip_alphas_cumprod": .sqrtRecipAlphaBars, "sqrt_recipm1_alphas_cumprod": .sqrtRecipM1AlphaBars,
            "sqrt_recip_alphas": .sqrtRecipAlphas, "sqrt_recip_alpha": .sqrtRecipAlphas, "sqrt_alphas": .sqrtAlphas,
            "posterior_mean_coef1": .posteriorMeanCoefX0, "posterior_mean_coef2": .posteriorMeanCoefXt,
        ]
        return table[n]
    }

    var formula: String {
        switch self {
        case .alphas: return "α_t = 1 − β_t"
        case .alphaBars: return "ᾱ_t = ∏_{s≤t} α_s"
        case .alphaBarsPrev: return "ᾱ_{t−1} (1 at the first step)"
        case .sqrtAlphaBars: return "√ᾱ_t"
        case .sqrtOneMinusAlphaBars: return "√(1 − ᾱ_t)"
        case .oneMinusAlphaBars: return "1 − ᾱ_t"
        case .logOneMinusAlphaBars: return "log(1 − ᾱ_t)"
        case .sqrtRecipAlphaBars: return "1/√ᾱ_t"
        case .sqrtRecipM1AlphaBars: return "√(1/ᾱ_t − 1)"
        case .sqrtRecipAlphas: return "1/√α_t"
        case .sqrtAlphas: return "√α_t"
        case .posteriorVariance: return "β̃_t = β_t·(1 − ᾱ_{t−1})/(1 − ᾱ_t)"
        case .posteriorMeanCoefX0: return "β_t·√ᾱ_{t−1}/(1 − ᾱ_t)"
        case .posteriorMeanCoefXt: return "(1 − ᾱ_{t−1})·√α_t/(1 − ᾱ_t)"
        }
    }

    /// The array for these β, or nil when Reference refuses the schedule.
    func values(betas: [Double]) -> [Double]? {
        guard let s = try? NoiseSchedule(betas: betas) else { return nil }
        let bars = s.alphaBars, prev = s.alphaBarsPrevious
        switch self {
        case .alphas: return s.alphas
        case .alphaBars: return bars
        case .alphaBarsPrev: return prev
        case .sqrtAlphaBars: return bars.map { $0.squareRoot() }
        case .sqrtOneMinusAlphaBars: return bars.map { (1 - $0).squareRoot() }
        case .oneMinusAlphaBars: return bars.map { 1 - $0 }
        case .logOneMinusAlphaBars: return bars.map { log(1 - $0) }
        case .sqrtRecipAlphaBars: return bars.map { 1 / $0.squareRoot() }
        case .sqrtRecipM1AlphaBars: return bars.map { (1 / $0 - 1).squareRoot() }
        case .sqrtRecipAlphas: return s.alphas.map { 1 / $0.squareRoot() }
        case .sqrtAlphas: return s.alphas.map { $0.squareRoot() }
        case .posteriorVariance: return s.posteriorVariances
        case .posteriorMeanCoefX0: return betas.indices.map { betas[$0] * prev[$0].squareRoot() / (1 - bars[$0]) }
        case .posteriorMeanCoefXt: return betas.indices.map { (1 - prev[$0]) * s.alphas[$0].squareRoot() / (1 - bars[$0]) }
        }
    }
}

extension PyInterpreter {
    /// The β array the code itself assigned (`betas`, `self.betas`), preferring the one with the
    /// target's `self.` prefix.
    func assignedBetas(for target: String) -> [Double]? {
        // The latest β array assigned, on `self` for an attribute: the one the code derives from.
        let isAttribute = target.hasPrefix("self.")
        return codeAssignedBetas.last { $0.name.hasPrefix("self.") == isAttribute && $0.values.count > 2 }?.values
            ?? codeAssignedBetas.last { $0.values.count > 2 }?.values
    }

    /// A schedule array assigned from β must equal its definition at every step after the first
    /// (the first step's conventions differ: β̃_0 = 0 or β_1, a clipped log). Compared to 1e-9
    /// relative (`nearlyEqual`): both sides are computed in Double from the same β, so any gap is
    /// a different formula, not rounding. A name assigned from itself (`alphas = cos(alphas) ** 2`)
    /// is a step in the making, not a definition, and only the first wrong array is reported: the
    /// ones computed from it inherit the error.
    /// `previous`: the table the name held before, for a statement that rewrites it from itself.
    mutating func checkScheduleArray(_ name: String, _ values: [Double], _ valueExpr: PyExpr, previous: [Double]? = nil) {
        guard !scheduleArrayReported, let definition = ScheduleDefinition.of(name), values.count > 2 else { return }
        var mentionsItself = false
        var mentionsSchedule = false
        valueExpr.walk { node in
            guard let d = node.dottedName else { return }
            if d == name { mentionsItself = true }
            if ScheduleRole.of(d) != nil || ScheduleDefinition.of(d) != nil { mentionsSchedule = true }
        }
        guard mentionsSchedule, let betas = assignedBetas(for: name), betas.count == values.count,
              betas.allSatisfy({ $0 > 0 && $0 < 1 }), let expected = definition.values(betas: betas) else { return }
        // A table rewritten from itself (`ab = ab / ab[0]`, `ab = concat([1], ab[:-1])`) is judged
        // only where it was right before: the rewrite is then what broke it.
        if mentionsItself {
            guard let previous, previous.count == values.count,
                  (1..<previous.count).allSatisfy({ nearlyEqual(previous[$0], expected[$0]) }) else { return }
        }
        // β clipped at its cap (`clamp(…, max=0.999)` of the cosine schedule) makes the last ᾱ's of a
        // table taken from f(t)/f(0) differ from ∏(1 − β): both conventions are in use, so only the
        // steps before the first clipped β are compared.
        // A table whose largest β comes first (a falling schedule, `linspace(0.6, 0.02, T)`) has no
        // clipped tail: the cap is where the table starts, and every step after the first is compared.
        let cap = betas.max() ?? 1
        let capIndex = betas.firstIndex(of: cap) ?? values.count
        let clipped = betas.count > 3 && cap >= 0.5 && capIndex >= 2 ? capIndex : values.count
        guard let k = (1..<clipped).first(where: { !nearlyEqual(values[$0], expected[$0]) }) else { return }
        // Some texts write α_t for √(1 − β_t) and ᾱ_t for its product (Sohl-Dickstein et al.'s
        // signal scale): a whole array in that convention is a notation, not an error.
        if definition == .alphas || definition == .alphaBars,
           (1..<values.count).allSatisfy({ nearlyEqual(values[$0], expected[$0].squareRoot()) }) { return }
        // The DDIM paper's α_t is DDPM's ᾱ_t: a table under α's name built as the cumulative product,
        // in code that has no ᾱ under its own name (beside one, the α table is meant to be α_t).
        if definition == .alphas, !env.keys.contains(where: { ScheduleRole.of($0) == .alphaBars }),
           let bars = ScheduleDefinition.alphaBars.values(betas: betas),
           (1..<values.count).allSatisfy({ nearlyEqual(values[$0], bars[$0]) }) { return }
        // Code whose α-named table holds the product ∏(1 − β_s) (the DDIM paper's letter, or
        // `bar_alphas = 1 - betas; alphas = cumprod(bar_alphas)` with the letters swapped) names
        // the tables it derives from that one by its letter: `sqrt_alphas` is then √ᾱ_t.
        if definition == .sqrtAlphas || definition == .sqrtRecipAlphas, let bars = ScheduleDefinition.alphaBars.values(betas: betas),
           alphaTableHoldsProduct(bars) {
            let derived = definition == .sqrtAlphas ? bars.map { $0.squareRoot() } : bars.map { 1 / $0.squareRoot() }
            if (1..<values.count).allSatisfy({ nearlyEqual(values[$0], derived[$0]) }) { return }
        }
        // DPM-Solver's and VDM's α_t is the marginal's signal scale √ᾱ_t (beside σ_t = √(1 − ᾱ_t)).
        if definition == .alphas, let bars = ScheduleDefinition.alphaBars.values(betas: betas),
           (1..<values.count).allSatisfy({ nearlyEqual(values[$0], bars[$0].squareRoot()) }) { return }
        // σ_t² = β_t is Ho et al.'s other choice for the reverse variance (§3.2), under the same name.
        if definition == .posteriorVariance, (1..<values.count).allSatisfy({ nearlyEqual(values[$0], betas[$0]) }) { return }
        scheduleArrayReported = true
        report(.wrongScheduleArray, valueExpr.offset,
               "'\(name)' is not \(definition.formula): at step \(k) it is \(FormulaJudge.format(values[k])), the definition gives \(FormulaJudge.format(expected[k]))",
               fix: definition.formula)
    }
}

extension PyInterpreter {
    /// The steps a function's t is judged at: 250, 1 and 700 of a schedule longer than 700 steps;
    /// for a shorter one (a 200-step toy schedule) the same places scaled to its length, a
    /// quarter, the first step and seven tenths, so that every probe indexes its tables.
    static func probeSteps(count: Int) -> [Int] {
        guard count <= 700 else { return [250, 1, 700] }
        var steps: [Int] = []
        for s in [count / 4, 1, count * 7 / 10] where s >= 1 && s < count && !steps.contains(s) { steps.append(s) }
        return steps.isEmpty ? [0] : steps
    }

    /// The step a sampling loop's body and a random training step (`t = torch.randint(0, T, …)`)
    /// are judged at outside a function's probes: the first of ``probeSteps(count:)``.
    static func probeStep(count: Int) -> Int { probeSteps(count: count)[0] }

    /// ``probeStep(count:)`` of the schedule this interpreter holds (the paper's 1000 steps when it
    /// holds none).
    var probeStep: Int { Self.probeStep(count: scheduleBetas().count) }

    static func isTimestepName(_ dotted: String) -> Bool {
        let n = dotted.split(separator: ".").last.map(String.init) ?? dotted
        return CodeAnalysis.timestepNames.contains(n) || n == "t_batch" || n == "timestep_batch"
    }

    /// Names a noised training sample goes by.
    static let noisedSampleNames: Set<String> = ["x_t", "xt", "x_noisy", "noisy_x", "x_noised", "noised", "noisy", "z_t", "noisy_images", "noisy_latents", "noisy_image", "x_noisy_t", "noisy_samples"]

    /// `x_t = √ᾱ·x_0 + √(1 − ᾱ)·ε` assigned in a training step: the coefficient of x_0 squared and
    /// the noise variance must be ᾱ_k and 1 − ᾱ_k of one step k of the schedule (whatever the
    /// index expression), to 1e-9 relative.
    mutating func checkForwardSampleAssignment(_ name: String, _ f: TensorForm, _ valueExpr: PyExpr) {
        let bare = (name.split(separator: ".").last.map(String.init) ?? name).lowercased()
        guard !scheduleArrayReported, Self.noisedSampleNames.contains(bare) || noisedSamplesByUse.contains(name), f.deterministicKeys == [.data], !f.noiseKeys.isEmpty,
              f.coefficients.values.allSatisfy(\.isFinite), f.constant == 0 else { return }
        let m = f.coefficient(.data), v = f.noiseVariance
        guard m > 0, forwardSampleVerdict(m, v) == .wrong, let bars = try? NoiseSchedule(betas: scheduleBetas()).alphaBars else { return }
        // Name the step the code meant when the coefficient of x_0 is right.
        let k = bars.firstIndex { nearlyEqual(m * m, $0) }
        let detail = k.map { "at step \($0) the noise variance is \(FormulaJudge.format(v)), 1 − ᾱ_t is \(FormulaJudge.format(1 - bars[$0]))" }
            ?? "the coefficient of x_0 is \(FormulaJudge.format(m)) and the noise variance \(FormulaJudge.format(v)), which are √ᾱ_t and 1 − ᾱ_t of no step"
        report(.wrongForwardSampleCode, valueExpr.offset, "'\(name)' is not the forward sample √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε: \(detail)",
               fix: "sqrt(alphas_cumprod[t]) * x_0 + sqrt(1 - alphas_cumprod[t]) * noise")
    }
}

extension PyInterpreter {
    /// The ᾱ tables the code holds under any name (`ab_t`, `alphas_cumprod`, a cumulative product
    /// of its own β): arrays in (0, 1] that decrease, and the cumulative products of arrays that
    /// look like β (increasing, below 1).
    func ownAlphaBarTables() -> [[Double]] {
        var tables: [[Double]] = []
        for (name, value) in env.sorted(by: { $0.key < $1.key }) {
            guard case .array(let a, _) = value, a.count > 2, a.allSatisfy({ $0 > 0 && $0 <= 1 }) else { continue }
            if zip(a, a.dropFirst()).allSatisfy({ $0 > $1 }) || zip(a, a.dropFirst()).allSatisfy({ $0 >= $1 }) && a[0] == 1 {
                tables.append(a)
            } else if zip(a, a.dropFirst()).allSatisfy({ $0 <= $1 }), a.last! < 1, !Self.namesOtherRisingTable(name) {
                var acc = 1.0
                tables.append(a.map { acc *= 1 - $0; return acc })
            }
        }
        return tables
    }

    /// A rising table whose name says it is not β (√(1 − ᾱ), a posterior variance, σ_t, a
    /// coefficient): its cumulative product of 1 − value is no ᾱ the code holds.
    static func namesOtherRisingTable(_ name: String) -> Bool {
        let n = name.lowercased()
        return ["sqrt", "var", "sigma", "std", "one_minus", "1m", "m1", "coef", "log", "snr", "recip"].contains { n.contains($0) }
    }

    /// A step x_{t−1} = g_x·x_t + g_ε·ε_θ (+ noise of variance σ²) that is the DDPM mean or a DDIM
    /// step of the code's own ᾱ table, at any step and (for DDIM) any earlier step: code with
    /// its own step count, index shift or skipped steps is judged against itself. Both ᾱ values
    /// must be entries of one table, so a wrong coefficient is still caught.
    func acceptsWithOwnTables(gx: Double, ge: Double, sigma2: Double) -> Bool {
        for table in ownAlphaBarTables() {
            for k in 1..<table.count {
                let a = table[k], alpha = table[k] / table[k - 1]
                // DDPM: 1/√α_k·(x_t − (1 − α_k)/√(1 − ᾱ_k)·ε).
                if nearlyEqual(gx, 1 / alpha.squareRoot()), nearlyEqual(ge, -(1 - alpha) / (alpha.squareRoot() * (1 - a).squareRoot())) { return true }
                // DDIM from step k to an earlier entry ap = g_x²·ᾱ_k of the same table.
                let ap = gx * gx * a
                guard ap <= 1, 1 - ap - sigma2 >= 0, table.contains(where: { nearlyEqual($0, ap) }) || nearlyEqual(ap, 1) else { continue }
                if nearlyEqual(ge, (1 - ap - sigma2).squareRoot() - ap.squareRoot() * (1 - a).squareRoot() / a.squareRoot()) { return true }
            }
        }
        return false
    }
}

enum ForwardSampleVerdict { case right, wrong, unknownSchedule }

extension PyInterpreter {
    /// c·x_0 + noise of variance v is a forward sample when c² is an ᾱ of the code's own tables
    /// or of the schedule Reference builds, and v = 1 − c². When neither c² nor 1 − v is any
    /// table's ᾱ the schedule is not one the analysis knows: no verdict.
    func forwardSampleVerdict(_ c: Double, _ v: Double) -> ForwardSampleVerdict {
        var tables = ownAlphaBarTables()
        if let bars = try? NoiseSchedule(betas: scheduleBetas()).alphaBars { tables.append(bars) }
        var known = false
        for table in tables {
            for a in table {
                let signal = nearlyEqual(c * c, a), noise = nearlyEqual(v, 1 - a)
                if signal && noise { return .right }
                if signal || noise { known = true }
            }
        }
        return known ? .wrong : .unknownSchedule
    }
}

extension PyInterpreter {
    /// The tables as the code leaves them (after any clipping on later lines): an ᾱ table that
    /// starts at exactly 1 (the step-0 sample is x_0 itself: T + 1 cosine values f(t)/f(0), t = 0
    /// … T, used for t = 0 … T − 1), unless the code draws its steps from 1; a β of exactly 1
    /// (α_t = 0: 1/√α_t is infinite, the cap of Nichol & Dhariwal 2021 is 0.999).
    /// `risingAlphaBar`: false where the caller has checked that the tables fall already.
    mutating func checkFinalTables(risingAlphaBar: Bool = true) {
        for (name, offset) in assignedAt.sorted(by: { $0.value < $1.value }) {
            guard case .array(let a, _)? = env[name], a.count > 2 else { continue }
            switch ScheduleRole.of(name) {
            case .alphaBars?:
                // Padded with a 1 on purpose (`cat([1], cumprod)` for 1-based steps), or a table that
                // is only plotted, never read at a step: no claim about step 0.
                // Read at a step itself or through a table named after it (`sqrt_alphas_cumprod[t]`).
                let bare = name.hasPrefix("self.") ? String(name.dropFirst(5)) : name
                let read = tablesReadAtSteps.contains { ($0.hasPrefix("self.") ? String($0.dropFirst(5)) : $0).contains(bare) }
                if !oneBasedSteps, read, !betaStartsAtZeroByChoice, !(valueExpressions[name].map(Self.prependsOne) ?? false), abs(a[0] - 1) <= 1e-12, a.dropFirst().allSatisfy({ $0 < 1 && $0 > 0 }), zip(a, a.dropFirst()).allSatisfy({ $0 >= $1 }) {
                    report(.zeroFirstBeta, offset,
                           "'\(name)' starts at ᾱ = 1, so the sample at the first step is x_0 itself (β₀ = 0): the table is one step early, as when the T + 1 cosine values f(t)/f(0), t = 0 … T, serve for t = 0 … T − 1",
                           fix: "ᾱ_t = f(t + 1)/f(0) for t = 0 … T − 1")
                }
            case .betas?:
                // Only β derived from ratios of ᾱ (`1 - ab[1:] / ab[:-1]`, the cosine schedule): a
                // schedule built to end at 1 on purpose (1/linspace(T, 1, T)) is a design, not a slip.
                guard let expr = valueExpressions[name], Self.isRatioOfTable(expr) else { continue }
                if let k = a.firstIndex(where: { abs($0 - 1) <= 1e-12 || $0 > 1 }), a.allSatisfy({ $0 >= 0 }) {
                    report(.betaReachesOne, offset,
                           "'\(name)' reaches β = \(FormulaJudge.format(a[k])) at step \(k): α_t = 0 there, so 1/√α_t in the reverse step is infinite; the cosine schedule caps β at 0.999",
                           fix: "clip(\(name), 0, 0.999)")
                }
            default: break
            }
        }
        if risingAlphaBar { checkRisingAlphaBar() }
    }
}

extension PyInterpreter {
    static func prependsOne(_ e: PyExpr) -> Bool {
        var found = false
        e.walk { node in
            if case .call(let f, _, _, _) = node, let n = f.dottedName?.split(separator: ".").last,
               ["cat", "concat", "concatenate", "insert", "pad", "append", "hstack"].contains(String(n)) { found = true }
        }
        return found
    }
}

extension CodeAnalysis {
    /// Tables read at a step: `table[t]` with an index that is not a literal, or the table handed
    /// to a gather helper (`extract(table, t, shape)`, `table.gather(-1, t)`). A read one step
    /// ahead (`table[t + 1]`, T + 1 values for the steps 0 … T − 1) does not count: it never reads
    /// the table's first entry at a step.
    static func tablesReadAtSteps(_ statements: [PyStatement]) -> Set<String> {
        var names = Set<String>()
        let helpers: Set<String> = ["extract", "_extract_into_tensor", "extract_into_tensor", "get_index_from_list", "_extract", "gather"]
        func isOneAhead(_ index: PyExpr) -> Bool {
            switch index {
            case .binary("+", let step, .number(1, _), _), .binary("+", .number(1, _), let step, _): return !PyInterpreter.isLiteralIndex(step)
            default: return false
            }
        }
        for s in statements {
            visitExpressions(s) { e in
                e.walk { node in
                    switch node {
                    case .subscripted(let base, let items, _):
                        if let n = base.dottedName, let first = items.first, !PyInterpreter.isLiteralIndex(first), !isOneAhead(first) {
                            if case .slice = first { return }
                            names.insert(n)
                        }
                    case .call(let f, let args, _, _):
                        guard let fname = f.dottedName?.split(separator: ".").last.map(String.init) ?? { if case .attribute(_, let m, _) = f { return m }; return nil }() else { return }
                        if helpers.contains(fname), !args.contains(where: isOneAhead) {
                            if case .attribute(let base, "gather", _) = f, let n = base.dottedName { names.insert(n) }
                            for a in args { if let n = a.dottedName { names.insert(n) } }
                        }
                    default: break
                    }
                }
            }
        }
        return names
    }
}

extension PyInterpreter {
    /// `x[1:] / x[:-1]` somewhere in the expression.
    static func isRatioOfTable(_ e: PyExpr) -> Bool {
        var found = false
        e.walk { node in
            if case .binary("/", .subscripted(_, let a, _), .subscripted(_, let b, _), _) = node,
               a.contains(where: { if case .slice = $0 { return true }; return false }),
               b.contains(where: { if case .slice = $0 { return true }; return false }) { found = true }
        }
        return found
    }

    /// Whether the code's α-named table holds ᾱ_t and no table named for ᾱ does.
    func alphaTableHoldsProduct(_ bars: [Double]) -> Bool {
        func holds(_ role: ScheduleRole) -> Bool {
            env.contains { name, value in
                guard ScheduleRole.of(name) == role, let a = value.array, a.count == bars.count else { return false }
                return (1..<a.count).allSatisfy { nearlyEqual(a[$0], bars[$0]) }
            }
        }
        return holds(.alphas) && !holds(.alphaBars)
    }
}
