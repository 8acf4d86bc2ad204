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

    /// log(Φ(b) − Φ(a)) for a < b, without cancellation: computed in the tail that is farther
    /// from the mass (the upper tail when a > 0, by symmetry Φ(b) − Φ(a) = Φ(−a) − Φ(−b)).
    public static func logProbability(between a: Double, and b: Double) -> Double {
        guard a < b else { return -.infinity }
        if a > 0 { return logProbability(between: -b, and: -a) }
        let logUpper = logCDF(b)
        let logLower = logCDF(a)
        if logLower == -.infinity { return logUpper }
        // log(e^u − e^l) = u + log(1 − e^{l − u})
        return logUpper + log(-expm1(logLower - logUpper))
    }
}
