import Foundation

/// The beta distribution's CDF and quantile, for the `use_beta_sigmas` ladder (Lee et al. 2024,
/// "Beta Sampling is All You Need": σ placed at the quantiles of Beta(0.6, 0.6)).
enum BetaDistribution {
    /// The regularized incomplete beta function I_x(a, b), the CDF of Beta(a, b), by its continued
    /// fraction evaluated with the modified Lentz method. The fraction converges fast for
    /// x < (a + 1)/(a + b + 2); above, the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) is used.
    static func cdf(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        if x > (a + 1) / (a + b + 2) { return 1 - cdf(1 - x, a: b, b: a) }
        // x^a (1 − x)^b / (a·B(a, b)), with B through log-gamma.
        let logBeta: Double = lgamma(a) + lgamma(b) - lgamma(a + b)
        let logPowers: Double = a * Foundation.log(x) + b * Foundation.log1p(-x)
        let front = Foundation.exp(logPowers - logBeta) / a
        let tiny = 1e-300
        var f = 1.0, c = 1.0, d = 0.0
        for i in 0..<1000 {
            let m = Double(i / 2)
            let numerator: Double
            if i == 0 {
                numerator = 1
            } else if i % 2 == 0 {
                numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            } else {
                numerator = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            }
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            d = 1 / d
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            let cd = c * d
            f *= cd
            if abs(1 - cd) < 1e-16 { break }
        }
        return front * (f - 1)
    }

    /// The quantile: the x with I_x(a, b) = q, by bisection (the CDF is increasing); 200 halvings
    /// of [0, 1] reach the spacing of doubles.
    static func quantile(_ q: Double, a: Double, b: Double) -> Double {
        if q <= 0 { return 0 }
        if q >= 1 { return 1 }
        var lo = 0.0, hi = 1.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if mid <= lo || mid >= hi { break }
            if cdf(mid, a: a, b: b) < q { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}
