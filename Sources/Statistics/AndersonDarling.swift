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
        try Sample.validate(sample, name: "sample")
        let sorted = Sample.sorted(sample)
        let n = sorted.count
        var logLower = [Double](repeating: 0, count: n)
        var logUpper = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let f = try Sample.cdfValue(cdf, at: sorted[i])
            let s = survival(sorted[i])
            guard s >= 0, s <= 1 else {
                throw .invalidFunctionValue(
                    name: "survival", argument: sorted[i], value: s, expected: "a probability in [0, 1]")
            }
            logLower[i] = log(max(f, Double.leastNonzeroMagnitude))
            logUpper[i] = log(max(s, Double.leastNonzeroMagnitude))
        }
        let statistic = andersonDarlingStatistic(logLower: logLower, logUpper: logUpper)
        let p = try AndersonDarlingDistribution.survival(statistic, sampleSize: n)
        return try .checked(
            name: "Anderson–Darling", statistic: statistic, pValue: p, sampleSize: n,
            routine: "AndersonDarling.test")
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

    /// A² from ln F(x₍ᵢ₎) and ln(1 − F(x₍ᵢ₎)) over the sorted sample (0-based index i).
    static func andersonDarlingStatistic(logLower: [Double], logUpper: [Double]) -> Double {
        let n = logLower.count
        var sum = 0.0
        for i in 0..<n {
            sum += Double(2 * i + 1) * (logLower[i] + logUpper[n - 1 - i])
        }
        return -Double(n) - sum / Double(n)
    }
}
