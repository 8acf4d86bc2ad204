/// What a density's own formula may contain: the parameters of a Gaussian written for it, the
/// logarithm on both sides of an equation, and the logarithm inside a maximum-likelihood objective.
extension FormulaJudge {
    /// `f(A | C) = N(μ, Σ)` (or `∼`): μ and Σ are functions of what the density is given, C, so a
    /// state of the chain in them that is neither in C nor a target is a variable the density is
    /// not conditioned on. p(x_{t−1} | x_t) with a mean in x_0 is the posterior q(x_{t−1} | x_t, x_0);
    /// the model's estimates (x̂_0, x_θ, μ_θ(x_t, t)) are functions of x_t and stay allowed. The
    /// Gaussian is a density of the density's own target: N(x_t; …) for p(x_{t−1} | x_t) is written
    /// over the wrong state, and a mean in the target alone is no function of what it is given.
    func judgeGaussianConditions(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        guard let ev = DensityCalculus.indexEvaluator() else { return [] }
        for k in 1..<max(1, chain.sides.count) where ["=", "sim", ":=", "coloneqq"].contains(chain.relations[k - 1]) {
            guard let lhs = exprs[k - 1], let rhs = exprs[k], let (h, args) = lhs.asApplication, ["q", "p", "P"].contains(h.base), !args.isEmpty,
                  let (n, gaussianArgs) = rhs.asApplication, n.base == "N", n.subscriptText == nil, gaussianArgs.count >= 2 else { continue }
            var targets = Set<DensityVariable>(), conditions = Set<DensityVariable>()
            var given = false
            var readable = true
            for a in args {
                if a.separator == "|" || a.separator == ";" { given = true }
                guard let vs = DensityCalculus.variables(a.expr, [:], ev) else { readable = false; break }
                if given { conditions.formUnion(vs) } else { targets.formUnion(vs) }
            }
            // A marginal written with its Gaussian given x_0 (q(x_t) = N(√ᾱ_t·x_0, …)) is common shorthand
            // for q(x_t | x_0): only conditional densities are judged.
            guard readable, !targets.isEmpty, !conditions.isEmpty, targets.allSatisfy({ $0.stateIndex != nil }) else { continue }
            // Conditions at a step t + a stand for x_k at t = k − a: a case of the formula written for
            // t = 1 reads x_1 where the general one reads x_t.
            let offsets = args.filter { $0.separator == "|" || $0.separator == "," }.compactMap { a -> Int? in
                guard let s = a.expr.asSymbol, let sub = s.subscriptText, TimeIndex.subscriptWords(sub).contains("t"), let i = ev.index(sub) else { return nil }
                return i - ev.t
            }
            let parameters = gaussianParameters(gaussianArgs)
            let density = DensityCalculus.text(h, targets: targets, conditions: conditions, ev)
            // `N(x; μ, Σ)`: the Gaussian's variable written out before its parameters.
            let writesVariable = gaussianArgs.count == 3 && gaussianArgs[1].separator == ";"
            let variable = writesVariable ? DensityCalculus.variables(gaussianArgs[0].expr, [:], ev) : nil
            let meanStates = writesVariable ? Self.statesOutsideFunctions(gaussianArgs[1].expr, ev) : nil
            // `q(x_t | x_{t−1}) = N(x_{t−1}; x_t/√α_t, …)`, with the mean in the density's own
            // target, is the kernel rewritten as a function of the state it is given (a step of
            // the posterior's derivation), not a Gaussian over the wrong state.
            if let variable, variable.count == 1, let i = variable.first?.stateIndex, conditions.contains(.state(i)),
               let meanStates, !meanStates.isDisjoint(with: targets) {
                notes.structures += 1
                continue
            }
            // `p(x_{t−1} | x_t) = N(x_t; μ, Σ)`: the Gaussian is a density of another state.
            if let variable, variable.count == 1, let i = variable.first?.stateIndex, targets.count == 1, !targets.contains(.state(i)) {
                notes.structures += 1
                let written = Self.name(.state(i), ev)
                let target = targets.first.map { Self.name($0, ev) } ?? ""
                return [MathFinding(rule: .gaussianOutsideCondition, offset: chain.sides[k].start,
                                    message: "\(density) is a density of \(target), but its Gaussian is written over \(written): N(\(written); …) is a density of \(written)",
                                    fix: "N(\(target); …)")]
            }
            // `q(x_t | x_{t−1}) = N(x_t; √(1 − β_t)·x_t, β_t·I)`: a mean in the state the density
            // is of and in none it is given. Only the form with the variable written out is read,
            // and a state inside a function's arguments (μ(x_{t−1} | x_t, x_0)) only names it.
            if writesVariable, gaussianArgs[2].separator == ",",
               let own = meanStates, !own.isEmpty, own.isSubset(of: targets) {
                notes.structures += 1
                let name = own.sorted(by: >).map { Self.name($0, ev) }.joined(separator: ", ")
                let given = conditions.sorted(by: >).map { Self.name($0, ev) }.joined(separator: ", ")
                return [MathFinding(rule: .gaussianOutsideCondition, offset: chain.sides[k].start,
                                    message: "the mean of \(density)'s Gaussian reads \(name), the state it is a density of, and nothing it is given: its mean is a function of \(given)",
                                    fix: "write the mean in \(given)")]
            }
            // `p_t(x_t | z) = N(a_t x_0 + b_t x_1, σ²I)` with z = (x_0, x_1): a condition named by
            // another symbol may carry the states its parameters read.
            if conditions.contains(where: { $0.stateIndex == nil }) { notes.structures += 1; continue }
            var stray: MathSymbol?
            for e in [parameters.mean, parameters.variance].compactMap({ $0 }) {
                e.forEachSymbol { s in
                    guard stray == nil, s.base == "x" || s.base == "X", !s.isModel, s.decorations.isEmpty, s.label == nil,
                          let sub = s.subscriptText, !sub.contains(":"), let i = ev.index(sub) else { return }
                    guard !conditions.contains(.state(i)), !targets.contains(.state(i)) else { return }
                    if !TimeIndex.subscriptWords(sub).contains("t"), offsets.contains(where: { i - $0 >= 1 }) { return }
                    stray = s
                }
            }
            guard let s = stray else { notes.structures += 1; continue }
            notes.structures += 1
            let name = "x_" + (s.subscriptText.map { $0.count == 1 ? $0 : "{\($0)}" } ?? "")
            let widened = DensityCalculus.text(h, targets: targets, conditions: conditions.union([.state(ev.index(s.subscriptText) ?? 0)]), ev)
            return [MathFinding(rule: .gaussianOutsideCondition, offset: chain.sides[k].start,
                                message: "\(density) is not given \(name), yet its Gaussian's parameters read \(name): the parameters of a density are functions of what it is conditioned on, so this is the Gaussian of \(widened)",
                                fix: "write \(widened) = N(…), or put the model's estimate of \(name) (x̂_0(x_t, t)) in the parameters")]
        }
        return []
    }

    /// The states of the chain an expression reads outside the arguments of a function
    /// (`√ᾱ_t·x_0` reads x_0; `μ_θ(x_t, t)` reads none); nil for an expression that states a
    /// relation or holds an unreadable state.
    static func statesOutsideFunctions(_ e: MathExpr, _ ev: MathEvaluator) -> Set<DensityVariable>? {
        var states = Set<DensityVariable>()
        var readable = true
        func visit(_ e: MathExpr) {
            switch e {
            case .application: return
            case .symbol(let s):
                guard s.base == "x" || s.base == "X", !s.isModel, s.decorations.isEmpty, s.label == nil, let sub = s.subscriptText else { return }
                guard !sub.contains(":"), let i = ev.index(sub) else { readable = false; return }
                states.insert(.state(i))
            default:
                for child in e.children { visit(child) }
            }
        }
        visit(e)
        return readable ? states : nil
    }

    /// `log p̃(x | y) ∝ p(x | y)·p(y | x)^w`: a logarithm of densities on one side and a product of
    /// densities on the other. Neither = nor ∝ can hold between them: ∝ relates densities (the log
    /// of a product is the sum of the logs, plus a constant), so the log belongs on both sides or on
    /// neither.
    func judgeOneSidedLog(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        for k in 1..<max(1, chain.sides.count) where ["=", "propto", "varpropto"].contains(chain.relations[k - 1]) {
            guard let a = exprs[k - 1], let b = exprs[k] else { continue }
            for (log, product, offset) in [(a, b, chain.sides[k].start), (b, a, chain.sides[k - 1].start)] {
                guard Self.isLogOfDensities(log), Self.isProductOfDensities(product) else { continue }
                notes.structures += 1
                let relation = chain.relations[k - 1] == "=" ? "=" : "∝"
                return [MathFinding(rule: .logOnOneSide, offset: offset,
                                    message: "one side is the logarithm of a density, the other a product of densities with no logarithm: \(relation) cannot relate the two (the log of a product is the sum of the logs)",
                                    fix: "take the log of both sides: log p̃(x | y) = log p(x | y) + w·log p(y | x) + const, or drop it: p̃(x | y) ∝ p(x | y)·p(y | x)^w")]
            }
        }
        return []
    }

    static func isDensity(_ e: MathExpr) -> Bool {
        guard let (h, args) = e.asApplication else { return false }
        return ["q", "p", "P"].contains(h.base) && !args.isEmpty
    }

    /// Densities multiplied, divided and raised to powers (any exponent), with no logarithm.
    static func isProductOfDensities(_ e: MathExpr) -> Bool {
        switch e {
        case .application: return isDensity(e)
        case .product(let fs): return !fs.isEmpty && fs.allSatisfy(isProductOfDensities)
        case .quotient(let a, let b): return isProductOfDensities(a) && isProductOfDensities(b)
        case .power(let a, let x): return isProductOfDensities(a) && !x.contains { if case .function = $0 { return true } else { return false } }
        default: return false
        }
    }

    /// log of densities, or a sum of such logs with weights.
    static func isLogOfDensities(_ e: MathExpr) -> Bool {
        switch e {
        case .function(let name, let a, nil) where name == "log" || name == "ln": return isProductOfDensities(a)
        case .sum(let terms): return terms.allSatisfy { isLogOfDensities($0.term) }
        // `w·log p(y | x)`: a weight on one log. A symbol before a bracketed sum of logs,
        // `σ(log p(x | 1)/p(x | 0) + log p(1)/p(0))`, is a function of the log-odds, no weight.
        case .product(let fs):
            guard fs.count == 2, fs[0].contains(where: isDensity) == false else { return false }
            if case .sum = fs[1] { return false }
            return isLogOfDensities(fs[1])
        default: return false
        }
    }

    /// `θ* = argmax_θ E_{x_0}[p_θ(x_0)]`: maximum likelihood maximises the expected LOG-likelihood
    /// E[log p_θ(x_0)] (the log of the data set's likelihood ∏ p_θ(x^{(i)}), per sample). The mean of
    /// the density itself, ∫ p_data·p_θ, is another objective, with another maximiser.
    func judgeExpectedLikelihood(_ chain: FormulaChain) -> [MathFinding] {
        for side in chain.sides {
            let tokens = side.tokens
            // The reader drops `\max_θ` and `\min_θ` (the formula is read without the optimisation);
            // `\arg` stays and says that what follows is optimised over θ.
            guard let op = tokens.firstIndex(where: { $0.isCommand("arg") }) else { continue }
            let j = op + 1
            guard j < tokens.count, let e = FormulaSide.read(Array(tokens[j...])),
                  let (h, args) = e.asApplication, h.base == "E", args.count == 1,
                  let (p, pArgs) = args[0].expr.asApplication, p.base == "p", p.isModel, !pArgs.isEmpty else { continue }
            notes.structures += 1
            return [MathFinding(rule: .expectedLikelihood, offset: tokens[op].start,
                                message: "the objective optimises θ for the expected density E[p_θ(x_0)], not for the expected log-likelihood E[log p_θ(x_0)]: maximum likelihood is the mean of the logs (the log of ∏ p_θ(x^{(i)})), and the mean of the densities has another maximiser",
                                fix: "θ* = argmax_θ E_{x_0 ∼ q(x_0)}[log p_θ(x_0)]")]
        }
        return []
    }
}

extension FormulaJudge {
    /// `E_q[·] = E_{A ∼ q(A)}[E_{B ∼ q(B)}[·]]` for states A and B of the chain: the tower rule
    /// splits the joint expectation into an outer one over A and an inner one over B given A,
    /// E_{A ∼ q(A)}[E_{B ∼ q(B | A)}[·]]. With the marginal q(B) inside, the nested form averages
    /// over q(A)·q(B), which is the joint only for independent A and B, and the chain's states are not.
    func judgeNestedExpectation(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        for k in 1..<max(1, chain.sides.count) where chain.relations[k - 1] == "=" {
            guard let a = exprs[k - 1], let b = exprs[k] else { continue }
            for (joint, nested, offset) in [(a, b, chain.sides[k].start), (b, a, chain.sides[k - 1].start)] {
                guard let e = joint.asSymbol, e.base == "E", let js = e.subscriptText, js == "q" || js.contains("0:T"),
                      let (outer, outerArgs) = nested.asApplication, outer.base == "E", outerArgs.count == 1,
                      let (inner, innerArgs) = outerArgs[0].expr.asApplication, inner.base == "E", innerArgs.count == 1,
                      let o = outer.subscriptText.flatMap(Self.sampling), let i = inner.subscriptText.flatMap(Self.sampling),
                      o.variable.hasPrefix("x"), i.variable.hasPrefix("x"), o.variable != i.variable,
                      !i.density.contains("|"), !i.density.contains("mid") else { continue }
                notes.structures += 1
                return [MathFinding(rule: .marginalInNestedExpectation, offset: offset,
                                    message: "the inner expectation samples \(i.variable) from its marginal \(i.density) while the outer one samples \(o.variable): split from the joint expectation, the inner density must be conditioned on the outer variables (the chain's states are not independent)",
                                    fix: "E_q[·] = E_{A ∼ q(A)}[E_{B ∼ q(B | A)}[·]]")]
            }
        }
        return []
    }

    /// `x_t simq(x_t)` (a subscript's normalized text) → the sampled variable and its density.
    static func sampling(_ sub: String) -> (variable: String, density: String)? {
        guard let r = sub.range(of: "sim") else { return nil }
        let density = String(sub[r.upperBound...]), variable = String(sub[..<r.lowerBound])
        guard density.hasPrefix("q(") || density.hasPrefix("p(") else { return nil }
        return (variable, density)
    }
}
