extension CodeAnalysis {
    /// Callees that take a starting sample and run the reverse chain from it (`p_sample_loop(x)`,
    /// `sampler.sample(x_T)`, `langevin_dynamics(x)`, `ddim_step(x, …)`). A model called on its
    /// input (`ddpm(x, c)`) is not one: that is its training forward pass.
    static let chainRoutineWords = ["sample", "reverse", "denois", "generat", "loop", "langevin", "solve", "step", "restor", "inpaint"]

    /// Whether the uniform draw at offset `draw`, bound to the sample's name `name`, starts a
    /// reverse chain: after the draw, a loop carries `name` from step to step
    /// (`for t in …: x = p_sample(x, t)`), or `name` is handed to a sampling routine. A draw bound
    /// to `x` and then only passed to a network, a forward process or a loss
    /// (`x = torch.rand(2, 1, 28, 28)` in a smoke test) is an input of the right shape, not the
    /// noise a sampler starts from. A draw nothing reads after it counts as a start: an excerpt
    /// shows the first line of a sampler and leaves out its loop.
    ///
    /// Only what can still see the draw counts. The caller passes the statements without the
    /// functions defined later in which `name` is their own (`withoutFunctionsOwning`, for
    /// `def forward(self, x): for blk in …: x = blk(x)`); the search ends where `name` is bound
    /// anew from a value that does not read it (`x = next(iter(loader))`); a loop that binds
    /// `name` without reading it (`for batch in loader: x = batch[0]`) starts no chain either.
    static func startsReverseChain(_ name: String, drawnAt draw: Int, in statements: [PyStatement]) -> Bool {
        func holdsDraw(_ value: PyExpr) -> Bool { holdsCall(at: draw, value) }
        func binds(_ target: PyExpr) -> Bool { bindsName(target, name) }
        func reads(_ e: PyExpr) -> Bool {
            var found = false
            e.walk { if case .name(name, _) = $0 { found = true } }
            return found
        }
        /// The loop body binds `name` from a value that reads it: the state passes from one step
        /// to the next.
        func carriesInside(_ body: [PyStatement]) -> Bool {
            var found = false
            PyStatement.forEach(in: body) { statement, _ in
                switch statement {
                case .assign(let targets, let value, _): if targets.contains(where: binds), reads(value) { found = true }
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
        var drawSeen = false, starts = false, read = false, overwritten = false
        PyStatement.forEach(in: statements) { statement, _ in
            guard !starts, !overwritten else { return }
            if !drawSeen {
                if case .assign(_, let value, _) = statement, holdsDraw(value) { drawSeen = true }
                return
            }
            switch statement {
            case .forLoop(let target, _, let body, _):
                if binds(target) { overwritten = true; return }
                if carriesInside(body) { starts = true }
            case .whileLoop(_, let body, _):
                if carriesInside(body) { starts = true }
            case .assign(let targets, let value, _) where targets.contains(where: binds) && !reads(value):
                overwritten = true
                return
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

    /// The statements with every function removed in which `name` is a local (a parameter, or
    /// bound in its body without a `global` statement): what such a function reads under `name`
    /// is its own value, not one bound outside it. The function holding the call at offset
    /// `call` is kept.
    static func withoutFunctionsOwning(_ name: String, keepingCallAt call: Int, _ statements: [PyStatement]) -> [PyStatement] {
        func owns(_ parameters: [PyParameter], _ body: [PyStatement]) -> Bool {
            if parameters.contains(where: { $0.name == name }) { return true }
            var bound = Set<String>()
            NameCheck.boundNames(body, into: &bound)
            for case .globalNames(let g, _) in body where g.contains(name) { return false }
            return bound.contains(name)
        }
        func holdsTheCall(_ body: [PyStatement]) -> Bool {
            var found = false
            PyStatement.forEach(in: body) { s, _ in if s.ownExpressions.contains(where: { holdsCall(at: call, $0) }) { found = true } }
            return found
        }
        func filter(_ list: [PyStatement]) -> [PyStatement] {
            list.compactMap { s in
                switch s {
                case .function(let n, let parameters, let body, let at):
                    if owns(parameters, body) && !holdsTheCall(body) { return nil }
                    return .function(name: n, parameters: parameters, body: filter(body), at: at)
                case .classDef(let n, let body, let at): return .classDef(name: n, body: filter(body), at: at)
                case .forLoop(let target, let iterable, let body, let at): return .forLoop(target: target, iterable: iterable, body: filter(body), at: at)
                case .whileLoop(let test, let body, let at): return .whileLoop(test: test, body: filter(body), at: at)
                case .block(let body, let at): return .block(body: filter(body), at: at)
                case .ifChain(let branches, let orElse, let at):
                    return .ifChain(branches: branches.map { (test: $0.test, body: filter($0.body)) }, orElse: filter(orElse), at: at)
                default: return s
                }
            }
        }
        return filter(statements)
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
