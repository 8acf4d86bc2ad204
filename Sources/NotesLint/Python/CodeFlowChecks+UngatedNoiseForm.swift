/// The ungated-noise check by form, for a reverse step whose mean the interpreter cannot follow
/// (a coefficient it does not model makes the returned value unknown). The step returns
/// `mean + c·z`: z a Gaussian draw made in the body, the mean built from the state parameter and
/// the network's output. With no test of t and no loop of the document calling it, the noise is
/// added at the last step too (Ho et al. 2020, Algorithm 2 draws z only for t > 1).
extension CodeAnalysis {
    static func returnsMeanPlusFreshNoise(_ params: [PyParameter], _ body: [PyStatement]) -> Bool {
        guard case .binary("+", let left, let right, _)? = returnExpression(body) else { return false }
        var values: [String: PyExpr] = [:]
        PyStatement.forEach(in: body) { s, _ in
            if case .assign(let targets, let value, _) = s, targets.count == 1, case .name(let n, _) = targets[0] { values[n] = value }
        }
        func resolved(_ e: PyExpr, depth: Int = 0) -> PyExpr {
            if case .name(let n, _) = e, depth < 4, let v = values[n] { return resolved(v, depth: depth + 1) }
            return e
        }
        func isDraw(_ e: PyExpr) -> Bool {
            guard case .call(let f, _, _, _) = resolved(e), let n = f.dottedName else { return false }
            return PyInterpreter.gaussianNoise.contains(lastComponent(n))
        }
        func isNoiseTerm(_ e: PyExpr) -> Bool {
            let r = resolved(e)
            if isDraw(r) { return true }
            guard case .binary("*", let a, let b, _) = r else { return false }
            return isDraw(a) != isDraw(b)
        }
        // Every name the expression reaches through the body's assignments, and the calls it makes.
        func reach(_ e: PyExpr, _ names: inout Set<String>, _ calls: inout Set<String>, depth: Int = 0) {
            e.walk { node in
                if case .call(let f, _, _, _) = node, let n = f.dottedName { calls.insert(lastComponent(n).lowercased()) }
                if case .name(let n, _) = node, names.insert(n).inserted, depth < 6, let v = values[n] { reach(v, &names, &calls, depth: depth + 1) }
            }
        }
        func isMean(_ e: PyExpr) -> Bool {
            var names = Set<String>(), calls = Set<String>()
            reach(e, &names, &calls)
            let state = params.contains { (stateNames.contains($0.name) || $0.name == "x") && names.contains($0.name) }
            let model = calls.contains { $0.contains("model") || $0.contains("net") || $0.hasPrefix("eps") }
            return state && model
        }
        return (isNoiseTerm(right) && isMean(left)) || (isNoiseTerm(left) && isMean(right))
    }
}
