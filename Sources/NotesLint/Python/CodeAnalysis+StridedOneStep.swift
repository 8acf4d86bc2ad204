/// DDPM's one-step update on a strided list of steps. A sampling loop over
/// `range(T - 1, -1, -stride)` jumps from t to t − stride, and the jump's β is
/// 1 − ᾱ_t/ᾱ_{t−stride} (Song et al. 2021, §4.2 and Eq. 16 with η = 1), with ᾱ_{t−stride} where
/// the one-step posterior has ᾱ_{t−1}. A step function that reads the one-step β_t or α_t at t
/// (`betas[t]`, `alphas[t]`) and is told nothing of the step it lands on applies the update of
/// t → t − 1 at every jump: its mean and noise are wrong whenever the stride is more than 1.
///
/// Read by form: the loop's list is a `range` with a step other than −1 (or a name bound to one),
/// the body passes the loop variable to a function of the document, and that function takes one
/// step argument and reads a one-step table at it.
extension CodeAnalysis {
    /// Every function and method the code defines, by name (a later definition wins), without
    /// a method's `self`.
    static func definedFunctions(_ statements: [PyStatement]) -> [String: DocumentFunction] {
        var out: [String: DocumentFunction] = [:]
        PyStatement.forEach(in: statements) { s, _ in
            if case .function(let name, let parameters, let body, _) = s { out[name] = (parameters.filter { $0.name != "self" }, body) }
        }
        return out
    }

    static func stridedOneStepFindings(_ statements: [PyStatement], functions: [String: DocumentFunction]) -> [CodeFinding] {
        var findings: [CodeFinding] = []
        // Names bound anywhere in the code to a strided range.
        var strided: [String: String] = [:]
        PyStatement.forEach(in: statements) { s, _ in
            if case .assign(let targets, let value, _) = s, targets.count == 1, let name = targets[0].dottedName, let shown = stridedRange(value) {
                strided[name] = shown
            }
        }
        PyStatement.forEach(in: statements) { s, _ in
            guard case .forLoop(.name(let step, _), let iterable, let body, _) = s else { return }
            var e = iterable
            while case .call(let f, let args, _, _) = e, let n = f.dottedName.map(lastComponent), ["tqdm", "list", "trange"].contains(n), let first = args.first { e = first }
            guard let shown = stridedRange(e) ?? e.dottedName.flatMap({ strided[$0] }) else { return }
            findings += inlineOneStepFindings(step: step, shown: shown, body: body)
            for b in body {
                visitExpressions(b) { expr in
                    expr.walk { node in
                        guard case .call(let callee, let args, let keywords, let at) = node, let name = callee.dottedName.map(lastComponent),
                              let f = functions[name] else { return }
                        let stepArguments = (args + keywords.map(\.1)).filter { a in mentions(a, step) }
                        guard stepArguments.count == 1, let position = (args + keywords.map(\.1)).firstIndex(where: { mentions($0, step) }) else { return }
                        // The parameter that receives the step: by position, or by keyword.
                        let parameter: String?
                        if position < args.count { parameter = position < f.params.count ? f.params[position].name : nil }
                        else { parameter = keywords[position - args.count].0 }
                        guard let parameter, f.params.filter({ isStepParameter($0.name) }).count <= 1,
                              readsOneStepTable(f.body, at: parameter) else { return }
                        findings.append(CodeFinding(
                            rule: .oneStepUpdateOnStridedSteps, offset: at,
                            message: "the loop walks the steps with a stride (\(shown)), but '\(name)' applies the one-step DDPM update of \(step) (β_t, α_t read at \(step)): a jump \(step) → \(step) − stride needs β = 1 − ᾱ_t/ᾱ_{t−stride} in the mean and the variance, and ᾱ_{t−stride} in place of ᾱ_{t−1}",
                            fix: "pass the step landed on and use beta = 1 - alpha_bar[t] / alpha_bar[t_prev], or walk every step"))
                    }
                }
            }
        }
        return findings
    }

    /// The same slip written in the loop itself: the body reads β_t or α_t at the step and
    /// updates the state it feeds the model (`xt = 1/sqrt(alpha) * (xt - beta/… * pred) + …`),
    /// and may read ᾱ at `t - 1` for the posterior variance; both belong to the jump's end.
    static func inlineOneStepFindings(step: String, shown: String, body: [PyStatement]) -> [CodeFinding] {
        guard readsOneStepTable(body, at: step) else { return [] }
        var findings: [CodeFinding] = []
        let states = Set(loopCarriedModelInputs(body))
        for s in body {
            guard case .assign(let targets, let value, _) = s, targets.contains(where: { $0.dottedName.map(states.contains) ?? false }) else { continue }
            findings.append(CodeFinding(
                rule: .oneStepUpdateOnStridedSteps, offset: value.offset,
                message: "the loop walks the steps with a stride (\(shown)), but this update is the one-step DDPM step of \(step) (β_t, α_t read at \(step)): a jump \(step) → \(step) − stride needs β = 1 − ᾱ_t/ᾱ_{t−stride} in the mean and the variance",
                fix: "beta = 1 - alpha_bar[t] / alpha_bar[t_next], alpha = 1 - beta, with t_next the step the loop lands on"))
        }
        for s in body {
            visitExpressions(s) { e in
                e.walk { node in
                    guard case .subscripted(let table, let items, let at) = node, items.count == 1,
                          case .binary("-", .name(let n, _), .number(1, _), _) = items[0], n == step,
                          let name = table.dottedName, roleOfLastComponent(name) == .alphaBars else { return }
                    findings.append(CodeFinding(
                        rule: .oneStepUpdateOnStridedSteps, offset: at,
                        message: "'\(name)[\(step) - 1]' is ᾱ one step down, but the loop jumps by a stride (\(shown)): the posterior of the jump uses ᾱ at the step it lands on",
                        fix: "\(name)[t_next]"))
                }
            }
        }
        return findings
    }

    /// `range(a, b, -k)` with a step other than −1 (a name, or a number below −1); how it is written.
    static func stridedRange(_ e: PyExpr) -> String? {
        var e = e
        while case .call(let f, let args, _, _) = e, let n = f.dottedName.map(lastComponent), ["list", "tqdm", "reversed"].contains(n), let first = args.first { e = first }
        guard case .call(let f, let args, _, _) = e, f.dottedName == "range", args.count == 3, case .unary("-", let magnitude, _) = args[2] else { return nil }
        if case .number(let k, _) = magnitude, k <= 1 { return nil }
        let size = magnitude.dottedName ?? { if case .number(let k, _) = magnitude { return String(Int(k)) }; return "k" }()
        return "range(…, -\(size))"
    }

    /// `t`, `t_prev`, `prev_timestep`, `next_t`; not a state indexed by time (`x_t`, `z_t`).
    static func isStepParameter(_ name: String) -> Bool {
        let l = name.lowercased()
        if l.hasPrefix("x") || l.hasPrefix("z") || l.contains("sample") || l.contains("latent") { return false }
        return timestepNames.contains(l) || l.hasPrefix("t_") || l.hasSuffix("_t") || l.contains("prev") || l.contains("next") || l.contains("timestep")
    }

    /// Whether a body reads a one-step table (β or α, not ᾱ) at the name.
    static func readsOneStepTable(_ body: [PyStatement], at index: String) -> Bool {
        var found = false
        for s in body {
            visitExpressions(s) { e in
                e.walk { node in
                    guard case .subscripted(let table, let items, _) = node, items.count == 1, mentions(items[0], index),
                          let n = table.dottedName, let role = roleOfLastComponent(n), role == .betas || role == .alphas else { return }
                    found = true
                }
            }
        }
        return found
    }
}
