extension CodeAnalysis {
    /// Callees that take a starting sample and run the reverse chain from it (`p_sample_loop(x)`,
    /// `sampler.sample(x_T)`, `langevin_dynamics(x)`, `ddim_step(x, …)`). A model called on its
    /// input (`ddpm(x, c)`) is not one: that is its training forward pass.
    static let chainRoutineWords = ["sample", "reverse", "denois", "generat", "loop", "langevin", "solve", "step", "restor", "inpaint"]

    /// Whether the uniform draw at offset `draw`, bound to the sample's name `name`, starts a
    /// reverse chain: after the draw, a loop binds `name` again (`for t in …: x = p_sample(x, t)`),
    /// or `name` is handed to a sampling routine. A draw bound to `x` and then only passed to a
    /// network, a forward process or a loss (`x = torch.rand(2, 1, 28, 28)` in a smoke test) is an
    /// input of the right shape, not the noise a sampler starts from. A draw nothing reads after it
    /// counts as a start: an excerpt shows the first line of a sampler and leaves out its loop.
    static func startsReverseChain(_ name: String, drawnAt draw: Int, in statements: [PyStatement]) -> Bool {
        func holdsDraw(_ value: PyExpr) -> Bool { holdsCall(at: draw, value) }
        func binds(_ target: PyExpr) -> Bool { bindsName(target, name) }
        func bindsInside(_ body: [PyStatement]) -> Bool {
            var found = false
            PyStatement.forEach(in: body) { statement, _ in
                switch statement {
                case .assign(let targets, _, _): if targets.contains(where: binds) { found = true }
                case .augmented(let target, _, _, _): if binds(target) { found = true }
                default: break
                }
            }
            return found
        }
        func handsToSampler(_ e: PyExpr) -> Bool {
            var found = false
            e.walk { node in
                guard case .call(let function, let args, let keywords, _) = node else { return }
                let callee = (function.dottedName?.split(separator: ".").last.map(String.init) ?? "").lowercased()
                guard chainRoutineWords.contains(where: callee.contains) else { return }
                if (args + keywords.map(\.1)).contains(where: { if case .name(name, _) = $0 { return true }; return false }) { found = true }
            }
            return found
        }
        func reads(_ e: PyExpr) -> Bool {
            var found = false
            e.walk { if case .name(name, _) = $0 { found = true } }
            return found
        }
        var drawSeen = false, starts = false, read = false
        PyStatement.forEach(in: statements) { statement, _ in
            guard !starts else { return }
            if !drawSeen {
                if case .assign(_, let value, _) = statement, holdsDraw(value) { drawSeen = true }
                return
            }
            switch statement {
            case .forLoop(_, _, let body, _), .whileLoop(_, let body, _):
                if bindsInside(body) { starts = true }
            default:
                break
            }
            if statement.ownExpressions.contains(where: handsToSampler) { starts = true }
            let readExpressions: [PyExpr]
            if case .assign(let targets, let value, _) = statement {
                readExpressions = targets.filter { !binds($0) } + [value]
            } else {
                readExpressions = statement.ownExpressions
            }
            if readExpressions.contains(where: reads) { read = true }
        }
        // A draw that is not bound here (a function's returned value) is judged by its name alone.
        return starts || !read || !drawSeen
    }

    /// Whether the assignment target binds `name` itself (`x = …`, `x, y = …`), not an attribute
    /// or an element of a value it names (`x.data = …`, `x[0] = …`).
    static func bindsName(_ target: PyExpr, _ name: String) -> Bool {
        if case .attribute = target { return false }
        if case .subscripted = target { return false }
        var found = false
        target.walk { if case .name(let n, _) = $0, n == name { found = true } }
        return found
    }

    /// Whether `value` holds the call at offset `call` (a draw found by where it stands).
    static func holdsCall(at call: Int, _ value: PyExpr) -> Bool {
        var found = false
        value.walk { if case .call(_, _, _, let at) = $0, at == call { found = true } }
        return found
    }
}
