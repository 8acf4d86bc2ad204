/// A test of the count of observations beyond ±c standard deviations.
public enum TailExceedance {
    /// Below this per-observation probability the count is referred to the Poisson distribution
    /// (and to the binomial above it).
    public static let poissonThreshold = 1e-3

    /// Two-sided test of the count K = #{i : |xᵢ − μ| > c·σ} against its null distribution
    /// Binomial(n, p₀), p₀ = 2·Q(c), under the normal `hypothesis` N(μ, σ²).
    ///
    ///     p = min(1, 2·min(P(K ≤ k), P(K ≥ k)))
    ///
    /// For rare exceedances (p₀ < ``poissonThreshold``) the tails are Poisson(n·p₀) ones from GSL
    /// (`gsl_cdf_poisson_P`/`_Q`); the Poisson–binomial total-variation distance is at most p₀.
    /// Otherwise binomial tails are used: on the far side of the mean by direct summation of the
    /// pmf from k outwards (`gsl_cdf_binomial_P(k, …)` underflows to 0 for small k at large n even
    /// where the value is representable, e.g. 0 instead of 3.5·10⁻¹²⁰ at n = 2·10⁵, k = 0,
    /// c = 3.2), and GSL's `gsl_cdf_binomial_P`/`_Q` in the bulk. The count is discrete, so the p-value is conservative (P(p ≤ α) ≤ α).
    /// `statistic` is k; the expected count is n·p₀.
    ///
    /// - Throws: ``StatisticsError`` for an empty sample, a NaN/infinite value, or c not finite
    ///   and positive.
    public static func test(
        _ sample: [Double], threshold c: Double, hypothesis: NormalDistribution = .standard
    ) throws(StatisticsError) -> HypothesisTestResult {
        try Sample.require(c.isFinite && c > 0, "threshold", c, expected: "a finite threshold > 0 (in standard deviations)")
        try Sample.validate(sample, name: "sample")
        let limit = c * hypothesis.standardDeviation
        let mu = hypothesis.mean
        let count = sample.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let b = buffer
            return Int(ParallelWork.blockedSum(b.count) { r in
                var k = 0
                for i in r where abs(b[i] - mu) > limit { k += 1 }
                return Double(k)
            })
        }
        return try test(count: count, sampleSize: sample.count, threshold: c)
    }

    /// The test from the count of |x − μ| > c·σ among `n` values (for samples counted in pieces).
    public static func test(count: Int, sampleSize n: Int, threshold c: Double) throws(StatisticsError) -> HypothesisTestResult {
        try Sample.require(c.isFinite && c > 0, "threshold", c, expected: "a finite threshold > 0 (in standard deviations)")
        try Sample.require(n > 0 && count >= 0 && count <= n, "count", Double(count), expected: "a count between 0 and the sample size")
        let p0 = 2 * (try GSLRuntime.normalQ(c))
        let lower: Double
        let upper: Double
        let model: String
        if p0 < poissonThreshold || n > Int(UInt32.max) {
            let lambda = Double(n) * p0
            lower = try GSLRuntime.poissonP(count, mean: lambda)
            upper = try GSLRuntime.poissonUpper(count, mean: lambda)
            model = "Poisson"
        } else {
            lower = try GSLRuntime.binomialP(count, probability: p0, trials: n)
            upper = try GSLRuntime.binomialUpper(count, probability: p0, trials: n)
            model = "binomial"
        }
        return try .checked(
            name: "tail exceedance |x| > \(c)σ (\(model))", statistic: Double(count),
            pValue: min(1, 2 * min(lower, upper)), sampleSize: n, routine: "TailExceedance.test")
    }

    /// Float overload (the sample is widened exactly to Double).
    public static func test(
        _ sample: [Float], threshold c: Double, hypothesis: NormalDistribution = .standard
    ) throws(StatisticsError) -> HypothesisTestResult {
        try test(Sample.widen(sample), threshold: c, hypothesis: hypothesis)
    }

    /// The expected count n·2·Q(c) of the test above.
    public static func expectedCount(sampleSize n: Int, threshold c: Double) throws(StatisticsError) -> Double {
        try Sample.require(c.isFinite && c > 0, "threshold", c, expected: "a finite threshold > 0")
        return Double(n) * 2 * (try GSLRuntime.normalQ(c))
    }
}
