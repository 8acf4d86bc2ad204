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
