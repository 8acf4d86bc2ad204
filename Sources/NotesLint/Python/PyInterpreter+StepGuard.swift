extension PyInterpreter {
    /// The branches of a test of the step the interpreter could not decide: a noise draw that
    /// reaches a value (the returned sample, or a name) in one branch and not in another is gated
    /// by the test. Precision first: such noise is taken as switched off at the last step, since
    /// the test (`t[0] == 0`, `int(t) > 0`, `(t == 0).all()`) reads as exactly that guard.
    mutating func gateNoise(separatedBy outcomes: [PyInterpreter]) {
        guard outcomes.count >= 2 else { return }
        func noises(_ v: PyValue?) -> Set<Int> {
            guard case .tensor(let f)? = v else { return [] }
            return Set(f.noiseKeys.compactMap { if case .noise(let o) = $0 { return o } else { return nil } })
        }
        var carriers: [[Set<Int>]] = []
        if outcomes.allSatisfy({ $0.returned != nil }) { carriers.append(outcomes.map { noises($0.returned) }) }
        var names = Set<String>()
        for o in outcomes { names.formUnion(o.env.keys) }
        for name in names {
            let values = outcomes.map { noises($0.env[name] ?? env[name]) }
            if values.contains(where: { !$0.isEmpty }) { carriers.append(values) }
        }
        for values in carriers {
            let all = values.reduce(into: Set<Int>()) { $0.formUnion($1) }
            let common = values.dropFirst().reduce(values[0]) { $0.intersection($1) }
            gatedNoise.formUnion(all.subtracting(common))
        }
    }
}

extension CodeAnalysis {
    /// Names of the time where a continuous-time sampler stops (it never reaches t = 0).
    static let endTimeNames: Set<String> = ["eps", "t_eps", "sampling_eps", "eps_t", "t_min", "tmin", "min_t", "t_end", "end_t", "t_final"]

    /// Whether a test in the body compares the time with its named end (`t[0] == self.eps`): the
    /// last step is there, not at t = 0.
    static func comparesTimeWithNamedEnd(_ body: [PyStatement]) -> Bool {
        var found = false
        for s in body {
            visitExpressions(s) { e in
                e.walk { node in
                    guard case .compare(_, let operands, _) = node, operands.count == 2, operands.contains(where: mentionsStep) else { return }
                    if operands.contains(where: namesEndTime) { found = true }
                }
            }
        }
        return found
    }

    /// `eps`, `self.eps`, `t_min`: a name of the time a continuous-time sampler stops at.
    static func namesEndTime(_ e: PyExpr) -> Bool {
        e.dottedName.map { endTimeNames.contains(lastComponent($0)) } ?? false
    }

    /// A comparison of the step with 0 or 1 (`t == 0`, `t[0] > 0`, `int(t) == 0`, `t.item() > 0`,
    /// `(t == 0).all()`, `t.min() > 0`, `i != 0`), or with the named end of a continuous time,
    /// alone or inside `and`/`or`/`not`/`.all()`.
    static func isStepGuard(_ test: PyExpr) -> Bool {
        var found = false
        test.walk { node in
            guard case .compare(_, let operands, _) = node, operands.count == 2 else { return }
            // The end of the reverse chain: step 0 or 1, or the named end of a continuous time
            // (`t[0] == self.eps`, `t == t_min`).
            let isEnd: (PyExpr) -> Bool = {
                if case .number(let v, _) = $0 { return v == 0 || v == 1 }
                return namesEndTime($0)
            }
            let (a, b) = (operands[0], operands[1])
            if (isEnd(a) && mentionsStep(b)) || (isEnd(b) && mentionsStep(a)) { found = true }
        }
        return found
    }

    /// A test that the noise scale is positive (`if sigma_t > 0:`, `if std != 0`, `if eta > 0.0`):
    /// the noise it guards is multiplied by that scale, so it is off wherever the scale is 0, as
    /// DDIM's σ is at the last step when the chain ends at ᾱ = 1. Where the interpreter cannot
    /// tell the scale's value there, the draw is taken as gated, like a test of the step.
    static func isNoiseScaleGuard(_ test: PyExpr) -> Bool {
        guard case .compare(let ops, let operands, _) = test, ops.count == 1, operands.count == 2 else { return false }
        func isZero(_ e: PyExpr) -> Bool { if case .number(0, _) = e { return true } else { return false } }
        func isScale(_ e: PyExpr) -> Bool {
            var base = e
            if case .subscripted(let b, _, _) = e { base = b }
            guard let name = base.dottedName?.split(separator: ".").last?.lowercased() else { return false }
            return name.hasPrefix("sigma") || name.contains("std") || name == "eta" || name.hasSuffix("_eta") || name.contains("variance")
        }
        let (a, b) = (operands[0], operands[1])
        switch ops[0] {
        case ">", "!=": return isScale(a) && isZero(b)
        case "<": return isZero(a) && isScale(b)
        default: return false
        }
    }

    /// Whether an expression is built on a step name (`t`, `t[0]`, `t.item()`, `int(i)`).
    static func mentionsStep(_ e: PyExpr) -> Bool {
        switch e {
        case .name(let n, _): return timestepNames.contains(n) || n.hasPrefix("t_") || n == "timestep_index"
        case .subscripted(let base, _, _): return mentionsStep(base)
        case .attribute(let base, _, _): return mentionsStep(base)
        case .call(let f, let args, _, _):
            if case .attribute(let base, _, _) = f { return mentionsStep(base) }
            if let n = f.dottedName, ["int", "float", "bool", "torch.min", "torch.max", "min", "max"].contains(n) { return args.first.map(mentionsStep) ?? false }
            return false
        default: return false
        }
    }

    /// The `if` tests of the step a body holds (their offsets), for the coverage note.
    static func stepGuards(_ body: [PyStatement]) -> [Int] {
        var out: [Int] = []
        func visit(_ statements: [PyStatement]) {
            for s in statements {
                switch s {
                case .ifChain(let branches, let orElse, _):
                    for br in branches {
                        if isStepGuard(br.test) { out.append(br.test.offset) }
                        visit(br.body)
                    }
                    visit(orElse)
                case .forLoop(_, _, let b, _), .whileLoop(_, let b, _), .block(let b, _): visit(b)
                default: break
                }
            }
        }
        visit(body)
        return out
    }
}
