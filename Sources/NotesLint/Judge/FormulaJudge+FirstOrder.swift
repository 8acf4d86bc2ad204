extension FormulaJudge {
    /// Whether two values found apart at `p` are a first-order expansion of each other rather
    /// than a slip: `√(1 − β_t) = 1 − β_t/2` under "by Taylor expansion", the Euler step of the
    /// VP SDE `x_t = (1 − β_t/2)·x_{t−1} + √β_t·ε`, `ᾱ_t = 1 − Σ β_s`.
    ///
    /// Derivations from the discrete chain to the SDE write these with `=`; they are what the
    /// note means, to first order in the step size. The test is on the relative gap, with every
    /// β_s shrunk a hundredfold: the remainder of such an expansion is second order in β next to
    /// values of order one, so the relative gap shrinks about ten-thousandfold; a slip (a missing
    /// root, an index one off, a variance for a standard deviation, a wrong denominator in the
    /// posterior variance) leaves a relative gap of first order or more, which shrinks a
    /// hundredfold at most. The threshold, a thousandfold, sits between the two.
    func agreeToFirstOrder(at p: Probe, _ values: (Probe) -> (Double, Double)?) -> Bool {
        guard let small = PaperSchedule.smallStep[p.schedule.betas.last ?? 0],
              let (x, y) = values(p), let (xs, ys) = values(Probe(schedule: small, t: p.t)) else { return false }
        func relativeGap(_ a: Double, _ b: Double) -> Double? {
            let scale = max(abs(a), abs(b))
            return a.isFinite && b.isFinite && scale > 0 ? abs(a - b) / scale : nil
        }
        guard let gap = relativeGap(x, y), let smallGap = relativeGap(xs, ys), gap > 0 else { return false }
        return smallGap <= gap / 1000
    }
}
