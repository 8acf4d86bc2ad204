/// A sigmoid schedule whose argument barely moves over the steps:
/// β_t = lo + (hi − lo)·sigmoid(a(t)) is a schedule only when a(t) sweeps a range of several
/// units (the usual a = −6 … 6). An argument such as (t/T − 0.05)/T spans 1/T, so every β is the
/// same to within a fraction of a percent of [lo, hi]: the "sigmoid" schedule is a constant one.
/// The argument is evaluated at both ends of the step range for T = 10 and T = 1000; only when it
/// spans less than ``flatSigmoidSpan`` at both is anything said.
extension CodeAnalysis {
    /// sigmoid varies by at most 0.2/4 = 5 % of [lo, hi] over an argument span of 0.2.
    static let flatSigmoidSpan = 0.2
    static let stepCountNames: Set<String> = ["timesteps", "num_timesteps", "n_timesteps", "n_timestep", "T", "n_steps", "num_steps", "num_train_timesteps", "steps"]

    static func flatSigmoidFindings(_ statements: [PyStatement]) -> [CodeFinding] {
        var findings: [CodeFinding] = []
        func scan(_ list: [PyStatement]) {
            // Step grids of this list: name → (start, end) expressions of linspace/arange.
            var grids: [String: (PyExpr, PyExpr)] = [:]
            for s in list {
                if case .assign(let targets, let value, _) = s, targets.count == 1, let name = targets[0].dottedName {
                    if case .call(let f, let args, _, _) = value, ["linspace", "arange"].contains(f.dottedName.map(lastComponent) ?? ""), args.count >= 2 {
                        grids[name] = (args[0], args[1])
                    } else if roleOfLastComponent(name) == .betas,
                              let argument = sigmoidArgument(value), let span = argumentSpan(argument, grids: grids), span < flatSigmoidSpan {
                        findings.append(CodeFinding(
                            rule: .flatSigmoidSchedule, offset: value.offset,
                            message: "the sigmoid's argument spans at most \(FormulaJudge.format(span)) over the steps (T from 10 to 1000), and sigmoid's slope is at most 1/4, so every β is the same to within \(FormulaJudge.format(100 * span / 4)) % of the range [β_start, β_end]: the schedule is constant, not a sigmoid",
                            fix: "sigmoid over a wide argument, e.g. linspace(-6, 6, T)"))
                    }
                }
                for b in s.nestedBodies { scan(b) }
            }
        }
        scan(statements)
        return findings
    }

    /// `lo + (hi - lo) * sigmoid(a)`: a.
    static func sigmoidArgument(_ e: PyExpr) -> PyExpr? {
        guard case .binary("+", _, .binary("*", _, .call(let f, let args, _, _), _), _) = e,
              f.dottedName.map(lastComponent) == "sigmoid", args.count == 1 else { return nil }
        return args[0]
    }

    /// |a(end) − a(start)| of an argument affine in one step grid, the largest over T = 10 and T = 1000.
    static func argumentSpan(_ a: PyExpr, grids: [String: (PyExpr, PyExpr)]) -> Double? {
        var used: String?
        a.walk { if case .name(let n, _) = $0, grids[n] != nil { used = n } }
        guard let grid = used, let (start, end) = grids[grid] else { return nil }
        var widest = 0.0
        for steps in [10.0, 1000.0] {
            guard let t0 = evaluate(start, steps: steps, grid: nil), let t1 = evaluate(end, steps: steps, grid: nil),
                  let a0 = evaluate(a, steps: steps, grid: (grid, t0)), let a1 = evaluate(a, steps: steps, grid: (grid, t1)) else { return nil }
            widest = max(widest, abs(a1 - a0))
        }
        return widest
    }

    /// Numbers, the step count (any name or attribute called like one) and the grid's value, under
    /// + − × ÷; anything else is not evaluated.
    static func evaluate(_ e: PyExpr, steps: Double, grid: (String, Double)?) -> Double? {
        switch e {
        case .number(let v, _): return v
        case .name(let n, _) where grid?.0 == n: return grid?.1
        case .name, .attribute:
            guard let d = e.dottedName, stepCountNames.contains(lastComponent(d)) else { return nil }
            return steps
        case .unary("-", let x, _): return evaluate(x, steps: steps, grid: grid).map { -$0 }
        case .binary(let op, let l, let r, _):
            guard let x = evaluate(l, steps: steps, grid: grid), let y = evaluate(r, steps: steps, grid: grid) else { return nil }
            switch op {
            case "+": return x + y
            case "-": return x - y
            case "*": return x * y
            case "/": return y == 0 ? nil : x / y
            default: return nil
            }
        default: return nil
        }
    }
}
