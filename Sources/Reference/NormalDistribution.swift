import Foundation

/// The standard normal distribution, to full Double accuracy in both tails.
public enum StandardNormal {
    /// Φ(z) = ½·erfc(−z/√2), accurate in the lower tail (no cancellation).
    public static func cdf(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.0.squareRoot())
    }

    /// log Φ(z). For z > −30 it is log(½·erfc(−z/√2)) (log1p of the upper tail for z > 0);
    /// below, where erfc underflows, the asymptotic series
    ///
    ///     log Φ(z) = −z²/2 − log(−z) − ½ log 2π + log(1 − 1/z² + 3/z⁴ − 15/z⁶ + …)
    ///
    /// truncated after the 1/z¹⁶ term: the next term is below 34!!/30³⁴ < 1e−35 relative.
    public static func logCDF(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        if z > 0 { return log1p(-0.5 * erfc(z / 2.0.squareRoot())) }
        if z > -30 { return log(0.5 * erfc(-z / 2.0.squareRoot())) }
        if z == -.infinity { return -.infinity }
        let inverseSquare = 1 / (z * z)
        var term = 1.0
        var sum = 1.0
        for k in 1...8 {
            term *= -Double(2 * k - 1) * inverseSquare
            sum += term
        }
        return -0.5 * z * z - log(-z) - 0.5 * log(2 * Double.pi) + log(sum)
    }

    /// log(Φ(b) − Φ(a)) for a < b, without cancellation. By symmetry (Φ(b) − Φ(a) = Φ(−a) − Φ(−b))
    /// a ≤ 0; then
    ///
    ///     a ≤ 0 ≤ b:   Φ(b) − Φ(a) = ½·(erf(b/√2) + erf(−a/√2))       (two non-negative terms)
    ///     −1 < a < b < 0:             ½·(erf(−a/√2) − erf(−b/√2))
    ///     a ≤ −1, b < 0: from log Φ(b) and log Φ(a), in the lower tail
    ///
    /// Near 0, Φ is ½ + O(z) and a difference of Φ values keeps none of the digits of a narrow
    /// interval (a decoder with σ = e⁴⁰ gave log 0); erf(z) ≈ 2z/√π keeps them all.
    public static func logProbability(between a: Double, and b: Double) -> Double {
        guard a < b else { return -.infinity }
        if a > 0 { return logProbability(between: -b, and: -a) }
        let rootTwo = 2.0.squareRoot()
        if b >= 0 { return log(0.5 * (erf(b / rootTwo) + erf(-a / rootTwo))) }
        if a > -1 { return log(0.5 * (erf(-a / rootTwo) - erf(-b / rootTwo))) }
        let logUpper = logCDF(b)
        let logLower = logCDF(a)
        if logLower == -.infinity { return logUpper }
        // log(e^u − e^l) = u + log(1 − e^{l − u})
        return logUpper + log(-expm1(logLower - logUpper))
    }
}
