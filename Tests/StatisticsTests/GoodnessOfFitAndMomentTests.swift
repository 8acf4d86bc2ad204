import Testing
@testable import Statistics

/// Samples used for the literal checks; A is numpy `default_rng(7).standard_normal(30)` rounded
/// to 3 decimals, B is the next 30 draws of `lognormal(0, 0.6)` from the same generator.
let sampleA = [0.001, 0.299, -0.274, -0.891, -0.455, -0.992, 0.06, 1.34, -0.492, -0.62, 0.49, 0.357,
               0.105, -0.93, -0.029, 0.695, -1.344, -0.458, -1.901, -1.29, -1.842, -0.235, -1.267,
               0.271, 0.157, -0.187, -2.517, -0.539, -0.049, 0.113]
let sampleB = [0.399, 0.751, 0.556, 0.616, 1.89, 0.616, 0.981, 1.7, 0.705, 0.935, 1.069, 1.039, 0.479,
               1.047, 2.26, 0.395, 1.675, 1.074, 0.681, 3.321, 1.58, 0.487, 1.046, 1.413, 0.893, 1.506,
               0.961, 1.492, 2.371, 0.667]

/// χ² on 5 equiprobable N(0, 1) bins against `scipy.stats.chisquare` of the bin counts
/// (`floor(norm.cdf(x)*5)`): A → [9, 6, 9, 5, 1], B → [0, 0, 0, 11, 19].
/// Tolerance: 1e-12 relative on X² (small rational), 1e-9 relative on p (GSL vs scipy's gammaincc).
@Test func chiSquareMatchesScipy() throws {
    let normal = NormalDistribution.standard
    for (sample, statistic, p) in [(sampleA, 7.333333333333334, 0.11928715496370115),
                                   (sampleB, 50.333333333333336, 3.0761247274096706e-10)] {
        let viaCDF = try ChiSquareGoodnessOfFit.test(sample, bins: 5, cdf: normal.cdf)
        let viaQuantile = try ChiSquareGoodnessOfFit.test(sample, bins: 5, quantile: normal.quantile)
        let viaNormal = try ChiSquareGoodnessOfFit.test(sample, bins: 5, against: normal)
        let viaFloat = try ChiSquareGoodnessOfFit.test(sample.map(Float.init), bins: 5, cdf: normal.cdf)
        for result in [viaCDF, viaQuantile, viaNormal, viaFloat] {
            #expect(relativeError(result.statistic, statistic) < 1e-12)
            #expect(relativeError(result.pValue, p) < 1e-9)
            #expect(result.sampleSize == 30)
        }
    }
}

/// z, t and χ² variance tests against scipy: `ttest_1samp(x, 0.2)`, z = (x̄ − 0.2)·√n/1.5 with
/// `2*norm.sf(|z|)`, X = Σ(x − 0.2)²/1.5² with `2*min(chi2.cdf(X, n), chi2.sf(X, n))`, and
/// X = Σ(x − x̄)²/2 with n − 1 df. Tolerances: 1e-12 relative on statistics (sums of 30
/// terms), 1e-9 relative on p-values (GSL vs scipy special functions).
@Test func meanAndVarianceTestsMatchScipy() throws {
    let hypothesis = try NormalDistribution(mean: 0.2, standardDeviation: 1.5)
    let cases: [([Double], [(Double, Double)])] = [
        (sampleA, [(-2.24249786655004, 0.024929213039785538), (-4.022549636739688, 0.0003762889960398199),
                   (14.041586666666667, 0.011732511186193497), (10.139388733333332, 0.0009188414164257044)]),
        (sampleB, [(3.481689723874507, 0.0004982606705660778), (7.78845643065553, 1.3723307545135443e-08),
                   (17.917455555555552, 0.08029003776372183), (6.51970375, 7.99143979351427e-06)]),
    ]
    for (sample, expected) in cases {
        let results = [
            try MomentTests.mean(sample, hypothesis: hypothesis),
            try MomentTests.mean(sample, expectedMean: 0.2),
            try MomentTests.variance(sample, hypothesis: hypothesis),
            try MomentTests.variance(sample, expectedVariance: 2.0),
        ]
        for (result, (statistic, p)) in zip(results, expected) {
            #expect(relativeError(result.statistic, statistic) < 1e-12, "\(result)")
            #expect(relativeError(result.pValue, p) < 1e-9, "\(result)")
        }
    }
}

/// D'Agostino and Anscombe–Glynn against `scipy.stats.skewtest` / `kurtosistest`.
/// Tolerance: 1e-10 relative (closed-form transformations of 30-term moment sums).
@Test func skewnessAndKurtosisMatchScipy() throws {
    let expected: [([Double], Double, Double, Double, Double)] = [
        (sampleA, -1.3102125319054987, 0.19012394743211236, 0.7433580716445406, 0.4572649218520034),
        (sampleB, 3.028635699345212, 0.002456607215081925, 2.1724954520103426, 0.029818312312552896),
    ]
    for (sample, zSkew, pSkew, zKurt, pKurt) in expected {
        let skew = try MomentTests.skewness(sample)
        let kurt = try MomentTests.kurtosis(sample)
        #expect(relativeError(skew.statistic, zSkew) < 1e-10)
        #expect(relativeError(skew.pValue, pSkew) < 1e-10)
        #expect(relativeError(kurt.statistic, zKurt) < 1e-10)
        #expect(relativeError(kurt.pValue, pKurt) < 1e-10)
    }
}

/// Lag-k autocorrelation and cross-correlation against numpy: r from the centred sums,
/// z = (r − E r)·n/√(n − k) with E r = −(n − k)/(n(n − 1)) (0 for cross-correlation),
/// p = `2*norm.sf(|z|)`. Tolerance: 1e-12 relative on r, 1e-10 on p.
@Test func correlationsMatchNumpy() throws {
    let a1 = try SerialCorrelation.autocorrelation(sampleA, lag: 1)
    #expect(relativeError(a1.statistic, 0.13654885524734012) < 1e-12)
    #expect(relativeError(a1.pValue, 0.3439497479550756) < 1e-10)
    let a2 = try SerialCorrelation.autocorrelation(sampleA, lag: 2)
    #expect(relativeError(a2.statistic, -0.0022960408880050285) < 1e-10)
    #expect(relativeError(a2.pValue, 0.8654440510410706) < 1e-10)
    let b1 = try SerialCorrelation.autocorrelation(sampleB, lag: 1)
    #expect(relativeError(b1.statistic, -0.15854115687388404) < 1e-12)
    #expect(relativeError(b1.pValue, 0.485480384005874) < 1e-10)
    let x0 = try SerialCorrelation.crossCorrelation(sampleA, sampleB)
    #expect(relativeError(x0.statistic, -0.10575966099872555) < 1e-12)
    #expect(relativeError(x0.pValue, 0.5624073285111962) < 1e-10)
    let x3 = try SerialCorrelation.crossCorrelation(sampleA, sampleB, lag: 3)
    #expect(relativeError(x3.statistic, -0.019958037683769) < 1e-10)
    #expect(relativeError(x3.pValue, 0.9082645766686143) < 1e-10)
}

/// Tail-exceedance p-values against scipy: Poisson regime (c = 4, n = 10⁵, λ = n·2Q(4)) with
/// `2*min(poisson.cdf(k, λ), poisson.sf(k-1, λ))`; binomial regime (c = 2, n = 1000) with the
/// same form in `binom`; and k = 0 at c = 1, n = 1000 where the answer is
/// 2·(1 − 2Q(1))¹⁰⁰⁰ = 3.3438616288882384e-166 (`2*binom.cdf(0, 1000, p0)`). At c = 3.2,
/// n = 2·10⁵ (p₀ = 1.374e-3, binomial regime) `gsl_cdf_binomial_P(k, …)` returns 0 for k = 0, 1, 2
/// although scipy gives 3.5e-120 … 1.4e-115: those rows fail if GSL's lower tail is used there.
/// Tolerance: 1e-9 relative (direct pmf sums of ≤ 40 terms vs scipy's incomplete beta).
@Test(arguments: [
    (100_000, 4.0, 0, 0.003548958190377833),
    (100_000, 4.0, 6, 1.0),
    (100_000, 4.0, 15, 0.004662839714974484),
    (1000, 2.0, 30, 0.016804370474766142),
    (1000, 2.0, 45, 1.0),
    (1000, 2.0, 70, 0.0006472997285667424),
    (1000, 1.0, 0, 3.3438616288882384e-166),
    (1000, 2.0, 120, 3.9034636696536845e-21),
    (200_000, 3.2, 0, 7.093270679915295e-120),
    (200_000, 3.2, 1, 1.9593984317850743e-117),
    (200_000, 3.2, 2, 2.7062787004483494e-115),
    (200_000, 3.2, 400, 1.7713490623602848e-12),
])
func tailExceedanceMatchesScipy(n: Int, c: Double, k: Int, expected: Double) throws {
    var sample = [Double](repeating: 0, count: n)
    for i in 0..<k { sample[i] = i.isMultiple(of: 2) ? c + 1 : -(c + 1) }
    let result = try TailExceedance.test(sample, threshold: c)
    #expect(result.statistic == Double(k))
    #expect(relativeError(result.pValue, expected) < 1e-9, "\(result)")
}
