/// ∑_{i=1}^{m} f(z^{(i)}) averages m samples. A summand that never reads the index i but reads the
/// upper limit m as a sample label (z^{(m)}, x_m) adds the last sample m times: the index slipped to
/// its bound.
extension FormulaJudge {
    func judgeSumIndex(_ e: MathExpr, offset: Int) -> [MathFinding] {
        var finding: MathFinding?
        _ = e.contains { node in
            guard finding == nil, case .bigOperator("sum", let index?, _, let upper?, let body) = node,
                  case .symbol(let bound) = upper, bound.subscriptText == nil, bound.base.count == 1, bound.base != index,
                  !Self.reads(body, letter: index), Self.labels(body, with: bound.base) else { return false }
            finding = MathFinding(rule: .sumIndexAtBound, offset: offset,
                                  message: "the sum runs over \(index) = 1…\(bound.base) but its terms never read \(index): they read the sample labelled by the bound \(bound.base), so one sample is counted \(bound.base) times",
                                  fix: "label the summand's samples with the index: …^{(\(index))}")
            return true
        }
        if finding == nil { finding = idleAverage(e, offset: offset) }
        return finding.map { [$0] } ?? []
    }

    /// (1/T)·∑_{t=1}^{T} f with f free of t is f itself: an empirical average whose terms were meant
    /// to be evaluated at the samples x_t but are written at a dummy variable.
    private func idleAverage(_ e: MathExpr, offset: Int) -> MathFinding? {
        var finding: MathFinding?
        _ = e.contains { node in
            guard finding == nil, case .product(let fs) = node else { return false }
            for (k, f) in fs.enumerated().dropLast() {
                guard case .quotient(.number(1), .symbol(let n)) = f, n.subscriptText == nil,
                      case .bigOperator("sum", let index?, _, .symbol(let bound)?, let body) = fs[k + 1],
                      bound.base == n.base, bound.subscriptText == nil, index != n.base, !Self.reads(body, letter: index),
                      body.contains(where: Self.isTermOfASample) else { continue }
                finding = MathFinding(rule: .sumIndexAtBound, offset: offset,
                                      message: "the average (1/\(n.base))∑_{\(index)=1}^{\(n.base)} has terms that never read \(index): it returns one term unchanged instead of averaging over the \(n.base) samples",
                                      fix: "evaluate the terms at the samples: …(x_\(index))")
                return true
            }
            return false
        }
        return finding
    }

    /// A function evaluated somewhere (`log p(ξ)`) or a further sum of such terms: something that
    /// would vary from sample to sample, unlike a constant such as σ².
    static func isTermOfASample(_ e: MathExpr) -> Bool {
        if e.asApplication != nil { return true }
        if case .bigOperator("sum", _, _, _, _) = e { return true }
        return false
    }

    /// Whether the letter occurs as a symbol, a subscript word or a superscript of the expression.
    /// A part read but not understood (`p(x | t, z = z^{(i)})`, an argument holding a relation) may
    /// hold it, so it counts as reading it.
    static func reads(_ e: MathExpr, letter: String) -> Bool {
        let unreadArgument = e.contains { node in
            guard case .application(_, let args) = node else { return false }
            return args.contains { if case .opaque = $0.expr { return true } else { return false } }
        }
        if unreadArgument { return true }
        // `x_{ik}`, `y_{ic}`: index letters written side by side read each of them.
        func holds(_ sub: String) -> Bool {
            TimeIndex.subscriptWords(sub).contains { word in
                word == letter || (word.count <= 3 && word.contains(letter) && word.allSatisfy { $0.isASCII && $0.isLowercase })
            }
        }
        var found = false
        e.forEachSymbol { s in
            if s.base == letter || (s.subscriptText.map(holds) ?? false) || (s.label.map(holds) ?? false) { found = true }
        }
        return found
    }

    /// Whether a symbol carries the letter as its label: `z^{(m)}` (read as a power) or `x_m`.
    static func labels(_ e: MathExpr, with letter: String) -> Bool {
        e.contains { node in
            if case .power(.symbol, let exponent) = node {
                var names: [String] = []
                exponent.forEachSymbol { names.append($0.base + ($0.subscriptText ?? "")) }
                if names == [letter] { return true }
            }
            if case .symbol(let s) = node, s.label.map({ TimeIndex.subscriptWords($0) == [letter] }) == true { return true }
            if case .application(let s, _) = node, s.label.map({ TimeIndex.subscriptWords($0) == [letter] }) == true { return true }
            if case .symbol(let s) = node, s.base != letter, s.subscriptText.map({ TimeIndex.subscriptWords($0) == [letter] }) == true { return true }
            return false
        }
    }
}
