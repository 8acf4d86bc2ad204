/// The noise or the model's noise prediction multiplied inside a square root: every DDPM/DDIM
/// coefficient multiplies ε from outside the root (β_t/√(1 − ᾱ_t)·ε_θ), and a root of ε is not
/// even real for negative noise. A misplaced parenthesis (`sqrt(abar * eps)`) is the usual cause.
extension CodeAnalysis {
    static func noiseUnderRootFindings(_ statements: [PyStatement]) -> [CodeFinding] {
        let names = noiseNames.union(predictionNames)
        var findings: [CodeFinding] = []
        /// The names multiplied directly (not squared, not reduced) in `e`.
        func directFactors(_ e: PyExpr) -> [(String, Int)] {
            switch e {
            case .binary(let op, let a, let b, _) where op == "*" || op == "/":
                return directFactors(a) + (op == "*" ? directFactors(b) : [])
            case .name(let n, let at): return [(n, at)]
            default: return []
            }
        }
        func check(_ argument: PyExpr, numbers: Set<String>) {
            guard case .binary("*", _, _, _) = argument else { return }
            for (n, at) in directFactors(argument) where names.contains(n) && !numbers.contains(n) {
                findings.append(CodeFinding(rule: .noiseUnderRootCode, offset: at,
                                            message: "'\(n)' is multiplied inside the square root: the coefficient's root is taken first and the noise multiplies it from outside",
                                            fix: "sqrt(coefficient) * \(n)"))
                return
            }
        }
        // A noise-like name that holds a number (`eps=1e-3`, a Langevin step size, with
        // `np.sqrt(2 * eps)` its noise scale) is no noise: per function, its parameters with a
        // numeric default and its names assigned a numeric literal.
        func scan(_ list: [PyStatement], numbers: Set<String>) {
            let here = numbers.union(numericNames(list)).union(stepSizesOfScore(list))
            let drawn = gaussianDrawNames(list)
            for s in list {
                switch s {
                case .function(_, let params, let body, _):
                    let defaults = params.filter { $0.defaultValue.map(isNumericLiteral) ?? false }.map(\.name)
                    scan(body, numbers: here.union(defaults))
                case .classDef(_, let body, _):
                    scan(body, numbers: here)
                default:
                    visitExpressions(s) { e in
                        let scales = rootsScalingADraw(e, drawnNames: drawn)
                        e.walk { node in
                            switch node {
                            case .call(let f, let args, _, let at) where !scales.contains(at):
                                if let n = f.dottedName?.split(separator: ".").last, n == "sqrt", let a = args.first { check(a, numbers: here) }
                                if case .attribute(let receiver, "sqrt", _) = f, args.isEmpty { check(receiver, numbers: here) }
                            case .binary("**", let base, .number(0.5, _), let at) where !scales.contains(at):
                                check(base, numbers: here)
                            default: break
                            }
                        }
                    }
                }
            }
        }
        scan(statements, numbers: [])
        return findings
    }

    /// Roots that multiply a Gaussian draw of their own (`sqrt(2 * eps) * torch.randn_like(x)`, or
    /// a name the same block assigns such a draw): the draw is the noise, so what is under the
    /// root is its variance (a Langevin step size), whatever its name. Their offsets.
    static func rootsScalingADraw(_ e: PyExpr, drawnNames: Set<String>) -> Set<Int> {
        func isDraw(_ e: PyExpr) -> Bool {
            if case .name(let n, _) = e { return drawnNames.contains(n) }
            return isNoiseDraw(e)
        }
        func rootOffset(_ e: PyExpr) -> Int? {
            switch e {
            case .call(let f, _, _, let at) where f.dottedName?.split(separator: ".").last == "sqrt": return at
            case .binary("**", _, .number(0.5, _), let at): return at
            default: return nil
            }
        }
        var out = Set<Int>()
        e.walk { node in
            guard case .binary("*", let a, let b, _) = node else { return }
            if isDraw(b), let at = rootOffset(a) { out.insert(at) }
            if isDraw(a), let at = rootOffset(b) { out.insert(at) }
        }
        return out
    }

    /// Names a list of statements assigns a Gaussian draw (`z = torch.randn_like(x)`), in its
    /// loops and branches too, not in nested functions or classes.
    static func gaussianDrawNames(_ list: [PyStatement]) -> Set<String> {
        var out = Set<String>()
        for s in list {
            switch s {
            case .function, .classDef: continue
            case .assign(let targets, let value, _) where isNoiseDraw(value):
                for case .name(let n, _) in targets { out.insert(n) }
            default: break
            }
            for body in s.nestedBodies { out.formUnion(gaussianDrawNames(body)) }
        }
        return out
    }

    /// Noise-like names that multiply a score (`x + eps * score + sqrt(2 * eps) * z`,
    /// `epsilon * model(x, sigma)`): Langevin's step size, whose root is the noise scale.
    static func stepSizesOfScore(_ list: [PyStatement]) -> Set<String> {
        func isScore(_ e: PyExpr) -> Bool {
            var e = e
            if case .call(let f, _, _, _) = e { e = f }
            guard let last = e.dottedName?.split(separator: ".").last?.lowercased() else { return false }
            return ["score", "grad", "model", "net"].contains { last.contains($0) }
        }
        var out = Set<String>()
        for s in list {
            if case .function = s { continue }
            visitExpressions(s) { e in
                e.walk { node in
                    guard case .binary("*", let a, let b, _) = node else { return }
                    if case .name(let n, _) = a, isScore(b) { out.insert(n) }
                    if case .name(let n, _) = b, isScore(a) { out.insert(n) }
                }
            }
        }
        return out
    }

    /// Names a list of statements assigns a numeric literal (`eps = 1e-5`), not in nested functions.
    static func numericNames(_ list: [PyStatement]) -> Set<String> {
        var out = Set<String>()
        for s in list {
            guard case .assign(let targets, let value, _) = s, isNumericLiteral(value) else { continue }
            for case .name(let n, _) in targets { out.insert(n) }
        }
        return out
    }

    /// `1e-3`, `-2`: a number written as one.
    static func isNumericLiteral(_ e: PyExpr) -> Bool {
        switch e {
        case .number, .unary("-", .number, _): return true
        default: return false
        }
    }
}
