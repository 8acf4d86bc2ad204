/// An expectation averages its bracket over the variables it samples: E_{x_T ∼ q(x_T | x_0)}[f]
/// with a bracket that depends on x_t and x_0 but not on x_T is just f, still random in x_t. The
/// sampled states must be among the states the bracket reads.
extension FormulaJudge {
    /// The states an expectation's subscript samples and the ones it is given: in `x_T ∼ q(x_T|x_0)`
    /// x_T is sampled and x_0 given; in `q(x_{1:T}|x_0)`, `x_0, x_t` every state before a `|` is
    /// sampled (bold `{x}` unwrapped). nil when a state's index cannot be read.
    func subscriptStates(_ subscriptText: String, _ ev: MathEvaluator) -> (sampled: Set<Int>, given: Set<Int>)? {
        let text = Array(subscriptText.replacingOccurrences("{x}", "x").replacingOccurrences("{X}", "X"))
        var sampled = Set<Int>(), given = Set<Int>()
        var depth = 0
        var afterBar: [Bool] = [false]
        var k = 0
        while k < text.count {
            let c = text[k]
            if c == "(" { depth += 1; afterBar.append(false) }
            if c == ")" { depth -= 1; if afterBar.count > 1 { afterBar.removeLast() } }
            if c == "|" { afterBar[afterBar.count - 1] = true }
            if (c == "x" || c == "X"), k + 1 < text.count, text[k + 1] == "_", k == 0 || !text[k - 1].isLetter {
                var j = k + 2
                var sub = ""
                if j < text.count, text[j] == "{" {
                    j += 1
                    while j < text.count, text[j] != "}" { sub.append(text[j]); j += 1 }
                    j += 1
                } else if j < text.count {
                    sub.append(text[j]); j += 1
                }
                let symbol = MathSymbol(base: "x", decorations: [], subscriptText: sub, start: 0)
                guard let indices = variableIndices(.symbol(symbol), ev) else { return nil }
                if afterBar.last == true { given.formUnion(indices) } else { sampled.formUnion(indices) }
                k = j
                continue
            }
            k += 1
        }
        return sampled.isEmpty ? nil : (sampled, given)
    }

    /// A bracket in no state but the noise ε at the generic step (‖ε − ε_θ‖² weighted by β_t, σ_t, …)
    /// is random through the ε that builds x_t; an average over x_T leaves that ε unaveraged.
    private func readsNoiseAtStepT(_ args: [MathArgument]) -> Bool {
        var noise = false, stepT = false
        for a in args {
            if a.expr.mentions(base: "epsilon") || a.expr.mentions(base: "varepsilon") { noise = true }
            a.expr.forEachSymbol { s in
                if s.base == "t" || (s.subscriptText.map { TimeIndex.subscriptWords($0) == ["t"] } ?? false) { stepT = true }
            }
        }
        return noise && stepT
    }

    func judgeExpectationVariables(_ e: MathExpr, offset: Int) -> [MathFinding] {
        guard let probe = allProbes.dropFirst().first else { return [] }
        let ev = evaluator(probe)
        var finding: MathFinding?
        // Steps bound by a sum or product are not one x_t: expectations inside one are left to the
        // range checks, the terms beside it are judged.
        _ = e.containsOutsideBigOperators { node in
            guard finding == nil, let (h, args) = node.asApplication, h.base == "E", let sub = h.subscriptText,
                  // Sampling the noise with x_0 (E_{t, x_0, ε}) samples x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε too.
                  !sub.contains("epsilon"), !sub.contains("varepsilon"), !sub.contains("N("), !sub.contains("{N}"),
                  let (sampledSet, given) = subscriptStates(sub, ev) else { return false }
            let sampled = sampledSet.sorted()
            var read = Set<Int>()
            var unreadable = false
            for a in args {
                // A sum or product over steps binds the step letter: its states are not one x_t.
                if a.expr.contains(where: { if case .bigOperator = $0 { return true }; return false }) { unreadable = true }
                // A part the parser could not read (a function's tuple of arguments, I(x_0, x_1, t))
                // may read any state.
                if a.expr.contains(where: { if case .opaque = $0 { return true }; return false }) { unreadable = true }
                a.expr.forEachSymbol { s in
                    guard s.base == "x" || s.base == "X", !s.isModel, s.subscriptText != nil else { return }
                    if let i = variableIndices(.symbol(s), ev) { read.formUnion(i) } else { unreadable = true }
                }
                // `E_{p(x_0|x_t)}[E_{p(x_{t−1}|x_t, x_0)}[x_{t−1}]]`: an inner expectation's value
                // depends on the states it is given, here x_0.
                _ = a.expr.contains { node in
                    guard let (inner, _) = node.asApplication, inner.base == "E", let innerSub = inner.subscriptText else { return false }
                    if let states = subscriptStates(innerSub, ev) { read.formUnion(states.given) } else { unreadable = true }
                    return false
                }
            }
            if !unreadable, read.isEmpty, let k = sampled.first, sampled.count == 1, k == probe.schedule.count,
               readsNoiseAtStepT(args) {
                finding = MathFinding(rule: .expectationVariable, offset: offset,
                                      message: "the expectation samples x_T, which its bracket does not depend on: the bracket reads the noise ε at step t, the noise that builds x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε, so the average must be over x_t (or x_0 and ε)",
                                      fix: "E_{x_0, ε}[…] or E_{q(x_t | x_0)}[…]")
                return true
            }
            // A bracket that reads only what the subscript gives (E_{x_T ∼ q(x_T|x_0)}[log p(x_0)]) is a
            // constant under it: right, if idle. One that reads another state is still random in it.
            guard !unreadable, !read.isEmpty, read.isDisjoint(with: sampledSet), !read.isSubset(of: given) else { return false }
            // `E_{t, X_0, X_1}[‖Ẋ_t − v_t(X_t)‖²]`, `E_{t∼q(t), x_0, x_1}`: a time and both ends of an
            // interpolation X_t = t·X_1 + (1 − t)·X_0 sample X_t with them. (The subscript's text
            // drops the backslash of its commands: `t\sim q(t)` reads `tsimq(t)`.)
            // In a note about such a path the ends alone sample it at every t (`E_{(x_0, x_1)∼π}[φ(x_t)]`).
            if sampledSet.isSuperset(of: [0, 1]), pathDocument || sub.range(of: #"(^|,)\s*t\s*(,|sim|∼|~|$)"#, options: .regularExpression) != nil { return false }
            // `E_{x_0}[‖ε − ε_θ(x_t, t)‖²]` leaves the noise that builds x_t from x_0 implied: an
            // abbreviation of E_{x_0, ε}, not an average over the wrong state.
            if sampledSet.contains(0), args.contains(where: { $0.expr.mentions(base: "epsilon") || $0.expr.mentions(base: "varepsilon") || $0.expr.mentions(base: "z") }) { return false }
            // `E_{t, x_0, y}[‖y − f_θ(x_t, t)‖²]`: beside x_0 the subscript samples a variable of the
            // note's own naming that the bracket reads (the noise, or a target built from it), and
            // with it x_t.
            if sampledSet.contains(0) {
                let ownVariables = sub.split(separator: ",").map { $0.filter { !$0.isWhitespace } }
                    .filter { $0.count == 1 && $0.first!.isLetter && !["t", "x", "X"].contains($0) }
                if ownVariables.contains(where: { v in args.contains { $0.expr.mentions(base: v) } }) { return false }
            }
            func name(_ i: Int) -> String { i == probe.schedule.count ? "x_T" : (i == probe.t ? "x_t" : (i == probe.t - 1 ? "x_{t−1}" : "x_\(i)")) }
            let sampledText = sampled.count > 3 ? "\(name(sampled.first!))…\(name(sampled.last!))" : sampled.map(name).joined(separator: ", ")
            let readText = read.sorted().map(name).joined(separator: ", ")
            finding = MathFinding(rule: .expectationVariable, offset: offset,
                                  message: "the expectation samples \(sampledText), which its bracket does not depend on: the bracket reads \(readText), so the average must be over those",
                                  fix: "E_{q(\(readText.contains("x_t") ? "x_t | x_0" : readText))}[…]")
            return true
        }
        return finding.map { [$0] } ?? []
    }
}
