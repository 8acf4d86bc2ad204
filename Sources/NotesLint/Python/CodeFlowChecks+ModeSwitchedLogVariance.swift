/// A square root of a helper's result in a branch that covers a mode for which the helper returns
/// a log-variance. Variance helpers switch on a mode string (`variance_type == "fixed_large_log"`
/// returns log β_t); a caller that switches on the same mode and, in a branch (often the `else`)
/// covering that mode, takes `helper(…) ** 0.5` treats log σ² as σ²: the log is negative, its root
/// is NaN, and the sample becomes NaN.
///
/// Read by form: in the helper, a branch `mode == "m"` whose last assignment to the returned name is
/// a `log(…)` call makes m a log mode; in the caller, an `if` chain on a name or attribute with the
/// same last component covers the modes it tests, and its `else` every log mode it does not test.
extension CodeAnalysis {
    static func modeSwitchedLogVarianceFindings(_ statements: [PyStatement]) -> [CodeFinding] {
        var functions: [(name: String, body: [PyStatement])] = []
        func collect(_ list: [PyStatement]) {
            for s in list {
                switch s {
                case .function(let n, _, let body, _): functions.append((n, body))
                case .classDef(_, let body, _), .block(let body, _): collect(body)
                default: break
                }
            }
        }
        collect(statements)
        // helper name → (mode variable's last component → log modes)
        var logModes: [String: [String: Set<String>]] = [:]
        for f in functions {
            guard let returned = returnedName(f.body) else { continue }
            PyStatement.forEach(in: f.body) { s, _ in
                guard case .ifChain(let branches, _, _) = s else { return }
                for b in branches {
                    guard let (mode, value) = modeTest(b.test) else { continue }
                    var last: PyExpr?
                    for case .assign(let targets, let v, _) in b.body where targets.count == 1 {
                        if case .name(let n, _) = targets[0], n == returned { last = v }
                    }
                    if let last, case .call(let fn, _, _, _) = last, let d = fn.dottedName, lastComponent(d) == "log" {
                        logModes[f.name, default: [:]][mode, default: []].insert(value)
                    }
                }
            }
        }
        guard !logModes.isEmpty else { return [] }
        var findings: [CodeFinding] = []
        PyStatement.forEach(in: statements) { s, _ in
            guard case .ifChain(let branches, let orElse, _) = s else { return }
            let tests = branches.compactMap { modeTest($0.test) }
            guard tests.count == branches.count, let mode = tests.first?.mode, tests.allSatisfy({ $0.mode == mode }) else { return }
            let tested = Set(tests.map(\.value))
            let arms: [(covered: Set<String>?, body: [PyStatement])] = zip(tests, branches).map { ([$0.value], $1.body) } + [(nil, orElse)]
            for arm in arms {
                for st in arm.body {
                    visitExpressions(st) { e in
                        e.walk { node in
                            guard let (helper, at) = rootOfCall(node), let modes = logModes[helper]?[mode] else { return }
                            let covered = arm.covered.map { $0.intersection(modes) } ?? modes.subtracting(tested)
                            guard let m = covered.sorted().first, !findings.contains(where: { $0.offset == at }) else { return }
                            findings.append(CodeFinding(
                                rule: .sqrtOfLogVariance, offset: at,
                                message: "this branch takes the square root of \(helper)(), which returns a log-variance when \(mode) is \"\(m)\" (a case this branch covers): log σ² is negative, so its root is NaN; use exp(0.5 · log σ²) for that mode",
                                fix: "torch.exp(0.5 * \(helper)(…)) when \(mode) == \"\(m)\""))
                        }
                    }
                }
            }
        }
        return findings
    }

    /// `helper(…) ** 0.5` or `sqrt(helper(…))`: the helper's name and the root's offset.
    static func rootOfCall(_ e: PyExpr) -> (String, Int)? {
        func helper(_ x: PyExpr) -> String? {
            guard case .call(let f, _, _, _) = x, let d = f.dottedName else { return nil }
            return lastComponent(d)
        }
        if case .binary("**", let base, .number(0.5, _), let at) = e, let h = helper(base) { return (h, at) }
        if case .call(let f, let args, _, let at) = e, let d = f.dottedName, lastComponent(d) == "sqrt", args.count == 1, let h = helper(args[0]) { return (h, at) }
        return nil
    }

    /// `mode == "value"` with the mode a name or attribute (its last component).
    static func modeTest(_ e: PyExpr) -> (mode: String, value: String)? {
        guard case .compare(let ops, let operands, _) = e, ops == ["=="], operands.count == 2,
              let d = operands[0].dottedName, case .string(let literal, _) = operands[1] else { return nil }
        return (lastComponent(d), String(literal.dropFirst().dropLast()))
    }

    static func returnedName(_ body: [PyStatement]) -> String? {
        guard case .name(let n, _)? = returnExpression(body) else { return nil }
        return n
    }
}
