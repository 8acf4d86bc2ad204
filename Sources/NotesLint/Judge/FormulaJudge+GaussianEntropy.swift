/// The differential entropy of a Gaussian written out:
///
///     H[N(μ, Σ)] = ½·log det(2πe·Σ),  so  H[N(μ, σ²I_D)] = (D/2)·(1 + log 2π) + (D/2)·log σ²
///
/// and, for a scalar variance, ½·log(2πe·σ²). The right side is evaluated with its symbols at
/// sample values (three draws); the dimension is the one symbol of the right side that the
/// covariance does not contain. A covariance with I and no dimension symbol on the right (an
/// entropy per coordinate, or D left implicit) is not judged, nor a right side with more symbols.
extension FormulaJudge {
    func judgeGaussianEntropy(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        guard chain.sides.count >= 2 else { return [] }
        for k in chain.firstOwnStep..<chain.sides.count where chain.relations[k - 1] == "=" {
            guard let lhs = exprs[k - 1], let rhs = exprs[k], let covariance = Self.entropyOfGaussian(lhs) else { continue }
            let ignored: Set<String> = ["pi", "e", "I", "log"]
            var covarianceNames = Set<String>()
            covariance.forEachSymbol { covarianceNames.insert(Self.symbolName($0)) }
            var extra: [MathSymbol] = []
            rhs.forEachSymbol { s in
                let name = Self.symbolName(s)
                if !ignored.contains(s.base), !covarianceNames.contains(name), !extra.contains(where: { Self.symbolName($0) == name }) { extra.append(s) }
            }
            let isotropic = covariance.mentions(base: "I")
            guard isotropic ? extra.count == 1 : extra.isEmpty, let p = allProbes.first else { continue }
            var wrong: (got: Double, want: Double)?
            var judged = true
            for salt: UInt64 in [1, 2, 3] {
                var ev = evaluator(p)
                ev.freeSymbols = true
                ev.salt = salt
                let dimension = extra.first.map { ev.evaluate(.symbol($0)) } ?? 1
                guard let v = ev.evaluate(covariance), v > 0, let d = dimension, let got = ev.evaluate(rhs), got.isFinite else { judged = false; break }
                let want = d / 2 * (1 + log(2 * Double.pi)) + d / 2 * log(v)
                if nearlyEqual(got, want) { judged = wrong == nil; break }
                wrong = (got, want)
            }
            guard judged else { continue }
            notes.structures += 1
            if let wrong {
                return [MathFinding(rule: .gaussianEntropy, offset: chain.sides[k].start,
                                    message: "the entropy of a Gaussian is ½·log det(2πe·Σ)\(isotropic ? ", (D/2)·(1 + log 2π) + (D/2)·log σ² for σ²I in D dimensions" : ""): with the symbols at sample values the formula gives \(Self.format(wrong.got)), the entropy is \(Self.format(wrong.want))",
                                    fix: isotropic ? "H[N(μ, σ²I_D)] = (D/2)·(1 + log 2π) + (D/2)·log σ²" : "H[N(μ, σ²)] = ½·log(2πe·σ²)")]
            }
        }
        return []
    }

    static func symbolName(_ s: MathSymbol) -> String { s.base + "_" + (s.subscriptText ?? "") + s.decorations.sorted().joined() }

    /// The covariance of `H[N(μ, Σ)]`, `H(N(μ, σ²))`, `h(N(…))` (nil for anything else).
    static func entropyOfGaussian(_ e: MathExpr) -> MathExpr? {
        var argument: MathExpr?
        if case .product(let fs) = e, fs.count == 2, let s = fs[0].asSymbol, ["H", "h"].contains(s.base), s.subscriptText == nil { argument = fs[1] }
        if let (head, args) = e.asApplication, ["H", "h"].contains(head.base), head.subscriptText == nil, args.count == 1 { argument = args[0].expr }
        guard let (n, nArgs) = argument?.asApplication, n.base == "N", nArgs.count == 2 else { return nil }
        return nArgs[1].expr
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
