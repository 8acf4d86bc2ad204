/// DDIM on a subsequence with the one-step β. A loop that takes t and t_prev from the same list of
/// timesteps at two indices (`t = ts[i]`, `t_prev = ts[i + 1]`) jumps over every step between
/// them; the β of that jump is 1 − ᾱ_t/ᾱ_prev (Song et al. 2021, Eq. 16: σ_t² = η²·(1 − ᾱ_prev)/
/// (1 − ᾱ_t)·(1 − ᾱ_t/ᾱ_prev)). 1 − α_t, with α_t the one-step table at t, is the β of the step
/// t → t − 1 only: σ comes out too small whenever the list skips steps, and η = 1 is no longer
/// DDPM on that subsequence.
///
/// Read by form: α_t is read from a one-step table or getter at t (`alphas[t]`, `get_alpha(t)`,
/// not ᾱ), β = 1 − α_t, and β enters a σ or β̃ (a name saying so). α_t = ᾱ_t/ᾱ_prev, the jump's
/// own α, is right and is not this form.
extension CodeAnalysis {
    static func subsequenceBetaFindings(_ statements: [PyStatement]) -> [CodeFinding] {
        var findings: [CodeFinding] = []
        PyStatement.forEach(in: statements) { s, _ in
            guard case .forLoop(.name(let index, _), _, let body, _) = s else { return }
            // t and t_prev: the same list read at two different indices built from the loop variable.
            var listReads: [String: (list: String, at: Int)] = [:]
            var oneStepAlpha = Set<String>()
            var betas: [String: Int] = [:]
            var sigmaUses: [(names: Set<String>, at: Int)] = []
            for case .assign(let targets, let value, let at) in body {
                guard targets.count == 1, case .name(let target, _) = targets[0] else { continue }
                if case .subscripted(let list, let items, _) = value, items.count == 1, let l = list.dottedName, mentions(items[0], index) {
                    listReads[target] = (l, at)
                }
                if isOneStepAlphaRead(value, steps: Set(listReads.keys)) { oneStepAlpha.insert(target) }
                if case .binary("-", .number(1, _), .name(let a, _), _) = value, oneStepAlpha.contains(a) { betas[target] = at }
                let lower = target.lowercased()
                if lower.contains("sigma") || lower.contains("tilde") || QuantityName.of(target) == .variance || QuantityName.of(target) == .standardDeviation {
                    var names = Set<String>()
                    value.walk { if case .name(let n, _) = $0 { names.insert(n) } }
                    sigmaUses.append((names, at))
                }
            }
            let lists = Dictionary(grouping: listReads.values, by: \.list)
            guard lists.values.contains(where: { $0.count >= 2 }) else { return }
            // β̃ = (…)·β feeding σ = η·√β̃: report β once, where it is formed.
            var reported = Set<String>()
            for (beta, at) in betas.sorted(by: { $0.value < $1.value }) where !reported.contains(beta) {
                var reaches: Set<String> = [beta]
                for use in sigmaUses where !use.names.isDisjoint(with: reaches) {
                    reaches.formUnion(use.names)
                    reported.insert(beta)
                }
                if reported.contains(beta) {
                    findings.append(CodeFinding(
                        rule: .wrongDDIMSigmaCode, offset: at,
                        message: "'\(beta)' is the one-step 1 − α_t, but t and its previous step come from a list of timesteps that may skip steps: the jump t → t_prev has β = 1 − ᾱ_t/ᾱ_prev, so σ is too small and η = 1 is not DDPM on the subsequence",
                        fix: "\(beta) = 1 - alpha_bar_t / alpha_bar_prev"))
                }
            }
        }
        return findings
    }

    static func mentions(_ e: PyExpr, _ name: String) -> Bool { e.mentions(name) }

    /// `alphas[t]`, `self.alphas[t]`, `get_alpha(t)`: the one-step α at a step read from the list.
    static func isOneStepAlphaRead(_ e: PyExpr, steps: Set<String>) -> Bool {
        func readsStep(_ items: [PyExpr]) -> Bool { items.count == 1 && { if case .name(let n, _) = items[0] { return steps.contains(n) }; return false }() }
        switch e {
        case .subscripted(let table, let items, _):
            guard let n = table.dottedName, readsStep(items) else { return false }
            return roleOfLastComponent(n) == .alphas
        case .call(let f, let args, _, _):
            guard let n = f.dottedName, readsStep(args) else { return false }
            var last = lastComponent(n).lowercased()
            if last.hasPrefix("get_") { last.removeFirst(4) }
            return ScheduleRole.of(last) == .alphas
        default: return false
        }
    }
}
