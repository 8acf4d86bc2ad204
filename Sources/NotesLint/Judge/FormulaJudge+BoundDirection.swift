/// The direction of the variational bound. For any q(x_{1:T} | x_0),
///
///     log p_θ(x_0) = E_q[log p_θ(x_{0:T}) − log q(x_{1:T} | x_0)] + D_KL(q(x_{1:T} | x_0) ‖ p_θ(x_{1:T} | x_0)),
///
/// and the KL term is ≥ 0, so the log-likelihood is at least the ELBO (Jensen's inequality), and
/// −log p_θ(x_0) is at most the negative ELBO. A chain that puts the log-likelihood below the ELBO
/// states the bound the wrong way round.
extension FormulaJudge {
    /// The relation a run of relations states between its first and last side: `le`, `ge`, or
    /// nil when it mixes directions or holds a relation that is not an order (`≈`, `∝`, `⇒`).
    static func direction(of relations: ArraySlice<String>) -> String? {
        var result: String?
        for r in relations {
            let step: String?
            switch r {
            case "le", "leq", "<", "leqslant": step = "le"
            case "ge", "geq", ">", "geqslant": step = "ge"
            default:
                guard equalities.contains(r), r != "sim" else { return nil }
                step = nil
            }
            if let step {
                if let result, result != step { return nil }
                result = step
            }
        }
        return result
    }

    /// The signs with which the logarithm of a density matching `target` enters `e`: through sums,
    /// positive weights, expectations and sums over steps, and the numerator or denominator of a
    /// log-ratio. A place where the sign cannot be followed (a power, a norm) is left out.
    static func logSigns(_ e: MathExpr, sign: Int = 1, insideLog: Bool = false, _ target: (MathExpr) -> Bool) -> [Int] {
        if insideLog, target(e) { return [sign] }
        switch e {
        case .sum(let terms):
            return terms.flatMap { logSigns($0.term, sign: $0.negated ? -sign : sign, insideLog: insideLog, target) }
        case .product(let factors):
            let flips = factors.filter { if case .number(let v) = $0 { return v < 0 }; return false }.count
            let s = flips % 2 == 0 ? sign : -sign
            return factors.flatMap { logSigns($0, sign: s, insideLog: insideLog, target) }
        case .quotient(let a, let b):
            return logSigns(a, sign: sign, insideLog: insideLog, target) + (insideLog ? logSigns(b, sign: -sign, insideLog: true, target) : [])
        case .function(let name, let arg, let power):
            guard power == nil, name == "log" || name == "ln" else { return [] }
            return logSigns(arg, sign: sign, insideLog: true, target)
        case .application(let head, let args):
            // An expectation is linear and positive; a density's arguments are not log terms.
            guard head.base == "E" else { return [] }
            return args.flatMap { $0.separator == "(" || $0.separator == "[" || args.count == 1 ? logSigns($0.expr, sign: sign, insideLog: insideLog, target) : [] }
        case .bigOperator(let op, _, _, _, let body):
            return op == "sum" ? logSigns(body, sign: sign, insideLog: insideLog, target) : []
        default:
            return []
        }
    }

    /// One sign when every occurrence agrees.
    static func uniqueSign(_ signs: [Int]) -> Int? {
        guard let s = signs.first, signs.allSatisfy({ $0 == s }) else { return nil }
        return s
    }

    /// A model density of the states named by `subscript` alone (`p_θ(x_0)`, `p(x_{0:T})`).
    static func isModelDensity(_ e: MathExpr, of states: String) -> Bool {
        guard let (h, args) = e.asApplication, ["p", "P"].contains(h.base), args.count == 1,
              let s = args[0].expr.asSymbol, ["x", "X"].contains(s.base) else { return false }
        return s.subscriptText == states
    }

    /// The forward posterior of the latents, q(x_{1:T} | x_0).
    static func isForwardLatents(_ e: MathExpr) -> Bool {
        guard let (h, args) = e.asApplication, h.base == "q", args.count == 2, args[1].separator == "|",
              let target = args[0].expr.asSymbol, let given = args[1].expr.asSymbol else { return false }
        return target.subscriptText == "1:T" && given.subscriptText == "0"
    }

    /// The tokens without `\max_θ`, `\min_θ` (and `\arg` before them), subscript included.
    static func withoutOptimisation(_ tokens: [TexToken]) -> [TexToken] {
        var out: [TexToken] = []
        var i = 0
        while i < tokens.count {
            guard tokens[i].isCommand("max") || tokens[i].isCommand("min") || tokens[i].isCommand("arg") else { out.append(tokens[i]); i += 1; continue }
            i += 1
            guard i < tokens.count, tokens[i].isChar("_") else { continue }
            i += 1
            if i < tokens.count, tokens[i].isChar("{") {
                var depth = 0
                while i < tokens.count {
                    if tokens[i].isChar("{") { depth += 1 }
                    if tokens[i].isChar("}") { depth -= 1; if depth == 0 { i += 1; break } }
                    i += 1
                }
            } else {
                i += 1
            }
        }
        return out
    }

    /// A model density of the data given something else: `p_θ(x_0 | x_1)`, `p_θ(x_0^i | x_t)`.
    static func isDataGivenLatents(_ e: MathExpr) -> Bool {
        guard let (h, args) = e.asApplication, ["p", "P"].contains(h.base), args.count == 2, args[1].separator == "|" else { return false }
        var target = args[0].expr
        if case .power(let base, _) = target { target = base }
        guard let s = target.asSymbol, ["x", "X"].contains(s.base) else { return false }
        return s.subscriptText == "0"
    }

    static func mentionsKL(_ e: MathExpr) -> Bool {
        var found = false
        e.forEachSymbol { s in
            if s.base == "KL" || s.base == "DKL" || (s.base == "D" && (s.subscriptText?.contains("KL") ?? false)) { found = true }
        }
        return found
    }

    /// Sides of a chain that are the log-likelihood (sign of log p_θ(x_0)) or the ELBO (sign of
    /// log p_θ(x_{0:T}), with log q(x_{1:T} | x_0) of the opposite sign and no KL term beside it).
    func judgeBoundDirection(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        guard chain.sides.count > 1, chain.relations.contains(where: { Self.direction(of: [$0][...]) != nil }) else { return [] }
        var likelihood: [Int: Int] = [:], bound: [Int: Int] = [:], reconstruction: [Int: Int] = [:]
        for (k, side) in chain.sides.enumerated() {
            // `max_θ A ≤ max_θ B` compares the same quantities as A and B: the max is read away.
            let tokens = Self.withoutOptimisation(side.tokens)
            guard let e = tokens.count == side.tokens.count ? exprs[k] : FormulaSide.read(tokens), !Self.mentionsKL(e) else { continue }
            let joint = Self.logSigns(e) { Self.isModelDensity($0, of: "0:T") }
            let latents = Self.logSigns(e, Self.isForwardLatents)
            let data = Self.logSigns(e) { Self.isModelDensity($0, of: "0") }
            if data.isEmpty, let s = Self.uniqueSign(joint), let r = Self.uniqueSign(latents), r == -s { bound[k] = s }
            if joint.isEmpty, latents.isEmpty, let s = Self.uniqueSign(data) { likelihood[k] = s }
            if joint.isEmpty, latents.isEmpty, data.isEmpty, let s = Self.uniqueSign(Self.logSigns(e, Self.isDataGivenLatents)) { reconstruction[k] = s }
        }
        var findings: [MathFinding] = []
        // A bound between the log-likelihood and a weighted log-likelihood of the data given the
        // latents (the masked-diffusion bound, a decoder term) relates two quantities of the same
        // sign; with the signs opposite it compares log p_θ(x_0) ≤ 0 with a cross-entropy ≥ 0.
        for (i, s) in likelihood.sorted(by: { $0.key < $1.key }) {
            for (j, r) in reconstruction.sorted(by: { $0.key < $1.key }) where r == -s && i != j {
                let (first, last) = (min(i, j), max(i, j))
                guard Self.direction(of: chain.relations[first..<last]) != nil else { continue }
                findings.append(MathFinding(
                    rule: .boundDirection, offset: chain.sides[last].start,
                    message: "the bound relates \(s > 0 ? "log p_θ(x_0)" : "−log p_θ(x_0)") to a side where the model's log-density of the data enters with the opposite sign: a variational bound keeps the sign (the log-likelihood is at least the expected log-likelihood of the data given the latents, less any prior term), so as written it compares a log-probability with a cross-entropy and the minus sign is misplaced",
                    fix: s > 0 ? "log p_θ(x_0) ≥ E[… log p_θ(x_0 | …)]" : "−log p_θ(x_0) ≤ −E[… log p_θ(x_0 | …)]"))
            }
        }
        for (i, s) in likelihood.sorted(by: { $0.key < $1.key }) {
            for (j, b) in bound.sorted(by: { $0.key < $1.key }) where b == s && i != j {
                let (first, last) = (min(i, j), max(i, j))
                guard let stated = Self.direction(of: chain.relations[first..<last]) else { continue }
                // log p ≥ ELBO; −log p ≤ −ELBO. Read with the likelihood on the left.
                let statedFromLikelihood = i < j ? stated : (stated == "le" ? "ge" : "le")
                let required = s > 0 ? "ge" : "le"
                guard statedFromLikelihood != required else { continue }
                let text = s > 0 ? "log p_θ(x_0) ≥ E_q[log p_θ(x_{0:T}) − log q(x_{1:T} | x_0)]" : "−log p_θ(x_0) ≤ E_q[log q(x_{1:T} | x_0) − log p_θ(x_{0:T})]"
                findings.append(MathFinding(
                    rule: .boundDirection, offset: chain.sides[last].start,
                    message: "the variational bound is stated the wrong way round: log p_θ(x_0) equals the ELBO plus a KL divergence, which is ≥ 0, so \(s > 0 ? "the log-likelihood is at least the ELBO" : "the negative log-likelihood is at most the negative ELBO")",
                    fix: text))
            }
        }
        return findings
    }
}
