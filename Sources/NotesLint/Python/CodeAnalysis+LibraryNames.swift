/// Functions a library does not have: `torch.comprod(alphas, 0)`, `torch.linespace(…)`,
/// `np.random.randm(…)`, `nn.Seuential(…)`. Each raises AttributeError when its line runs, so the
/// schedule or the noise it was meant to make is never made.
///
/// The module a name is read from comes from the code's own imports (`import numpy as np`,
/// `from torch.nn import functional as F`); a name the code rebinds by assignment is no longer the
/// module and is not judged. A name is reported only when the module's catalogue lacks it and
/// holds a name one or two edits away (two for names of seven letters or more): a name far from
/// every catalogued one may be a newer function, a plug-in or a monkey-patch, and is left alone.
extension CodeAnalysis {
    /// `torch`, `np`, `nn` and `F` where the code does not import them.
    static let conventionalAliases: [String: String] = ["torch": "torch", "np": "numpy", "numpy": "numpy", "nn": "torch.nn", "F": "torch.nn.functional"]

    static func unknownLibraryFunctionFindings(_ statements: [PyStatement], aliases: [String: String], rebound: Set<String>) -> [CodeFinding] {
        var findings: [CodeFinding] = []
        var reported = Set<Int>()
        NameCheck.forEachLoadedExpression(statements) { e in
            e.walk { node in
                guard case .attribute(let base, let name, let at) = node, !name.hasPrefix("_"), let dotted = base.dottedName else { return }
                var parts = dotted.split(separator: ".").map(String.init)
                guard let alias = parts.first, !rebound.contains(alias), let module = aliases[alias] else { return }
                parts[0] = module
                let path = parts.joined(separator: ".")
                guard let known = LibraryCatalogue.names[path], !known.contains(name), let near = nearestLibraryName(name, in: known),
                      reported.insert(at).inserted else { return }
                // `F.l2_loss` beside `F.l1_loss`: a digit names another function, not a slip of this one.
                let otherNumber = near.count == name.count && zip(near, name).allSatisfy { $0 == $1 || ($0.isNumber && $1.isNumber) }
                findings.append(CodeFinding(rule: .unknownLibraryFunction, offset: at,
                                            message: "\(dotted).\(name) does not exist (AttributeError when this line runs)" + (otherNumber ? "" : "; did you mean \(dotted).\(near)?"),
                                            fix: otherNumber ? nil : "\(dotted).\(near)"))
            }
        }
        // `torch.random(n, *size)`, `np.random(size)`: the module of random generators called as a
        // function; TypeError ('module' object is not callable) when the line runs.
        NameCheck.forEachLoadedExpression(statements) { e in
            e.walk { node in
                guard case .call(let callee, _, _, let at) = node, let dotted = callee.dottedName else { return }
                var parts = dotted.split(separator: ".").map(String.init)
                guard parts.count == 2, let alias = parts.first, !rebound.contains(alias), let module = aliases[alias] else { return }
                parts[0] = module
                let path = parts.joined(separator: ".")
                guard let fix = calledModules[path], reported.insert(at).inserted else { return }
                findings.append(CodeFinding(rule: .unknownLibraryFunction, offset: at,
                                            message: "\(dotted) is a module, not a function (TypeError: 'module' object is not callable, when this line runs); a standard normal draw is \(alias).\(fix)",
                                            fix: "\(alias).\(fix)"))
            }
        }
        return findings
    }

    /// Modules of random generators that code calls as if they were the sampler, with the call a
    /// Gaussian draw takes.
    static let calledModules: [String: String] = ["torch.random": "randn(…)", "numpy.random": "random.randn(…)"]

    static func nearestLibraryName(_ name: String, in known: Set<String>) -> String? {
        guard name.count >= 4 else { return nil }
        let allowed = name.count >= 7 ? 2 : 1
        let close = known.lazy.filter { abs($0.count - name.count) <= allowed }
            .map { (distance: NameCheck.editDistance($0, name), name: $0) }
            .filter { $0.distance <= allowed }
        return close.min { ($0.distance, $0.name) < ($1.distance, $1.name) }?.name
    }

    /// Names the statements bind by assignment, at any level (an alias turned into a variable).
    static func assignedNames(_ statements: [PyStatement]) -> Set<String> {
        var names = Set<String>()
        PyStatement.forEach(in: statements) { s, _ in
            switch s {
            case .assign(let targets, _, _): for t in targets { NameCheck.targetNames(t, into: &names) }
            case .augmented(let t, _, _, _): NameCheck.targetNames(t, into: &names)
            case .forLoop(let t, _, _, _): NameCheck.targetNames(t, into: &names)
            case .function(let name, _, _, _), .classDef(let name, _, _): names.insert(name)
            default: break
            }
        }
        return names
    }
}
