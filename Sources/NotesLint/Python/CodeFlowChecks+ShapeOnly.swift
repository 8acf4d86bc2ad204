/// A computed latent of which only the shape reaches the sampler. `z = slerp(z1, z2, a)` followed
/// by `sample(model, z.shape, …)`, where `sample` uses that parameter only to draw fresh noise
/// (`x = torch.randn(shape)`): the result does not depend on z at all. The value was computed to be
/// the sampler's starting point (an inverted or interpolated latent) and never becomes it.
///
/// Precise by data flow: every read of z in its scope is `z.shape` (or `z.size()`), z is a
/// computed value (a call or arithmetic, not a fresh allocation), and the callee is a function of
/// the document whose parameter at that position is read only as the shape of a Gaussian draw.
extension CodeAnalysis {
    typealias DocumentFunction = (params: [PyParameter], body: [PyStatement])

    static func shapeOnlyFindings(_ scope: [PyStatement], functions: [String: DocumentFunction]) -> [CodeFinding] {
        var findings: [CodeFinding] = []
        var computed: [String: Int] = [:]
        var allReads: [String: Int] = [:]
        var shapeReads: [String: [(callee: String, position: Int?, keyword: String?, at: Int)]] = [:]
        var shapeReadCount: [String: Int] = [:]
        let allocations: Set<String> = ["zeros", "ones", "empty", "zeros_like", "ones_like", "empty_like", "full", "randn", "randn_like", "rand", "rand_like", "tensor", "arange", "linspace"]
        PyStatement.forEach(in: scope) { s, _ in
            if case .function = s { return }
            if case .assign(let targets, let value, _) = s, targets.count == 1, case .name(let n, _) = targets[0] {
                switch value {
                case .call(let f, _, _, _):
                    if let fn = f.dottedName, !allocations.contains(lastComponent(fn)) { computed[n] = value.offset }
                case .binary: computed[n] = value.offset
                default: break
                }
            }
            for e in s.ownExpressions {
                e.walk { node in
                    if case .name(let n, _) = node { allReads[n, default: 0] += 1 }
                    if case .attribute(.name(let n, _), "shape", _) = node { shapeReadCount[n, default: 0] += 1 }
                    guard case .call(let f, let args, let kws, _) = node, let callee = f.dottedName else { return }
                    for (k, a) in args.enumerated() {
                        if case .attribute(.name(let n, _), "shape", let at) = a { shapeReads[n, default: []].append((callee, k, nil, at)) }
                    }
                    for (key, a) in kws {
                        if case .attribute(.name(let n, _), "shape", let at) = a { shapeReads[n, default: []].append((callee, nil, key, at)) }
                    }
                }
            }
        }
        for (name, uses) in shapeReads where computed[name] != nil {
            // Reads of the name: its assignment's target is not walked as a read by `ownExpressions`
            // (targets are), so one occurrence per assignment is the target itself.
            let targetsOfName = countAssignments(of: name, in: scope)
            guard allReads[name, default: 0] - targetsOfName == shapeReadCount[name, default: 0] else { continue }
            for use in uses {
                guard let f = functions[use.callee], let parameter = parameterName(f.params, position: use.position, keyword: use.keyword),
                      isOnlyNoiseShape(parameter, in: f.body) else { continue }
                findings.append(CodeFinding(
                    rule: .computedLatentUnused, offset: use.at,
                    message: "only the shape of '\(name)' reaches \(use.callee)(), which draws fresh noise of that shape: the computed latent never becomes the sampler's starting point, so the result does not depend on it",
                    fix: "pass '\(name)' itself as the starting sample"))
                break
            }
        }
        return findings
    }

    static func countAssignments(of name: String, in scope: [PyStatement]) -> Int {
        var count = 0
        PyStatement.forEach(in: scope) { s, _ in
            if case .function = s { return }
            if case .assign(let targets, _, _) = s { for t in targets { t.walk { if case .name(let n, _) = $0, n == name { count += 1 } } } }
            if case .forLoop(let t, _, _, _) = s { t.walk { if case .name(let n, _) = $0, n == name { count += 1 } } }
        }
        return count
    }

    static func parameterName(_ params: [PyParameter], position: Int?, keyword: String?) -> String? {
        if let keyword { return params.contains { $0.name == keyword } ? keyword : nil }
        guard let position, position < params.count else { return nil }
        return params[position].name
    }

    /// The parameter is read as a shape and nothing else: as the argument of a Gaussian draw
    /// (`randn(shape)`, at least once) or for one of its sizes (`shape[0]`).
    static func isOnlyNoiseShape(_ parameter: String, in body: [PyStatement]) -> Bool {
        var reads = 0, draws = 0, sizes = 0
        func isParameter(_ e: PyExpr) -> Bool { if case .name(let n, _) = e { return n == parameter }; return false }
        for s in body {
            visitExpressions(s) { e in
                e.walk { node in
                    if isParameter(node) { reads += 1 }
                    if case .subscripted(let base, _, _) = node, isParameter(base) { sizes += 1 }
                    if case .call(let f, let args, let kws, _) = node, let fn = f.dottedName, PyInterpreter.gaussianNoise.contains(lastComponent(fn)) {
                        draws += (args + kws.map(\.1)).filter(isParameter).count
                    }
                }
            }
        }
        return draws > 0 && reads == draws + sizes
    }
}
