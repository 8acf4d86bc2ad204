import Testing
@testable import Statistics

/// Power: at n = 10⁵ with fixed seeds, each test must reject a clearly wrong distribution.
/// The thresholds are far beyond any family-wise level in use (1e-6 and smaller); the expected
/// p-values are astronomically smaller (noted per case), so the miss probability at a random seed
/// is negligible (< 1e-12 in each case by the normal approximation of the statistic).
private let n = 100_000

@Test func goodnessOfFitTestsRejectUniformAndStudentT() throws {
    let normal = NormalDistribution.standard
    for (label, sample) in [("uniform", try unitVarianceUniforms(seed: 5, count: n)),
                            ("t5", try unitVarianceStudentT5(seed: 6, count: n))] {
        // Measured at these seeds: uniform D = 0.058 (p ≈ 4e-295), t₅ D = 0.040 (p ≈ 2e-136).
        let ks = try KolmogorovSmirnov.oneSample(sample, cdf: normal.cdf)
        #expect(ks.pValue < 1e-10, "\(label): \(ks)")
        let ad = try AndersonDarling.test(sample, against: normal)
        #expect(ad.pValue < 1e-10, "\(label): \(ad)")
        let chi = try ChiSquareGoodnessOfFit.test(sample, bins: 20, quantile: normal.quantile)
        #expect(chi.pValue < 1e-10, "\(label): \(chi)")
        let kurt = try MomentTests.kurtosis(sample)
        #expect(kurt.pValue < 1e-10, "\(label): \(kurt)")
        // Both have unit variance and zero mean: the moment tests of order 1–2 must not reject
        // (each a 1e-4 two-sided false-alarm rate).
        #expect(try MomentTests.mean(sample, hypothesis: normal).pValue > 1e-4)
    }
    // t₅ tails: P(|X| > 4) = P(|t₅| > 5.16) ≈ 3.6e-3 versus 6.3e-5 for N(0, 1): 319 counts at this
    // seed against 6.3 expected.
    let tails = try TailExceedance.test(try unitVarianceStudentT5(seed: 7, count: n), threshold: 4)
    #expect(tails.pValue < 1e-10, "\(tails)")
    // Uniform on ±√3 never exceeds 2: 0 counts against 4550 expected.
    let none = try TailExceedance.test(try unitVarianceUniforms(seed: 8, count: n), threshold: 2)
    #expect(none.statistic == 0 && none.pValue < 1e-100)
    // Two-sample: normal versus t₅ with unit variance.
    let two = try KolmogorovSmirnov.twoSample(try normals(seed: 9, count: n), try unitVarianceStudentT5(seed: 10, count: n))
    #expect(two.pValue < 1e-10, "\(two)")
}

/// N(0.05, 1) at n = 10⁵: z ≈ 0.05·√n = 15.8 → p ≈ 1e-56; N(0, 1.05²): X/n ≈ 1.1025,
/// z ≈ 0.1025·√(n/2) = 22.9; skewed x + 0.1·(x² − 1): skewness ≈ 0.58, Z = 70 at this seed.
@Test func momentTestsRejectShiftedScaledAndSkewed() throws {
    let normal = NormalDistribution.standard
    let base = try normals(seed: 11, count: n)
    #expect(try MomentTests.mean(base.map { $0 + 0.05 }, hypothesis: normal).pValue < 1e-20)
    #expect(try MomentTests.mean(base.map { $0 + 0.05 }, expectedMean: 0).pValue < 1e-20)
    #expect(try MomentTests.variance(base.map { $0 * 1.05 }, hypothesis: normal).pValue < 1e-20)
    #expect(try MomentTests.variance(base.map { $0 * 1.05 }, expectedVariance: 1).pValue < 1e-20)
    #expect(try MomentTests.skewness(base.map { $0 + 0.1 * ($0 * $0 - 1) }).pValue < 1e-20)
    // The same seed unshifted passes all four (false-alarm 1e-4 each).
    #expect(try MomentTests.mean(base, hypothesis: normal).pValue > 1e-4)
    #expect(try MomentTests.variance(base, hypothesis: normal).pValue > 1e-4)
    #expect(try MomentTests.skewness(base).pValue > 1e-4)
    #expect(try MomentTests.kurtosis(base).pValue > 1e-4)
}

/// AR(1) with ρ = 0.05: r₁ ≈ 0.05, z ≈ 15.8. Two lanes sharing 5 % of their variance at lag 3
/// (y_{i+3} ← √0.95·y_{i+3} + √0.05·xᵢ, correlation √0.05 = 0.22): z ≈ 70.
@Test func correlationTestsRejectDependence() throws {
    let e = try normals(seed: 12, count: n)
    var ar = e
    for i in 1..<n { ar[i] = 0.05 * ar[i - 1] + e[i] }
    #expect(try SerialCorrelation.autocorrelation(ar, lag: 1).pValue < 1e-20)
    #expect(try SerialCorrelation.autocorrelation(e, lag: 1).pValue > 1e-4)
    let x = try normals(seed: 13, count: n)
    var y = try normals(seed: 14, count: n)
    for i in 0..<(n - 3) { y[i + 3] = 0.95.squareRoot() * y[i + 3] + 0.05.squareRoot() * x[i] }
    #expect(try SerialCorrelation.crossCorrelation(x, y, lag: 3).pValue < 1e-20)
    #expect(try SerialCorrelation.crossCorrelation(x, y, lag: 0).pValue > 1e-4)
}
