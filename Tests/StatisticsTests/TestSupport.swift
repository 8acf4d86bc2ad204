#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Statistics

/// The standard normal CDF, computed independently of GSL: Φ(x) = erfc(−x/√2)/2.
func standardNormalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

/// Relative difference |a − b|/|b|.
func relativeError(_ a: Double, _ b: Double) -> Double { abs(a - b) / abs(b) }

/// `count` N(0, 1) draws from GSL mt19937 + ziggurat with a fixed seed.
func normals(seed: UInt, count: Int) throws -> [Double] {
    try GSLRandomGenerator(seed: seed).gaussians(count: count)
}

/// Uniform on [−√3, √3): mean 0, variance 1, kurtosis 1.8.
func unitVarianceUniforms(seed: UInt, count: Int) throws -> [Double] {
    try GSLRandomGenerator(seed: seed).uniforms(count: count, lower: -3.0.squareRoot(), upper: 3.0.squareRoot())
}

/// Student t with 5 degrees of freedom, scaled to unit variance (variance of t₅ is 5/3).
func unitVarianceStudentT5(seed: UInt, count: Int) throws -> [Double] {
    let scale = (3.0 / 5.0).squareRoot()
    return try GSLRandomGenerator(seed: seed).studentT(count: count, degreesOfFreedom: 5).map { $0 * scale }
}

/// Calibration check of p-values that are uniform under the null.
///
/// Returns the KS p-value of the p-values against U(0, 1) (exact, since there are at most a few
/// thousand) and the count of p-values ≤ 0.05.
func uniformity(of pValues: [Double]) throws -> (ksPValue: Double, belowFivePercent: Int) {
    let ks = try KolmogorovSmirnov.oneSample(pValues) { min(max($0, 0), 1) }
    return (ks.pValue, pValues.count { $0 <= 0.05 })
}
