#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Two-sided tests of the first four moments of a sample against a normal hypothesis.
///
/// The mean and variance tests come in a known-parameter form (the hypothesis fixes both mean and
/// variance) and an unknown-parameter form (the nuisance parameter is estimated, costing one
/// degree of freedom). The skewness and kurtosis tests standardise by the sample's own mean and
/// variance, so they are location–scale invariant and serve both cases unchanged.
public enum MomentTests {
    /// z test of the mean with known mean μ and standard deviation σ.
    ///
    ///     z = (x̄ − μ)·√n/σ,   p = 2·Q(|z|)
    ///
    /// Exact for normal data at every n. `statistic` is z.
    public static func mean(
        _ sample: [Double], hypothesis: NormalDistribution
    ) throws(StatisticsError) -> HypothesisTestResult {
        try Sample.validate(sample, name: "sample")
        return try mean(sampleMean: SampleMoments(sample).mean, count: sample.count, hypothesis: hypothesis)
    }

    /// ``mean(_:hypothesis:)`` from the sample mean of `count` values.
    public static func mean(
        sampleMean: Double, count: Int, hypothesis: NormalDistribution
    ) throws(StatisticsError) -> HypothesisTestResult {
        try Sample.require(sampleMean.isFinite && count > 0, "sampleMean", sampleMean, expected: "the finite mean of a non-empty sample")
        let n = Double(count)
        let z = (sampleMean - hypothesis.mean) * n.squareRoot() / hypothesis.standardDeviation
        return try .checked(
            name: "mean z test", statistic: z, pValue: try GSLRuntime.normalTwoSided(z),
            sampleSize: count, routine: "MomentTests.mean")
    }

    /// Student t test of the mean μ with the variance estimated (n − 1 degrees of freedom).
    ///
    ///     t = (x̄ − μ)·√n/s,   s² = Σ(x − x̄)²/(n − 1),   p = 2·Q_t(|t|; n − 1)
    ///
    /// Exact for normal data at every n ≥ 2. `statistic` is t.
    public static func mean(
        _ sample: [Double], expectedMean mu: Double
    ) throws(StatisticsError) -> HypothesisTestResult {
        try Sample.require(mu.isFinite, "expectedMean", mu, expected: "a finite mean")
        try Sample.validate(sample, name: "sample", minimum: 2)
        let moments = SampleMoments(sample)
        let n = Double(sample.count)
        let s2 = moments.m2 * n / (n - 1)
        guard s2 > 0 else { throw .zeroVariance(name: "sample") }
        let t = (moments.mean - mu) * n.squareRoot() / s2.squareRoot()
        let p = min(1, 2 * (try GSLRuntime.studentTQ(abs(t), dof: n - 1)))
        return try .checked(
            name: "mean t test", statistic: t, pValue: p, sampleSize: sample.count,
            routine: "MomentTests.mean(expectedMean:)")
    }

    /// χ² test of the variance with the mean known.
    ///
    ///     X = Σ(x − μ)²/σ² ~ χ²ₙ,   p = 2·min(P(χ²ₙ ≤ X), P(χ²ₙ ≥ X)), capped at 1
    ///
    /// `statistic` is X. Exact for normal data.
    public static func variance(
        _ sample: [Double], hypothesis: NormalDistribution
    ) throws(StatisticsError) -> HypothesisTestResult {
        try Sample.validate(sample, name: "sample")
        return try variance(
            sumOfSquares: SampleMoments.sumOfSquares(sample, about: hypothesis.mean), count: sample.count, hypothesis: hypothesis)
    }

    /// ``variance(_:hypothesis:)`` from Σ(x − μ)² over `count` values (μ the hypothesis' mean).
    public static func variance(
        sumOfSquares: Double, count: Int, hypothesis: NormalDistribution
    ) throws(StatisticsError) -> HypothesisTestResult {
        try Sample.require(sumOfSquares.isFinite && sumOfSquares >= 0 && count > 0, "sumOfSquares", sumOfSquares,
                           expected: "a finite sum of squares of a non-empty sample")
        let sigma2 = hypothesis.standardDeviation * hypothesis.standardDeviation
        let x = sumOfSquares / sigma2
        return try chiSquareTwoSided(x, dof: Double(count), name: "variance χ² test (known mean)", n: count)
    }

    /// χ² test of the variance σ² with the mean estimated (n − 1 degrees of freedom).
    ///
    ///     X = (n − 1)·s²/σ² = Σ(x − x̄)²/σ² ~ χ²ₙ₋₁,   p two-sided as in ``variance(_:hypothesis:)``
    public static func variance(
        _ sample: [Double], expectedVariance sigma2: Double
    ) throws(StatisticsError) -> HypothesisTestResult {
        try Sample.require(
            sigma2.isFinite && sigma2 > 0, "expectedVariance", sigma2, expected: "a finite variance > 0")
        try Sample.validate(sample, name: "sample", minimum: 2)
        let moments = SampleMoments(sample)
        let x = moments.m2 * Double(sample.count) / sigma2
        return try chiSquareTwoSided(
            x, dof: Double(sample.count - 1), name: "variance χ² test (estimated mean)", n: sample.count)
    }

    static func chiSquareTwoSided(
        _ x: Double, dof: Double, name: String, n: Int
    ) throws(StatisticsError) -> HypothesisTestResult {
        let lower = try GSLRuntime.chiSquareP(x, dof: dof)
        let upper = try GSLRuntime.chiSquareQ(x, dof: dof)
        return try .checked(
            name: name, statistic: x, pValue: min(1, 2 * min(lower, upper)), sampleSize: n,
            routine: "MomentTests.variance")
    }

    /// D'Agostino's test of zero skewness (normal data), as `scipy.stats.skewtest`.
    ///
    /// With √b₁ = m₃/m₂^{3/2} (biased sample moments):
    ///
    ///     Y  = √b₁ · √((n + 1)(n + 3)/(6(n − 2)))
    ///     β₂ = 3(n² + 27n − 70)(n + 1)(n + 3)/((n − 2)(n + 5)(n + 7)(n + 9))
    ///     W² = −1 + √(2(β₂ − 1)),  δ = 1/√(ln W),  α = √(2/(W² − 1))
    ///     Z  = δ · asinh(Y/α),  p = 2·Q(|Z|)
    ///
    /// D'Agostino (1970), Biometrika 57; D'Agostino, Belanger & D'Agostino (1990), Am. Stat. 44,
    /// Eq. (2)–(3). The Johnson S_U transformation keeps Z close to N(0, 1) from n = 8 on.
    /// `statistic` is Z.
    ///
    /// - Throws: ``StatisticsError/sampleTooSmall(name:minimum:actual:)`` for n < 8,
    ///   ``StatisticsError/zeroVariance(name:)`` for a constant sample.
    public static func skewness(_ sample: [Double]) throws(StatisticsError) -> HypothesisTestResult {
        try Sample.validate(sample, name: "sample", minimum: 8)
        let moments = SampleMoments(sample)
        return try skewness(m2: moments.m2, m3: moments.m3, count: sample.count)
    }

    /// ``skewness(_:)`` from the biased central moments m₂, m₃ of `count` values (for samples
    /// accumulated in pieces, never held whole).
    public static func skewness(m2: Double, m3: Double, count: Int) throws(StatisticsError) -> HypothesisTestResult {
        if count < 8 { throw .sampleTooSmall(name: "sample", minimum: 8, actual: count) }
        guard m2 > 0 else { throw .zeroVariance(name: "sample") }
        let n = Double(count)
        let b1 = m3 / (m2 * m2.squareRoot())
        let y = b1 * ((n + 1) * (n + 3) / (6 * (n - 2))).squareRoot()
        let beta2 = 3 * (n * n + 27 * n - 70) * (n + 1) * (n + 3) / ((n - 2) * (n + 5) * (n + 7) * (n + 9))
        let w2 = -1 + (2 * (beta2 - 1)).squareRoot()
        let delta = 1 / (0.5 * log(w2)).squareRoot()
        let alpha = (2 / (w2 - 1)).squareRoot()
        let z = delta * asinh(y / alpha)
        return try .checked(
            name: "D'Agostino skewness test", statistic: z, pValue: try GSLRuntime.normalTwoSided(z),
            sampleSize: count, routine: "MomentTests.skewness")
    }

    /// Anscombe–Glynn test of normal kurtosis (b₂ = 3), as `scipy.stats.kurtosistest`.
    ///
    /// With b₂ = m₄/m₂²:
    ///
    ///     E(b₂) = 3(n − 1)/(n + 1),  Var(b₂) = 24n(n − 2)(n − 3)/((n + 1)²(n + 3)(n + 5))
    ///     x = (b₂ − E b₂)/√Var(b₂)
    ///     √β₁(b₂) = 6(n² − 5n + 2)/((n + 7)(n + 9)) · √(6(n + 3)(n + 5)/(n(n − 2)(n − 3)))
    ///     A = 6 + (8/√β₁)·(2/√β₁ + √(1 + 4/β₁))
    ///     Z = ((1 − 2/(9A)) − ∛((1 − 2/A)/(1 + x√(2/(A − 4))))) / √(2/(9A)),  p = 2·Q(|Z|)
    ///
    /// Anscombe & Glynn (1983), Biometrika 70, Eq. (4)–(7). The cube root is the real (signed)
    /// one; when 1 + x√(2/(A − 4)) ≤ 0 (only for extremely platykurtic small samples) the
    /// transformation is taken at its limit Z = −∞ from above, p = 0. `statistic` is Z.
    ///
    /// - Throws: ``StatisticsError/sampleTooSmall(name:minimum:actual:)`` for n < 5,
    ///   ``StatisticsError/zeroVariance(name:)`` for a constant sample.
    public static func kurtosis(_ sample: [Double]) throws(StatisticsError) -> HypothesisTestResult {
        try Sample.validate(sample, name: "sample", minimum: 5)
        let moments = SampleMoments(sample)
        return try kurtosis(m2: moments.m2, m4: moments.m4, count: sample.count)
    }

    /// ``kurtosis(_:)`` from the biased central moments m₂, m₄ of `count` values.
    public static func kurtosis(m2: Double, m4: Double, count: Int) throws(StatisticsError) -> HypothesisTestResult {
        if count < 5 { throw .sampleTooSmall(name: "sample", minimum: 5, actual: count) }
        guard m2 > 0 else { throw .zeroVariance(name: "sample") }
        let n = Double(count)
        let b2 = m4 / (m2 * m2)
        let expected = 3 * (n - 1) / (n + 1)
        let varianceB2 = 24 * n * (n - 2) * (n - 3) / ((n + 1) * (n + 1) * (n + 3) * (n + 5))
        let x = (b2 - expected) / varianceB2.squareRoot()
        let sqrtBeta1 = 6 * (n * n - 5 * n + 2) / ((n + 7) * (n + 9))
            * (6 * (n + 3) * (n + 5) / (n * (n - 2) * (n - 3))).squareRoot()
        let a = 6 + 8 / sqrtBeta1 * (2 / sqrtBeta1 + (1 + 4 / (sqrtBeta1 * sqrtBeta1)).squareRoot())
        let term1 = 1 - 2 / (9 * a)
        let denominator = 1 + x * (2 / (a - 4)).squareRoot()
        let z: Double
        if denominator > 0 {
            let term2 = cbrt((1 - 2 / a) / denominator)
            z = (term1 - term2) / (2 / (9 * a)).squareRoot()
        } else {
            z = -.infinity
        }
        return try .checked(
            name: "Anscombe–Glynn kurtosis test", statistic: z, pValue: try GSLRuntime.normalTwoSided(z),
            sampleSize: count, routine: "MomentTests.kurtosis")
    }
}

extension MomentTests {
    /// Float overloads (samples widened exactly to Double).
    public static func mean(_ sample: [Float], hypothesis: NormalDistribution) throws(StatisticsError) -> HypothesisTestResult {
        try mean(Sample.widen(sample), hypothesis: hypothesis)
    }

    public static func variance(_ sample: [Float], hypothesis: NormalDistribution) throws(StatisticsError) -> HypothesisTestResult {
        try variance(Sample.widen(sample), hypothesis: hypothesis)
    }

    public static func mean(_ sample: [Float], expectedMean mu: Double) throws(StatisticsError) -> HypothesisTestResult {
        try mean(Sample.widen(sample), expectedMean: mu)
    }

    public static func variance(_ sample: [Float], expectedVariance sigma2: Double) throws(StatisticsError) -> HypothesisTestResult {
        try variance(Sample.widen(sample), expectedVariance: sigma2)
    }

    public static func skewness(_ sample: [Float]) throws(StatisticsError) -> HypothesisTestResult {
        try skewness(Sample.widen(sample))
    }

    public static func kurtosis(_ sample: [Float]) throws(StatisticsError) -> HypothesisTestResult {
        try kurtosis(Sample.widen(sample))
    }
}
