import CheckerCore

/// Two or more independent Gaussian noises written as one: `a·ε₁ + b·ε₂ = c·ε` holds in law only
/// when c² = a² + b² (the variances add, not the standard deviations). The merge that gives
/// q(x_t | x_0) is the common case, and notes write it in any notation (ᾱ, Su's α̂ and β̂).
extension FormulaJudge {
    func judgeNoiseSum(_ chain: FormulaChain, _ exprs: [MathExpr?]) -> [MathFinding] {
        guard chain.sides.count >= 2 else { return [] }
        var findings: [MathFinding] = []
        for k in chain.firstOwnStep..<chain.sides.count where chain.relations[k - 1] == "=" {
            guard let a = exprs[k - 1], let b = exprs[k], Self.isScheduledNoise(a), Self.isScheduledNoise(b) else { continue }
            // `z = 0.5·z_1 + 0.5·z_2` with numbers only: an interpolation of two latents (or data
            // points), not a merge of a schedule's noises.
            guard ContinuousPath.mentionsDiscreteSchedule(a) || ContinuousPath.mentionsDiscreteSchedule(b) else { continue }
            // "Let ε̃ = a·ε₁ + b·ε₂": a new noise named for a sum, whose variance the note is about
            // to work out, not a claim that it is standard.
            if namesLeftSide, k == 1, a.asSymbol != nil { continue }
            let (countA, countB) = (Self.noiseSymbols(a).count, Self.noiseSymbols(b).count)
            // One noise against a sum of several; a symbol on both sides is one draw, not two.
            guard min(countA, countB) == 1, max(countA, countB) >= 2,
                  Set(Self.noiseSymbols(a)).isDisjoint(with: Self.noiseSymbols(b)) else { continue }
            var mismatch: (Probe, Double, Double)?
            var agreed = false
            for p in allProbes {
                guard let fa = affine(a, p), let fb = affine(b, p), fa.constant == 0, fb.constant == 0,
                      fa.deterministicKeys.isEmpty, fb.deterministicKeys.isEmpty else { continue }
                let (va, vb) = (fa.noiseVariance, fb.noiseVariance)
                // Relative 1e-9 as everywhere in the judge: a right merge differs by rounding.
                if nearlyEqual(va, vb) { agreed = true } else if mismatch == nil { mismatch = (p, va, vb) }
            }
            // Wrong at every step of both schedules, or it is no slip of the merge.
            guard !agreed, let (p, va, vb) = mismatch else { continue }
            findings.append(MathFinding(
                rule: .wrongMerge, offset: chain.sides[k].start,
                message: "independent Gaussian noises add their variances: the side before has noise variance \(Self.format(va)), this side \(Self.format(vb)) at \(p.name)",
                fix: "c·ε with c² the sum of the squared coefficients (for α_t·β̄_{t−1}·ε̄_{t−1} + β_t·ε_t that is β̄_t·ε)"))
        }
        return findings
    }

    /// Only noise symbols and schedule symbols (α, β with any mark), numbers and arithmetic: no
    /// state, no model output, no free σ whose value the note chooses.
    static func isScheduledNoise(_ e: MathExpr) -> Bool {
        var ok = true
        e.forEachSymbol { s in
            switch s.base {
            case "alpha", "beta": break
            case "epsilon", "z", "xi": if s.subscriptText?.contains("theta") == true { ok = false }
            default: ok = false
            }
        }
        if e.contains(where: { if case .application = $0 { return true } else { return false } }) { ok = false }
        return ok && !noiseSymbols(e).isEmpty
    }

    /// The noise symbols as written (base, marks and subscript), one per occurrence.
    static func noiseSymbols(_ e: MathExpr) -> [String] {
        var names: [String] = []
        e.forEachSymbol { s in
            if ["epsilon", "z", "xi"].contains(s.base) { names.append(s.base + s.decorations.sorted().joined() + "_" + (s.subscriptText ?? "")) }
        }
        return names
    }
}
