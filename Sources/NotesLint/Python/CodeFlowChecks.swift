/// Mistakes in how values flow through a sampler or a training step, rather than in a formula:
/// a sampling loop whose new sample never becomes the loop's state, a loss whose target is not
/// the noise that built the model's input.
extension CodeAnalysis {
    /// Calls that are not a denoising model even when they take the sample.
    static let notModels: Set<String> = [
        "print", "len", "range", "reversed", "enumerate", "zip", "tqdm", "trange", "float", "int", "str", "list", "tuple",
        "isinstance", "append", "extend", "save", "show", "imshow", "plot", "to", "cpu", "cuda", "numpy", "detach", "clone",
        "item", "size", "view", "reshape", "full", "full_like", "tensor", "ones_like", "zeros_like", "randn_like", "rand_like",
    ]

    static func codeFlowFindings(_ statements: [PyStatement]) -> [CodeFinding] {
        var findings: [CodeFinding] = []
        PyStatement.forEach(in: statements) { s, _ in
            if case .forLoop(_, let iterable, let body, _) = s, countsDown(iterable), let f = sampleNeverAssignedBack(body) { findings.append(f) }
        }
        return findings
    }

    /// `reversed(…)`, `range(T, 0, -1)`, `timesteps` (possibly inside `tqdm(…)`/`enumerate(…)`):
    /// a loop over the reverse process.
    static func countsDown(_ e: PyExpr) -> Bool {
        if let d = e.dottedName?.lowercased(), d.contains("timesteps") { return true }
        guard case .call(let f, let args, _, _) = e, let name = f.dottedName?.split(separator: ".").last else { return false }
        switch name {
        case "tqdm", "enumerate", "trange": return args.first.map(countsDown) ?? false
        case "reversed", "flip": return true
        case "range":
            if args.count == 3, case .unary("-", .number, _) = args[2] { return true }
            return false
        default: return false
        }
    }

    /// The loop body calls the model on a name it never assigns, and stores the step's result
    /// under another sample-like name that the body never reads: every iteration denoises the
    /// same input and only the last result survives.
    static func sampleNeverAssignedBack(_ body: [PyStatement]) -> CodeFinding? {
        var assigned = Set<String>()
        NameCheck.boundNames(body, into: &assigned)
        var mutated = Set<String>()
        var modelInputs: [String] = []
        var readNames = Set<String>()
        for s in body {
            visitExpressions(s) { e in
                e.walk { node in
                    // In-place updates: x.copy_(…), x.add_(…), x[…] = … count as assignments.
                    if case .call(.attribute(let base, let m, _), _, _, _) = node, m.hasSuffix("_"), let n = base.dottedName { mutated.insert(n) }
                    if case .call(let f, let args, _, _) = node, let fname = f.dottedName?.split(separator: ".").last.map(String.init),
                       !notModels.contains(fname), !PyInterpreter.modules.contains(f.dottedName?.split(separator: ".").first.map(String.init) ?? ""),
                       ["model", "net", "unet", "eps_model", "denoise_fn", "network", "denoiser"].contains(where: { fname.lowercased().contains($0) }),
                       case .name(let first, _)? = args.first {
                        modelInputs.append(first)
                    }
                    // A step function (`p_sample(model, x, t)`, `scheduler.step(eps, t, x)`): its sample argument.
                    if case .call(let f, let args, _, _) = node, let fname = f.dottedName?.split(separator: ".").last?.lowercased(),
                       ["p_sample", "denoise", "reverse_step", "sample_step", "ddim_step", "ddpm_step"].contains(where: { fname.contains($0) }) {
                        for case .name(let n, _) in args where !["model", "net", "unet", "eps_model", "network"].contains(n.lowercased()) && !CodeAnalysis.timestepNames.contains(n) {
                            modelInputs.append(n)
                            break
                        }
                    }
                }
            }
        }
        for s in body {
            if case .assign(let targets, _, _) = s {
                for t in targets { if case .subscripted(let b, _, _) = t, let n = b.dottedName { mutated.insert(n) } }
            }
        }
        for (name, _) in NameCheck.uses(body) { readNames.insert(name) }
        guard let input = modelInputs.first(where: { !assigned.contains($0) && !mutated.contains($0) }) else { return nil }
        // The new sample: assigned, never read in the body, named as a sample.
        for s in body {
            guard case .assign(let targets, let value, let at) = s, case .name(let target, _)? = targets.first, target != input,
                  !readNames.contains(target), isSampleName(target) else { continue }
            var usesInput = false
            value.walk { if case .name(let n, _) = $0, n == input || readNames.contains(n) { usesInput = true } }
            guard usesInput else { continue }
            return CodeFinding(rule: .sampleNotAssignedBack, offset: at,
                               message: "the loop computes '\(target)' but never assigns it back to '\(input)', which the model reads: every step denoises the same input",
                               fix: "\(input) = \(target)")
        }
        return nil
    }

    static func isSampleName(_ n: String) -> Bool {
        let l = n.lowercased()
        if ["prev", "minus", "tm1", "next", "new"].contains(where: { l.contains($0) }) && (l.hasPrefix("x") || l.hasPrefix("z") || l.contains("sample") || l.contains("img") || l.contains("latent")) { return true }
        return ["x_prev", "prev_sample", "x_tm1", "x_t_1", "xtm1", "x_next", "new_x"].contains(l)
    }
}

extension PyInterpreter {
    static let lossFunctions: Set<String> = ["mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss", "MSELoss", "L1Loss"]

    /// `prediction − target` of a loss: when one side is the model's output and the other a
    /// single noise draw, that draw must be one the model's input was built from.
    mutating func checkLossTarget(_ difference: TensorForm, at offset: Int) {
        guard !modelInputNoise.isEmpty, modelInputMixesDataAndNoise, difference.coefficient(.predictedNoise) != 0, difference.coefficient(.predictedNoise).isFinite else { return }
        let others = difference.coefficients.filter { $0.key != .predictedNoise && ($0.value != 0 || $0.value.isNaN) }
        // A uniform target beside a uniform input (`mse_loss(model(torch.rand(…)), torch.rand(…))`)
        // is a smoke test of the network's shapes, not a training step of the noised data.
        guard others.count == 1, let (key, c) = others.first, case .noise(let occurrence) = key,
              !(uniformDraws.contains(occurrence) && !callInputMixesDataAndNoise),
              nearlyEqual(abs(c), abs(difference.coefficient(.predictedNoise))), !modelInputNoise.contains(occurrence) else { return }
        report(.lossTargetNoiseMismatch, offset,
               "the loss compares the prediction with a noise drawn separately from the one that built the model's input: the target must be that same noise (the ε of x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε, or the noise end of a flow-matching path)",
               fix: "the same noise tensor for building the model's input and for the loss target")
    }
}

extension PyInterpreter {
    /// A sampling loop outside any function with a step index (`for t in reversed(range(T))` at
    /// module level or in `sample(model, shape)`): one iteration is run at the probe step with
    /// the sample the model reads as the input x_t, and what the body assigns to that sample is
    /// judged as a reverse step.
    mutating func checkStepOfLoop(_ variable: String, _ body: [PyStatement], position: (list: PyExpr, index: Int)? = nil) {
        let carried = CodeAnalysis.loopCarriedModelInputs(body)
        guard !carried.isEmpty, readsDiffusionSchedule else { return }
        var probe = self
        probe.findings = []
        probe.insideLastIteration = true
        probe.inFunction = true
        // Tables a fragment uses without defining them: by their names, from Reference.
        let fallback = probe.scheduleBetas()
        var step = Self.probeStep(count: fallback.count)
        if let position {
            // `for i in range(n_steps): t = ts[i]`: the loop walks positions in a list of steps,
            // and the step judged is the list's entry at the probed position. It must be a whole
            // step inside the tables.
            guard case .array(let steps, _) = probe.evaluate(position.list), position.index < steps.count else { return }
            let entry = steps[position.index]
            guard entry == entry.rounded(), entry >= 1, entry < Double(fallback.count) else { return }
            step = Int(entry)
            probe.env[variable] = .number(Double(position.index))
        } else {
            probe.env[variable] = .number(Double(step))
        }
        probe.t = step
        for n in carried { probe.env[n] = .tensor(.input(.state(offset: 0))) }
        for (n, _) in NameCheck.uses(body) where probe.lookup(n) == nil {
            if let role = probe.tableRole(n) { probe.env[n] = .array(role.values(betas: fallback), unsquaredCosine: nil) }
        }
        probe.run(body)
        let betas = probe.scheduleBetas()
        for n in carried {
            guard case .tensor(let f)? = probe.env[n], f.deterministicKeys.contains(.state(offset: 0)),
                  f.deterministicKeys.isSubset(of: [.state(offset: 0), .predictedNoise]) else { continue }
            // The step may be written in branches (`if t > 0: x = mean + σ·z else: x = mean`): the
            // finding belongs to the assignment that draws the noise.
            let values = CodeAnalysis.assignedValues(of: n, in: body)
            let value = values.last { probe.noiseTerm(in: $0) != nil } ?? values.last
            let at = value?.offset ?? 0
            probe.noiseTermOffset = value.flatMap { probe.noiseTerm(in: $0) }
            probe.checkMean(f, name: n, at: at, t: step, betas: betas)
        }
        // The mean written wrong in the body (`mu = …`) is reported there; the sample built from
        // it on the next line is the same error.
        var reportedMean = false
        for f in probe.findings.sorted(by: { $0.offset < $1.offset }) {
            if f.rule == .wrongMeanCode { if reportedMean { continue }; reportedMean = true }
            report(f.rule, f.offset, f.message, fix: f.fix)
        }
    }
}

extension CodeAnalysis {
    /// The list a loop over positions reads its step from: `ts` in `for i in range(n): t = ts[i]`
    /// (the first statement of the body binds a step name to the list at the loop variable).
    static func stepListReadAt(_ variable: String, in body: [PyStatement]) -> PyExpr? {
        guard case .assign(let targets, .subscripted(let list, let items, _), _)? = body.first,
              targets.count == 1, let target = targets.first?.dottedName, PyInterpreter.isTimestepName(target),
              items.count == 1, case .name(let index, _) = items[0], index == variable else { return nil }
        return list
    }

    /// `range(n)` or `range(len(ts))`, counting up from 0: the number of positions.
    static func positionCount(_ iterable: PyExpr) -> PyExpr? {
        guard case .call(let f, let args, _, _) = iterable, let name = f.dottedName?.split(separator: ".").last else { return nil }
        switch name {
        case "tqdm", "trange": return args.first.flatMap(positionCount)
        case "range": return args.count == 1 ? args[0] : nil
        default: return nil
        }
    }

    /// Names the model (or a step function) reads in a loop body that the body also assigns.
    static func loopCarriedModelInputs(_ body: [PyStatement]) -> [String] {
        var assigned = Set<String>()
        NameCheck.boundNames(body, into: &assigned)
        var out: [String] = []
        for s in body {
            visitExpressions(s) { e in
                e.walk { node in
                    guard case .call(let f, let args, _, _) = node, let fname = f.dottedName?.split(separator: ".").last?.lowercased() else { return }
                    let isModel = fname == "self" || ["model", "net", "unet", "eps_model", "denoise_fn", "network", "denoiser"].contains { fname.contains($0) }
                    guard isModel, case .name(let first, _)? = args.first, assigned.contains(first), !out.contains(first) else { return }
                    out.append(first)
                }
            }
        }
        return out
    }

    /// The values assigned to `name` by plain and augmented assignments in the body and in the
    /// blocks of its conditionals, in source order (a loop nested in the body is another step, not
    /// searched).
    static func assignedValues(of name: String, in body: [PyStatement]) -> [PyExpr] {
        var found: [PyExpr] = []
        for s in body {
            switch s {
            case .assign(let targets, let value, _) where targets.contains(where: { $0.dottedName == name }): found.append(value)
            // `x_t += sigma * torch.randn_like(x_t)`: the noise is added where the augmented value stands.
            case .augmented(let target, _, let value, _) where target.dottedName == name: found.append(value)
            case .ifChain(let branches, let orElse, _):
                for b in branches { found += assignedValues(of: name, in: b.body) }
                found += assignedValues(of: name, in: orElse)
            case .block(let b, _): found += assignedValues(of: name, in: b)
            // `for j in range(repeated): x_t = mu_t + sigma_t * z_t`: an inner loop's assignment.
            case .forLoop(_, _, let b, _), .whileLoop(_, let b, _): found += assignedValues(of: name, in: b)
            default: break
            }
        }
        return found
    }
}

extension PyInterpreter {
    /// The product in `value` that scales a pure noise draw (`coef * z`): where a finding about
    /// the noise term belongs.
    func noiseTerm(in value: PyExpr) -> Int? {
        var found: Int?
        value.walk { node in
            guard found == nil, case .binary("*", let a, let b, let at) = node else { return }
            for side in [a, b] {
                if let n = side.dottedName, case .tensor(let f)? = lookup(n), f.deterministicKeys.isEmpty, !f.noiseKeys.isEmpty { found = at }
                if case .call(let g, _, _, _) = side, let gn = g.dottedName?.split(separator: ".").last, PyInterpreter.gaussianNoise.contains(String(gn)) { found = at }
            }
        }
        return found
    }
}
