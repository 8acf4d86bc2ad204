/// A variance of the process written where a standard deviation belongs, read off the code's
/// names: a sample of N(μ, σ²) is μ + σ·z with z ~ N(0, I), and Normal(loc, scale) takes σ. β_t,
/// β̃_t (`posterior_variance`) and 1 − ᾱ_t are variances; multiplying a standard-normal draw by
/// one of them, or passing it as a scale, gives noise of standard deviation σ² instead of σ.
/// This holds whatever the values, so it is judged where the interpreter cannot follow them
/// (tables held by another object, schedules chosen by a string option).
extension CodeAnalysis {
    /// The variance a table name denotes, with the DeepLearning.AI course spellings (`ab_t`, `b_t`
    /// are not read as roles elsewhere: `a_t` is ᾱ in DDIM code, so only these two are taken).
    enum VarianceTable { case beta, posterior, alphaBar }

    static func varianceTable(_ dotted: String) -> VarianceTable? {
        // The last attribute names the table, however it is reached (`self.schedule._betas`).
        var n = String(dotted.lowercased().split(separator: ".").last ?? "")
        while n.hasPrefix("_") { n.removeFirst() }
        switch ScheduleRole.of(n) {
        case .betas?: return .beta
        case .posteriorVariance?: return .posterior
        case .alphaBars?, .alphaBarsPrev?: return .alphaBar
        default: break
        }
        if ["ab_t", "abar", "abar_t", "a_bar", "a_bar_t", "abars"].contains(n) { return .alphaBar }
        if n == "b_t" { return .beta }
        // β̃ spelled as a decorated β: β̂ or β̃, a variance either way.
        if ["betas_hat", "beta_hat", "betas_tilde", "beta_tilde", "betas_tilda"].contains(n) { return .posterior }
        return nil
    }

    /// `tbl[t]`, `tbl[t, None, None, None]`, `tbl[t].view(-1, 1, 1, 1)`, `extract(tbl, t, shape)`:
    /// the table read at a step, or nil.
    static func tableAtStep(_ e: PyExpr) -> String? {
        switch e {
        case .subscripted(let base, let items, _):
            guard let first = items.first else { return nil }
            if case .slice = first { return nil }
            if let d = base.dottedName { return d }
            return tableAtStep(base)
        case .call(.attribute(let receiver, let method, _), _, _, _) where PyInterpreter.identityMethods.contains(method):
            return tableAtStep(receiver)
        case .call(let f, let args, _, _):
            guard let name = f.dottedName?.split(separator: ".").last, ["extract", "_extract_into_tensor", "extract_into_tensor", "gather_at"].contains(String(name)),
                  args.count >= 2, let table = args[0].dottedName else { return nil }
            return table
        default:
            return nil
        }
    }

    /// What variance `e` is at one step, by its form: β_t, β̃_t or 1 − ᾱ_t read from a table, or
    /// the result of a function known to return a variance (`functions`: name → what it returns,
    /// see ``varianceFunctions(_:)``). `at` is set when the variance is one branch of a
    /// conditional: the finding points at that branch, since the other may be a right σ.
    static func stepVariance(_ e: PyExpr, aliases: [String: PyExpr], functions: [String: String] = [:], depth: Int = 0) -> (what: String, table: String, at: Int?)? {
        guard depth < 4 else { return nil }
        switch e {
        case .name(let n, _):
            guard let a = aliases[n] else { return nil }
            // A step's β bound by a loop, a comprehension or a parameter (`for beta in betas`).
            // Any other name bound by a loop (`for sigma in test_sigmas`) is not known to be a β.
            if case .other = a { return depth == 0 && ["beta", "beta_t"].contains(n) ? ("β_t", n, nil) : nil }
            return stepVariance(a, aliases: aliases, functions: functions, depth: depth + 1)
        case .binary("-", .number(1, _), let b, _):
            guard let table = tableAtStep(b), varianceTable(table) == .alphaBar else { return nil }
            return ("1 − ᾱ_t", table, nil)
        case .call(.attribute(let receiver, let method, _), _, _, _) where PyInterpreter.identityMethods.contains(method):
            return stepVariance(receiver, aliases: aliases, functions: functions, depth: depth + 1)
        case .call(let f, _, _, _) where f.dottedName.flatMap({ functions[lastComponent($0)] }) != nil:
            let name = lastComponent(f.dottedName ?? "")
            return ("\(name)(…) = \(functions[name] ?? "")", "\(name)(…)", nil)
        case .conditional(let chosen, _, let orElse, _):
            if let v = stepVariance(chosen, aliases: aliases, functions: functions, depth: depth + 1) { return (v.what, v.table, v.at ?? chosen.offset) }
            if let v = stepVariance(orElse, aliases: aliases, functions: functions, depth: depth + 1) { return (v.what, v.table, v.at ?? orElse.offset) }
            return nil
        default:
            guard let table = tableAtStep(e), let kind = varianceTable(table) else { return nil }
            switch kind {
            case .beta: return ("β_t", table, nil)
            case .posterior: return ("β̃_t", table, nil)
            case .alphaBar: return nil
            }
        }
    }

    /// A fresh standard-normal draw: `torch.randn_like(x)`, or a name assigned one.
    static func isStandardDraw(_ e: PyExpr, draws: Set<String>) -> Bool {
        switch e {
        case .name(let n, _): return draws.contains(n)
        case .call(.attribute(let receiver, let method, _), _, _, _) where PyInterpreter.identityMethods.contains(method):
            return isStandardDraw(receiver, draws: draws)
        case .call(let f, _, _, _):
            guard let name = f.dottedName?.split(separator: ".").last else { return false }
            return ["randn", "randn_like", "standard_normal", "randn_tensor"].contains(String(name))
        default: return false
        }
    }

    static func varianceScaleFindings(_ statements: [PyStatement]) -> [CodeFinding] {
        var findings: [CodeFinding] = []
        // Functions of this file, and those imported from another file linted with it.
        let functions = varianceFunctions(statements).merging(importedVarianceFunctions) { own, _ in own }
        /// One scope: a function's body (or the module's statements), nested definitions apart.
        func scope(_ body: [PyStatement], parameters: [PyParameter]) {
            var assignments: [String: [PyExpr]] = [:]
            func collect(_ list: [PyStatement]) {
                for s in list {
                    switch s {
                    case .function, .classDef: continue
                    case .assign(let targets, let value, _):
                        for t in targets { if let n = t.dottedName { assignments[n, default: []].append(value) } }
                    case .augmented(let t, _, _, _):
                        if let n = t.dottedName { assignments[n, default: []].append(.other(at: 0)) }
                    case .forLoop(let target, _, let b, _):
                        target.walk { if case .name(let n, _) = $0 { assignments[n, default: []].append(.other(at: 0)) } }
                        collect(b)
                    default:
                        for b in s.nestedBodies { collect(b) }
                    }
                }
            }
            collect(body)
            // A name bound once is an alias to read through; a name bound to a draw holds noise.
            var aliases: [String: PyExpr] = [:]
            var draws = Set<String>()
            for p in parameters where ["noise", "z"].contains(p.name) && assignments[p.name] == nil { draws.insert(p.name) }
            // `beta`, `beta_t` never bound to a value here come from a loop over the β table, a
            // comprehension or a parameter: one step's β.
            for n in ["beta", "beta_t"] where (assignments[n] ?? []).allSatisfy({ if case .other = $0 { return true }; return false })
                && !parameters.contains(where: { $0.name == n && $0.defaultValue != nil }) {
                aliases[n] = .other(at: 0)
            }
            for (n, values) in assignments where values.count == 1 {
                if isStandardDraw(values[0], draws: []) { draws.insert(n) } else { aliases[n] = values[0] }
            }
            func judge(_ variance: PyExpr, _ role: String) {
                guard let (what, table, branch) = stepVariance(variance, aliases: aliases, functions: functions) else { return }
                let fix = what == "1 − ᾱ_t" ? "sqrt(1 - \(table)[t])" : table.hasSuffix("(…)") ? "sqrt(\(table))" : "sqrt(\(table)[t])"
                findings.append(CodeFinding(rule: .varianceAsScale, offset: branch ?? variance.offset,
                                            message: "\(what) is a variance but is used as \(role): a sample of N(μ, σ²) is μ + σ·z, so the noise is scaled by √(\(table.hasSuffix("(…)") ? table : what))",
                                            fix: fix))
            }
            // `betas[t] * noise / sqrt_one_minus_alphas_cumprod[t]`: the DDPM mean's β_t/√(1 − ᾱ_t)·ε_θ,
            // with the prediction handed in under the name `noise`; no scale of a draw.
            func isRootOfOneMinusAlphaBar(_ e: PyExpr) -> Bool {
                if let table = tableAtStep(e), ScheduleRole.of(table) == .sqrtOneMinusAlphaBars { return true }
                var reads = false
                if case .call(let f, let args, _, _) = e, f.dottedName?.hasSuffix("sqrt") == true, let inner = args.first {
                    inner.walk { node in if let t = tableAtStep(node), varianceTable(t) == .alphaBar { reads = true } }
                }
                return reads
            }
            func visit(_ e: PyExpr) {
                var meanTerms = Set<Int>()
                e.walk { node in
                    if case .binary("/", .binary("*", _, _, let at), let denominator, _) = node, isRootOfOneMinusAlphaBar(denominator) { meanTerms.insert(at) }
                }
                e.walk { node in
                    switch node {
                    case .binary("*", _, _, let at) where meanTerms.contains(at):
                        break
                    case .binary("*", let a, let b, _):
                        if isStandardDraw(b, draws: draws) { judge(a, "the scale of a standard-normal draw") }
                        else if isStandardDraw(a, draws: draws) { judge(b, "the scale of a standard-normal draw") }
                    case .call(let f, let args, let keywords, _):
                        // Normal(loc, scale), torch.normal(mean, std), np.random.normal(loc, scale),
                        // random.gauss(mu, sigma): the second parameter is a standard deviation.
                        guard let name = f.dottedName?.split(separator: ".").last, ["Normal", "normal", "gauss", "normalvariate"].contains(String(name)) else { return }
                        if let scale = keywords.first(where: { ["scale", "std", "sigma"].contains($0.0) })?.1 ?? (args.count >= 2 ? args[1] : nil) {
                            judge(scale, "\(name)'s standard deviation")
                        }
                    default: break
                    }
                }
            }
            func visitAll(_ list: [PyStatement]) {
                for s in list {
                    switch s {
                    case .function, .classDef: continue
                    case .ifChain(let branches, let orElse, _):
                        for b in branches { visit(b.test); visitAll(b.body) }
                        visitAll(orElse)
                    case .forLoop(let target, let iterable, let b, _): visit(target); visit(iterable); visitAll(b)
                    case .whileLoop(let test, let b, _): visit(test); visitAll(b)
                    case .block(let b, _): visitAll(b)
                    default: CodeAnalysis.visitExpressions(s) { visit($0) }
                    }
                }
            }
            visitAll(body)
        }
        func definitions(_ list: [PyStatement]) {
            for s in list {
                if case .function(_, let params, let body, _) = s { scope(body, parameters: params) }
                for b in s.nestedBodies { definitions(b) }
            }
        }
        scope(statements, parameters: [])
        definitions(statements)
        return findings
    }
}
