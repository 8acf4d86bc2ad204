/// Calls to the code's own functions and classes that Python refuses before the function runs:
/// a required argument left out (`sample(model, batch_size=64)` for
/// `def sample(model, image_size, batch_size=16)`), more positional arguments than parameters,
/// a keyword no parameter has, or a parameter given twice.
///
/// Only calls whose target is certain are judged: a function or class the document defines once
/// (or several times with one signature) and never binds any other way, called by its name; a
/// method defined in one class only, called as `self.method(…)` inside that class. A decorator
/// that may change the signature, a call that unpacks `*args` or `**kwargs`, and a class without
/// its own `__init__` leave the call unjudged.
extension CodeAnalysis {
    /// One block of the document's code as the call check reads it.
    struct CallCheckBlock {
        var statements: [PyStatement]
        var shapes: PyShapes
        /// Names bound by comprehensions, lambdas and lines the parser skipped.
        var otherBoundNames: Set<String>
        /// A block fenced in prose: a sketch that may reuse a name of another block for another
        /// function, so its calls are judged only against definitions in the block itself.
        var fenced: Bool
    }

    /// Decorators that hand back a function with the same parameters.
    static let signaturePreservingDecorators: Set<String> = [
        "torch.no_grad()", "torch.inference_mode()", "torch.enable_grad()", "no_grad()", "inference_mode()",
        "torch.jit.script", "torch.compile", "torch.compile()", "jax.jit", "jit", "profile", "timeit",
    ]

    /// A `def` the calls are checked against.
    struct CallTarget {
        var name: String
        var parameters: [PyParameter]
        var signature: PySignature
        /// Whether the first parameter is bound by the call (`self` of a method or a constructor).
        var bindsFirst: Bool
    }

    /// The findings of each block, in the blocks' order.
    static func callArityFindings(_ blocks: [CallCheckBlock], namesOfUnreadBlocks: Set<String>) -> [[CodeFinding]] {
        // Every way each name is bound anywhere in the document, and each attribute assigned.
        var bindings: [String: Int] = [:]
        var assignedAttributes = Set<String>()
        var functionsByName: [String: [(parameters: [PyParameter], signature: PySignature, decorated: Bool, block: Int)]] = [:]
        var methodsByName: [String: [(owner: String, parameters: [PyParameter], signature: PySignature, decorated: Bool)]] = [:]
        var classes: [String: [(decorated: Bool, bases: String, body: [PyStatement], block: Int)]] = [:]

        func preserves(_ decorators: [String]?) -> Bool {
            (decorators ?? []).allSatisfy { signaturePreservingDecorators.contains($0) }
        }
        func bindTarget(_ t: PyExpr) {
            switch t {
            case .name(let n, _): bindings[n, default: 0] += 1
            case .tuple(let items, _), .list(let items, _): items.forEach(bindTarget)
            case .attribute(_, let n, _): assignedAttributes.insert(n)
            default: break
            }
        }
        func collect(_ statements: [PyStatement], owner: String?, topLevel: Bool, block: Int, shapes: PyShapes) {
            for s in statements {
                switch s {
                case .function(let name, let params, let body, let at):
                    bindings[name, default: 0] += 1
                    for p in params { bindings[p.name, default: 0] += 1 }
                    let signature = shapes.signatures[at] ?? PySignature()
                    let decorated = !preserves(shapes.decorators[at])
                    if let owner {
                        methodsByName[name, default: []].append((owner, params, signature, decorated))
                    } else if topLevel {
                        functionsByName[name, default: []].append((params, signature, decorated, block))
                    } else {
                        bindings[name, default: 0] += 1
                    }
                    collect(body, owner: nil, topLevel: false, block: block, shapes: shapes)
                case .classDef(let name, let body, let at):
                    bindings[name, default: 0] += 1
                    classes[name, default: []].append((shapes.decorators[at] != nil, shapes.classBases[at] ?? "", body, block))
                    collect(body, owner: name, topLevel: false, block: block, shapes: shapes)
                case .assign(let targets, _, _):
                    targets.forEach(bindTarget)
                case .augmented(let t, _, _, _): bindTarget(t)
                case .forLoop(let t, _, let body, _):
                    bindTarget(t)
                    collect(body, owner: owner, topLevel: topLevel, block: block, shapes: shapes)
                case .importNames(let names, _), .globalNames(let names, _):
                    for n in names { bindings[n, default: 0] += 1 }
                default:
                    for body in s.nestedBodies { collect(body, owner: owner, topLevel: topLevel, block: block, shapes: shapes) }
                }
            }
        }
        for (k, b) in blocks.enumerated() {
            collect(b.statements, owner: nil, topLevel: true, block: k, shapes: b.shapes)
            for n in b.otherBoundNames { bindings[n, default: 0] += 1 }
        }

        /// Several definitions of one name count as one when their parameters agree.
        func sameParameters(_ a: [PyParameter], _ b: [PyParameter]) -> Bool {
            a.map(\.name) == b.map(\.name) && a.map { $0.defaultValue == nil } == b.map { $0.defaultValue == nil }
        }
        /// A definition is seen by a call in its own block or a later one; a fenced sketch sees
        /// only its own block's.
        func visible(from definition: Int, to call: Int) -> Bool {
            definition == call || (definition < call && !blocks[call].fenced)
        }
        func moduleFunction(_ name: String, calledIn block: Int) -> CallTarget? {
            guard let defs = functionsByName[name], let first = defs.first, !namesOfUnreadBlocks.contains(name),
                  defs.allSatisfy({ visible(from: $0.block, to: block) }),
                  bindings[name] == defs.count, classes[name] == nil,
                  defs.allSatisfy({ !$0.decorated && $0.signature == first.signature && sameParameters($0.parameters, first.parameters) }) else { return nil }
            return CallTarget(name: name, parameters: first.parameters, signature: first.signature, bindsFirst: false)
        }
        func constructor(_ name: String, calledIn block: Int) -> CallTarget? {
            guard let defs = classes[name], defs.count == 1, let c = defs.first, !c.decorated, bindings[name] == 1, visible(from: c.block, to: block),
                  !namesOfUnreadBlocks.contains(name), functionsByName[name] == nil else { return nil }
            // A metaclass, a named tuple, an enum or a dataclass builds instances its own way.
            guard !["metaclass", "NamedTuple", "Enum", "TypedDict", "Protocol", "namedtuple"].contains(where: { c.bases.contains($0) }) else { return nil }
            var inits: [(parameters: [PyParameter], at: Int)] = []
            for s in c.body {
                if case .function(let n, let p, _, let at) = s, n == "__init__" { inits.append((p, at)) }
                if case .function(let n, _, _, _) = s, n == "__new__" || n == "__signature__" { return nil }
            }
            guard inits.count == 1, let i = inits.first, let methods = methodsByName["__init__"],
                  let own = methods.first(where: { $0.owner == name && sameParameters($0.parameters, i.parameters) }), !own.decorated else { return nil }
            return CallTarget(name: name, parameters: i.parameters, signature: own.signature, bindsFirst: true)
        }
        /// Classes that declare themselves bases for subclasses (a method that raises
        /// `NotImplementedError` or is an `@abstractmethod`, or an `ABC` base): the methods their
        /// code calls on `self` may be a subclass's, with other parameters.
        let abstractBases = Set(classes.compactMap { name, defs -> String? in
            guard let c = defs.first else { return nil }
            if c.bases.contains("ABC") { return name }
            let shapes = blocks[c.block].shapes
            let declaresBase = c.body.contains { s in
                guard case .function(_, _, _, let at) = s else { return false }
                return shapes.unimplemented.contains(at) || (shapes.decorators[at] ?? []).contains { $0.hasSuffix("abstractmethod") }
            }
            return declaresBase ? name : nil
        })
        func method(_ name: String, of owner: String) -> CallTarget? {
            guard let defs = methodsByName[name], defs.count == 1, let m = defs.first, m.owner == owner, !m.decorated,
                  !assignedAttributes.contains(name), classes[owner]?.count == 1, !name.hasPrefix("__"), !abstractBases.contains(owner) else { return nil }
            return CallTarget(name: "self.\(name)", parameters: m.parameters, signature: m.signature, bindsFirst: true)
        }

        return blocks.enumerated().map { k, b in
            var findings: [CodeFinding] = []
            func check(_ e: PyExpr, owner: String?) {
                e.walk { node in
                    guard case .call(let f, let args, let keywords, let at) = node, !b.shapes.unpackingCalls.contains(f.offset) else { return }
                    let target: CallTarget?
                    switch f {
                    case .name(let n, _): target = moduleFunction(n, calledIn: k) ?? constructor(n, calledIn: k)
                    case .attribute(.name("self", _), let m, _): target = owner.flatMap { method(m, of: $0) }
                    default: target = nil
                    }
                    guard let target, let problem = callProblem(target, positional: args.count, keywords: keywords.map(\.0)) else { return }
                    findings.append(CodeFinding(rule: .callArityMismatch, offset: at,
                                                message: "\(problem.message) (\(target.name) takes \(describe(target))): Python raises TypeError on this call",
                                                fix: problem.fix))
                }
            }
            func visit(_ statements: [PyStatement], owner: String?) {
                for s in statements {
                    if case .classDef(let name, let body, _) = s { visit(body, owner: name); continue }
                    for e in s.ownExpressions { check(e, owner: owner) }
                    for body in s.nestedBodies { visit(body, owner: owner) }
                }
            }
            visit(b.statements, owner: nil)
            return findings
        }
    }

    /// The parameter list as the call sees it: `(model, image_size, batch_size=…)`.
    static func describe(_ target: CallTarget) -> String {
        let params = target.bindsFirst ? Array(target.parameters.dropFirst()) : target.parameters
        let offset = target.bindsFirst ? 1 : 0
        let items = params.enumerated().map { i, p -> String in
            let index = i + offset
            if index == target.signature.variadic { return "*" + p.name }
            if index == target.signature.variadicKeywords { return "**" + p.name }
            return p.defaultValue == nil ? p.name : p.name + "=…"
        }
        return "(" + items.joined(separator: ", ") + ")"
    }

    /// Why Python refuses a call with `positional` arguments and these keywords, if it does.
    static func callProblem(_ target: CallTarget, positional: Int, keywords: [String]) -> (message: String, fix: String?)? {
        let s = target.signature
        let first = target.bindsFirst ? 1 : 0
        guard target.parameters.count >= first else { return nil }
        let positionalEnd = s.variadic ?? s.keywordOnlyFrom ?? s.variadicKeywords ?? target.parameters.count
        guard positionalEnd >= first else { return nil }
        let positionalParameters = Array(target.parameters[first..<positionalEnd])
        let keywordOnly = target.parameters.indices
            .filter { $0 >= (s.keywordOnlyFrom ?? target.parameters.count) && $0 != s.variadic && $0 != s.variadicKeywords }
            .map { target.parameters[$0] }
        let byKeyword = Set(positionalParameters.enumerated().filter { $0.offset + first >= s.positionalOnlyBefore }.map(\.element.name))
            .union(keywordOnly.map(\.name))
        if s.variadic == nil, positional > positionalParameters.count {
            return ("\(positional) positional arguments are passed where \(positionalParameters.count) are taken", nil)
        }
        for k in keywords {
            if let i = positionalParameters.firstIndex(where: { $0.name == k }), i < positional {
                return ("'\(k)' is given twice, by position and by keyword", nil)
            }
            if s.variadicKeywords == nil, !byKeyword.contains(k) {
                return ("'\(k)' is no parameter of \(target.name)", nil)
            }
        }
        let given = Set(keywords)
        let missing = positionalParameters.enumerated()
            .filter { $0.offset >= positional && $0.element.defaultValue == nil && !given.contains($0.element.name) }
            .map(\.element.name)
            + keywordOnly.filter { $0.defaultValue == nil && !given.contains($0.name) }.map(\.name)
        guard !missing.isEmpty else { return nil }
        let list = missing.map { "'\($0)'" }.joined(separator: ", ")
        return ("the call leaves out the required argument\(missing.count > 1 ? "s" : "") \(list)",
                "pass " + missing.map { "\($0)=…" }.joined(separator: ", "))
    }
}
