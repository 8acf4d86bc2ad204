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
/// | n ≤ ``exactLimit``, d ≥ 1/2 | 2·P(Dₙ⁺ ≥ d), exact (the two one-sided events are disjoint) |
/// | n ≤ ``exactLimit``, n·d² ≥ ``smirnovTailThreshold`` | 2·P(Dₙ⁺ ≥ d), Birnbaum–Tingey exact one-sided sum |
/// | n ≤ ``exactLimit``, otherwise | 1 − P(Dₙ < d), Marsaglia–Tsang–Wang (2003) exact matrix method |
/// | n > ``exactLimit`` | Q_K(d·(√n + 0.12 + 0.11/√n)), Stephens' (1970) corrected asymptotic |
///
/// ## Accuracy
/// The matrix method is exact up to rounding (relative error of the CDF ~1e-13 for n ≤ 10⁴).
/// In the Smirnov-tail region 2·P(Dₙ⁺ ≥ d) over-counts the samples that cross both bands; that
/// probability is below about 2·e^{−8nd²}, i.e. a relative error below 3·10⁻⁶ of p at the
/// threshold n·d² = 2.2, and falling fast beyond it. The corrected asymptotic is within about 1 %
/// of the exact p-value for p ≥ 10⁻⁴ and n > 10⁴ (see the tests for the measured figures), with
/// the relative error growing slowly in the far tail (it is O(√n·d³)).
///
/// Marsaglia, Tsang & Wang, "Evaluating Kolmogorov's distribution", J. Stat. Softw. 8(18), 2003;
/// Birnbaum & Tingey, Ann. Math. Stat. 22, 1951; Ruben & Gambino, 1982; Stephens, JRSS B 32, 1970;
/// Simard & L'Ecuyer, "Computing the two-sided Kolmogorov–Smirnov distribution", JSS 39(11), 2011.
public enum KolmogorovDistribution {
    /// Largest n for which the exact methods are used (above it, the corrected asymptotic).
    /// The matrix method costs O(m³·log n) with m ≈ 2·√(2.2·n); at n = 10⁴ that is m ≤ 297,
    /// a fraction of a second.
    public static let exactLimit = 10_000

    /// n·d² from which the exact Smirnov one-sided tail (doubled) replaces the matrix method.
    public static let smirnovTailThreshold = 2.2

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
        if n > exactLimit { return asymptoticSurvival(d * (nd.squareRoot() + 0.12 + 0.11 / nd.squareRoot())) }
        if d >= 0.5 || nd * d * d >= smirnovTailThreshold {
            return min(1, 2 * (try smirnovSurvival(d, sampleSize: n)))
        }
        let cdf = marsagliaTsangWangCDF(d, sampleSize: n)
        return min(1, max(0, 1 - cdf))
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
    /// summed in log space (all terms are positive, so there is no cancellation). O(n).
    public static func smirnovSurvival(_ d: Double, sampleSize n: Int) throws(StatisticsError) -> Double {
        try Sample.require(n >= 1, "sampleSize", Double(n), expected: "n >= 1")
        if d <= 0 { return 1 }
        if d >= 1 { return 0 }
        let nd = Double(n)
        let nTimesD = nd * d
        let jMax = Int((nd - nTimesD).rounded(.down))
        let logN = log(nd)
        let logFactorialN = try GSLRuntime.logGamma(nd + 1)
        var logTerms = [Double]()
        logTerms.reserveCapacity(jMax + 1)
        for j in 0...max(jMax, 0) {
            let jd = Double(j)
            let lower = nd - jd - nTimesD  // n·(1 − d − j/n) ≥ 0
            if lower <= 0 { continue }  // the j = n(1 − d) term is 0^{n−j} = 0
            let logChoose = logFactorialN - (try GSLRuntime.logGamma(jd + 1)) - (try GSLRuntime.logGamma(nd - jd + 1))
            let term = logChoose + (nd - jd) * (log(lower) - logN) + (jd - 1) * (log(nTimesD + jd) - logN)
            logTerms.append(term)
        }
        guard let top = logTerms.max() else { return 0 }
        var sum = 0.0
        for term in logTerms { sum += exp(term - top) }
        return min(1, d * exp(top) * sum)
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
