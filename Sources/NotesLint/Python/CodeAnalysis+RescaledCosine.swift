import Reference

/// Cosine β rescaled by their minimum and maximum into [lo, hi]:
/// β'_t = lo + (hi − lo)·(β_t − min β)/(max β − min β). The shape of the cosine schedule is lost:
/// most β' sit near lo, and ᾱ_T = Π(1 − β'_t) stays far from 0, so x_T keeps much of x_0 while
/// sampling starts from pure noise. The form is read in the code; the consequence is computed.
extension CodeAnalysis {
    /// ᾱ_T at or above which x_T visibly keeps its data (√0.1 ≈ 0.32 of x_0).
    static let keptSignalThreshold = 0.1
    /// The step count at which the consequence is computed: the usual T, and more steps than
    /// most code that rescales uses (fewer steps leave even more signal).
    static let rescaleCheckSteps = 1000

    static func rescaledCosineFindings(_ statements: [PyStatement]) -> [CodeFinding] {
        var findings: [CodeFinding] = []
        var constants: [String: Double] = [:]
        for s in statements {
            if case .assign(let targets, .number(let v, _), _) = s, targets.count == 1, case .name(let n, _) = targets[0] { constants[n] = v }
        }
        func visit(_ list: [PyStatement], parameters: [String: Double]) {
            for s in list {
                switch s {
                case .function(_, let params, let body, _):
                    // A parameter without a default may be passed on from the constructor under
                    // the same name (`self.schedule(steps, start, end)` in `__init__`).
                    var known = parameters
                    for p in params {
                        if case .number(let v, _)? = p.defaultValue { known[p.name] = v }
                        else if p.defaultValue != nil { known[p.name] = nil }
                    }
                    if usesCosine(body) { scan(body, known: known) }
                    visit(body, parameters: known)
                case .classDef(_, let body, _):
                    var known = constants
                    for case .function("__init__", let params, _, _) in body {
                        for p in params { if case .number(let v, _)? = p.defaultValue { known[p.name] = v } }
                    }
                    visit(body, parameters: known)
                default:
                    for b in s.nestedBodies { visit(b, parameters: parameters) }
                }
            }
        }
        func scan(_ body: [PyStatement], known: [String: Double]) {
            for s in body {
                if case .assign(let targets, let value, _) = s, targets.count == 1, let target = targets[0].dottedName,
                   ScheduleRole.of(target) == .betas, let (lo, hi) = minMaxRange(value, known: known),
                   lo >= 0, hi > lo, hi < 1, let terminal = rescaledCosineTerminal(lo: lo, hi: hi), terminal >= keptSignalThreshold {
                    findings.append(CodeFinding(
                        rule: .scheduleKeepsSignal, offset: value.offset,
                        message: "the cosine β min–max rescaled into [\(FormulaJudge.format(lo)), \(FormulaJudge.format(hi))] end at ᾱ_T = \(FormulaJudge.format(terminal)) even over \(rescaleCheckSteps) steps: x_T keeps √ᾱ_T = \(FormulaJudge.format(terminal.squareRoot())) of x_0, so the forward process never comes near the N(0, I) that sampling starts from",
                        fix: "keep the cosine β as they are (capped at 0.999), or use the linear schedule on [\(FormulaJudge.format(lo)), \(FormulaJudge.format(hi))]"))
                }
                for b in s.nestedBodies { scan(b, known: known) }
            }
        }
        visit(statements, parameters: constants)
        return findings
    }

    static func usesCosine(_ body: [PyStatement]) -> Bool {
        var found = false
        for s in body {
            visitExpressions(s) { e in
                e.walk { node in
                    if case .call(let f, _, _, _) = node, f.dottedName.map(lastComponent) == "cos" { found = true }
                }
            }
            for b in s.nestedBodies where usesCosine(b) { found = true }
        }
        return found
    }

    /// `lo + (hi - lo) * (x - x.min()) / (x.max() - x.min())`: (lo, hi), with lo and hi numbers
    /// or names of known numbers.
    static func minMaxRange(_ e: PyExpr, known: [String: Double]) -> (Double, Double)? {
        func number(_ e: PyExpr) -> Double? {
            switch e {
            case .number(let v, _): return v
            case .name(let n, _): return known[n]
            default: return nil
            }
        }
        guard case .binary("+", let loExpr, let rest, _) = e, let lo = number(loExpr) else { return nil }
        var hi: Double?
        var normalised = false
        rest.walk { node in
            if case .binary("-", let h, let l, _) = node, let hv = number(h), number(l) == lo { hi = hv }
            if case .binary("/", _, .binary("-", let maxCall, let minCall, _), _) = node,
               let x = reduction(maxCall, "max"), reduction(minCall, "min") == x { normalised = true }
        }
        guard normalised, let hi else { return nil }
        return (lo, hi)
    }

    /// `x.max()`, `torch.max(x)`, `np.max(x)`: the dotted name of x.
    static func reduction(_ e: PyExpr, _ name: String) -> String? {
        guard case .call(let f, let args, _, _) = e else { return nil }
        if case .attribute(let receiver, let m, _) = f, m == name, args.isEmpty { return receiver.dottedName }
        if f.dottedName.map(lastComponent) == name, args.count == 1 { return args[0].dottedName }
        return nil
    }

    /// ᾱ_T of the cosine schedule over ``rescaleCheckSteps`` steps after min–max rescaling into [lo, hi].
    static func rescaledCosineTerminal(lo: Double, hi: Double) -> Double? {
        guard let betas: [Double] = try? NoiseSchedule<Double>.cosine(timesteps: rescaleCheckSteps).betas,
              let minimum = betas.min(), let maximum = betas.max(), maximum > minimum else { return nil }
        var terminal = 1.0
        for beta in betas {
            let rescaled: Double = lo + (hi - lo) * (beta - minimum) / (maximum - minimum)
            terminal *= 1 - rescaled
        }
        return terminal
    }
}
