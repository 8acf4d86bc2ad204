/// The sign of a KL term. D_KL(q ‖ p) = E_q[log q − log p], so the log-ratio log(p/q) averaged
/// under q is −D_KL(q ‖ p). A derivation step that rewrites E_q[log p/q] as +D_KL(q ‖ p) (or the
/// reverse) flips the sign of the term; for the variational bound it turns the ELBO into a quantity
/// that grows with the mismatch it should penalise.
///
/// The name of the bound carries a sign as well: the ELBO is E_q[log p_θ(x_{0:T}) − log q(x_{1:T} |
/// x_0)], the negative ELBO (the variational bound L_VLB) is its negative.
extension FormulaJudge {
    /// A density read as a key for comparing two sides: family and states (`q(x_t | x_0)`).
    static func densityKey(_ e: MathExpr) -> String? {
        guard let (h, args) = e.asApplication, ["p", "q"].contains(h.base), !args.isEmpty else { return nil }
        var text = ""
        for a in args {
            guard let v = DensityAlgebra.variables(a.expr) else { return nil }
            text += (text.isEmpty ? "" : (a.separator == "|" ? " | " : ", ")) + v.joined(separator: ", ")
        }
        return h.base + "(" + text + ")"
    }

    /// The coefficient of log A − log B, for each pair of densities written as a log-ratio or as a
    /// KL term of a side, keyed with the pair in a fixed order. nil when a KL or a log-ratio cannot
    /// be followed (a power, a product of densities under the log).
    static func divergenceSigns(_ e: MathExpr) -> [String: Set<Int>]? {
        var out: [String: Set<Int>] = [:]
        var unreadable = false
        func record(_ a: String, _ b: String, _ sign: Int) {
            guard a != b else { return }
            if a < b { out["\(a) ‖ \(b)", default: []].insert(sign) } else { out["\(b) ‖ \(a)", default: []].insert(-sign) }
        }
        func visit(_ e: MathExpr, _ sign: Int) {
            switch e {
            case .sum(let terms):
                terms.forEach { visit($0.term, $0.negated ? -sign : sign) }
            case .product(let fs):
                let flips = fs.filter { if case .number(let v) = $0 { return v < 0 }; return false }.count
                fs.forEach { visit($0, flips % 2 == 0 ? sign : -sign) }
            case .function("log", .quotient(let a, let b), nil):
                if let ka = densityKey(a), let kb = densityKey(b) { record(ka, kb, sign) }
            case .application(let h, let args) where ["D", "KL", "DKL"].contains(h.base) && (h.base != "D" || (h.subscriptText?.contains("KL") ?? false)):
                guard args.count == 2 else { unreadable = true; return }
                if let ka = densityKey(args[0].expr), let kb = densityKey(args[1].expr) { record(ka, kb, sign) } else { unreadable = true }
            case .application(let h, let args) where h.base == "E":
                args.forEach { visit($0.expr, sign) }
            case .bigOperator("sum", _, _, _, let body):
                visit(body, sign)
            default:
                return
            }
        }
        visit(e, 1)
        return unreadable ? nil : out
    }

    /// +1 for a side that is the name `ELBO` (letters, `\mathrm{ELBO}`, `\text{ELBO}`), −1 for
    /// `−ELBO` or `NELBO`; nil for anything else.
    static func elboName(_ side: FormulaSide) -> Int? {
        var letters = ""
        var sign = 1
        for t in side.tokens {
            switch t.kind {
            case .char(let c) where c.isLetter: letters.append(c)
            case .char("-") where letters.isEmpty: sign = -sign
            case .char("{"), .char("}"): continue
            case .command(let name) where ["mathrm", "operatorname", "textrm", "mathit", "mathbf"].contains(name): continue
            default: return nil
            }
        }
        if letters == "ELBO" { return sign }
        if letters == "NELBO" { return -sign }
        return nil
    }

    /// The sign of the ELBO in a side: +1 for E_q[log p_θ(x_{0:T}) − log q(x_{1:T} | x_0)].
    static func boundSign(_ e: MathExpr) -> Int? {
        guard !mentionsKL(e), logSigns(e, { isModelDensity($0, of: "0") }).isEmpty,
              let s = uniqueSign(logSigns(e) { isModelDensity($0, of: "0:T") }),
              let r = uniqueSign(logSigns(e, isForwardLatents)), r == -s else { return nil }
        return s
    }

    func judgeELBOName(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        for k in 0..<chain.sides.count {
            guard let named = Self.elboName(chain.sides[k]) else { continue }
            // The neighbours in the same run of equalities.
            for j in [k - 1, k + 1] where j >= 0 && j < chain.sides.count {
                let relation = chain.relations[min(j, k)]
                guard Self.equalities.contains(relation), relation != "sim", DelimiterBalance.problems(in: chain.sides[j].tokens).isEmpty,
                      let e = exprs[j], let s = Self.boundSign(e), s != named else { continue }
                return [MathFinding(rule: .klSign, offset: chain.sides[k].start,
                                    message: "the side it equals is \(s > 0 ? "the ELBO" : "the negative ELBO"): E_q[log p_θ(x_{0:T}) − log q(x_{1:T} | x_0)] is the ELBO (a lower bound on log p_θ(x_0)), so \(s > 0 ? "this is not its negative" : "with the signs flipped (−log p_θ(x_{0:T}) + log q) it is −ELBO, the upper bound on −log p_θ(x_0)")",
                                    fix: s > 0 ? "ELBO" : "−ELBO (the variational bound L_VLB)")]
            }
        }
        return []
    }

    func judgeKLSign(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        var anchor: [String: Set<Int>]?
        for k in 0..<chain.sides.count {
            if k > 0, !Self.equalities.contains(chain.relations[k - 1]) || chain.relations[k - 1] == "sim" { anchor = nil }
            // A side whose parentheses close outside the brace group they opened in (`p({x_T}) + …}`)
            // is not read the way it renders: its signs are not compared.
            guard let e = exprs[k], DelimiterBalance.problems(in: chain.sides[k].tokens).isEmpty,
                  let signs = Self.divergenceSigns(e) else { anchor = nil; continue }
            if let before = anchor {
                for (pair, now) in signs.sorted(by: { $0.key < $1.key }) {
                    guard now.count == 1, let was = before[pair], was.count == 1, was != now else { continue }
                    let names = pair.components(separatedBy: " ‖ ")
                    return [MathFinding(rule: .klSign, offset: chain.sides[k].start,
                                        message: "this step flips the sign of the term in \(names[0]) and \(names[1]): D_KL(a ‖ b) = E_a[log a − log b], so the log-ratio log(b/a) under a is −D_KL(a ‖ b), not +D_KL(a ‖ b)",
                                        fix: "E_q[log p/q] = −D_KL(q ‖ p)")]
                }
            }
            if !signs.isEmpty { anchor = signs }
        }
        return []
    }
}
