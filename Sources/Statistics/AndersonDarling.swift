#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Anderson–Darling goodness-of-fit test against a fully specified continuous distribution.
public enum AndersonDarling {
    /// Anderson–Darling test of `sample` against the CDF `cdf`, with the upper tail 1 − F(x)
    /// given by `survival` (pass an accurate survival function: `1 − cdf` loses all digits for
    /// F(x) near 1).
    ///
    ///     A² = −n − (1/n) Σ_{i=1}^{n} (2i − 1)·[ln F(x₍ᵢ₎) + ln(1 − F(x₍ₙ₊₁₋ᵢ₎))]
    ///
    /// p = P(A²ₙ ≥ A²) from ``AndersonDarlingDistribution/survival(_:sampleSize:)``.
    ///
    /// ## Edge cases
    /// F and 1 − F are clamped below at the smallest positive Double (4.9·10⁻³²⁴), so a point
    /// where the CDF underflows to exactly 0 or 1 contributes ln(4.9·10⁻³²⁴) = −744.4 instead of
    /// −∞: A² is then a lower bound and the p-value conservative (and still tiny).
    ///
    /// - Throws: ``StatisticsError`` for an empty sample, a NaN/infinite value, or a `cdf` or
    ///   `survival` value outside [0, 1].
    public static func test(
        _ sample: [Double], cdf: (Double) -> Double, survival: (Double) -> Double
    ) throws(StatisticsError) -> HypothesisTestResult {
        try test(try SortedSample(sample), cdf: cdf, survival: survival)
    }

    /// Anderson–Darling test of an already sorted sample (see ``test(_:cdf:survival:)``).
    ///
    /// The sum runs in blocks of 1024 terms, in parallel, added in block order (the same result
    /// for any thread count); `cdf` and `survival` must be safe to call from several threads.
    public static func test(
        _ sorted: SortedSample, cdf: (Double) -> Double, survival: (Double) -> Double
    ) throws(StatisticsError) -> HypothesisTestResult {
        let n = sorted.count
        let pieces = ParallelWork.pieces(n)
        var failure: [(index: Int, error: StatisticsError)?] = Array(repeating: nil, count: pieces)
        let sum = sorted.values.withUnsafeBufferPointer { values in
            failure.withUnsafeMutableBufferPointer { failed in
                withoutActuallyEscaping(cdf) { cdf in
                    withoutActuallyEscaping(survival) { survival in
                        nonisolated(unsafe) let (x, f, F, S) = (values, failed, cdf, survival)
                        return ParallelWork.blockedSum(n) { r in
                            var block = 0.0
                            for i in r {
                                let lower: Double
                                let upper: Double
                                do throws(StatisticsError) {
                                    lower = try Sample.cdfValue(F, at: x[i])
                                    upper = try survivalValue(S, at: x[n - 1 - i])
                                } catch {
                                    let slot = i / ParallelWork.piece
                                    if f[slot] == nil { f[slot] = (i, error) }
                                    return 0
                                }
                                block += Double(2 * i + 1)
                                    * (log(max(lower, Double.leastNonzeroMagnitude)) + log(max(upper, Double.leastNonzeroMagnitude)))
                            }
                            return block
                        }
                    }
                }
            }
        }
        if let first = failure.compactMap({ $0 }).min(by: { $0.index < $1.index }) { throw first.error }
        let statistic = -Double(n) - sum / Double(n)
        let p = try AndersonDarlingDistribution.survival(statistic, sampleSize: n)
        return try .checked(
            name: "Anderson–Darling", statistic: statistic, pValue: p, sampleSize: n,
            routine: "AndersonDarling.test")
    }

    /// A survival-function value, checked to be a probability.
    static func survivalValue(_ survival: (Double) -> Double, at x: Double) throws(StatisticsError) -> Double {
        let s = survival(x)
        guard s >= 0, s <= 1 else {
            throw .invalidFunctionValue(name: "survival", argument: x, value: s, expected: "a probability in [0, 1]")
        }
        return s
    }

    /// Anderson–Darling test against `cdf` alone; the upper tail is computed as 1 − F(x).
    ///
    /// 1 − F(x) is exact in Double arithmetic but has no digits below 2⁻⁵³, so beyond
    /// F⁻¹(1 − 2⁻⁵³) the upper tail is clamped (see ``test(_:cdf:survival:)``); A² is then a lower
    /// bound. Prefer ``test(_:cdf:survival:)`` or ``test(_:against:)`` when an accurate upper tail
    /// is available.
    public static func test(
        _ sample: [Double], cdf: (Double) -> Double
    ) throws(StatisticsError) -> HypothesisTestResult {
        try test(sample, cdf: cdf, survival: { 1 - cdf($0) })
    }

    /// Anderson–Darling test against a normal distribution, using GSL's accurate lower and upper
    /// tails.
    public static func test(
        _ sample: [Double], against normal: NormalDistribution
    ) throws(StatisticsError) -> HypothesisTestResult {
        try test(sample, cdf: normal.cdf, survival: normal.survival)
    }

    /// Anderson–Darling test of an already sorted sample against a normal distribution.
    public static func test(
        _ sorted: SortedSample, against normal: NormalDistribution
    ) throws(StatisticsError) -> HypothesisTestResult {
        try test(sorted, cdf: normal.cdf, survival: normal.survival)
    }

    /// Float overload of ``test(_:cdf:survival:)`` (the sample is widened exactly to Double).
    public static func test(
        _ sample: [Float], cdf: (Double) -> Double, survival: (Double) -> Double
    ) throws(StatisticsError) -> HypothesisTestResult {
        try test(Sample.widen(sample), cdf: cdf, survival: survival)
    }

    /// Float overload of ``test(_:against:)`` (the sample is widened exactly to Double).
    public static func test(
        _ sample: [Float], against normal: NormalDistribution
    ) throws(StatisticsError) -> HypothesisTestResult {
        try test(Sample.widen(sample), against: normal)
    }
}
