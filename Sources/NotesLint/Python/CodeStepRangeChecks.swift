/// Ranges over the T steps of the process that hold T − 1 of them. A schedule of T steps has T
/// step indices, 0…T−1 or 1…T: whichever convention the code uses, a training draw or a sampling
/// loop that covers only T − 1 consecutive values leaves one step out, and the step it leaves out
/// is the first or the last one, never a harmless one.
extension CodeAnalysis {
    /// `draws`: the code's training draws. A draw `randint(1, N)` trains the steps 1…N−1 only: its
    /// step 0 is the data, and a sampler over N − 1 … 1 covers every step it has. A sampler over
    /// `reversed(range(1, N))` never takes step 0 of `randint(0, N)` or step N of `randint(…, N + 1)`.
    ///
    /// `samplingThroughZero`: the step counts N of the code's loops that denoise down to step 0
    /// (`reversed(range(N))`), in any of its blocks; a training draw `randint(1, N)` then never
    /// trains the step the sampler ends with.
    static func stepRangeFindings(_ statements: [PyStatement], draws: StepDraws = StepDraws(), samplingThroughZero: Set<String> = []) -> [CodeFinding] {
        var findings: [CodeFinding] = []
        PyStatement.forEach(in: statements) { s, following in
            if case .forLoop(.name(let v, _), let iterable, let body, _) = s, PyInterpreter.reachesZero(iterable) {
                if let shifted = tablesReadOneBelow(v, iterable: iterable, body: body) {
                    // The body counts its steps from 1 (its `t > 1` gate is then right); the
                    // range is what is wrong.
                    findings.append(shifted)
                } else {
                    findings += noiseStoppedAtOne(v, body)
                }
            }
            if case .forLoop(let target, let iterable, let body, _) = s,
               let f = shortSamplingLoop(target.dottedName, over: iterable, body: body, after: Array(following), draws: draws) {
                findings.append(f)
            }
        }
        let starts = samplingLoopStarts(statements)
        let pairDraws = drawsOfNeighbourPairs(statements)
        for s in statements {
            visitExpressions(s) { e in
                e.walk { node in
                    guard let f = shortTrainingDraw(node) ?? drawBelowSamplingStart(node, loopStarts: starts) ?? drawAboveSamplingEnd(node, loopEnds: samplingThroughZero),
                          !pairDraws.contains(f.offset) else { return }
                    findings.append(f)
                }
            }
        }
        return findings
    }

    /// The offsets of the draws `i = torch.randint(0, N - 1, …)` whose index is read with its
    /// successor in the same function, `t_steps[i]` and `t_steps[i + 1]`: a pair of neighbouring
    /// levels (consistency distillation), whose first member stops one short on purpose so that
    /// the second stays in range.
    static func drawsOfNeighbourPairs(_ statements: [PyStatement]) -> Set<Int> {
        var out = Set<Int>()
        /// The statements of one scope, nested blocks included, nested functions and classes not.
        func scope(_ list: [PyStatement], _ visit: (PyStatement) -> Void) {
            for s in list {
                visit(s)
                switch s {
                case .function, .classDef: continue
                default: s.nestedBodies.forEach { scope($0, visit) }
                }
            }
        }
        func judge(_ body: [PyStatement]) {
            var successors = Set<String>()
            var draws: [(name: String, at: Int)] = []
            scope(body) { s in
                s.ownExpressions.forEach { e in
                    e.walk { node in
                        guard case .subscripted(_, let indices, _) = node else { return }
                        for case .binary("+", .name(let n, _), .number(1, _), _) in indices { successors.insert(n) }
                    }
                }
                if case .assign(let targets, let value, _) = s, targets.count == 1, case .name(let n, _) = targets[0],
                   let draw = exclusiveStepDraw(value) { draws.append((n, draw.at)) }
            }
            for d in draws where successors.contains(d.name) { out.insert(d.at) }
        }
        judge(statements)
        PyStatement.forEach(in: statements) { s, _ in
            if case .function(_, _, let body, _) = s { judge(body) }
        }
        return out
    }

    /// A draw of whole steps that excludes its upper bound (`torch.randint(low, high, …)`, NumPy's
    /// `randint`; Python's `random.randint` includes it and is not read): its bounds, by position
    /// or keyword, and the callee as written.
    static func exclusiveStepDraw(_ node: PyExpr) -> (callee: String, low: PyExpr, high: PyExpr, at: Int)? {
        guard case .call(let f, let args, let keywords, let at) = node, let callee = f.dottedName,
              ["torch.randint", "np.random.randint", "numpy.random.randint"].contains(callee) else { return nil }
        let low = keywords.first(where: { $0.0 == "low" })?.1 ?? (args.count >= 2 ? args[0] : nil)
        let high = keywords.first(where: { $0.0 == "high" })?.1 ?? (args.count >= 2 ? args[1] : (keywords.contains { $0.0 == "low" } ? args.first : nil))
        guard let low, let high else { return nil }
        return (callee, low, high, at)
    }

    /// The step counts of the code's training draws (torch's and NumPy's `randint`, which exclude
    /// their upper bound), read in one walk.
    struct StepDraws {
        /// `randint(1, N)`: the steps 1…N−1 only, step 0 being the data (N as written).
        var fromOne = Set<String>()
        /// `randint(0, N)`: step 0 is trained (N by its last name).
        var fromZero = Set<String>()
        /// `randint(…, N + 1)`: step N is trained (N by its last name).
        var throughCount = Set<String>()

        init() {}

        init(_ statements: [PyStatement]) {
            for s in statements {
                visitExpressions(s) { e in
                    e.walk { node in
                        guard let draw = exclusiveStepDraw(node) else { return }
                        if case .binary("+", let count, .number(1, _), _) = draw.high, let n = stepCount(count) { throughCount.insert(lastComponent(n)) }
                        guard case .number(let low, _) = draw.low, let n = stepCount(draw.high) else { return }
                        if low == 1 { fromOne.insert(n) }
                        if low == 0 { fromZero.insert(lastComponent(n)) }
                    }
                }
            }
        }
    }

    /// The step counts N of the loops `range(N, 0, -1)` that denoise: samplers that start at step N.
    static func samplingLoopStarts(_ statements: [PyStatement]) -> Set<String> {
        var out = Set<String>()
        PyStatement.forEach(in: statements) { s, _ in
            guard case .forLoop(_, let iterable, let body, _) = s else { return }
            let e = withoutProgressWrappers(iterable)
            if case .call(let f, let args, _, _) = e, f.dottedName == "range", args.count == 3, case .unary("-", .number(1, _), _) = args[2],
               case .number(0, _) = args[1], let n = stepCount(args[0]), !loopCarriedModelInputs(body).isEmpty {
                out.insert(n)
            }
        }
        return out
    }

    /// `torch.randint(1, N, …)` draws 1…N−1 while a sampler in the same code starts at step N
    /// (`range(N, 0, -1)`): the first step of sampling is never trained.
    static func drawBelowSamplingStart(_ node: PyExpr, loopStarts: Set<String>) -> CodeFinding? {
        guard !loopStarts.isEmpty, let (callee, low, high, at) = exclusiveStepDraw(node),
              case .number(1, _) = low, let n = stepCount(high), loopStarts.contains(n) else { return nil }
        return CodeFinding(rule: .stepRangeOneShort, offset: at,
                           message: "\(callee)(1, \(n)) excludes its upper bound and draws only the steps 1…\(n)−1, but the sampler here starts at step \(n) (range(\(n), 0, -1)): that step is never trained",
                           fix: "\(callee)(1, \(n) + 1, …)")
    }

    /// `torch.randint(1, N, …)` draws 1…N−1 while a sampler of the same code runs its steps down to
    /// 0 (`reversed(range(N))`, `range(N - 1, -1, -1)`) and asks the model at each: the step it
    /// ends with, the one that makes x_0, is never trained. Step counts are matched by their last
    /// name (`T` and `self.T` count the same steps).
    static func drawAboveSamplingEnd(_ node: PyExpr, loopEnds: Set<String>) -> CodeFinding? {
        guard !loopEnds.isEmpty, let (callee, low, high, at) = exclusiveStepDraw(node),
              case .number(1, _) = low, let n = stepCount(high), loopEnds.contains(lastComponent(n)) else { return nil }
        return CodeFinding(rule: .stepRangeOneShort, offset: at,
                           message: "\(callee)(1, \(n)) excludes 0 and draws only the steps 1…\(n)−1, but the sampler here runs down to step 0 and asks the model there: the last reverse step, the one that makes x_0, is never trained",
                           fix: "\(callee)(0, \(n), …)")
    }

    /// The step counts N (by their last name) of the loops that denoise through step 0, one model
    /// call per step: `for t in reversed(range(N))`, `range(N - 1, -1, -1)`. A body that shifts the
    /// step (`t + 1`, `t - 1`) counts its steps otherwise and is left out.
    static func samplingLoopsThroughZero(_ statements: [PyStatement]) -> Set<String> {
        var out = Set<String>()
        PyStatement.forEach(in: statements) { s, _ in
            guard case .forLoop(.name(let v, _), let iterable, let body, _) = s else { return }
            let e = withoutProgressWrappers(iterable, numbering: false)
            var count: String?
            if case .call(let f, let args, _, _) = e, f.dottedName == "reversed", case .call(let g, let rangeArgs, _, _)? = args.first, g.dottedName == "range" {
                if rangeArgs.count == 1 { count = stepCount(rangeArgs[0]) }
                if rangeArgs.count == 2, case .number(0, _) = rangeArgs[0] { count = stepCount(rangeArgs[1]) }
            } else if case .call(let f, let args, _, _) = e, f.dottedName == "range", args.count == 3,
                      case .unary("-", .number(1, _), _) = args[1], case .unary("-", .number(1, _), _) = args[2] {
                count = stepCountMinusOne(args[0])
            }
            guard let count, !loopCarriedModelInputs(body).isEmpty, callsModel(body) else { return }
            if !shiftsStep(v, body) { out.insert(lastComponent(count)) }
        }
        return out
    }

    /// Whether the body reads its step shifted (`t + 1`, `t - 1`): it counts its steps otherwise
    /// than its loop does.
    static func shiftsStep(_ variable: String, _ body: [PyStatement]) -> Bool {
        var shifted = false
        for statement in body {
            visitExpressions(statement) { expression in
                expression.walk { node in
                    if case .binary(let op, .name(let n, _), .number, _) = node, n == variable, op == "+" || op == "-" { shifted = true }
                }
            }
        }
        return shifted
    }

    /// The sequence a loop runs over, without the wrappers that only report progress
    /// (`tqdm(range(T))`, `trange(…)`) or, with `numbering`, number it (`enumerate(…)`).
    static func withoutProgressWrappers(_ iterable: PyExpr, numbering: Bool = true) -> PyExpr {
        let wrappers = numbering ? ["tqdm", "trange", "enumerate"] : ["tqdm", "trange"]
        var e = iterable
        while case .call(let f, let args, _, _) = e, let name = f.dottedName?.split(separator: ".").last, wrappers.contains(String(name)), let first = args.first { e = first }
        return e
    }

    /// `T`, `self.n_T`, `num_timesteps`: the number of steps, by its name.
    static func stepCount(_ e: PyExpr) -> String? {
        guard let d = e.dottedName, let last = d.split(separator: ".").last, PyInterpreter.looksLikeStepCount(String(last)) else { return nil }
        return d
    }

    /// `T - 1` with T a step count: the name of T.
    static func stepCountMinusOne(_ e: PyExpr) -> String? {
        guard case .binary("-", let a, .number(1, _), _) = e else { return nil }
        return stepCount(a)
    }

    /// `torch.randint(0, T - 1, …)` and numpy's `randint(0, T - 1)` exclude their upper bound, so
    /// they draw 0…T−2: the step T − 1 is never trained, yet the sampler starts there. (Python's
    /// `random.randint` includes it and is not judged.)
    static func shortTrainingDraw(_ node: PyExpr) -> CodeFinding? {
        guard let (callee, low, high, at) = exclusiveStepDraw(node), case .number(0, _) = low, let n = stepCountMinusOne(high) else { return nil }
        return CodeFinding(rule: .stepRangeOneShort, offset: at,
                           message: "\(callee)(0, \(n) - 1) excludes its upper bound and draws only the steps 0…\(n)−2: the step \(n) − 1, where sampling starts, is never trained",
                           fix: "\(callee)(0, \(n), …)")
    }

    /// `range(T - 1, 0, -1)` (stops at t = 1) and `range(T, 1, -1)` (stops at t = 2) in a loop that
    /// denoises: T − 1 iterations, so the step to x_0 (0-based) or from x_T (1-based) is missing.
    /// `range(T - 1, 1, -1)` runs T − 2 and misses a step at each end in either numbering.
    /// `reversed(range(1, T))`, the most copied sampler's loop, is judged only beside a training
    /// draw `randint(0, T)`: with steps trained from 1 (its own draw) it covers every trained step.
    /// A loop followed by a separate final denoising call is a design, not an error, and is not judged.
    static func shortSamplingLoop(_ variable: String?, over iterable: PyExpr, body: [PyStatement], after: [PyStatement], draws: StepDraws = StepDraws()) -> CodeFinding? {
        guard let range = shortDescendingRange(withoutProgressWrappers(iterable)) else { return nil }
        let n = range.count
        var missed: String?
        switch range.kind {
        case .reversedFromOne:
            let key = lastComponent(n)
            if draws.throughCount.contains(key) {
                missed = "the step \(n) that training draws (randint(…, \(n) + 1)) never runs: sampling starts at \(n) − 1, one step below x_T"
            } else {
                // A body that steps to the previous table entry (`alphas_cumprod[t - 1]`) ends at entry 0.
                guard draws.fromZero.contains(key), !draws.fromOne.contains(where: { lastComponent($0) == key }) else { return nil }
                if let variable, shiftsStep(variable, body) { return nil }
                missed = "the step 0 that training draws (randint(0, \(n))) never runs, and the sample returned is x_1, not x_0"
            }
        case .endsAtOne, .endsAtTwo, .endsAtTwoFromBelow:
            break
        }
        // A grid of noise levels whose step 0 is the data (`sigmas = linspace(0, 1, T)`), trained
        // at 1…T−1 only, has T − 1 steps between its levels; DDPM's α and β tables have a real
        // step at index 0, so a loop over them that stops at 1 still leaves it out.
        if range.kind == .reversedFromOne || range.kind == .endsAtOne, draws.fromOne.contains(n), !readsAlphaOrBetaTables(body) { return nil }
        guard !loopCarriedModelInputs(body).isEmpty, !callsModel(after) else { return nil }
        let what = missed ?? (range.missing == 1 ? "one reverse step (to x_0 with 0-based steps, from x_T with 1-based ones) never runs"
            : "two reverse steps never run (to x_0 and the one before it with 0-based steps, from x_T and to x_0 with 1-based ones)")
        return CodeFinding(rule: .stepRangeOneShort, offset: range.at,
                           message: "the sampling loop covers \(n) − \(range.missing) steps of a \(n)-step process: \(range.shown), so \(what)",
                           fix: "reversed(range(\(n))) for tables indexed 0…\(n)−1, range(\(n), 0, -1) for tables indexed 1…\(n)")
    }

    /// A descending range over the steps that leaves some out.
    struct ShortRange {
        enum Kind { case reversedFromOne, endsAtOne, endsAtTwo, endsAtTwoFromBelow }
        var kind: Kind
        /// The step count's name.
        var count: String
        /// The range as the finding shows it.
        var shown: String
        /// How many steps it misses.
        var missing: Int
        var at: Int
    }

    static func shortDescendingRange(_ e: PyExpr) -> ShortRange? {
        // `reversed(range(1, T))`: T − 1 … 1.
        if case .call(let f, let args, _, let at) = e, f.dottedName == "reversed", args.count == 1,
           case .call(let g, let rangeArgs, _, _) = args[0], g.dottedName == "range", rangeArgs.count == 2,
           case .number(1, _) = rangeArgs[0], let m = stepCount(rangeArgs[1]) {
            return ShortRange(kind: .reversedFromOne, count: m, shown: "reversed(range(1, \(m))) ends at 1", missing: 1, at: at)
        }
        guard case .call(let f, let args, _, let at) = e, f.dottedName == "range", args.count == 3,
              case .unary("-", .number(1, _), _) = args[2] else { return nil }
        if let m = stepCountMinusOne(args[0]), case .number(0, _) = args[1] {
            return ShortRange(kind: .endsAtOne, count: m, shown: "range(\(m) - 1, 0, -1) ends at 1", missing: 1, at: at)
        }
        if let m = stepCount(args[0]), case .number(1, _) = args[1] {
            return ShortRange(kind: .endsAtTwo, count: m, shown: "range(\(m), 1, -1) ends at 2", missing: 1, at: at)
        }
        if let m = stepCountMinusOne(args[0]), case .number(1, _) = args[1] {
            return ShortRange(kind: .endsAtTwoFromBelow, count: m, shown: "range(\(m) - 1, 1, -1) ends at 2", missing: 2, at: at)
        }
        return nil
    }

    /// Whether the statements read a table of DDPM's α, β or ᾱ (`alphas[t]`, `self.alpha_bar[t]`).
    static func readsAlphaOrBetaTables(_ statements: [PyStatement]) -> Bool {
        var found = false
        for s in statements {
            visitExpressions(s) { e in
                e.walk { node in
                    guard case .subscripted(let base, _, _) = node, let last = base.dottedName?.split(separator: ".").last?.lowercased() else { return }
                    if ["alpha", "beta", "cumprod", "abar"].contains(where: last.contains) { found = true }
                }
            }
        }
        return found
    }

    /// Words in the name of a call to a network (`model`, `self.unet`, `eps_model`, `denoiser`).
    static let networkWords = ["model", "net", "denoise"]

    /// Whether the statements call a denoising model or a step function.
    static func callsModel(_ statements: [PyStatement]) -> Bool {
        var found = false
        for s in statements {
            visitExpressions(s) { e in
                e.walk { node in
                    guard case .call(let f, _, _, _) = node, let fname = f.dottedName?.split(separator: ".").last?.lowercased() else { return }
                    if fname == "self" || (networkWords + ["p_sample", "step"]).contains(where: { fname.contains($0) }) { found = true }
                }
            }
        }
        return found
    }

    /// `for t in reversed(range(T)):` around a body that reads every schedule table at `t - 1`
    /// (`alphas[t-1]`, `betas[t-1]`): the body counts steps 1…T, the loop 0…T−1. The first
    /// iteration reads index T − 2, so the noisiest step T − 1 is never taken from x_T, and the
    /// last reads index −1, which Python takes as the table's last entry: the final denoising
    /// step runs with the noisiest step's coefficients. A body that guards step 0 (`if t > 0`,
    /// `t == 0`) or also reads the tables at `t` is not judged.
    static func tablesReadOneBelow(_ variable: String, iterable: PyExpr, body: [PyStatement]) -> CodeFinding? {
        func isSchedule(_ base: PyExpr) -> Bool {
            guard let last = base.dottedName?.split(separator: ".").last?.lowercased() else { return false }
            return ["alpha", "beta", "sigma", "cumprod", "abar", "snr"].contains { last.contains($0) }
        }
        func isStep(_ e: PyExpr) -> Bool { if case .name(let n, _) = e { return n == variable } else { return false } }
        var below = false, atStep = false, testsZero = false
        for s in body {
            visitExpressions(s) { e in
                e.walk { node in
                    switch node {
                    case .subscripted(let base, let index, _) where index.count == 1 && isSchedule(base):
                        if case .binary("-", let l, .number(1, _), _) = index[0], isStep(l) { below = true }
                        if isStep(index[0]) { atStep = true }
                    case .compare(_, let operands, _) where operands.count == 2 && operands.contains(where: isStep):
                        if operands.contains(where: { if case .number(0, _) = $0 { return true } else { return false } }) { testsZero = true }
                    default: break
                    }
                }
            }
        }
        guard below, !atStep, !testsZero else { return nil }
        return CodeFinding(rule: .stepRangeOneShort, offset: iterable.offset,
                           message: "the loop runs \(variable) = T − 1 … 0 but the body reads the schedule at \(variable) − 1: the noisiest entry T − 1 is never used from x_T, and the last step (\(variable) = 0) reads index −1, which Python takes as the last entry, so the final step runs with the noisiest step's coefficients",
                           fix: "for \(variable) in range(T, 0, -1) with the tables read at \(variable) − 1, or the tables read at \(variable)")
    }

    /// In a loop whose last iteration is step 0 (`reversed(range(T))`), a noise draw gated on
    /// step 1 (`randn(…) if t > 1 else 0`, `if t == 1:`) is switched off at t = 1 as well as at
    /// t = 0: the step x_1 → x_0 is the only one without noise (Ho et al. 2020, Algorithm 2), and
    /// with 0-based steps that is t = 0.
    static func noiseStoppedAtOne(_ variable: String, _ body: [PyStatement]) -> [CodeFinding] {
        func gatesOnOne(_ test: PyExpr) -> Bool {
            guard case .compare(let ops, let operands, _) = test, ops.count == 1, operands.count == 2,
                  case .name(let n, _) = operands[0], n == variable, case .number(let k, _) = operands[1] else { return false }
            return (k == 1 && [">", "==", "<="].contains(ops[0])) || (k == 2 && [">=", "<"].contains(ops[0]))
        }
        /// `t > 0`, `t >= 1`, `t != 0`: the branch never runs at the loop's last step.
        func skipsZero(_ test: PyExpr) -> Bool {
            guard case .compare(let ops, let operands, _) = test, ops.count == 1, operands.count == 2,
                  case .name(let n, _) = operands[0], n == variable, case .number(let k, _) = operands[1] else { return false }
            return (k == 0 && [">", "!="].contains(ops[0])) || (k == 1 && ops[0] == ">=")
        }
        var findings: [CodeFinding] = []
        func report(_ at: Int) {
            findings.append(CodeFinding(rule: .noiseStoppedAtOne, offset: at,
                                        message: "the loop's last step is \(variable) = 0, but the noise is switched off from \(variable) = 1: the step at \(variable) = 1 loses its noise as well",
                                        fix: "noise only where \(variable) > 0"))
        }
        func visit(_ list: [PyStatement]) {
            for s in list {
                switch s {
                case .ifChain(let branches, let orElse, _):
                    for b in branches where gatesOnOne(b.test) && (drawsNoise(b.body) || drawsNoise(orElse)) { report(b.test.offset) }
                    // Under `if t > 0:` the step runs down to t = 1 only, so its noise is rightly off at 1.
                    for b in branches where !skipsZero(b.test) { visit(b.body) }
                    visit(orElse)
                case .forLoop, .function, .classDef:
                    break
                case .block(let b, _), .whileLoop(_, let b, _):
                    visit(b)
                default:
                    visitExpressions(s) { e in
                        e.walk { node in
                            if case .conditional(let value, let test, let orElse, _) = node, gatesOnOne(test), holdsNoiseDraw(value) || holdsNoiseDraw(orElse) { report(test.offset) }
                        }
                    }
                }
            }
        }
        visit(body)
        return findings
    }
}
