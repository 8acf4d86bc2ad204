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
        func check(_ argument: PyExpr) {
            guard case .binary("*", _, _, _) = argument else { return }
            for (n, at) in directFactors(argument) where names.contains(n) {
                findings.append(CodeFinding(rule: .noiseUnderRootCode, offset: at,
                                            message: "'\(n)' is multiplied inside the square root: the coefficient's root is taken first and the noise multiplies it from outside",
                                            fix: "sqrt(coefficient) * \(n)"))
                return
            }
        }
        for s in statements {
            visitExpressions(s) { e in
                e.walk { node in
                    switch node {
                    case .call(let f, let args, _, _):
                        if let n = f.dottedName?.split(separator: ".").last, n == "sqrt", let a = args.first { check(a) }
                        if case .attribute(let receiver, "sqrt", _) = f, args.isEmpty { check(receiver) }
                    case .binary("**", let base, .number(0.5, _), _):
                        check(base)
                    default: break
                    }
                }
            }
        }
        return findings
    }
}
