/// A sampling loop that leaves at its last step before the step's result becomes the sample.
extension CodeAnalysis {
    /// `for step in range(T - 1, -1, -1): … mu = …; if step == 0: break; …; x = mu + σ·z`: at
    /// step 0 the mean is computed and dropped, and the loop's state keeps x_1.
    static func breakBeforeAssignmentFindings(_ statements: [PyStatement]) -> [CodeFinding] {
        func isBreak(_ s: PyStatement) -> Bool { if case .breakLoop = s { return true } else { return false } }
        var findings: [CodeFinding] = []
        PyStatement.forEach(in: statements) { s, rest in
            guard case .forLoop(.name(let variable, _), let iterable, let body, _) = s, PyInterpreter.reachesZero(iterable) else { return }
            for (k, statement) in body.enumerated() {
                guard case .ifChain(let branches, let orElse, _) = statement, branches.count == 1, orElse.isEmpty,
                      isLastStepTest(branches[0].test, variable: variable),
                      case .breakLoop(let exitAt)? = branches[0].body.first(where: isBreak),
                      !branches[0].body.contains(where: { if case .assign = $0 { return true }; if case .returnValue = $0 { return true }; return false }) else { continue }
                let before = Array(body[..<k]), after = Array(body[(k + 1)...])
                var assignedBefore: [String] = []
                for case .assign(let targets, _, _) in before { for case .name(let n, _) in targets { assignedBefore.append(n) } }
                var assignedAfter = Set<String>()
                NameCheck.boundNames(after, into: &assignedAfter)
                let readAfter = Set(NameCheck.uses(after).map(\.0))
                let readInExit = Set(NameCheck.uses(branches[0].body).map(\.0))
                let readAfterLoop = Set(NameCheck.uses(Array(rest)).map(\.0))
                // The loop's state: read before the test, assigned again after it.
                let state = Set(NameCheck.uses(before).map(\.0)).intersection(assignedAfter).subtracting(assignedBefore)
                guard let carried = state.sorted().first(where: { readAfterLoop.contains($0) }) ?? state.sorted().first else { continue }
                guard let dropped = assignedBefore.first(where: { QuantityName.of($0) == .mean && readAfter.contains($0) && !readInExit.contains($0) && !readAfterLoop.contains($0) }) else { continue }
                findings.append(CodeFinding(rule: .sampleNotAssignedBack, offset: exitAt,
                                            message: "at the last step (\(variable) = 0) the loop breaks before '\(dropped)' becomes the sample: '\(carried)' keeps the state of the step before, so the final denoising step is lost",
                                            fix: "if \(variable) == 0: \(carried) = \(dropped); break"))
            }
        }
        return findings
    }

    /// `step == 0`, `0 == step`, `step < 1`: the loop's last iteration.
    static func isLastStepTest(_ e: PyExpr, variable: String) -> Bool {
        guard case .compare(let ops, let operands, _) = e, ops.count == 1, operands.count == 2 else { return false }
        func isVariable(_ x: PyExpr) -> Bool { if case .name(let n, _) = x { return n == variable }; return false }
        func number(_ x: PyExpr) -> Double? { if case .number(let v, _) = x { return v }; return nil }
        if isVariable(operands[0]), let v = number(operands[1]) { return (ops[0] == "==" && v == 0) || (ops[0] == "<" && v == 1) || (ops[0] == "<=" && v == 0) }
        if isVariable(operands[1]), let v = number(operands[0]) { return ops[0] == "==" && v == 0 }
        return false
    }
}
