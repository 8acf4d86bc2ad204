import RealModule
import Reference

/// The agreement of an array with a schedule, elementwise, within a tolerance.
public struct ArrayAgreement: Sendable, Equatable {
    public var maxAbsoluteError: Double
    public var maxRelativeError: Double
    /// The first index where |a − b| > rtol·|b| + atol (or the lengths differ, or a value is NaN).
    public var firstDisagreement: Int?
    public var lengthMatches: Bool

    public var agrees: Bool { firstDisagreement == nil && lengthMatches }

    /// The tolerance for comparing an array stored in `precision` with the exact schedule: the
    /// rounding of the stored numbers. float64: 1e-12 relative (a 1000-step running product
    /// accumulates ~1e-13), plus 16 units of roundoff of 1 (1.8e-15) absolute for β, which is
    /// computed as 1 − (a ratio near 1) and so carries an absolute, not a relative, error of a
    /// few ulps of 1 (a cosine β₃ ≈ 6e-5 written another way differs by 2.2e-16 = 2e-12
    /// relative); float32: 1e-6 for β (a few ulps: linspace kernels differ by one), 1e-4 for ᾱ
    /// (ratios of running products, field notes §3); float16: 1e-3 relative (half an ulp is
    /// 4.9e-4) plus 6e-8 absolute (the float16 subnormal spacing).
    public static func tolerance(for precision: StoragePrecision, kind: ArrayKind) -> (relative: Double, absolute: Double) {
        switch precision {
        case .float64: return (1e-12, kind == .betas ? 16 * StoragePrecision.float64.unitRoundoff : 0)
        case .float32: return (kind == .betas ? 1e-6 : 1e-4, 0)
        case .float16: return (1e-3, 6e-8)
        }
    }

    public static func compare(_ values: [Double], with expected: [Double], relative: Double, absolute: Double) -> ArrayAgreement {
        var maxAbs = 0.0
        var maxRel = 0.0
        var first: Int?
        for (i, (a, b)) in zip(values, expected).enumerated() {
            let diff = abs(a - b)
            if diff.isNaN || a.isNaN != b.isNaN {
                if first == nil { first = i }
                continue
            }
            if diff.isFinite { maxAbs = max(maxAbs, diff) }
            if b != 0 { maxRel = max(maxRel, diff / abs(b)) } else if diff > 0 { maxRel = .infinity }
            if diff > relative * abs(b) + absolute && first == nil { first = i }
        }
        let lengthMatches = values.count == expected.count
        if !lengthMatches && first == nil { first = min(values.count, expected.count) }
        return ArrayAgreement(maxAbsoluteError: maxAbs, maxRelativeError: maxRel, firstDisagreement: first, lengthMatches: lengthMatches)
    }
}

/// Which named schedule an array most likely is.
public struct ScheduleIdentification: Sendable {
    public var name: String
    /// A known wrong form (cosine off by one, cos instead of cos²).
    public var isKnownBug: Bool
    public var agreement: ArrayAgreement

    /// Candidates: linear, scaled linear and sigmoid with the ends read from the array, the cosine
    /// schedule, the zero-SNR rescaled standard schedules, and two wrong cosines. The best is the
    /// one with the smallest maximum relative error; it "matches" within the array's tolerance.
    public static func identify(_ array: ProvidedArray) -> ScheduleIdentification? {
        let T = array.values.count
        guard T >= 2 else { return nil }
        let betas = array.kind == .betas ? array.values : betasFromAlphaBars(array.values)
        let first = betas[0]
        let last = betas[T - 1]
        var candidates: [(String, Bool, [Double])] = []
        if first.isFinite, last.isFinite {
            candidates.append(("linear \(format(first)) → \(format(last))", false, numpyLinspace(first, last, count: T)))
            if first >= 0, last >= 0 {
                candidates.append(("scaled linear \(format(first)) → \(format(last))", false,
                                   numpyLinspace(first.squareRoot(), last.squareRoot(), count: T).map { $0 * $0 }))
            }
            // Sigmoid: β₀ = start + (end − start)·σ(−6), β_{T−1} = start + (end − start)·σ(6).
            let low = 1 / (1 + Double.exp(6.0))
            let high = 1 / (1 + Double.exp(-6.0))
            let span = (last - first) / (high - low)
            let start = first - span * low
            var sigmoid = ScheduleSpecification(kind: .sigmoid, timesteps: T)
            sigmoid.betaStart = start
            sigmoid.betaEnd = start + span
            candidates.append(("sigmoid \(format(sigmoid.betaStart)) → \(format(sigmoid.betaEnd))", false, unvalidatedBetas(sigmoid)))
        }
        candidates.append(("cosine s = 0.008, cap 0.999", false, cosineBetas(timesteps: T, s: 0.008, cap: 0.999, square: true, shifted: false)))
        candidates.append(("cosine shifted by one index (ᾱ₀ = f(0)/f(0) = 1, β₀ = 0)", true, cosineBetas(timesteps: T, s: 0.008, cap: 0.999, square: true, shifted: true)))
        candidates.append(("cosine with cos instead of cos²", true, cosineBetas(timesteps: T, s: 0.008, cap: 0.999, square: false, shifted: false)))
        for (name, kind, start, end) in [("linear", ScheduleSpecification.Kind.linear, 0.0001, 0.02), ("scaled linear", .scaledLinear, 0.00085, 0.012)] {
            var spec = ScheduleSpecification(kind: kind, timesteps: T)
            spec.betaStart = start
            spec.betaEnd = end
            spec.rescaleZeroTerminalSNR = true
            if let schedule = try? spec.make(Double.self) {
                candidates.append(("\(name) \(format(start)) → \(format(end)), zero-SNR rescaled", false, schedule.betas))
            }
        }
        let tolerance = ArrayAgreement.tolerance(for: array.precision, kind: array.kind)
        var best: ScheduleIdentification?
        for (name, bug, candidateBetas) in candidates {
            let expected = array.kind == .betas ? candidateBetas : cumulativeAlphaBars(candidateBetas)
            let agreement = ArrayAgreement.compare(array.values, with: expected, relative: tolerance.relative, absolute: tolerance.absolute)
            let candidate = ScheduleIdentification(name: name, isKnownBug: bug, agreement: agreement)
            guard let current = best else { best = candidate; continue }
            // Prefer a match; among equals, the smaller error; a correct schedule over a bug on ties.
            if (candidate.agreement.agrees && !current.agreement.agrees)
                || (candidate.agreement.agrees == current.agreement.agrees && candidate.agreement.maxRelativeError < current.agreement.maxRelativeError) {
                best = candidate
            }
        }
        return best
    }
}
