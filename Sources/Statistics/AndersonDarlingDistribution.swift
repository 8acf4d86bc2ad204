import CGSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The null distribution of the Anderson–Darling statistic A²ₙ of n uniforms, and its limit A²∞.
///
/// ## Method
/// - Body (z < 3): Marsaglia & Marsaglia's short `ADinf` (max absolute error 2·10⁻⁶), p = 1 − ADinf.
/// - Tail (z ≥ 3): the limit is Σ_{j≥1} χ²₁/(j(j+1)); its largest weight is 1/2, so
///   P(A²∞ > z) ~ Π_{j≥2}(1 − 2/(j(j+1)))^{−1/2} · P(χ²₁ > 2z) = √3·erfc(√z). The remaining factor
///   is 1 + 0.3048/z + … (the coefficient tends to 11/36); a degree-5 polynomial in 1/z fitted to
///   the exact distribution (Anderson & Darling 1954 series, evaluated to 50 digits) for
///   3 ≤ z ≤ 70 makes the tail relative error ≤ 7·10⁻⁶ there. Marsaglia's z ≥ 2 formula
///   exp(−exp(poly)) is not used past z = 3: its tail collapses (p(15) ≈ 10⁻²⁰ instead of 7.6·10⁻⁸).
/// - Finite n: Marsaglia & Marsaglia's `errfix(n, x)`, x = ADinf(z). For x > 0.8 the published
///   polynomial g(x)/n does not vanish at x = 1 (g(1) = −6·10⁻⁴), which would put a floor of
///   6·10⁻⁴/n under every p-value; it is replaced by g(x) − g(1)·(x − 0.8)/0.2 (continuous at
///   0.8, zero at 1) and applied as a relative factor, p = y·(1 − r(y)/n) with y = 1 − x,
///   r(y) = −0.4747 + 6.531y − 43.05y² + 162.562y³ − 255.7844y⁴.
///
/// ## Accuracy
/// A²∞: relative error ≤ 2·10⁻⁴ everywhere (≤ 7·10⁻⁶ for z ≥ 3). Finite n: Marsaglia's
/// correction is good to the 4th–5th digit in the body; in the far tail (p ≪ 10⁻³) the
/// finite-n relative correction (≈ 0.47/n) is an extrapolation, so for n < 10 far-tail p-values
/// are approximate (for n = 1 the exact tail is 1 − √(1 − 4e^{−1−z})).
///
/// Marsaglia & Marsaglia, "Evaluating the Anderson–Darling distribution", J. Stat. Softw. 9(2),
/// 2004; Anderson & Darling, JASA 49, 1954.
public enum AndersonDarlingDistribution {
    /// P(A²∞ > z), the asymptotic (n → ∞) survival function.
    public static func asymptoticSurvival(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        if z <= 0 { return 1 }
        if z < 2 {
            let cdf = exp(-1.2337141 / z) / z.squareRoot()
                * (2.00012 + (0.247105 - (0.0649821 - (0.0347962 - (0.011672 - 0.00168691 * z) * z) * z) * z) * z)
            return min(1, max(0, 1 - cdf))
        }
        if z < 3 {
            let inner = 1.0776 - (2.30695 - (0.43424 - (0.082433 - (0.008056 - 0.0003146 * z) * z) * z) * z) * z
            return -expm1(-exp(inner))
        }
        let w = 1 / z
        let factor = 1 + w * (0.30477951540802256 + w * (-0.07307805878405244 + w * (0.10052701785405117
            + w * (1.1711814340777156 + w * -1.7676610357193454))))
        return min(1, 3.0.squareRoot() * gsl_sf_erfc(z.squareRoot()) * factor)
    }

    /// P(A²ₙ > z) for a sample of `n` observations from the hypothesised continuous distribution.
    ///
    /// - Throws: ``StatisticsError/invalidParameter(name:value:expected:)`` if n < 1 or z is NaN.
    public static func survival(_ z: Double, sampleSize n: Int) throws(StatisticsError) -> Double {
        try Sample.require(n >= 1, "sampleSize", Double(n), expected: "n >= 1")
        try Sample.require(!z.isNaN, "z", z, expected: "a number")
        GSLRuntime.configure()
        let nd = Double(n)
        let y = asymptoticSurvival(z)
        let x = 1 - y
        if x > 0.8 {
            let r = -0.47470000000021173 + y * (6.530999999999949 + y * (-43.05000000000018
                + y * (162.56200000000013 + y * -255.7844)))
            return min(1, max(0, y * (1 - r / nd)))
        }
        let c = 0.01265 + 0.1757 / nd
        let correction: Double
        if x < c {
            var t = x / c
            t = t.squareRoot() * (1 - t) * (49 * t - 102)
            correction = t * (0.0037 / (nd * nd) + 0.00078 / nd + 0.00006) / nd
        } else {
            var t = (x - c) / (0.8 - c)
            t = -0.00022633 + (6.54034 - (14.6538 - (14.458 - (8.259 - 1.91864 * t) * t) * t) * t) * t
            correction = t * (0.04213 + 0.01365 / nd) / nd
        }
        return min(1, max(0, 1 - (x + correction)))
    }
}
