/// Functions that return a variance of the process, judged by the form of what they return, so a
/// caller that passes their result as a standard deviation is caught even when the table lookup
/// sits in a helper (`def sigma_hat(t, betas_hat): return betas_hat[t] + eps`) or in another file
/// linted with it (`from model.distributions import sigma_hat`).
extension CodeAnalysis {
    /// Local name → what the imported function returns, for the file being linted; set by
    /// ``SiblingModules`` when several Python files are linted together.
    @TaskLocal static var importedVarianceFunctions: [String: String] = [:]

    static func lastComponent(_ dotted: String) -> String {
        String(dotted.split(separator: ".").last ?? "")
    }

    /// Module-level functions every `return` of which is a variance by its form: β_t, β̃_t,
    /// 1 − ᾱ_t at a step, the same plus a small guard constant, or the log-space interpolation
    /// exp(v·log σ₁² + (1 − v)·log σ₂²) of two of them (Nichol and Dhariwal's learned
    /// variance: a weighted geometric mean of variances is a variance).
    static func varianceFunctions(_ statements: [PyStatement]) -> [String: String] {
        var result: [String: String] = [:]
        for s in statements {
            guard case .function(let name, _, let body, _) = s, let what = returnedVariance(body) else { continue }
            result[name] = what
        }
        return result
    }

    static func returnedVariance(_ body: [PyStatement]) -> String? {
        var assignments: [String: [PyExpr]] = [:]
        var returns: [PyExpr?] = []
        func collect(_ list: [PyStatement]) {
            for s in list {
                switch s {
                case .function, .classDef: continue
                case .assign(let targets, let value, _):
                    for t in targets { if let n = t.dottedName { assignments[n, default: []].append(value) } }
                case .augmented(let t, _, _, _):
                    if let n = t.dottedName { assignments[n, default: []].append(.other(at: 0)) }
                case .returnValue(let v, _): returns.append(v)
                default: for b in s.nestedBodies { collect(b) }
                }
            }
        }
        collect(body)
        var aliases: [String: PyExpr] = [:]
        for (n, values) in assignments where values.count == 1 { aliases[n] = values[0] }
        guard !returns.isEmpty else { return nil }
        var what: String?
        for r in returns {
            guard let r, let w = varianceForm(r, aliases: aliases) else { return nil }
            what = what ?? w
        }
        return what
    }

    /// A guard added to keep a variance off zero: a literal ≤ 1e-3 or a name `eps`/`epsilon`.
    static func isSmallGuard(_ e: PyExpr) -> Bool {
        switch e {
        case .number(let v, _): return v >= 0 && v <= 1e-3
        case .name(let n, _): return ["eps", "epsilon"].contains(n)
        default: return false
        }
    }

    static func varianceForm(_ e: PyExpr, aliases: [String: PyExpr], depth: Int = 0) -> String? {
        guard depth < 6 else { return nil }
        switch e {
        case .name(let n, _):
            guard let a = aliases[n] else { return nil }
            return varianceForm(a, aliases: aliases, depth: depth + 1)
        case .binary("+", let a, let b, _):
            if isSmallGuard(b) { return varianceForm(a, aliases: aliases, depth: depth + 1) }
            if isSmallGuard(a) { return varianceForm(b, aliases: aliases, depth: depth + 1) }
            return nil
        case .call(let f, let args, _, _) where args.count == 1 && f.dottedName.map(lastComponent) == "exp":
            // exp(w·log A + (1 − w)·log B): the weights must be w and 1 − w of the same w.
            guard case .binary("+", .binary("*", let w1, let logA, _), .binary("*", let w2, let logB, _), _) = args[0],
                  case .name(let w, _) = w1, case .binary("-", .number(1, _), .name(let wOther, _), _) = w2, w == wOther,
                  let a = logArgument(logA), let b = logArgument(logB),
                  let va = varianceForm(a, aliases: aliases, depth: depth + 1), let vb = varianceForm(b, aliases: aliases, depth: depth + 1)
            else { return nil }
            return "exp(\(w)·log \(va) + (1 − \(w))·log \(vb))"
        default:
            if case .call(.attribute(let receiver, let method, _), _, _, _) = e, PyInterpreter.identityMethods.contains(method) {
                return varianceForm(receiver, aliases: aliases, depth: depth + 1)
            }
            return stepVariance(e, aliases: [:])?.what
        }
    }

    /// `log(x)`, `torch.log(x)`, `np.log(x)`: x.
    static func logArgument(_ e: PyExpr) -> PyExpr? {
        guard case .call(let f, let args, _, _) = e, args.count == 1, f.dottedName.map(lastComponent) == "log" else { return nil }
        return args[0]
    }
}
