/// Calls of the note's own functions and methods are run, not guessed: `q_sample(x0, t, noise)`
/// inside a loss, `self.p_sample(x, t)` inside a sampling loop, `self._make_schedule()` inside
/// `__init__`. Two levels deep at most; what the callee reports is not kept (it is judged on
/// its own), what it returns and the `self.` attributes it sets are.
extension PyInterpreter {
    struct Definition: Sendable {
        var parameters: [PyParameter]
        var body: [PyStatement]
        var isMethod: Bool
        /// The text it is written in (``PyInterpreter/codeBlock``).
        var block: Int
    }

    static let maximumInlineDepth = 2

    func definition(for callee: PyExpr) -> Definition? {
        switch callee {
        case .name(let n, _): return definitions[n]
        case .attribute(.name("self", _), let m, _): return definitions["self." + m]
        default: return nil
        }
    }

    /// Runs a definition with the caller's arguments (evaluated by the caller) bound to its
    /// parameters; missing ones take their defaults, the schedule for a table, the note's
    /// hyperparameters, or stay unknown.
    /// `call`: where the caller calls it. Noise the callee draws in another text (another notebook
    /// cell) stands at the call, since a finding is placed in the caller's text.
    mutating func inline(_ d: Definition, _ args: [PyValue], _ keywords: [(String, PyValue)], call: Int? = nil) -> PyValue {
        let drawnBefore = noiseCount
        var callee = self
        callee.findings = []
        callee.returned = nil
        callee.returnedTuple = nil
        callee.inFunction = false
        callee.inlineDepth += 1
        callee.unknownArguments = []
        callee.env = globalEnv ?? env
        for (k, v) in env where k.hasPrefix("self.") { callee.env[k] = v }
        let parameters = d.isMethod && d.parameters.first?.name == "self" ? Array(d.parameters.dropFirst()) : d.parameters
        for (i, p) in parameters.enumerated() {
            if let kw = keywords.first(where: { $0.0 == p.name }) {
                callee.env[p.name] = kw.1
                if kw.1.isUnknown { callee.unknownArguments.insert(p.name) }
            } else if i < args.count {
                callee.env[p.name] = args[i]
                if args[i].isUnknown { callee.unknownArguments.insert(p.name) }
            } else if let dv = p.defaultValue {
                callee.env[p.name] = callee.evaluate(dv)
            } else if let role = tableRole(p.name), !p.name.hasSuffix("_t"), !p.name.hasSuffix("_prev"), mayBeScheduleTable(p.name) {
                // A table left to the caller (`GaussianDiffusion(betas)`): the note's own schedule,
                // else Ho et al.'s, as when the method itself is judged.
                callee.env[p.name] = .array(role.values(betas: scheduleBetas()), unsquaredCosine: nil)
            } else if let h = hyperparameters[p.name] {
                callee.env[p.name] = .number(h)
            } else if let end = Self.betaRangeEnd(p.name) {
                // A β range left to the caller: the values of Ho et al. 2020, as a probe.
                callee.env[p.name] = .number(end)
                callee.probeBound.insert(p.name)
            } else if Self.looksLikeStepCount(p.name) {
                callee.env[p.name] = .number(Double(Self.defaultSteps))
            } else {
                callee.env[p.name] = .unknown
            }
        }
        callee.run(d.body)
        lastCallTuple = callee.returnedTuple
        for (k, v) in callee.env where k.hasPrefix("self.") { env[k] = v }
        noiseCount = callee.noiseCount
        evaluationsMade = callee.evaluationsMade
        noiseOrigins.merge(callee.noiseOrigins) { a, _ in a }
        if let call, d.block != codeBlock, noiseCount > drawnBefore {
            for occurrence in (drawnBefore + 1)...noiseCount { noiseOrigins[occurrence] = call }
        }
        modelInputNoise.formUnion(callee.modelInputNoise)
        zeroPaddedTables.formUnion(callee.zeroPaddedTables)
        if callee.modelInputMixesDataAndNoise { modelInputMixesDataAndNoise = true }
        if callee.callInputMixesDataAndNoise { callInputMixesDataAndNoise = true }
        modelsFedNoisedData.formUnion(callee.modelsFedNoisedData)
        uniformDraws.formUnion(callee.uniformDraws)
        gatedNoise.formUnion(callee.gatedNoise)
        linspaceCalls += callee.linspaceCalls.dropFirst(linspaceCalls.count)
        // A wrong table built by the callee is reported where the callee is judged; what the
        // caller computes from it inherits that one error.
        if callee.scheduleArrayReported { scheduleArrayReported = true }
        return callee.returned ?? .unknown
    }

    static func betaRangeEnd(_ name: String) -> Double? {
        let n = name.lowercased()
        if ["beta_1", "beta_start", "beta_min", "min_beta", "beta1", "b_0", "beta_0"].contains(n) { return 1e-4 }
        if ["beta_t", "beta_end", "beta_max", "max_beta", "beta2", "b_t"].contains(n) && name != "beta_t" { return 0.02 }
        if name == "beta_T" { return 0.02 }
        return nil
    }

    static func looksLikeStepCount(_ name: String) -> Bool {
        let lower = name.lowercased()
        if name == "T" || ["n_t", "n_steps", "steps", "t_max"].contains(lower) { return true }
        return ["timesteps", "num_steps", "noise_steps", "time_steps"].contains { lower.contains($0) }
    }

    /// The attributes a class's `__init__` sets, for judging its other methods with the class's
    /// own schedule. Attributes it leaves unknown are dropped, so their names still say what
    /// they hold. A wrong table there is reported once, where `__init__` is judged; the methods
    /// that read it inherit its error and are not judged again on it.
    mutating func runInitializer(of className: String) {
        guard let d = definitions[className + ".__init__"] else { return }
        var probe = self
        probe.scheduleArrayReported = false
        _ = probe.inline(d, [], [])
        // `self.alpha_bars = torch.tensor([torch.prod(self.alphas[:i + 1]) for i in …])`: a table of
        // the class's schedule the interpreter cannot compute stands for that quantity of the
        // class's own β, not of a schedule found elsewhere.
        let ownBetas = probe.env.sorted { $0.key < $1.key }.lazy.compactMap { k, v -> [Double]? in
            guard k.hasPrefix("self."), ScheduleRole.of(k) == .betas, CodeAnalysis.namesScheduleTable(k), case .array(let a, _) = v, a.count > 2 else { return nil }
            return a
        }.first
        for (k, v) in probe.env where k.hasPrefix("self.") {
            if case .unknown = v {
                if let ownBetas, let role = tableRole(k), CodeAnalysis.namesWholeTable(CodeAnalysis.lastComponent(k)) {
                    let values = role.values(betas: ownBetas)
                    if !values.isEmpty { env[k] = .array(values, unsquaredCosine: nil) }
                }
                continue
            }
            env[k] = v
        }
        // `self.beta = nn.Parameter(torch.zeros(d))`: a weight the model learns (a normalisation
        // layer's shift), which no schedule table stands in for.
        PyStatement.forEach(in: d.body) { s, _ in
            guard case .assign(let targets, .call(let f, _, _, _), _) = s, f.dottedName?.split(separator: ".").last == "Parameter" else { return }
            for target in targets {
                if let name = target.dottedName, name.hasPrefix("self."), env[name] == nil { env[name] = .unknown }
            }
        }
        noiseCount = probe.noiseCount
        evaluationsMade = probe.evaluationsMade
        if probe.scheduleArrayReported { scheduleArrayReported = true }
    }
}
