/// A loop that rebinds its own variable to a new value that nothing reads: the element of the
/// sequence is not changed, so the value is lost when the next iteration starts.
extension CodeAnalysis {
    /// `for x in frames: x = (x.clamp(-1, 1) + 1) / 2` with `x` read neither later in the body
    /// nor after the loop: rebinding the loop variable leaves `frames` as it was. A right-hand
    /// side that changes the element in place (`x.clamp_(…)`, `out=`) is not judged, nor is a
    /// value that does not come from the element. `laterStatements`: the code blocks after this
    /// one (a notebook's later cells), which may read what a module-level loop leaves.
    static func discardedLoopValueFindings(_ statements: [PyStatement], laterStatements: [PyStatement] = []) -> [CodeFinding] {
        var findings: [CodeFinding] = []
        /// `continuation`: the statements that may run after the list ends, up to the end of the
        /// enclosing function (an enclosing loop's whole body, since it runs again).
        func visit(_ list: [PyStatement], continuation: [PyStatement]) {
            for (i, s) in list.enumerated() {
                let after = Array(list[(i + 1)...]) + continuation
                switch s {
                case .function(_, _, let body, _), .classDef(_, let body, _):
                    visit(body, continuation: [])
                case .forLoop(let target, let iterable, let body, _):
                    if case .name(let variable, _) = target, let f = discardedRebinding(variable, iterable: iterable, body: body, after: after) {
                        findings.append(f)
                    }
                    visit(body, continuation: body + after)
                case .whileLoop(_, let body, _):
                    visit(body, continuation: body + after)
                default:
                    for nested in s.nestedBodies { visit(nested, continuation: after) }
                }
            }
        }
        visit(statements, continuation: laterStatements)
        return findings
    }

    /// The first of the body's top-level assignments to the loop variable, when the value the
    /// last of them leaves is read by nothing: not later in the body, not after the loop.
    static func discardedRebinding(_ variable: String, iterable: PyExpr, body: [PyStatement], after: [PyStatement]) -> CodeFinding? {
        // A sequence the code holds by name (`frames`, `self.trajectory`), not a count or a call.
        guard let sequence = iterable.dottedName else { return nil }
        var assignments: [(index: Int, value: PyExpr, at: Int)] = []
        for (k, s) in body.enumerated() {
            if case .assign(let targets, let value, let at) = s, targets.count == 1, case .name(let n, _) = targets[0], n == variable {
                assignments.append((k, value, at))
            }
        }
        guard let first = assignments.first, let last = assignments.last else { return nil }
        // The value is the element's own, transformed, and the transformation makes a new object.
        guard first.value.mentions(variable) else { return nil }
        for a in assignments where changesInPlace(a.value) { return nil }
        // Nothing else writes the variable in the body (a branch, a tuple target, an augmented
        // assignment), and the last value is read nowhere after it.
        for (k, s) in body.enumerated() where !assignments.contains(where: { $0.index == k }) {
            var written = Set<String>()
            NameCheck.boundNames([s], into: &written)
            if written.contains(variable) { return nil }
        }
        let laterReads = NameCheck.uses(Array(body[(last.index + 1)...]) + after).map(\.0)
        guard !laterReads.contains(variable) else { return nil }
        return CodeFinding(rule: .discardedLoopValue, offset: first.at,
                           message: "'\(variable)' is the loop's variable: rebinding it leaves '\(sequence)' unchanged, and nothing reads the new value, so what this line computes is lost at the next iteration",
                           fix: "\(sequence) = [<the new value> for \(variable) in \(sequence)], or write it back with \(sequence)[i] = …")
    }

    /// `x.clamp_(-1, 1)`, `torch.add(x, 1, out=x)`: PyTorch's in-place forms change the element itself.
    static func changesInPlace(_ e: PyExpr) -> Bool {
        var found = false
        e.walk { node in
            guard case .call(let f, _, let keywords, _) = node else { return }
            if keywords.contains(where: { $0.0 == "out" }) { found = true }
            if case .attribute(_, let method, _) = f, method.hasSuffix("_"), !method.hasSuffix("__") { found = true }
        }
        return found
    }
}
