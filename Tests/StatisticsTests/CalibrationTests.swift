import Testing
@testable import Statistics

/// Null calibration: over R = 500 independent N(0, 1) samples (GSL mt19937 seeds 1…500,
/// ziggurat normals) every continuous test's p-values must look uniform:
/// - the exact KS test of the 500 p-values against U(0, 1) has p > 1e-3 (false-alarm rate 1e-3);
/// - the number of p ≤ 0.05 lies in [11, 42], the central 99.9 % band of Binomial(500, 0.05)
///   (false-alarm rate 9.3e-4, computed with `scipy.stats.binom`).
/// So each row's false-alarm rate is below 2e-3 if the seeds were random; with the fixed seeds
/// the outcome is deterministic.
private let replications = 500
private let fivePercentBand = 11...42

private func nullPValues(
    sampleSize n: Int, replications r: Int = replications, _ test: ([Double]) throws -> HypothesisTestResult
) throws -> [Double] {
    try (1...r).map { seed in try test(normals(seed: UInt(seed), count: n)).pValue }
}

private func expectUniform(_ pValues: [Double], _ label: String) throws {
    let (ksP, below) = try uniformity(of: pValues)
    #expect(ksP > 1e-3, "\(label): KS p-value of the p-values \(ksP)")
    #expect(fivePercentBand.contains(below), "\(label): \(below) of \(pValues.count) p-values ≤ 0.05")
}

@Test func kolmogorovSmirnovIsCalibrated() throws {
    let normal = NormalDistribution.standard
    try expectUniform(try nullPValues(sampleSize: 200) { try KolmogorovSmirnov.oneSample($0, cdf: normal.cdf) }, "KS n=200")
    try expectUniform(try nullPValues(sampleSize: 12) { try KolmogorovSmirnov.oneSample($0, cdf: normal.cdf) }, "KS n=12")
}

/// The asymptotic branch (n > 10⁴): 200 replications at n = 20 000 (seeds 1001…1200); band for
/// Binomial(200, 0.05) at 99.9 %: [2, 21] (false-alarm rate 8.9e-4), KS p > 1e-3.
@Test func kolmogorovSmirnovAsymptoticIsCalibrated() throws {
    let normal = NormalDistribution.standard
    let p = try (1001...1200).map { seed in
        try KolmogorovSmirnov.oneSample(try normals(seed: UInt(seed), count: 20_000), cdf: normal.cdf).pValue
    }
    let (ksP, below) = try uniformity(of: p)
    #expect(ksP > 1e-3)
    #expect((2...21).contains(below))
}

/// Two-sample KS (exact, n₁ = 120, n₂ = 80: seeds s and s + 10 000). D is discrete, so
/// P(p ≤ α) ≤ α; the band and KS criterion above still hold (the steps of p are ≤ 0.03 here).
@Test func twoSampleKolmogorovSmirnovIsCalibrated() throws {
    let p = try (1...replications).map { seed in
        try KolmogorovSmirnov.twoSample(
            try normals(seed: UInt(seed), count: 120), try normals(seed: UInt(seed + 10_000), count: 80)).pValue
    }
    try expectUniform(p, "two-sample KS")
}

@Test func andersonDarlingIsCalibrated() throws {
    try expectUniform(try nullPValues(sampleSize: 200) { try AndersonDarling.test($0, against: .standard) }, "AD n=200")
    try expectUniform(try nullPValues(sampleSize: 10) { try AndersonDarling.test($0, against: .standard) }, "AD n=10")
}

/// χ² with 10 bins and n = 500 (50 per bin: the χ² approximation is good, discreteness small).
@Test func chiSquareIsCalibrated() throws {
    let normal = NormalDistribution.standard
    try expectUniform(
        try nullPValues(sampleSize: 500) { try ChiSquareGoodnessOfFit.test($0, bins: 10, quantile: normal.quantile) },
        "chi-square")
}

/// Moment tests at a small n (20: checks the small-sample calibration) and a moderate one (500).
@Test(arguments: [20, 500])
func momentTestsAreCalibrated(n: Int) throws {
    let normal = NormalDistribution.standard
    try expectUniform(try nullPValues(sampleSize: n) { try MomentTests.mean($0, hypothesis: normal) }, "z mean n=\(n)")
    try expectUniform(try nullPValues(sampleSize: n) { try MomentTests.mean($0, expectedMean: 0) }, "t mean n=\(n)")
    try expectUniform(try nullPValues(sampleSize: n) { try MomentTests.variance($0, hypothesis: normal) }, "variance n=\(n)")
    try expectUniform(try nullPValues(sampleSize: n) { try MomentTests.variance($0, expectedVariance: 1) }, "variance est n=\(n)")
    try expectUniform(try nullPValues(sampleSize: n) { try MomentTests.skewness($0) }, "skewness n=\(n)")
    try expectUniform(try nullPValues(sampleSize: n) { try MomentTests.kurtosis($0) }, "kurtosis n=\(n)")
}

@Test func correlationTestsAreCalibrated() throws {
    try expectUniform(try nullPValues(sampleSize: 300) { try SerialCorrelation.autocorrelation($0, lag: 1) }, "acf lag 1")
    try expectUniform(try nullPValues(sampleSize: 300) { try SerialCorrelation.autocorrelation($0, lag: 5) }, "acf lag 5")
    let p = try (1...replications).map { seed in
        try SerialCorrelation.crossCorrelation(
            try normals(seed: UInt(seed), count: 300), try normals(seed: UInt(seed + 20_000), count: 300), lag: 2
        ).pValue
    }
    try expectUniform(p, "cross-correlation lag 2")
}

/// The exceedance count is discrete, so its p-values are conservative, not uniform: only the
/// upper end of the band applies, #(p ≤ 0.05) ≤ 42 (false-alarm rate ≤ 4.7e-4, the upper half
/// of the band). Both regimes: c = 2 with n = 1000 (binomial, expected 45.5) and c = 3.5 with
/// n = 2000 (Poisson, p₀ = 4.65e-4, expected 0.93).
@Test(arguments: [(2.0, 1000), (3.5, 2000)])
func tailExceedanceIsConservative(c: Double, n: Int) throws {
    let p = try nullPValues(sampleSize: n) { try TailExceedance.test($0, threshold: c) }
    #expect(p.count { $0 <= 0.05 } <= fivePercentBand.upperBound)
}
