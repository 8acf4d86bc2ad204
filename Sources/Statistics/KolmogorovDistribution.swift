#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The distribution of the two-sided Kolmogorov–Smirnov statistic Dₙ = supₓ |Fₙ(x) − F(x)| of a
/// sample of size n from a continuous F, and of its limit √n·Dₙ → K.
///
/// ``survival(_:sampleSize:)`` returns P(Dₙ ≥ d), the KS p-value. Which evaluation is used:
///
/// | region | method |
/// |---|---|
/// | d ≤ 1/(2n) | 1 exactly |
/// | 1/(2n) < d ≤ 1/n | Ruben–Gambino: 1 − n!·(2d − 1/n)ⁿ (exact) |
/// | d ≥ 1 − 1/n | Ruben–Gambino: 2·(1 − d)ⁿ (exact) |
/// | d ≥ 1/2 or n·d² ≥ ``smirnovTailThreshold``, n ≤ ``smirnovExactLimit`` | 2·P(Dₙ⁺ ≥ d), Birnbaum–Tingey exact one-sided sum |
/// | d ≥ 1/2 or n·d² ≥ ``smirnovTailThreshold``, n > ``smirnovExactLimit`` | 2·exp(−(6nd + 1)²/(18n)), Maag–Dicaire |
/// | otherwise, n ≤ ``exactLimit`` | 1 − P(Dₙ < d), Marsaglia–Tsang–Wang (2003) exact matrix method |
/// | otherwise, n > ``exactLimit`` | Q_K(d·(√n + 0.12 + 0.11/√n)), Stephens' (1970) corrected asymptotic |
///
/// ## Accuracy
/// The matrix method is exact up to rounding (relative error of the CDF ~1e-13 for n ≤ 10⁴).
/// For d ≥ 1/2 the doubled one-sided tail is exact (the two one-sided events are disjoint); for
/// smaller d in the tail region it over-counts the samples that cross both bands, a probability
/// below about 2·e^{−8nd²}, i.e. a relative error below 3·10⁻⁶ of p at n·d² = 2.2 and falling
/// fast beyond it. The Stephens asymptotic, used only for p ≳ 0.02 and n > 10⁴, is within
/// 2.1·10⁻³ relative of the exact p-value (measured against scipy's `kstwo` at n = 10⁴ + 1,
/// p = 0.5; 1.8·10⁻⁴ at p = 0.05). Maag–Dicaire, used only in the tail for n > 10⁶, is within
/// 7·10⁻⁷ relative of the exact doubled Smirnov tail at p = 0.016, 1.2·10⁻⁵ at p = 2·10⁻⁷ and
/// 2.2·10⁻⁴ at p = 3·10⁻²⁸ (n = 2·10⁶; the error shrinks like 1/n).
///
/// Marsaglia, Tsang & Wang, "Evaluating Kolmogorov's distribution", J. Stat. Softw. 8(18), 2003;
/// Birnbaum & Tingey, Ann. Math. Stat. 22, 1951; Ruben & Gambino, 1982; Stephens, JRSS B 32, 1970;
/// Maag & Dicaire, Biometrika 58, 1971;
/// Simard & L'Ecuyer, "Computing the two-sided Kolmogorov–Smirnov distribution", JSS 39(11), 2011.
public enum KolmogorovDistribution {
    /// Largest n for which the body (n·d² < ``smirnovTailThreshold``) uses the exact matrix
    /// method; above it, Stephens' corrected asymptotic. The matrix method costs O(m³·log n) with
    /// m ≈ 2·√(2.2·n); at n = 10⁴ that is m ≤ 297, about 0.25 s.
    public static let exactLimit = 10_000

    /// n·d² from which the Smirnov one-sided tail (doubled) replaces the matrix method or the
    /// Stephens asymptotic.
    public static let smirnovTailThreshold = 2.2

    /// Largest n for which the one-sided tail is the exact Birnbaum–Tingey sum (O(n), about
    /// 0.1 s at n = 10⁶); above it, the Maag–Dicaire approximation.
    public static let smirnovExactLimit = 1_000_000

    /// P(Dₙ ≥ d): the two-sided one-sample Kolmogorov–Smirnov p-value.
    ///
    /// - Throws: ``StatisticsError/invalidParameter(name:value:expected:)`` if n < 1 or d is NaN.
    public static func survival(_ d: Double, sampleSize n: Int) throws(StatisticsError) -> Double {
        try Sample.require(n >= 1, "sampleSize", Double(n), expected: "n >= 1")
        try Sample.require(!d.isNaN, "d", d, expected: "a number")
        let nd = Double(n)
        if d >= 1 { return 0 }
        let t = nd * d
        if t <= 0.5 { return 1 }
        if t <= 1 {
            // n!·(2d − 1/n)ⁿ = Π_{i=1}^{n} (i/n)·(2t − 1)
            return min(1, max(0, 1 - (try rubenGambinoLower(n: n, t: t))))
        }
        if t >= nd - 1 { return min(1, 2 * pow(1 - d, nd)) }
        let inTail = d >= 0.5 || nd * d * d >= smirnovTailThreshold
        if inTail && n > smirnovExactLimit {
            // Maag & Dicaire (1971): P(Dₙ⁺ ≥ d) ≈ exp(−(6nd + 1)²/(18n)).
            let a = 6 * t + 1
            return min(1, 2 * exp(-(a * a) / (18 * nd)))
        }
        if inTail { return min(1, 2 * (try smirnovSurvival(d, sampleSize: n))) }
        if n > exactLimit { return asymptoticSurvival(d * (nd.squareRoot() + 0.12 + 0.11 / nd.squareRoot())) }
        let cdf = marsagliaTsangWangCDF(d, sampleSize: n)
        return min(1, max(0, 1 - cdf))
    }

    /// The evaluation ``survival(_:sampleSize:)`` uses at (d, n), for result names: "exact",
    /// "Maag–Dicaire" or "Stephens asymptotic".
    static func methodName(_ d: Double, sampleSize n: Int) -> String {
        let nd = Double(n)
        let t = nd * d
        if d >= 1 || t <= 1 || t >= nd - 1 { return "exact" }
        let inTail = d >= 0.5 || nd * d * d >= smirnovTailThreshold
        if inTail { return n > smirnovExactLimit ? "Maag–Dicaire" : "exact" }
        return n > exactLimit ? "Stephens asymptotic" : "exact"
    }

    /// Survival function of the limiting Kolmogorov distribution, Q_K(λ) = P(K > λ).
    ///
    ///     Q_K(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}                      (λ ≥ 1)
    ///     1 − Q_K(λ) = (√(2π)/λ) Σ_{k≥1} e^{−(2k−1)²π²/(8λ²)}            (λ < 1)
    ///
    /// Both series are summed until the terms fall below 10⁻¹⁸ of the sum.
    public static func asymptoticSurvival(_ lambda: Double) -> Double {
        if lambda.isNaN { return .nan }
        if lambda <= 0.2 { return 1 }  // 1 − Q_K(0.2) < 1e-26
        if lambda < 1 {
            let l2 = lambda * lambda
            var sum = 0.0
            var k = 1.0
            while true {
                let term = exp(-(2 * k - 1) * (2 * k - 1) * Double.pi * Double.pi / (8 * l2))
                sum += term
                if term <= 1e-18 * sum { break }
                k += 1
            }
            return min(1, max(0, 1 - (2 * Double.pi).squareRoot() / lambda * sum))
        }
        let l2 = lambda * lambda
        var sum = 0.0
        var k = 1.0
        var sign = 1.0
        while true {
            let term = exp(-2 * k * k * l2)
            sum += sign * term
            if term <= 1e-18 * abs(sum) || term == 0 { break }
            sign = -sign
            k += 1
        }
        return min(1, max(0, 2 * sum))
    }

    /// P(Dₙ⁺ ≥ d), the one-sided Smirnov survival function, by the Birnbaum–Tingey sum
    ///
    ///     P(Dₙ⁺ ≥ d) = d · Σ_{j=0}^{⌊n(1−d)⌋} C(n, j) (1 − d − j/n)^{n−j} (d + j/n)^{j−1}
    ///
    /// summed in log space with a running maximum (all terms are positive, so there is no
    /// cancellation); log C(n, j) by the recurrence log C(n, j) = log C(n, j − 1) + log((n − j + 1)/j)
    /// with compensated summation. O(n): about 0.1 s at n = 10⁶ (three logarithms and one
    /// exponential per term).
    public static func smirnovSurvival(_ d: Double, sampleSize n: Int) throws(StatisticsError) -> Double {
        try Sample.require(n >= 1, "sampleSize", Double(n), expected: "n >= 1")
        try Sample.require(!d.isNaN, "d", d, expected: "a number")
        if d <= 0 { return 1 }
        if d >= 1 { return 0 }
        let nd = Double(n)
        let nTimesD = nd * d
        let jMax = Int((nd - nTimesD).rounded(.down))
        var logChoose = 0.0
        var compensation = 0.0
        var maxLog = -Double.infinity
        var sum = 0.0
        for j in 0...max(jMax, 0) {
            let jd = Double(j)
            if j > 0 {
                // Kahan-compensated: log C(n, j) reaches ~n·ln 2, where plain accumulation of
                // 10⁶ increments would lose ~10⁻⁸ relative.
                let increment = log((nd - jd + 1) / jd) - compensation
                let updated = logChoose + increment
                compensation = (updated - logChoose) - increment
                logChoose = updated
            }
            let lower = nd - jd - nTimesD  // n·(1 − d − j/n)
            if lower <= 0 { continue }  // the j = n(1 − d) term is 0^{n−j} = 0
            // Logs of the ratios themselves: the rounding of each log is then ~ε·|log ratio|
            // (not ~ε·ln n), which matters once it is multiplied by n − j ~ 10⁶.
            let term = logChoose + (nd - jd) * log(lower / nd) + (jd - 1) * log((nTimesD + jd) / nd)
            if term > maxLog {
                sum = sum * exp(maxLog - term) + 1
                maxLog = term
            } else {
                sum += exp(term - maxLog)
            }
        }
        if sum == 0 { return 0 }
        return min(1, d * exp(maxLog + log(sum)))
    }

    /// n!·(2t/n − 1/n)ⁿ·nⁿ/nⁿ = Π_{i=1}^{n} (i/n)·(2t − 1), the exact CDF for 1/(2n) < d ≤ 1/n.
    static func rubenGambinoLower(n: Int, t: Double) throws(StatisticsError) -> Double {
        let nd = Double(n)
        let base = 2 * t - 1
        if n <= 140 {
            var product = 1.0
            for i in 1...n { product *= Double(i) / nd * base }
            return product
        }
        // log n! − n log n + n log(2t − 1)
        let logFactorial = try GSLRuntime.logGamma(nd + 1)
        return exp(logFactorial - nd * log(nd) + nd * log(base))
    }
}
