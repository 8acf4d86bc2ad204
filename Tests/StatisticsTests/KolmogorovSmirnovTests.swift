import Testing
@testable import Statistics

/// P(Dₙ ≥ d) against `scipy.stats.kstwo.sf(d, n)` (scipy 1.17.1), which uses the
/// Marsaglia–Tsang–Wang / Pomeranz exact methods and 2·smirnov in the tail. For n > 140 in the
/// body scipy switches to the Pelz–Good approximation (errors up to 2e-7 relative); the rows
/// marked DMTW are instead scipy's exact long-double matrix method,
/// `scipy.stats._ksstats._kolmogn_DMTW(n, d, cdf=False)`.
/// Tolerance: relative 1e-9 (both sides are exact up to rounding, measured agreement ≤ 3e-12;
/// scipy's own double-crossing omission in the tail is below 1e-9 relative for these points).
@Test(arguments: [
    (5, 0.15, 0.9988),
    (5, 0.3, 0.664),
    (5, 0.5, 0.112),
    (5, 0.95, 6.250000000000028e-07),
    (10, 0.07, 0.9999999619492741),
    (10, 0.274, 0.3715203845434957),
    (10, 0.41, 0.04932075782870482),
    (20, 0.2, 0.352720173623415),
    (50, 0.1, 0.6623112704658186),
    (100, 0.05, 0.9532159710635725),
    (100, 0.1, 0.2526927570063874),
    (100, 0.136, 0.0448602997908478),
    (100, 0.2, 0.0005551927327988775),
    (100, 0.3, 1.7719869892662917e-08),
    (500, 0.03, 0.74731662218084485955),  // DMTW
    (500, 0.08, 0.0031305058199356268),
    (1000, 0.01, 0.9999496745370611),
    (1000, 0.043, 0.048110977242325875106),  // DMTW
    (1000, 0.06, 0.001428597887952891),
    (1000, 0.08, 5.154189384789824e-06),
    (2000, 0.05, 8.74309579589503e-05),
    (10000, 0.005, 0.962877802052539239),  // DMTW
    (10000, 0.0136, 0.049035807971615347797),  // DMTW
    (10000, 0.0148, 0.024781996044428712157),  // DMTW
    (10000, 0.02, 0.0006616848639387309),
    (10000, 0.03, 2.9761211950626197e-08),
])
func kolmogorovSurvivalMatchesScipy(n: Int, d: Double, expected: Double) throws {
    let p = try KolmogorovDistribution.survival(d, sampleSize: n)
    #expect(relativeError(p, expected) < 1e-9, "n = \(n), d = \(d): \(p) vs \(expected)")
}

/// Above n = 10⁴ in the body (n·d² < 2.2) the Stephens-corrected asymptotic is used. Expected
/// values are `scipy.stats.kstwo.sf(d, n)`; the tolerance is the documented accuracy, 2.5e-3
/// relative (measured: 2.08e-3 at n = 10001, p = 0.5; ≤ 1.4e-4 at the other rows).
@Test(arguments: [
    (10001, 0.00828, 0.49665754577926413),
    (20000, 0.0096, 0.04980186054580249),
    (100000, 0.0043, 0.04940312751194875),
    (1000000, 0.0014, 0.039644828095589335),
])
func kolmogorovStephensWithinStatedAccuracy(n: Int, d: Double, expected: Double) throws {
    let p = try KolmogorovDistribution.survival(d, sampleSize: n)
    #expect(relativeError(p, expected) < 2.5e-3, "n = \(n), d = \(d): \(p) vs \(expected)")
}

/// The tail (n·d² ≥ 2.2) for 10⁴ < n ≤ 10⁶ is the exact doubled Smirnov sum, like scipy's
/// `kstwo.sf(d, n)` there (2·`scipy.special.smirnov`). Tolerance 1e-9 relative (measured
/// agreement ~1e-10: scipy's and our sums round differently at n = 10⁵…10⁶).
@Test(arguments: [
    (100000, 0.006, 0.0014871489301131564),
    (100000, 0.008, 5.491331159979234e-06),
    (1000000, 0.002, 0.0006700277103670718),
    (1000000, 0.0025, 7.4407859767776965e-06),
    (300000, 0.01, 1.737424354497595e-26),
])
func kolmogorovLargeNTailIsExact(n: Int, d: Double, expected: Double) throws {
    let p = try KolmogorovDistribution.survival(d, sampleSize: n)
    #expect(relativeError(p, expected) < 1e-9, "n = \(n), d = \(d): \(p) vs \(expected)")
}

/// Above n = 10⁶ the tail is Maag–Dicaire. Expected: twice the Birnbaum–Tingey sum evaluated
/// with mpmath at 30 digits over every term within e⁻⁴⁵ of the largest (numpy's `gammaln` version
/// of the same sum is off by 3.5e-9 here). Tolerances are the measured errors of the
/// approximation (7.4e-7, 1.24e-5, 2.2e-4) rounded up; the exact sum (used up to n = 10⁶) must agree
/// to 1e-11 (measured 2e-13).
@Test(arguments: [
    (2_000_000, 0.0011, 0.015802503270473731, 2e-6),
    (2_000_000, 0.002, 2.247676581104174e-7, 2e-5),
    (2_000_000, 0.004, 3.1983743263157629e-28, 3e-4),
])
func kolmogorovMaagDicaireTail(n: Int, d: Double, expected: Double, tolerance: Double) throws {
    let p = try KolmogorovDistribution.survival(d, sampleSize: n)
    #expect(relativeError(p, expected) < tolerance, "n = \(n), d = \(d): \(p) vs \(expected)")
    let exact = 2 * (try KolmogorovDistribution.smirnovSurvival(d, sampleSize: n))
    #expect(relativeError(exact, expected) < 1e-11)
}

/// Statistic and p-value against `scipy.stats.kstest(x, "norm", method="exact")`.
/// Tolerance: 1e-12 relative on D (one CDF evaluation, erfc vs scipy's ndtr), 1e-9 on p.
@Test func oneSampleMatchesScipy() throws {
    let x = [0.61, -1.32, 0.05, 2.1, -0.47, 0.88, -0.15, 1.46, -2.03, 0.33, 0.72, -0.9]
    let result = try KolmogorovSmirnov.oneSample(x, cdf: standardNormalCDF)
    #expect(relativeError(result.statistic, 0.14573576288366097) < 1e-12)
    #expect(relativeError(result.pValue, 0.9290730405256834) < 1e-9)
    #expect(result.sampleSize == 12)
    #expect(result.name == "Kolmogorov–Smirnov (exact)")
    let floats = try KolmogorovSmirnov.oneSample(x.map(Float.init), cdf: standardNormalCDF)
    // Float rounding of the inputs moves D by at most ~1e-7·max φ.
    #expect(abs(floats.statistic - 0.14573576288366097) < 1e-7)
}

/// Two-sample exact p-values against `scipy.stats.ks_2samp(x, y, method="exact")`.
/// Tolerance: relative 1e-9 (both exact; the far-tail case checks that the absorbed-mass sum
/// keeps relative accuracy at p ≈ 7e-11).
@Test func twoSampleExactMatchesScipy() throws {
    let x = [0.61, -1.32, 0.05, 2.1, -0.47, 0.88, -0.15, 1.46, -2.03, 0.33, 0.72, -0.9]
    let y = [0.2, 1.9, -0.4, 2.6, 1.1, 0.75, 3.05, 1.42, 0.01, 2.2]
    let r1 = try KolmogorovSmirnov.twoSample(x, y)
    #expect(r1.statistic == 0.45)
    #expect(relativeError(r1.pValue, 0.15975974489906378) < 1e-9)
    let r2 = try KolmogorovSmirnov.twoSample(x, Array(y.prefix(7)))
    #expect(relativeError(r2.statistic, 0.4642857142857143) < 1e-15)
    #expect(relativeError(r2.pValue, 0.22102484718583787) < 1e-9)
    let a = (0..<40).map { -1 + 2 * Double($0) / 39 }
    let b = (0..<35).map { 0.5 + 2 * Double($0) / 34 }
    let r3 = try KolmogorovSmirnov.twoSample(a, b)
    #expect(relativeError(r3.statistic, 0.7535714285714286) < 1e-15)
    #expect(relativeError(r3.pValue, 7.20684108651391e-11) < 1e-9)
}
