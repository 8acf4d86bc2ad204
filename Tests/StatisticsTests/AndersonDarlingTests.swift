import Testing
@testable import Statistics

/// P(A²∞ > z) against the exact limiting distribution: the Anderson & Darling (1954) series
/// (as in Marsaglia & Marsaglia 2004, Eq. 2) evaluated with mpmath at 60 digits,
/// `1 - adinf_exact(z)`. Tolerances: relative 2e-4 where the short Marsaglia formula is used
/// (z < 3; its stated absolute error is 2e-6, measured relative ≤ 1.7e-4 at these points) and
/// relative 1e-5 for the fitted tail (z ≥ 3; measured ≤ 6.7e-6 over 3 ≤ z ≤ 70).
@Test(arguments: [
    (0.5, 0.74681437353034448, 2e-4),
    (1.0, 0.35726667321401909, 2e-4),
    (1.933, 0.099994623208223499, 2e-4),  // Stephens' (1974) 10 % point
    (2.492, 0.050022186359607866, 2e-4),  // Stephens' 5 % point
    (3.857, 0.01024115322986121, 1e-5),  // Stephens' 1 % point
    (5.0, 0.0028744213045860724, 1e-5),
    (7.0, 0.0003301668020420604, 1e-5),
    (10.0, 1.3815035410685864e-5, 1e-5),
    (15.0, 7.6332231802342023e-8, 1e-5),
    (20.0, 4.4650715383119218e-10, 1e-5),
    (30.0, 1.659548952778318e-14, 1e-5),
    (50.0, 2.6556241444625734e-23, 1e-5),
])
func andersonDarlingAsymptoticTail(z: Double, expected: Double, tolerance: Double) {
    let p = AndersonDarlingDistribution.asymptoticSurvival(z)
    #expect(relativeError(p, expected) < tolerance, "z = \(z): \(p) vs \(expected)")
}

/// Finite-n p-values in the body (ADinf(z) ≤ 0.8) against a direct transcription of Marsaglia &
/// Marsaglia's published `AD(n, z)` in Python, `1 - AD(n, z)`; same algorithm, so the tolerance
/// is 1e-12 absolute (rounding only).
@Test(arguments: [
    (10, 0.2, 0.9909951168647708),
    (10, 0.5, 0.7426340057660938),
    (10, 1.0, 0.35506296739856136),
    (5, 0.8, 0.4737407748832696),
])
func andersonDarlingFiniteBody(n: Int, z: Double, expected: Double) throws {
    let p = try AndersonDarlingDistribution.survival(z, sampleSize: n)
    #expect(abs(p - expected) < 1e-12, "n = \(n), z = \(z): \(p) vs \(expected)")
}

/// Above ADinf = 0.8 the correction is Marsaglia's polynomial minus g(1)·(x − 0.8)/0.2 with
/// g(1) = −6e-4, so it may differ from the published `1 - AD(n, z)` by at most 6e-4/n.
@Test func andersonDarlingUpperCorrectionStaysNearPublished() throws {
    // 1 - AD(100, 1.5) and 1 - AD(30, 2.8998406286834992), published algorithm in Python.
    let p100 = try AndersonDarlingDistribution.survival(1.5, sampleSize: 100)
    #expect(abs(p100 - 0.17650526069896044) <= 6e-4 / 100)
    let p30 = try AndersonDarlingDistribution.survival(2.8998406286834992, sampleSize: 30)
    #expect(abs(p30 - 0.031105537376896808) <= 6e-4 / 30)
    // Far tail: relative correction ≈ 1 + 0.4747/n on the exact limit (mpmath, z = 20).
    let far = try AndersonDarlingDistribution.survival(20, sampleSize: 1000)
    #expect(relativeError(far, 4.4650715383119218e-10 * (1 + 0.4747 / 1000)) < 1e-5)
    #expect(far > 0)
}

/// n = 1 has a closed form, P(A²₁ > z) = 1 − √(1 − 4e^{−1−z}) (A²₁ = −1 − ln(u(1 − u))). The
/// finite-n approximation is meant for every n ≥ 1; measured absolute error ≤ 1.0e-3 at these
/// points, asserted ≤ 1.5e-3.
@Test(arguments: [
    (1.0, 0.322756419702963),
    (1.5, 0.18045134036812382),
    (2.0, 0.10509680605746852),
    (3.0, 0.03732796631196178),
])
func andersonDarlingNEqualsOneClosedForm(z: Double, expected: Double) throws {
    let p = try AndersonDarlingDistribution.survival(z, sampleSize: 1)
    #expect(abs(p - expected) < 1.5e-3, "z = \(z): \(p) vs \(expected)")
}

/// A² against numpy: `-n - mean((2i-1)*(norm.logcdf(x) + norm.logsf(x[::-1])))` over the
/// sorted sample. Tolerance 1e-12 relative (n log evaluations).
@Test func andersonDarlingStatisticMatchesNumpy() throws {
    let x = [0.61, -1.32, 0.05, 2.1, -0.47, 0.88, -0.15, 1.46, -2.03, 0.33, 0.72, -0.9]
    let result = try AndersonDarling.test(x, against: .standard)
    #expect(relativeError(result.statistic, 0.29351209321327865) < 1e-12)
    #expect(result.pValue > 0.9)
    let plain = try AndersonDarling.test(x, cdf: standardNormalCDF)
    #expect(relativeError(plain.statistic, 0.29351209321327865) < 1e-12)
    // Same data shifted and scaled (x·1.8 + 0.9): A² = 9.032278237958128 (numpy), far tail.
    let shifted = try AndersonDarling.test(x.map { $0 * 1.8 + 0.9 }, against: .standard)
    #expect(relativeError(shifted.statistic, 9.032278237958128) < 1e-12)
    #expect(shifted.pValue > 0 && shifted.pValue < 1e-4)
}

/// A CDF that returns exactly 0 or 1 is clamped, never −∞: the statistic stays finite and the
/// p-value is 0-ish rather than NaN.
@Test func andersonDarlingClampsSaturatedCDF() throws {
    let x = [-50.0, 0.1, 0.2, 50.0]
    let result = try AndersonDarling.test(x, cdf: standardNormalCDF)
    #expect(result.statistic.isFinite)
    #expect(result.statistic > 100)
    #expect(result.pValue < 1e-30)
}
