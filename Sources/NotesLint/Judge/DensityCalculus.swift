import Reference

/// A random variable a density is written over: a state of the chain at its time index (`x_{t−1}`
/// at the probe's t, `x_{1:T}` one state per index), or another variable named by its symbol
/// (`y`, `c`, an `x` without index).
enum DensityVariable: Hashable, Comparable {
    case state(Int)
    case named(String)

    var stateIndex: Int? {
        if case .state(let i) = self { return i }
        return nil
    }
}

/// One density of a side, raised to a whole power: numerator factors count +1, denominator
/// factors −1, a term `−log f` of a sum of logs −1.
struct SignedDensity {
    /// `q`, `p` or `P` with its decorations and subscript as written (`p_theta`, `q_sigma`).
    var head: MathSymbol
    var targets: [DensityVariable]
    var conditions: Set<DensityVariable>
    var power: Int

    /// The model's chain (p_θ, p̂) rather than the data's (q, p).
    var isModel: Bool { head.isModel }
}

/// A side of an equation between densities: a product (with quotients and whole powers) of
/// densities, or a sum of their logarithms, possibly under one expectation.
struct DensitySide {
    enum Form { case product, logarithm }
    var factors: [SignedDensity]
    var form: Form
    /// The subscript of an expectation around the whole side, `q` for `E_q[…]`; nil without one.
    var expectation: String?
}

/// Reads sides of density equations and compares them by the calculus of densities: the chain
/// rule, Bayes' rule and the Markov property of the chain.
///
/// Two necessary conditions are checked. Variable balance: a density of A given C scales as
/// 1/|A| when the variables of A are rescaled (its conditions carry no Jacobian), so both sides of
/// an identity must have the same net targets, Σ power·(targets of each factor), as multisets. A
/// marginal p(x_0) set equal to the joint p_θ(x_T)∏p_θ(x_{t−1} | x_t) fails it (the latents are
/// not integrated out), and so does q(x_t, x_0) where q(x_t | x_0) belongs. Joint equality: each
/// factor f(A | C) is f(A ∪ C)/f(C), after the Markov property has widened C with every state
/// beyond its nearest conditions on either side; both sides must then be the same signed
/// collection of joints.
enum DensityCalculus {
    /// Ranges longer than this are not expanded: with T = 47 no range of the chain comes near it,
    /// and a literal bound in the thousands would cost a quadratic number of Markov completions.
    static let maximumRange = 500

    /// Index arithmetic only: T = 47 and t = 23, odd values no note writes as a literal index, so
    /// x_t, x_{t±1}, x_T and x_0, x_1, x_2 stay distinct while products over 1…T expand to few factors.
    static func indexEvaluator() -> MathEvaluator? {
        guard let schedule = try? NoiseSchedule<Double>.linear(timesteps: 47) else { return nil }
        return MathEvaluator(schedule: PaperSchedule(reference: schedule), t: 23, convention: .ddpm)
    }

    /// The side, or nil when it holds anything but densities of readable variables multiplied,
    /// divided, raised to whole powers, or logs of such added and subtracted (one expectation
    /// around the whole side allowed). Products and sums over an index are expanded at the
    /// evaluator's probe.
    static func side(_ e: MathExpr, _ ev: MathEvaluator) -> DensitySide? {
        if let (h, args) = e.asApplication, h.base == "E", args.count == 1 {
            guard var inner = side(args[0].expr, ev), inner.expectation == nil else { return nil }
            inner.expectation = h.subscriptText ?? ""
            return inner
        }
        var factors: [SignedDensity] = []
        if isLogarithmic(e) {
            guard logTerm(e, 1, [:], ev, &factors), !factors.isEmpty else { return nil }
            return DensitySide(factors: factors, form: .logarithm)
        }
        guard product(e, 1, [:], ev, &factors), !factors.isEmpty else { return nil }
        return DensitySide(factors: factors, form: .product)
    }

    /// Whether the expression is made of logarithms added together (the log form of a side).
    static func isLogarithmic(_ e: MathExpr) -> Bool {
        switch e {
        case .function(let name, _, nil): return name == "log" || name == "ln"
        case .sum(let terms): return terms.allSatisfy { isLogarithmic($0.term) }
        case .bigOperator("sum", _, _, _, let body): return isLogarithmic(body)
        case .product(let fs): return fs.count == 2 && isWholeNumber(fs[0]) != nil && isLogarithmic(fs[1])
        default: return false
        }
    }

    static func isWholeNumber(_ e: MathExpr) -> Int? {
        guard case .number(let v) = e, v == v.rounded(), abs(v) <= 8 else { return nil }
        return Int(v)
    }

    private static func logTerm(_ e: MathExpr, _ power: Int, _ bound: [String: Int], _ ev: MathEvaluator, _ out: inout [SignedDensity]) -> Bool {
        switch e {
        case .function(let name, let argument, nil) where name == "log" || name == "ln":
            return product(argument, power, bound, ev, &out)
        case .sum(let terms):
            return terms.allSatisfy { logTerm($0.term, $0.negated ? -power : power, bound, ev, &out) }
        case .product(let fs) where fs.count == 2:
            guard let k = isWholeNumber(fs[0]) else { return false }
            return logTerm(fs[1], power * k, bound, ev, &out)
        case .bigOperator("sum", let index?, let lower?, let upper?, let body):
            guard let range = range(index, lower, upper, bound, ev) else { return false }
            return range.allSatisfy { n in logTerm(body, power, bound.merging([index: n]) { $1 }, ev, &out) }
        default:
            return false
        }
    }

    private static func product(_ e: MathExpr, _ power: Int, _ bound: [String: Int], _ ev: MathEvaluator, _ out: inout [SignedDensity]) -> Bool {
        switch e {
        case .application(let h, let args) where ["q", "p", "P"].contains(h.base):
            guard let d = density(h, args, power, bound, ev) else { return false }
            out.append(d)
            return true
        case .product(let fs):
            return fs.allSatisfy { product($0, power, bound, ev, &out) }
        case .quotient(let a, let b):
            return product(a, power, bound, ev, &out) && product(b, -power, bound, ev, &out)
        case .power(let a, let exponent):
            guard let k = isWholeNumber(exponent), k != 0 else { return false }
            return product(a, power * k, bound, ev, &out)
        case .bigOperator("prod", let index?, let lower?, let upper?, let body):
            guard let range = range(index, lower, upper, bound, ev) else { return false }
            return range.allSatisfy { n in product(body, power, bound.merging([index: n]) { $1 }, ev, &out) }
        default:
            return false
        }
    }

    /// n = lower … upper at the probe (empty when upper < lower); `∏_i^t` starts at 1.
    static func range(_ index: String, _ lower: MathExpr, _ upper: MathExpr, _ bound: [String: Int], _ ev: MathEvaluator) -> [Int]? {
        var ev = ev
        guard bound.isEmpty,
              let lo = lower.asSymbol?.base == index ? 1 : ev.evaluate(lower).flatMap({ $0.isFinite && abs($0) < 1e6 ? Int($0.rounded()) : nil }),
              let hi = ev.evaluate(upper).flatMap({ $0.isFinite && abs($0) < 1e6 ? Int($0.rounded()) : nil }),
              abs(hi - lo) < maximumRange else { return nil }
        // `∏_{t=T−1}^{0}`: a range written from the top down to a fixed first step, as the reverse
        // chain runs; read as the same set of steps.
        if lo > hi, case .number = upper { return Array(hi...lo) }
        return lo <= hi ? Array(lo...hi) : []
    }

    private static func density(_ h: MathSymbol, _ args: [MathArgument], _ power: Int, _ bound: [String: Int], _ ev: MathEvaluator) -> SignedDensity? {
        guard !args.isEmpty else { return nil }
        var targets: [DensityVariable] = [], conditions = Set<DensityVariable>()
        var given = false
        var parameters = false
        for a in args {
            if a.separator == "|" { given = true }
            // `p(x_t | x_{t+1}; θ)`: what follows the semicolon parametrises the density; it is no
            // random variable of the chain.
            if a.separator == ";" { parameters = true }
            if parameters { continue }
            guard let vs = variables(a.expr, bound, ev) else { return nil }
            if given { conditions.formUnion(vs) } else { targets += vs }
        }
        // A density of a variable given itself is a point mass: the range checks report it.
        guard !targets.isEmpty, Set(targets).count == targets.count, conditions.isDisjoint(with: targets) else { return nil }
        return SignedDensity(head: h, targets: targets, conditions: conditions, power: power)
    }

    /// The variables one argument names, or nil when it is not a variable (an expression, a value,
    /// a model output such as x̂_0).
    static func variables(_ e: MathExpr, _ bound: [String: Int], _ ev: MathEvaluator) -> [DensityVariable]? {
        guard let s = e.asSymbol ?? e.asApplication.flatMap({ $0.args.isEmpty ? $0.head : nil }), s.label == nil else { return nil }
        let isState = s.base == "x" || s.base == "X"
        if isState, s.isModel { return nil }
        let name = ([s.base] + s.decorations.sorted()).joined(separator: "·")
        guard var sub = s.subscriptText else { return [.named(name)] }
        guard isState, s.decorations.subtracting(["bold"]).isEmpty else {
            return sub.allSatisfy({ $0.isLetter || $0.isNumber }) ? [.named(name + "_" + sub)] : nil
        }
        for (k, v) in bound { sub = FormulaJudge.substitute(k, v, in: sub) }
        let parts = sub.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 2 {
            guard let a = ev.index(parts[0]), let b = ev.index(parts[1]), a <= b, b - a < maximumRange else { return nil }
            return (a...b).map { .state($0) }
        }
        guard parts.count == 1 else { return nil }
        if let i = ev.index(sub) { return [.state(i)] }
        return sub.allSatisfy({ $0.isLetter }) ? [.named(name + "_" + sub)] : nil
    }

    /// `q(x_{t−1} | x_t, x_0)`, `p_θ(x_0)` at the index evaluator.
    static func text(_ head: MathSymbol, targets: Set<DensityVariable>, conditions: Set<DensityVariable>, _ ev: MathEvaluator) -> String {
        let f = SignedDensity(head: head, targets: targets.sorted(by: >), conditions: conditions, power: 1)
        return FormulaJudge.text(f, ev)
    }

    // MARK: - Balance

    /// Σ power·targets, per variable, without the zeros.
    static func netTargets(_ factors: [SignedDensity]) -> [DensityVariable: Int] {
        var net: [DensityVariable: Int] = [:]
        for f in factors { for v in f.targets { net[v, default: 0] += f.power } }
        return net.filter { $0.value != 0 }
    }

    // MARK: - Joints

    struct JointKey: Hashable {
        var family: String
        var variables: [DensityVariable]
    }

    /// The signed joints of the factors, each f(A | C) read as f(A ∪ C)/f(C) once the Markov
    /// property has given C every state of `present` beyond its nearest conditions (a chain read
    /// forward or backward forgets the states beyond the nearest one it is given on each side;
    /// states between a condition and the targets matter and are not added). `family` names the
    /// chain a factor belongs to in the reading being tried.
    static func joints(_ factors: [SignedDensity], present: Set<Int>, family: (SignedDensity) -> String) -> [JointKey: Int] {
        var out: [JointKey: Int] = [:]
        for f in factors.flatMap(splitAtGivenStates) {
            var conditions = f.conditions
            let targetStates = f.targets.compactMap(\.stateIndex)
            let conditionStates = conditions.compactMap(\.stateIndex)
            if let low = targetStates.min(), let high = targetStates.max(), !conditionStates.contains(where: { $0 > low && $0 < high }) {
                let nearest = nearestStates(conditionStates, around: low, high)
                if let below = nearest.below { conditions.formUnion(present.filter { $0 < below }.map { .state($0) }) }
                if let above = nearest.above { conditions.formUnion(present.filter { $0 > above }.map { .state($0) }) }
            }
            let name = family(f)
            out[JointKey(family: name, variables: Set(f.targets).union(conditions).sorted()), default: 0] += f.power
            if !conditions.isEmpty { out[JointKey(family: name, variables: conditions.sorted()), default: 0] -= f.power }
        }
        return out.filter { $0.value != 0 }
    }

    /// f(A, B | C) as f(A | C)·f(B | C) when a state given in C lies between the states of A and
    /// those of B: a Markov chain, read either way, makes what lies on the two sides of a given
    /// state independent (q(x_t, x_0 | x_{t−1}) = q(x_t | x_{t−1})·q(x_0 | x_{t−1})). A factor with a
    /// target that is no state (a label, a condition) is kept whole.
    static func splitAtGivenStates(_ f: SignedDensity) -> [SignedDensity] {
        let targetStates = f.targets.compactMap(\.stateIndex).sorted()
        guard targetStates.count == f.targets.count, targetStates.count >= 2 else { return [f] }
        let given = f.conditions.compactMap(\.stateIndex)
        var runs: [[Int]] = [[targetStates[0]]]
        for (previous, next) in zip(targetStates, targetStates.dropFirst()) {
            if given.contains(where: { $0 > previous && $0 < next }) { runs.append([next]) } else { runs[runs.count - 1].append(next) }
        }
        guard runs.count > 1 else { return [f] }
        return runs.map { run in
            var part = f
            part.targets = run.map { .state($0) }
            return part
        }
    }

    /// The states either side mentions.
    static func presentStates(_ sides: [DensitySide]) -> Set<Int> {
        var s = Set<Int>()
        for side in sides { for f in side.factors { s.formUnion(f.targets.compactMap(\.stateIndex)); s.formUnion(f.conditions.compactMap(\.stateIndex)) } }
        return s
    }

    /// Whether the sides are the same density under some reading of the families: q, p and P as the
    /// data's chain and p_θ as the model's, or all as one chain (notes write p_θ(x_T) and p(x_T)
    /// for the same prior, p and q for the same forward chain).
    static func sameJoints(_ a: DensitySide, _ b: DensitySide) -> Bool {
        // The Markov property lets a conditional also be given the states beyond its nearest
        // conditions, which matches a joint over all of them; a side of plain joints
        // (q(x_t, x_{t−1}, x_0)/q(x_{t−1}, x_0)) matches without: both are tried.
        let readings: [(SignedDensity) -> String] = [{ $0.isModel ? "model" : "data" }, { _ in "one" }]
        return [presentStates([a, b]), []].contains { present in readings.contains { family in
            let ja = joints(a.factors, present: present, family: family), jb = joints(b.factors, present: present, family: family)
            if ja == jb { return true }
            // q(x_{t−1} | x_t) q(x_t)/q(x_{t−1}) and q(x_{t−1} | x_t, x_0) q(x_t | x_0)/q(x_{t−1} | x_0) are
            // both one conditional, q(x_t | x_{t−1}) and q(x_t | x_{t−1}, x_0): equal by the Markov property.
            guard let ca = markovConditional(ja), let cb = markovConditional(jb) else { return false }
            return ca == cb
        } }
    }

    /// The given states the Markov property keeps for targets spanning `low`…`high`: the nearest
    /// one below and the nearest one above (a chain, read either way, forgets the states beyond).
    static func nearestStates(_ states: [Int], around low: Int, _ high: Int) -> (below: Int?, above: Int?) {
        (states.filter { $0 < low }.max(), states.filter { $0 > high }.min())
    }

    /// A net ratio of two joints of one family, f(A ∪ C)/f(C), as the conditional f(A | C) with C
    /// cut to what the Markov property keeps (the nearest state on each side of A, and every
    /// named variable); nil for anything else.
    static func markovConditional(_ joints: [JointKey: Int]) -> JointKey? {
        guard joints.count == 2, let top = joints.first(where: { $0.value == 1 })?.key, let bottom = joints.first(where: { $0.value == -1 })?.key,
              top.family == bottom.family, Set(bottom.variables).isStrictSubset(of: Set(top.variables)) else { return nil }
        let targets = Set(top.variables).subtracting(bottom.variables)
        let targetStates = targets.compactMap(\.stateIndex)
        guard let low = targetStates.min(), let high = targetStates.max() else { return nil }
        let conditionStates = bottom.variables.compactMap(\.stateIndex)
        // A condition between the targets is not forgotten: no reduction is known.
        guard !conditionStates.contains(where: { $0 > low && $0 < high }) else { return nil }
        var kept = Set(bottom.variables.filter { $0.stateIndex == nil })
        let nearest = nearestStates(conditionStates, around: low, high)
        for state in [nearest.below, nearest.above].compactMap({ $0 }) { kept.insert(.state(state)) }
        return JointKey(family: top.family, variables: targets.sorted() + [.named("|")] + kept.sorted())
    }
}
