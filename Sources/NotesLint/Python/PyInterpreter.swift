#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A finding about code, before it gets a file position.
struct CodeFinding {
    var rule: LintRule
    var offset: Int
    var message: String
    var fix: String?
}

/// Runs the statements of a note's code with constant propagation: numbers and schedule arrays
/// are computed, per-sample tensors are kept as affine forms in the function's inputs, and the
/// rules that need values (missing [t], variances, means, cos², noise at t = 0) fire as the
/// values flow.
struct PyInterpreter {
    var env: [String: PyValue] = [:]
    var hyperparameters: [String: Double] = [:]
    /// The code index t the function is evaluated at, when it has one.
    var t: Int?
    var inFunction = false
    var findings: [CodeFinding] = []
    var noiseOrigins: [Int: Int] = [:]
    /// The text (a note, one notebook cell) whose statements run: offsets are positions in it.
    var codeBlock = 0
    var noiseCount = 0
    var returned: PyValue?
    /// Every item of a `return a, b`, for a caller that unpacks them.
    var returnedTuple: [PyValue]?
    /// The items the last inlined call returned as a tuple.
    var lastCallTuple: [PyValue]?
    /// The statement after the one running, in its block (nil at the end of a block).
    var nextStatement: PyStatement?
    /// Names the running blocks write element by element (`ab[t] *= ab[t - 1]`), whose whole
    /// value is only known once those writes are done.
    var writtenByElement: Set<String> = []
    /// Set by `break` until the loop it leaves is done.
    var leftLoop = false
    var userFunctions: Set<String> = []
    /// `linspace(start, end, …)` calls with numeric ends, for the β-range checks.
    var linspaceCalls: [(start: Double, end: Double, offset: Int, startName: String?, endName: String?, target: String?)] = []
    var currentTarget: String?
    /// Names bound to what a call returned when handed the step (`exs = fs.extract(t, x.shape)`).
    var stepGatheredNames: Set<String> = []
    /// Set once a schedule array was reported wrong: the arrays computed from it are not.
    var scheduleArrayReported = false
    /// β arrays the code computed itself (not bound from a parameter's name): the truth the
    /// other schedule arrays are compared with.
    var codeAssignedBetas: [(name: String, values: [Double])] = []
    /// Tables the code built with a zero put in front on purpose (`cat([tensor([0.]), betas])`,
    /// `F.pad(betas, (1, 0))`), so that steps 1…T index them: wherever such a table goes
    /// (returned from a function, reshaped, renamed) its zero is that padding.
    var zeroPaddedTables: Set<[Double]> = []
    /// Names holding a variance or scale of the forward marginal or the prior by the function
    /// that computed them (`var = self.forward_var(t)`), and names computed from those alone.
    var forwardMarginalNames: Set<String> = []
    /// The function being judged belongs to the forward process (``CodeAnalysis/isForwardNoising(_:)``).
    var inForwardProcess = false
    /// The probe is t = 1 and the body switches its noise off there (`noise[t == 1] = 0`,
    /// `if t > 1:`): the step's spread multiplies no noise at this step, so its value (often built
    /// from an ᾱ_0 the code sets to any placeholder) is not judged here; the other probes judge it.
    var spreadUnusedAtThisStep = false
    /// The note's functions (by name) and methods (`self.name`, `Class.__init__`), for inlining.
    var definitions: [String: Definition] = [:]
    var inlineDepth = 0
    /// Evaluations of expressions this run (a module's block, a function at one step) has made,
    /// the calls it inlines included, and how many it may make. Past its limit every value is
    /// unknown and the run is reported as not judged, so that no input makes the linter hang,
    /// whatever path through the interpreter it finds.
    var evaluationsMade = 0
    var evaluationLimit = PyInterpreter.evaluationBudget
    /// A run's limit, 100 000: thirty times the most any run needed over some 2500 real notes,
    /// notebooks and programs (3571), and a fraction of a second of work. A document's runs
    /// together get ten times as many (the most any document needed was 23 280). A task-local
    /// value, so that a test can show what happens past it without running that long.
    @TaskLocal static var evaluationBudget = 100_000
    static var documentEvaluationBudget: Int { 10 * evaluationBudget }
    var ranOutOfEvaluations: Bool { evaluationsMade > evaluationLimit }
    /// Where each name was last assigned (the value's offset).
    var assignedAt: [String: Int] = [:]
    /// The code draws its training steps from 1 (`randint(1, T + 1)`): a table whose entry 0 is 1
    /// is then never read at a step.
    /// Whether the document builds or names a table of the schedule (`betas`, `alphas_cumprod`,
    /// `alpha_bar`): only then is a singular `self.alpha` a method reads taken for one.
    var holdsScheduleTable = true
    /// Whether the document reads or builds a diffusion schedule at all (β, α, ᾱ by any of their
    /// names): a sampling loop in code that has none (a flow's Euler step `z = z - dt * v`) is no
    /// DDPM or DDIM step.
    var readsDiffusionSchedule = true
    /// Names an import binds to another library's module (`plt` for matplotlib.pyplot, `sns`): a
    /// function called through one (`plt.scatter(x, y)`) displays or stores its tensors; it is no model.
    var importedLibraryNames: Set<String> = []

    /// Whether a schedule-named input the code leaves to its caller (`betas`, `self.alpha`) stands
    /// for the whole table: a plural or cumulative name always, a singular `alpha` or `beta` only
    /// in code that holds a schedule table (elsewhere it is a flow's margin, a FiLM layer's shift).
    func mayBeScheduleTable(_ name: String) -> Bool {
        CodeAnalysis.namesWholeTable(CodeAnalysis.lastComponent(name)) || holdsScheduleTable
    }
    /// The code writes the DDIM paper's α_t for DDPM's ᾱ_t (``CodeAnalysis/alphasHoldAlphaBar(_:)``).
    var alphasHoldAlphaBar = false
    /// The quantity a schedule table left to the caller holds, by its name and the code's notation.
    func tableRole(_ name: String) -> ScheduleRole? {
        let role = ScheduleRole.of(name)
        return role == .alphas && alphasHoldAlphaBar && CodeAnalysis.namesWholeTable(CodeAnalysis.lastComponent(name)) ? .alphaBars : role
    }
    var oneBasedSteps = false
    /// A β table written to start at 0 (`linspace(0, 0.8, n)`): the note chose β₀ = 0, so an ᾱ
    /// table from it starts at 1 by that choice, not by the cosine schedule's off-by-one.
    var betaStartsAtZeroByChoice = false
    /// Names the code reads at a step somewhere in the document (``CodeAnalysis/tablesReadAtSteps(_:)``).
    var tablesReadAtSteps: Set<String> = []
    /// The last value expression assigned to each name.
    var valueExpressions: [String: PyExpr] = [:]
    /// Set before a mean is judged: where its ε_θ coefficient is written, when that is a name.
    var epsilonCoefficientAt: Int?
    /// Parameters bound to probe values (a β range end nobody stated): not facts about the note.
    var probeBound: Set<String> = []
    /// Parameters bound to a caller's value the interpreter does not know (`q_sample(x1, t)` with
    /// `x1` unread): they are not taken for the data input by their names, since the caller may
    /// mix two of them (an interpolation of two noised samples is no forward sample).
    var unknownArguments: Set<String> = []
    /// σ_t² of the direction term of a DDIM mean being judged without its noise (see `checkMean`).
    var directionSigma2: Double?
    /// Where a reverse step's noise term is written, for a finding about it.
    var noiseTermOffset: Int?
    /// The module's names, which a called function sees instead of its caller's locals.
    var globalEnv: [String: PyValue]?
    /// The noise draws that reached a model's input (the sample being denoised, not a step's z).
    var modelInputNoise: Set<Int> = []
    /// Whether some input of the model was built from data and noise (x_t = √ᾱ·x_0 + √(1 − ᾱ)·ε):
    /// only then does the loss's target have to be that noise. A pure draw fed to the model (a
    /// demo's random x_t, a regression's inputs) ties the target to nothing.
    var modelInputMixesDataAndNoise = false
    /// The networks (by the name they are called with) that some call hands data mixed with noise.
    var modelsFedNoisedData: Set<String> = []
    /// Whether the last call of a network handed it data mixed with noise itself.
    var callInputMixesDataAndNoise = false
    /// The noise occurrences drawn uniform (`torch.rand`), not Gaussian.
    var uniformDraws: Set<Int> = []
    /// The names the function being judged takes a square root of: variances, whatever their names.
    var squareRootedNames: Set<String> = []
    /// The names a training step hands the model where its output is compared with the drawn
    /// noise: forward samples by their use, whatever their names.
    var noisedSamplesByUse: Set<String> = []
    /// The offset of a `linspace` call that is the assigned value itself (or its square): only
    /// its ends are the ends of the assigned range.
    var directLinspace: Int?
    /// Set inside a last-iteration run, so that nested sampling loops are not forked again
    /// (each level would double the work: 2ᵈ runs for d nested loops).
    var insideLastIteration = false
    /// The function being run maps x_t to a noisier level (its name or doc-string says inversion
    /// or x_{t+1}): its result is judged as a DDIM map, never as a reverse step.
    var stepsToNoisierLevel = false
    /// Noise draws that a test of the step the interpreter could not decide (`if t[0] == 0:`)
    /// keeps out of one of its branches: taken as switched off at the last step.
    var gatedNoise: Set<Int> = []
    /// Set by `switchOffDDIMEta`: η stays 0 however the code assigns it.
    var etaSwitchedOff = false
    /// The numeric defaults of the η parameters of the function being judged (`eta=1.0`): η is
    /// probed at another value, but its default says which sampler the function is by default.
    var etaDefaults: [String: Double] = [:]
    static let defaultSteps = 1000
    static let cleanDataNames: Set<String> = ["x0", "x_0", "x_start", "x_zero", "clean_images", "x0_batch"]

    static let modules: Set<String> = ["torch", "np", "numpy", "math", "F", "nn", "jnp", "jax", "random", "scipy", "tf", "th"]

    mutating func report(_ rule: LintRule, _ offset: Int, _ message: String, fix: String? = nil) {
        if !findings.contains(where: { $0.rule == rule && $0.offset == offset }) {
            findings.append(CodeFinding(rule: rule, offset: offset, message: message, fix: fix))
        }
    }

    // MARK: Statements

    mutating func run(_ statements: [PyStatement]) {
        writtenByElement.formUnion(Self.namesWrittenByElement(statements))
        for (k, s) in statements.enumerated() {
            if returned != nil || leftLoop { return }
            nextStatement = k + 1 < statements.count ? statements[k + 1] : nil
            execute(s)
        }
    }

    /// Whether `value` is `name` under arithmetic with numbers written out and nothing else
    /// (`2 * x0 - 1`, `(x - 0.5) / 0.5`, `x / 127.5 - 1.`): a change of units, not a formula.
    static func changesUnits(of name: String, _ value: PyExpr) -> Bool {
        var readsName = false, onlyUnits = true
        value.walk { node in
            switch node {
            case .name(name, _): readsName = true
            case .number, .binary("+", _, _, _), .binary("-", _, _, _), .binary("*", _, _, _), .binary("/", _, _, _), .unary("-", _, _): break
            default: onlyUnits = false
            }
        }
        return readsName && onlyUnits
    }

    /// Whether the statement after the one running assigns `name` again from its own value
    /// (`variance = variance * betas[t]`): the value assigned now is an intermediate.
    func nextStatementRefines(_ name: String) -> Bool {
        let target: PyExpr, value: PyExpr
        switch nextStatement {
        case .assign(let targets, let v, _)? where targets.count == 1: target = targets[0]; value = v
        case .augmented(let t, _, _, _)?: return t.dottedName == name
        // `betas = linspace(0, 1, n) ** 2` then `return betas * (hi - lo) + lo`: the schedule the
        // function returns is the transformed table, not the step before it.
        // Only a schedule table, and only transformed: returned as it is (alone or in a tuple) it
        // is the function's schedule, and a step's `sigma` inside `x0 + sigma * z` is judged where
        // it is computed.
        case .returnValue(let e?, _)?:
            guard let role = ScheduleRole.of(name), [.betas, .alphas, .alphaBars].contains(role) else { return false }
            var transformed = false
            e.walk { node in
                if case .binary(_, let l, let r, _) = node, l.dottedName == name || r.dottedName == name { transformed = true }
            }
            return transformed
        default: return false
        }
        var reads = false
        value.walk { if $0.dottedName == name { reads = true } }
        guard reads else { return false }
        if target.dottedName == name { return true }
        // `ratio = (1 - ab[t-1]) / (1 - ab[t])` then `std = sqrt(ratio * betas[t])`: a factor of the
        // variance the next statement completes under a variance's name is judged there.
        // Only a factor: `sigma = var ** 0.5` takes the variance whole and leaves it to be judged.
        var factor = false
        value.walk { node in
            if case .binary(let op, let l, let r, _) = node, op == "*" || op == "/", l.dottedName == name || r.dottedName == name { factor = true }
        }
        guard factor, let next = target.dottedName?.lowercased(), let mine = QuantityName.of(name), mine != .mean else { return false }
        if let theirs = QuantityName.of(next), theirs != .mean { return true }
        return ["std", "sigma", "scale"].contains { next.contains($0) }
    }

    mutating func execute(_ s: PyStatement) {
        switch s {
        case .assign(let targets, let value, _):
            if targets.count == 1, let name = targets[0].dottedName {
                if Self.handsTheStep(value) { stepGatheredNames.insert(name) } else { stepGatheredNames.remove(name) }
            }
            currentTarget = targets.first?.dottedName
            directLinspace = Self.directLinspace(value)
            lastCallTuple = nil
            var v = evaluate(value)
            // `mean, var = self.p_mean_variance(x, t)`: each name takes its item of the tuple the
            // note's own function returned.
            if targets.count == 1, case .tuple(let items, _) = targets[0], case .call = value, let tuple = lastCallTuple, tuple.count == items.count {
                lastCallTuple = nil
                currentTarget = nil
                directLinspace = nil
                for (item, itemValue) in zip(items, tuple) { assign(item, itemValue, valueExpr: nil) }
                return
            }
            currentTarget = nil
            directLinspace = nil
            // `x0 = 2 * x0 - 1`: the data moved to [−1, 1] by numbers written out is still the data
            // the forward sample takes, not twice it.
            if targets.count == 1, let name = targets[0].dottedName, case .tensor(let f)? = lookup(name),
               f.constant == 0, f.coefficients == [.data: 1], Self.changesUnits(of: name, value) {
                v = .tensor(.input(.data))
            }
            // `v = model(x, t)`, `x0_pred = net(x, t)`, `score = score_fn(x, t)`: the name says the
            // network predicts something other than the noise, in a parametrization not modelled here.
            if targets.count == 1, let name = targets[0].dottedName, CodeAnalysis.namesOtherPrediction(name),
               case .tensor(let f) = v, f.constant == 0, f.coefficients == [.predictedNoise: 1] {
                // `pred_x0 = model(x, t)`: the network predicts the clean data, which the posterior
                // mean μ̃_t(x_t, x̂_0) takes; other parametrizations are not modelled.
                v = CodeAnalysis.namesCleanDataPrediction(name) ? .tensor(.input(.predictedData)) : .unknown
            }
            // `grad = score_fn(x, t)`: the callee's name says the network gives the score, whatever
            // the name that receives it; `grad = model(x, t)`: a generic network's output named a
            // gradient is the score too.
            if case .call(let callee, _, _, _) = value, let calleeName = callee.dottedName,
               CodeAnalysis.lastComponent(calleeName).lowercased().contains("score")
                || (targets.count == 1 && targets[0].dottedName.map { CodeAnalysis.namesScoreOfGenericNetwork($0, callee: calleeName) } == true),
               case .tensor(let f) = v, f.constant == 0, f.coefficients == [.predictedNoise: 1] {
                v = .unknown
            }
            for target in targets { assign(target, v, valueExpr: value) }
        case .augmented(let target, let op, let value, _):
            let v = binary(op, evaluate(target), evaluate(value), target, value, at: value.offset)
            assign(target, v, valueExpr: value)
        case .expression(let e, _):
            _ = evaluate(e)
        case .returnValue(let e, _):
            // `return sample, x0_pred`: a step that also hands back its prediction returns the
            // sample first.
            if case .tuple(let items, _)? = e, let first = items.first {
                let head = evaluate(first)
                returned = head
                returnedTuple = [head] + items.dropFirst().map { evaluate($0) }
            } else {
                // `return torch.linspace(beta_start, beta_end, T)`: a schedule function's range.
                directLinspace = e.flatMap(Self.directLinspace)
                returned = e.map { evaluate($0) } ?? .unknown
                directLinspace = nil
            }
        case .function(let name, let parameters, let body, _):
            userFunctions.insert(name)
            if !inFunction { definitions[name] = Definition(parameters: parameters, body: body, isMethod: false, block: codeBlock) }
        case .classDef(let className, let body, _):
            for case .function(let name, let parameters, let methodBody, _) in body {
                userFunctions.insert(name)
                let d = Definition(parameters: parameters, body: methodBody, isMethod: true, block: codeBlock)
                definitions["self." + name] = d
                definitions[className + "." + name] = d
            }
        case .ifChain(let branches, let orElse, _):
            for (test, body) in branches {
                let v = evaluate(test)
                if let n = v.number {
                    if n != 0 { run(body); return }
                    continue
                }
                // Unknown condition: run every remaining branch and merge what they assign.
                var outcomes: [PyInterpreter] = []
                var remaining = [(body)]
                if let i = branches.firstIndex(where: { $0.test.offset == test.offset }) {
                    remaining += branches[(i + 1)...].map(\.body)
                }
                remaining.append(orElse)
                for b in remaining {
                    var copy = self
                    copy.run(b)
                    outcomes.append(copy)
                }
                if CodeAnalysis.isStepGuard(test) || CodeAnalysis.isNoiseScaleGuard(test) { gateNoise(separatedBy: outcomes) }
                merge(outcomes)
                return
            }
            run(orElse)
        case .forLoop(let target, let iterable, let body, _):
            if !insideLastIteration, case .name(let variable, _) = target, Self.reachesZero(iterable) { checkLastIteration(variable, body, then: nextStatement) }
            if !insideLastIteration, inlineDepth == 0, t == nil, case .name(let variable, _) = target, CodeAnalysis.countsDown(iterable) {
                checkStepOfLoop(variable, body)
            } else if !insideLastIteration, inlineDepth == 0, t == nil, case .name(let variable, _) = target,
                      let list = CodeAnalysis.stepListReadAt(variable, in: body), let count = CodeAnalysis.positionCount(iterable),
                      let n = evaluate(count).number, n >= 4, n <= 100_000 {
                // Over positions in a list of steps (a DDIM subsequence): a quarter of the way in,
                // so that the next entry is in the list too.
                checkStepOfLoop(variable, body, position: (list: list, index: Int(n) / 4))
            }
            var loopValue: PyValue = .unknown
            if case .call = iterable, let t { loopValue = .number(Double(t)) }
            _ = evaluate(iterable)
            assign(target, loopValue, valueExpr: nil)
            run(body)
            leftLoop = false
        case .whileLoop(let test, let body, _):
            _ = evaluate(test)
            run(body)
            leftLoop = false
        case .block(let body, _):
            run(body)
        case .importNames(let names, _):
            // `from math import pi` (numpy, torch alike): the constant itself.
            for n in names { env[n] = n == "pi" ? .number(Double.pi) : .unknown }
        case .breakLoop:
            // The rest of the loop's body is not run on this iteration.
            leftLoop = true
        case .globalNames, .other:
            break
        }
    }

    /// `-1`, `3`: an index written as a number.
    static func isLiteralIndex(_ e: PyExpr) -> Bool {
        if case .number = e { return true }
        if case .unary("-", .number, _) = e { return true }
        return false
    }

    /// `linspace(a, b, n)`, `linspace(a, b, n) ** 2`, `linspace(…).to(…)`: the call's offset.
    static func directLinspace(_ e: PyExpr) -> Int? {
        switch e {
        case .call(let f, _, _, let at):
            if f.dottedName?.split(separator: ".").last == "linspace" { return at }
            if case .attribute(let base, let m, _) = f, identityMethods.contains(m) { return directLinspace(base) }
            return nil
        case .binary("**", let base, _, _): return directLinspace(base)
        default: return nil
        }
    }

    /// `reversed(range(T))`, `range(T - 1, -1, -1)`, wrapped in `tqdm(…)` or not: a sampling
    /// loop whose last iteration is t = 0.
    static func reachesZero(_ e: PyExpr) -> Bool {
        guard case .call(let f, let args, _, _) = e, let name = f.dottedName?.split(separator: ".").last else { return false }
        switch name {
        case "tqdm", "trange", "enumerate": return args.first.map(reachesZero) ?? false
        case "reversed":
            // `reversed(range(T))` and `reversed(range(0, T))` end at 0; `reversed(range(1, T))` at 1.
            if case .call(let g, let rangeArgs, _, _)? = args.first, g.dottedName == "range" {
                if rangeArgs.count == 1 { return true }
                if case .number(0, _) = rangeArgs[0] { return true }
            }
        case "range":
            if args.count == 3, case .unary("-", .number(1, _), _) = args[2], case .unary("-", .number(1, _), _) = args[1] { return true }
        default: break
        }
        return false
    }

    /// Whether the loop body, or a function of the note it calls, computes a score (a name such
    /// as `score` or `grad_log_p` assigned from the model) and adds it to the sample.
    func movesAlongScore(_ body: [PyStatement], depth: Int = 0) -> Bool {
        func namesScore(_ n: String) -> Bool {
            let last = (n.split(separator: ".").last.map(String.init) ?? n).lowercased()
            return last.contains("score") || last.hasPrefix("grad_log")
        }
        var scores = Set<String>(), found = false
        PyStatement.forEach(in: body) { s, _ in
            guard !found else { return }
            if case .assign(let targets, _, _) = s {
                for t in targets { if let n = t.dottedName, namesScore(n) { scores.insert(n) } }
            }
            for e in s.ownExpressions {
                e.walk { node in
                    switch node {
                    case .binary("+", let a, let b, _):
                        for side in [a, b] { side.walk { if let n = $0.dottedName, scores.contains(n) { found = true } } }
                    case .call(let f, _, _, _) where !found && depth < 2:
                        if let d = definition(for: f), movesAlongScore(d.body, depth: depth + 1) { found = true }
                    default: break
                    }
                }
            }
        }
        return found
    }

    /// DDIM's σ_t(η) is zero at the last step when the chain ends at ᾱ = 1; where it ends at ᾱ
    /// of the first training step instead (CompVis's sampler), its small last σ is that
    /// sampler's convention. Noise scaled by η is judged by DL217, not by the last-step checks,
    /// which run with η = 0.
    mutating func switchOffDDIMEta() {
        etaSwitchedOff = true
        for name in env.keys where Self.namesDDIMEta(name) {
            env[name] = .number(0)
        }
    }

    /// `eta`, `ddim_eta`, `self.eta`, and a constant spelled `ETA`.
    static func namesDDIMEta(_ name: String) -> Bool {
        let last = (name.split(separator: ".").last.map(String.init) ?? name).lowercased()
        return last == "eta" || last == "ddim_eta"
    }

    /// The last iteration of a sampling loop: noise drawn in the body must not reach the sample.
    /// When the loop is followed by a `return`, the sample is what that return reads: a sampler
    /// that keeps the noise-free mean apart and returns it (`return x_mean`) adds no final noise.
    mutating func checkLastIteration(_ variable: String, _ body: [PyStatement], then next: PyStatement? = nil) {
        // A step along a score (`x + β_t/2·score + √β_t·z`, a Langevin or reverse-SDE predictor step)
        // adds its noise at every level, the last included; Algorithm 2's z = 0 at t = 1 is DDPM's.
        if movesAlongScore(body) { return }
        // A chain in code with no diffusion schedule (a Schrödinger bridge's √(2γ)·z steps) follows
        // its own algorithm, which may add noise at every step.
        guard readsDiffusionSchedule else { return }
        var returnedNames: Set<String>?
        if case .returnValue(let e?, _)? = next {
            var names = Set<String>()
            e.walk { if let n = $0.dottedName { names.insert(n) } }
            returnedNames = names
        }
        var last = self
        last.env[variable] = .number(0)
        last.switchOffDDIMEta()
        last.findings = []
        last.insideLastIteration = true
        let before = last.noiseCount
        last.run(body)
        var assigned = Set<String>()
        NameCheck.boundNames(body, into: &assigned)
        // A return that reads none of the body's samples (`return x_seq`, a list the loop appended
        // to) says nothing about which one is the result.
        if let r = returnedNames, !assigned.contains(where: { r.contains($0) && last.env[$0]?.tensor != nil }) { returnedNames = nil }
        for name in assigned.sorted() where returnedNames?.contains(name) ?? true {
            guard case .tensor(let f)? = last.env[name], !f.deterministicKeys.isDisjoint(with: [.predictedNoise, .predictedData]) else { continue }
            for case .noise(let occurrence) in f.noiseKeys where occurrence > before && !last.gatedNoise.contains(occurrence) {
                if let origin = last.noiseOrigins[occurrence] {
                    report(.noiseAtFinalStep, origin, "on the loop's last iteration (\(variable) = 0) this noise still reaches '\(name)': the last reverse step must return the mean without noise",
                           fix: "torch.randn_like(x) if \(variable) > 0 else torch.zeros_like(x)")
                }
            }
        }
    }

    mutating func merge(_ outcomes: [PyInterpreter]) {
        guard !outcomes.isEmpty else { return }
        var names = Set<String>()
        for o in outcomes { names.formUnion(o.env.keys) }
        for name in names {
            let values = outcomes.map { $0.env[name] ?? env[name] ?? .unknown }
            env[name] = Self.merged(values)
        }
        for o in outcomes {
            for f in o.findings where !findings.contains(where: { $0.rule == f.rule && $0.offset == f.offset }) { findings.append(f) }
            noiseOrigins.merge(o.noiseOrigins) { a, _ in a }
            linspaceCalls += o.linspaceCalls.dropFirst(linspaceCalls.count)
            // `if class_labels is not None:` around the model calls: noise a branch handed to the
            // model was seen by it whichever branch runs, and a gate met in a branch still gates.
            modelInputNoise.formUnion(o.modelInputNoise)
            gatedNoise.formUnion(o.gatedNoise)
        }
        noiseCount = outcomes.map(\.noiseCount).max() ?? noiseCount
        leftLoop = outcomes.allSatisfy(\.leftLoop)
        if outcomes.allSatisfy({ $0.returned != nil }) {
            returned = Self.merged(outcomes.compactMap(\.returned))
        }
    }

    /// Whether `value` is a call handed the step by one of its names (`fs.extract(t, x.shape)`).
    static func handsTheStep(_ value: PyExpr) -> Bool {
        guard case .call(_, let args, let keywords, _) = value else { return false }
        return (args + keywords.map(\.1)).contains { if case .name(let n, _) = $0 { return CodeAnalysis.timestepNames.contains(n) }; return false }
    }

    /// Whether `base` names a value a call returned when handed the step.
    func gathersAtStep(_ base: PyExpr) -> Bool {
        base.dottedName.map(stepGatheredNames.contains) ?? false
    }

    /// The name in `name is None` (`none` true) or `name is not None` (`none` false).
    static func nameTestedForNone(_ test: PyExpr, is none: Bool) -> String? {
        guard case .compare(let ops, let operands, _) = test, ops == [none ? "is" : "is not"], operands.count == 2,
              case .name("None", _) = operands[1] else { return nil }
        return operands[0].dottedName
    }

    static func merged(_ values: [PyValue]) -> PyValue {
        if let n = values.first?.number, values.allSatisfy({ $0.number == n }) { return .number(n) }
        let tensors = values.compactMap(\.tensor)
        if !tensors.isEmpty, tensors.count + values.filter({ $0.number != nil }).count == values.count {
            var keys = Set<InputKey>()
            for t in tensors { keys.formUnion(t.coefficients.keys) }
            var form = TensorForm(constant: .nan)
            for k in keys {
                let cs = tensors.map { $0.coefficient(k) }
                form.coefficients[k] = tensors.count == values.count && cs.allSatisfy({ $0 == cs[0] }) ? cs[0] : .nan
            }
            return .tensor(form)
        }
        if let a = values.first?.array, values.allSatisfy({ $0.array == a }) { return values[0] }
        return .unknown
    }

    mutating func assign(_ target: PyExpr, _ value: PyValue, valueExpr: PyExpr?) {
        switch target {
        case .name, .attribute:
            guard let name = target.dottedName else { return }
            // `self.betas = get_noise_schedule(self.timesteps)`: a β table made by a function the
            // document does not show stands in as DDPM's linear schedule, so the tables the code
            // derives from it (`1 - betas`, their products and roots) are judged against each other.
            if case .unknown = value, case .call? = valueExpr, ScheduleRole.of(name) == .betas,
               CodeAnalysis.namesWholeTable(CodeAnalysis.lastComponent(name)) {
                env[name] = .array(PaperSchedule.linearBetas, unsquaredCosine: nil)
                if let valueExpr { assignedAt[name] = valueExpr.offset; valueExpressions[name] = valueExpr }
                return
            }
            let previous = env[name]
            // η set inside the step (`ETA = 0.5`) is switched off like one handed in.
            env[name] = etaSwitchedOff && Self.namesDDIMEta(name) ? .number(0) : value
            if let valueExpr {
                assignedAt[name] = valueExpr.offset
                valueExpressions[name] = valueExpr
                checkAssignment(name, value, valueExpr)
                // `betas = arange(T) / T` then `betas *= hi - lo; betas += lo`: only the refined
                // value is the schedule.
                let refined = nextStatementRefines(name) || writtenByElement.contains(name)
                if case .array(let a, _) = value, !refined {
                    if ScheduleRole.of(name) == .betas { codeAssignedBetas.append((name, a)) }
                    checkScheduleArray(name, a, valueExpr, previous: previous?.array)
                }
                if case .tensor(let f) = value { checkForwardSampleAssignment(name, f, valueExpr) }
                // Only a β array whose other values are β's (not the inputs of a sigmoid schedule).
                // A zero put in front on purpose (`cat([zeros(1), betas])`) is padding, not a schedule.
                var padded = false
                valueExpr.walk { node in
                    guard case .call(let f, let args, _, _) = node, let n = f.dottedName?.split(separator: ".").last else { return }
                    if n == "zeros" || n == "zeros_like" { padded = true }
                    // `torch.cat([torch.tensor([0]), betas])`: a zero written out as a one-element table.
                    if ["tensor", "array", "Tensor", "FloatTensor", "asarray"].contains(String(n)), case .list(let items, _)? = args.first,
                       items.count == 1, case .number(0, _) = items[0] { padded = true }
                }
                if case .array(let a, _) = value, zeroPaddedTables.contains(a) { padded = true }
                // `linspace(0, 0.8, n)`: a range the note starts at 0 on purpose; the finding's
                // diagnosis, a cosine schedule one step early, is not what happened there.
                // A start given by a name that holds 0 (`linspace(beta_start, …)` with `beta_start = 0`
                // as a parameter's default) is a setting its callers give, here or in another file; the
                // table is judged with their values, not the placeholder's, so a root or power of such
                // a range (`linspace(beta_start, beta_end, T) ** 0.5`) is left alone too.
                var chosenStart = false
                valueExpr.walk { node in
                    guard case .call(let f, let args, let keywords, let at) = node, f.dottedName?.split(separator: ".").last == "linspace",
                          let start = args.first ?? keywords.first(where: { $0.0 == "start" })?.1 else { return }
                    if case .number(0, _) = start, case .call(_, _, _, at) = valueExpr { chosenStart = true }
                    if case .name(let n, _) = start, env[n]?.number == 0 { chosenStart = true }
                }
                // `1e-5 + (1 - cos(…)) * 0.01`, `linspace(0. + eps, …)`: a constant below 1e-4 added to a
                // table starting at 0 is its floor. The arithmetic drops such a constant as a guard, so
                // the table reads 0 there while the code's own first β is the floor.
                var floored = false
                valueExpr.walk { node in
                    guard case .binary(let op, let a, let b, _) = node, op == "+" || op == "-" else { return }
                    for side in [a, b] {
                        if case .number(let c, _) = side, c != 0, abs(c) < 1e-4 { floored = true }
                        if case .name(let n, _) = side, let c = env[n]?.number, c != 0, abs(c) < 1e-4 { floored = true }
                    }
                }
                // `betas = (0.0, 0.9)`: a pair written out is an optimiser's (β₁, β₂), not a schedule.
                let writtenPair: Bool = {
                    switch valueExpr {
                    case .tuple(let items, _), .list(let items, _):
                        return items.count == 2 && items.allSatisfy { if case .number = $0 { return true }; return false }
                    default: return false
                    }
                }()
                // A dummy β₀ = 0 put in front (steps counted 1…T) makes ᾱ₀ = 1 by design, as a
                // range started at 0 on purpose does.
                if chosenStart || padded, ScheduleRole.of(name) == .betas { betaStartsAtZeroByChoice = true }
                // The start chosen stays a choice wherever the table goes (`self.betas = betas`).
                if chosenStart, ScheduleRole.of(name) == .betas, case .array(let a, _) = value { zeroPaddedTables.insert(a) }
                if !padded, !refined, !chosenStart, !floored, !writtenPair, ScheduleRole.of(name) == .betas, case .array(let a, _) = value, a.count > 1, let first = a.first, first <= 0, first > -1e-12,
                   a.dropFirst().allSatisfy({ $0 > 0 && $0 <= 1 }) {
                    report(.zeroFirstBeta, valueExpr.offset, "the first β of '\(name)' is \(FormulaJudge.format(first)), so ᾱ₀ = 1 and the first step adds no noise: the schedule starts one step early",
                           fix: "β_t = 1 − ᾱ(t + 1)/ᾱ(t) for t = 0 … T − 1, with ᾱ(t) = f(t)/f(0)")
                }
            }
        case .tuple(let items, _), .list(let items, _):
            for item in items { assign(item, .unknown, valueExpr: nil) }
        case .subscripted(let base, _, _):
            // One element written: the interpreter does not follow the table element by element.
            // A number written element by element was a batch all along (`mask = torch.ones(n)`,
            // then `mask[t == 0] = 0`).
            if let name = base.dottedName, let held = env[name], held.array != nil || held.number != nil { env[name] = .unknown }
        default:
            break
        }
    }

    /// The names a block (with its nested blocks) assigns through a subscript, `a[t] = …` or
    /// `a[t] *= …`.
    static func namesWrittenByElement(_ statements: [PyStatement]) -> Set<String> {
        var names = Set<String>()
        func visit(_ list: [PyStatement]) {
            for s in list {
                switch s {
                case .assign(let targets, _, _):
                    for case .subscripted(let base, _, _) in targets { if let n = base.dottedName { names.insert(n) } }
                case .augmented(.subscripted(let base, _, _), _, _, _):
                    if let n = base.dottedName { names.insert(n) }
                default: break
                }
                if case .function = s { continue }
                s.nestedBodies.forEach(visit)
            }
        }
        visit(statements)
        return names
    }

    // MARK: Expressions

    func lookup(_ name: String) -> PyValue? {
        if let v = env[name] { return v }
        if let h = hyperparameters[name] { return .number(h) }
        return nil
    }

    mutating func evaluate(_ e: PyExpr) -> PyValue {
        evaluationsMade += 1
        if ranOutOfEvaluations { return .unknown }
        switch e {
        case .number(let v, _): return .number(v)
        case .name(let n, _):
            // Clean data loaded from a batch is the data input, whatever the loader returned.
            if Self.cleanDataNames.contains(n), !unknownArguments.contains(n), lookup(n) == nil || lookup(n)?.isUnknown == true { return .tensor(.input(.data)) }
            if let v = lookup(n) { return v }
            switch n {
            case "True": return .number(1)
            case "False": return .number(0)
            default: return .unknown
            }
        case .attribute(let base, let name, _):
            if let dotted = e.dottedName, let v = lookup(dotted) { return v }
            if name == "pi", Self.modules.contains(base.dottedName ?? "") { return .number(Double.pi) }
            if name == "e", Self.modules.contains(base.dottedName ?? "") { return .number(M_E) }
            if name == "shape" || name == "device" || name == "dtype" { return .unknown }
            let b = evaluate(base)
            // A diffusers UNet returns its prediction as `.sample`.
            if name == "sample", case .tensor(let f) = b, f.coefficient(.predictedNoise) != 0 { return b }
            if name == "T", case .array = b { return b }
            // `scheduler.alphas_cumprod` of a scheduler handed in (diffusers' attribute names): the
            // note's schedule, else Ho et al.'s, as for a table parameter.
            if case .unknown = b, case .name(let owner, _) = base, env[owner] != nil, !Self.modules.contains(owner), owner != "self",
               let role = ScheduleRole.of(name), [.betas, .alphas, .alphaBars].contains(role) {
                return .array(role.values(betas: scheduleBetas()), unsquaredCosine: nil)
            }
            return .unknown
        case .subscripted(let base, let items, _):
            // `alphas_cumprod.shape[0]`: the length of a table.
            if case .attribute(let owner, "shape", _) = base, items.count == 1, case .number(0, _) = items[0],
               case .array(let a, _) = evaluate(owner) { return .number(Double(a.count)) }
            let b = evaluate(base)
            guard items.count >= 1 else { return .unknown }
            // `schedule["posterior_variance"]`: the table a dictionary of the schedule holds under
            // that name, the posterior variance β̃ (0 at the first step, where ᾱ_{−1} = 1), as an
            // unbound name of that role stands for it.
            // A dictionary a call filled at the step (`exs = fs.extract(t, x.shape)`) holds the
            // values at that step, not the tables.
            if case .unknown = b, items.count == 1, case .string(let quoted, _) = items[0], !gathersAtStep(base),
               ScheduleRole.of(String(quoted.filter { $0 != "\"" && $0 != "'" })) == .posteriorVariance {
                return .array(ScheduleRole.posteriorVariance.values(betas: scheduleBetas()), unsquaredCosine: nil)
            }
            var item = items[items.count == 1 ? 0 : items.count - 1]
            // `ab_t[t, None, None, None]`: the step, then broadcasting axes.
            if items.count > 1, case .array = b, items.dropFirst().allSatisfy({ i in
                if case .name("None", _) = i { return true }
                if case .slice(nil, nil, nil, _) = i { return true }
                return false
            }) { item = items[0] }
            if case .array(let a, let tag) = b {
                if case .slice(let lo, let hi, let step, _) = item {
                    let l = lo.map { evaluate($0).number } ?? .some(nil)
                    let h = hi.map { evaluate($0).number } ?? .some(nil)
                    let s = step.map { evaluate($0).number } ?? .some(1)
                    guard let l, let h, let s, s == 1 else { return .unknown }
                    func clamp(_ x: Double?, _ d: Int) -> Int {
                        guard let x else { return d }
                        guard let i = safeInt(x) else { return d }
                        return max(0, min(a.count, i < 0 ? a.count + i : i))
                    }
                    let from = clamp(l, 0), to = clamp(h, a.count)
                    return .array(from < to ? Array(a[from..<to]) : [], unsquaredCosine: tag)
                }
                if case .other = item { return b }
                if let i = evaluate(item).uniformNumber {
                    guard let j = safeInt(i) else { return .unknown }
                    // A computed index below zero (`t - 1` at t = 0 of code that counts from 1)
                    // means the probe is outside the code's range, not Python's wrap-around.
                    if j < 0, !Self.isLiteralIndex(item) { return .unknown }
                    let k = j < 0 ? a.count + j : j
                    return k >= 0 && k < a.count ? .number(a[k]) : .unknown
                }
                return .unknown
            }
            for i in items { _ = evaluate(i) }
            if case .tensor = b { return b }
            // `coef[t][:, None, None, None]`: broadcasting a per-sample value keeps it.
            if case .number = b, items.allSatisfy({ item in
                if case .slice(nil, nil, nil, _) = item { return true }
                if case .name("None", _) = item { return true }
                if case .other = item { return true }
                return false
            }) { return b }
            // `t[0]` of a batch of steps (`torch.full((n,), i)`): every element is the step.
            if case .number = b, CodeAnalysis.readsTimestep(base), items.count == 1, Self.isLiteralIndex(items[0]) { return b }
            return .unknown
        case .binary(let op, let l, let r, let at):
            return binary(op, evaluate(l), evaluate(r), l, r, at: at)
        case .unary(let op, let x, _):
            let v = evaluate(x)
            if op == "-" { return binary("*", .number(-1), v, .number(-1, at: x.offset), x, at: x.offset) }
            if op == "not", let n = v.number { return .number(n == 0 ? 1 : 0) }
            return op == "+" ? v : .unknown
        case .compare(let ops, let operands, _):
            if ops.count == 1, ops[0] == "is" || ops[0] == "is not", case .name("None", _) = operands[1] {
                // `noise is None` for a value the interpreter holds is False.
                switch evaluate(operands[0]) {
                case .tensor, .array, .number: return .number(ops[0] == "is" ? 0 : 1)
                case .unknown: return .unknown
                }
            }
            let values = operands.map { evaluate($0).uniformNumber }
            guard values.allSatisfy({ $0 != nil }) else { return .unknown }
            var result = true
            for (k, op) in ops.enumerated() {
                // `is` and `is not` between numbers compare their values.
                let spelled = op == "is" ? "==" : (op == "is not" ? "!=" : op)
                guard let holds = Self.compares(spelled, values[k]!, values[k + 1]!) else { return .unknown }
                result = result && holds
            }
            return .number(result ? 1 : 0)
        case .boolean(let op, let items, _):
            let values = items.map { evaluate($0) }
            if values.allSatisfy({ $0.number != nil }) {
                let bools = values.map { $0.number! != 0 }
                return .number((op == "and" ? bools.allSatisfy { $0 } : bools.contains(true)) ? 1 : 0)
            }
            return .unknown
        case .conditional(let value, let test, let orElse, _):
            // `default if betas is None else betas`: a value the caller may pass, else the default.
            // Unless a caller's tensor is bound to the name (`q_sample(x0, t, noise=noise)`), what
            // it passes is not known here (a table stood in for it by its name); the default is
            // what the code computes.
            func passedTensor(_ name: String) -> Bool { if case .tensor? = lookup(name) { return true }; return false }
            if let name = Self.nameTestedForNone(test, is: true), orElse.dottedName == name, !passedTensor(name) { return evaluate(value) }
            if let name = Self.nameTestedForNone(test, is: false), value.dottedName == name, !passedTensor(name) { return evaluate(orElse) }
            if let n = evaluate(test).number { return n != 0 ? evaluate(value) : evaluate(orElse) }
            return Self.merged([evaluate(value), evaluate(orElse)])
        case .list(let items, _), .tuple(let items, _):
            let values = items.map { evaluate($0) }
            if !values.isEmpty, values.allSatisfy({ $0.number != nil }) { return .array(values.map { $0.number! }, unsquaredCosine: nil) }
            // `[[t]]`: one value, nested (a 1 × 1 batch of steps).
            if values.count == 1, case .array(let inner, _) = values[0], inner.count == 1 { return values[0] }
            return .unknown
        case .call(let callee, let args, let keywords, let at):
            return call(callee, args, keywords, at: at)
        case .string, .slice, .lambda, .other:
            return .unknown
        }
    }

    /// Whether `e` gives a tensor a new last axis (`x.unsqueeze(-1)`, `x[..., None]`).
    static func addsLastAxis(_ e: PyExpr) -> Bool {
        switch e {
        case .call(.attribute(_, let method, _), let args, _, _) where method == "unsqueeze" && args.count == 1:
            if case .unary("-", .number(1, _), _) = args[0] { return true }
            if case .number(-1, _) = args[0] { return true }
            return false
        case .subscripted(_, let items, _) where items.count >= 2:
            guard case .name("None", _) = items[items.count - 1] else { return false }
            if case .other = items[0] { return true }
            return false
        default:
            return false
        }
    }

    /// Whether an array's name says it is a table of the schedule (ᾱ, √(1 − ᾱ), a coefficient, a
    /// posterior variance), not a grid or a histogram.
    static func namesScheduleTable(_ dotted: String) -> Bool {
        if ScheduleRole.of(dotted) != nil { return true }
        let n = (dotted.split(separator: ".").last.map(String.init) ?? dotted).lowercased()
        return ["alpha", "beta", "sigma", "sqrt", "coef", "posterior", "cumprod", "snr", "var", "bar", "hat", "lambda", "gamma"].contains { n.contains($0) }
    }

    /// The first name inside `e`, outside any subscript, whose value is a whole array.
    func bareArrayName(in e: PyExpr) -> (String, Int)? {
        switch e {
        case .name, .attribute:
            if let n = e.dottedName, case .array(let a, _)? = lookup(n), a.count > 1 { return (n, e.offset) }
            if case .attribute(let b, _, _) = e { return bareArrayName(in: b) }
            return nil
        case .subscripted: return nil
        case .call(let f, let args, _, _):
            for a in args { if let r = bareArrayName(in: a) { return r } }
            if case .attribute(let b, _, _) = f { return bareArrayName(in: b) }
            return nil
        case .binary(_, let a, let b, _): return bareArrayName(in: a) ?? bareArrayName(in: b)
        case .unary(_, let a, _): return bareArrayName(in: a)
        default: return nil
        }
    }

    mutating func binary(_ op: String, _ a: PyValue, _ b: PyValue, _ le: PyExpr, _ re: PyExpr, at: Int) -> PyValue {
        func numeric(_ x: Double, _ y: Double) -> Double? {
            switch op {
            case "+": return x + y
            case "-": return x - y
            case "*": return x * y
            case "/": return y == 0 ? nil : x / y
            case "**": return pow(x, y)
            case "//": return y == 0 ? nil : (x / y).rounded(.down)
            case "%": return y == 0 ? nil : x - y * (x / y).rounded(.down)
            default: return nil
            }
        }
        // ᾱ_t = f(t)/f(0) or the ratio f(t)/f(t − 1): a cosine table divided by its own value at the
        // start (a number no smaller than any entry) or by another cosine table. A curve's cosine
        // divided by something else (`cos(u) / (1 + sin(u) ** 2)`, `y / 20`) is no schedule.
        if op == "/", case .array(let values, let tag?) = a {
            let normalisation: Bool
            switch b {
            case .array(_, let other): normalisation = other != nil
            case .number(let d): normalisation = d > 0 && d <= 1 && values.allSatisfy { $0 <= d * (1 + 1e-9) }
            default: normalisation = false
            }
            if normalisation { report(.cosineWithoutSquareCode, tag, "the cosine schedule uses cos where cos² belongs: f(t) = cos²((t/T + s)/(1 + s)·π/2)", fix: "torch.cos(…) ** 2") }
        }
        // `1 - alpha_bar_t + 1e-5`: a guard constant below 1e-4 keeps a root or a division finite; it is
        // no part of the formula, so the formula is judged without it (β_1 = 1e-4 itself stays).
        // Only a constant written as one: a literal, or a name such as `offset` or `eps` holding one;
        // a small computed value (σ_t² at t = 1) is part of the formula.
        if op == "+" || op == "-" {
            func isGuard(_ v: PyValue, _ e: PyExpr) -> Bool {
                guard case .number(let c) = v, c != 0, abs(c) < 1e-4 else { return false }
                if case .number = e { return true }
                if case .name(let n, _) = e { return ["offset", "eps", "epsilon", "delta", "tiny", "guard", "stab"].contains { n.lowercased().hasPrefix($0) } }
                return false
            }
            func isValue(_ v: PyValue) -> Bool { switch v { case .number, .array: return true; default: return false } }
            if isGuard(b, re), isValue(a) { return a }
            if op == "+", isGuard(a, le), isValue(b) { return b }
        }
        // Arrays follow IEEE arithmetic as NumPy and PyTorch do: 0/0 at one step is NaN there,
        // not an unknown array.
        func elementwise(_ x: Double, _ y: Double) -> Double? {
            switch op {
            case "/": return x / y
            case "//": return (x / y).rounded(.down)
            default: return numeric(x, y)
            }
        }
        switch (a, b) {
        case (.number(let x), .number(let y)):
            return numeric(x, y).map { .number($0) } ?? .unknown
        case (.array(let x, let tag), .number(let y)):
            let r = x.compactMap { elementwise($0, y) }
            // cos(u) + 1 = 2·cos²(u/2): the half-angle form is a squared cosine. A power other
            // than 2 (and 1) is a schedule the code chooses, not a square left out.
            let squared = (op == "**" && y != 1) || ((op == "+" || op == "-") && abs(y) == 1)
            return r.count == x.count ? .array(r, unsquaredCosine: squared ? nil : tag) : .unknown
        case (.number(let x), .array(let y, let tag)):
            let r = y.compactMap { elementwise(x, $0) }
            let squared = (op == "+" || op == "-") && abs(x) == 1
            return r.count == y.count ? .array(r, unsquaredCosine: squared ? nil : tag) : .unknown
        case (.array(let x, let t1), .array(let y, let t2)):
            if x.count == y.count {
                let r = zip(x, y).compactMap { elementwise($0, $1) }
                // `f = f * f`: the cosine times itself is its square.
                let squared = op == "*" && t1 != nil && t1 == t2 && x == y
                return r.count == x.count ? .array(r, unsquaredCosine: squared ? nil : t1 ?? t2) : .unknown
            }
            if x.count == 1 || y.count == 1 {
                let r = x.count == 1 ? y.compactMap { elementwise(x[0], $0) } : x.compactMap { elementwise($0, y[0]) }
                return .array(r, unsquaredCosine: t1 ?? t2)
            }
            return .unknown
        case (.tensor(let x), .tensor(let y)):
            if op == "+" || op == "-" { return .tensor(x.adding(y, sign: op == "+" ? 1 : -1)) }
            // `(1 - t) * x0 + t * x1` with a drawn t: the product is not affine, but the inputs of
            // both factors are still in it, each at a scale not known here.
            if op == "*" || op == "/" {
                var f = TensorForm(constant: .nan)
                for (k, v) in x.coefficients where v != 0 { f.coefficients[k] = .nan }
                for (k, v) in y.coefficients where v != 0 { f.coefficients[k] = .nan }
                return .tensor(f)
            }
            return .unknown
        case (.tensor(let x), .number(let y)):
            if op == "**", y == 2 { checkLossTarget(x, at: at); return .unknown }
            switch op {
            case "*": return .tensor(x.scaled(y))
            case "/": return y == 0 ? .unknown : .tensor(x.scaled(1 / y))
            case "+", "-": var f = x; f.constant += op == "+" ? y : -y; return .tensor(f)
            default: return .unknown
            }
        case (.number(let x), .tensor(let y)):
            switch op {
            case "*": return .tensor(y.scaled(x))
            case "+": var f = y; f.constant += x; return .tensor(f)
            case "-": var f = y.scaled(-1); f.constant += x; return .tensor(f)
            default: return .unknown
            }
        case (.tensor, .array(let arr, _)), (.array(let arr, _), .tensor):
            // A schedule holds a value per step; a vector of a few values (a VAE's per-dimension σ,
            // `exp(tensor([0.0, 0.0]))`) is the sample's own shape, not a schedule.
            // A table of zeros or of ones (`nn.Parameter(torch.zeros(d_model))`, a normalisation
            // layer's shift β and scale γ) holds no value per step: no schedule is all 0 or all 1.
            if arr.count >= 10, !(arr.allSatisfy { $0 == 0 } || arr.allSatisfy { $0 == 1 }) {
                let arrayExpr: PyExpr
                if case .array = a { arrayExpr = le } else { arrayExpr = re }
                // Only a table named as a schedule quantity: `grid - x` over a quantisation grid, or a
                // histogram's bins, is an array of another kind.
                let sampleExpr: PyExpr
                if case .array = a { sampleExpr = re } else { sampleExpr = le }
                // `(1 - lambdas) * z1.unsqueeze(-1)`: the sample is given a last axis for the table
                // to run along, every value of it at once (an interpolation's frames).
                if let (name, offset) = bareArrayName(in: arrayExpr), Self.namesScheduleTable(name), !Self.addsLastAxis(sampleExpr) {
                    report(.missingIndex, offset, "'\(name)' is the whole schedule (one value per step) combined with a sample here: index it with [t]", fix: "\(name)[t]")
                }
            }
            return .unknown
        case (.array(let x, _), .unknown) where op == "*" && x.count == 1:
            // `[t] * batch_size`: a batch at one step.
            if case .list = le { return a }
            return .unknown
        case (.number(0), .unknown), (.unknown, .number(0)):
            // A zero mask (improved-diffusion's `nonzero_mask` at t = 0) cancels what it multiplies.
            return op == "*" ? .number(0) : .unknown
        case (.tensor(let x), .unknown), (.unknown, .tensor(let x)):
            // Keep which inputs are present (a noise term of unknown scale is still noise).
            if op == "+" || op == "-" || op == "*" || op == "/" {
                var f = TensorForm(constant: .nan)
                // A zero coefficient (noise masked off at t = 0) stays zero whatever multiplies it.
                for k in x.coefficients.keys { f.coefficients[k] = op == "+" || op == "-" || x.coefficients[k]! == 0 ? x.coefficients[k]! : .nan }
                if op == "-", case .unknown = a { f = f.scaled(-1) }
                return .tensor(f)
            }
            return .unknown
        default:
            return .unknown
        }
    }
}
