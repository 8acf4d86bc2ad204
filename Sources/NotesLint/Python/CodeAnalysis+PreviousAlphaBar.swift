/// A table of ᾱ_{t−1} made by shifting the ᾱ table one step and filling the vacated first entry
/// with ᾱ_0 instead of 1: `prev = roll(abar, shifts=1); prev[0] = prev[1]`. After the roll,
/// prev[1] is abar[0], so ᾱ_{−1} = ᾱ_0 and the first step either adds no noise (β_0 = 0) or gets
/// the posterior variance β_0 (it is 0).
extension CodeAnalysis {
    static func previousAlphaBarFindings(_ statements: [PyStatement]) -> [CodeFinding] {
        var findings: [CodeFinding] = []
        func scan(_ list: [PyStatement]) {
            // Shifted copies of an ᾱ table made in this statement list: name → the table.
            var shifted: [String: String] = [:]
            for s in list {
                if case .assign(let targets, let value, let at) = s, targets.count == 1 {
                    if let name = targets[0].dottedName {
                        if let table = rolledByOne(value), ScheduleRole.of(table) == .alphaBars { shifted[name] = table } else { shifted[name] = nil }
                    } else if case .subscripted(let base, let items, _) = targets[0], let name = base.dottedName, let table = shifted[name],
                              items.count == 1, case .number(0, _) = items[0], fillsWithFirstEntry(value, shifted: name, table: table) {
                        findings.append(CodeFinding(
                            rule: .previousAlphaBarNotOne, offset: at,
                            message: "'\(name)' is '\(table)' shifted one step, and its first entry is set to ᾱ_0 instead of 1: ᾱ_{t−1} at the first step is the empty product 1, so a β computed from it is 0 at the first step, and a posterior variance β_0 there instead of 0",
                            fix: "\(name)[0] = 1.0"))
                        shifted[name] = nil
                    }
                }
                for b in s.nestedBodies { scan(b) }
            }
        }
        scan(statements)
        return findings
    }

    /// `torch.roll(x, shifts=1, dims=0)`, `torch.roll(x, 1)`, `np.roll(x, 1)`, `x.roll(1, 0)`: x.
    static func rolledByOne(_ e: PyExpr) -> String? {
        guard case .call(let f, let args, let keywords, _) = e else { return nil }
        let shift = keywords.first(where: { $0.0 == "shifts" || $0.0 == "shift" })?.1
        if case .attribute(let receiver, "roll", _) = f, let table = receiver.dottedName, f.dottedName.map({ !["torch.roll", "np.roll", "numpy.roll"].contains($0) }) ?? true {
            guard case .number(1, _)? = shift ?? args.first else { return nil }
            return table
        }
        guard f.dottedName.map(lastComponent) == "roll", let table = args.first?.dottedName else { return nil }
        guard case .number(1, _)? = shift ?? (args.count >= 2 ? args[1] : nil) else { return nil }
        return table
    }

    /// `prev[1]` (which is table[0] after the shift) or `table[0]`.
    static func fillsWithFirstEntry(_ e: PyExpr, shifted: String, table: String) -> Bool {
        var e = e
        if case .call(.attribute(let receiver, let method, _), _, _, _) = e, PyInterpreter.identityMethods.contains(method) { e = receiver }
        guard case .subscripted(let base, let items, _) = e, items.count == 1, let name = base.dottedName, case .number(let index, _) = items[0] else { return false }
        return (name == shifted && index == 1) || (name == table && index == 0)
    }
}

/// ᾱ_{t−1} read from the ᾱ table at the current step: `abar_t = abar[t]` and, with t unchanged,
/// `abar_prev = abar[t]`. The previous level is then the current one, so the posterior variance
/// (1 − ᾱ_{t−1})/(1 − ᾱ_t)·β_t collapses to β_t and a DDIM step does not move.
extension CodeAnalysis {
    static func previousReadAtCurrentStepFindings(_ statements: [PyStatement]) -> [CodeFinding] {
        var findings: [CodeFinding] = []
        func scan(_ list: [PyStatement]) {
            // (table, index) → the name given to the current step's entry, in this statement list.
            var current: [String: String] = [:]
            for s in list {
                if case .assign(let targets, let value, let at) = s, targets.count == 1, let name = targets[0].dottedName,
                   let (table, index) = alphaBarEntry(value) {
                    let key = table + "[" + index + "]"
                    if namesPreviousStep(name) {
                        if let here = current[key], !namesPreviousStep(index) {
                            findings.append(CodeFinding(
                                rule: .previousAlphaBarAtCurrentStep, offset: at,
                                message: "'\(name)' reads '\(table)' at '\(index)', the same entry as '\(here)': ᾱ_{t−1} is the entry one step earlier (1 before the first step), so the posterior variance (1 − ᾱ_{t−1})/(1 − ᾱ_t)·β_t collapses to β_t",
                                fix: "\(name) = \(table)[\(index) - 1] if \(index) > 0 else 1.0"))
                        }
                    } else {
                        current[key] = name
                    }
                }
                // A rebound index is another step.
                for bound in reboundNames(s) { current = current.filter { !$0.key.hasSuffix("[" + bound + "]") } }
                for b in s.nestedBodies { scan(b) }
            }
        }
        scan(statements)
        return findings
    }

    /// `table[t]` of an ᾱ table (not a table of previous levels), with t a name: (table, t).
    static func alphaBarEntry(_ e: PyExpr) -> (String, String)? {
        guard case .subscripted(let base, let items, _) = e, items.count == 1, let table = base.dottedName,
              ScheduleRole.of(table) == .alphaBars, let index = items[0].dottedName else { return nil }
        return (table, index)
    }

    /// The names a statement binds: assignment and loop targets.
    static func reboundNames(_ s: PyStatement) -> [String] {
        func names(_ e: PyExpr) -> [String] {
            if let n = e.dottedName { return [n] }
            if case .tuple(let items, _) = e { return items.flatMap(names) }
            if case .list(let items, _) = e { return items.flatMap(names) }
            return []
        }
        switch s {
        case .assign(let targets, _, _): return targets.flatMap(names)
        case .augmented(let target, _, _, _), .forLoop(let target, _, _, _): return names(target)
        default: return []
        }
    }

    /// `alpha_bar_prev`, `abar_t_prev`, `prev_alpha`, `alpha_cumprod_previous`, `alpha_bar_pre`.
    static func namesPreviousStep(_ name: String) -> Bool {
        let words = name.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        return words.contains { ["prev", "previous", "pre", "tm1"].contains($0) } || name.lowercased().hasSuffix("prev")
    }
}
