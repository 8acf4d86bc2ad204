import CGSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One-time GSL configuration and checked wrappers around the GSL tails used by the tests.
///
/// GSL's default error handler calls `abort()`, which would kill the whole process on a domain
/// error. It is switched off once, before the first GSL call made through this module; every
/// wrapper then checks the status code or the result and throws ``StatisticsError``.
enum GSLRuntime {
    /// Lazily initialised global: Swift runs the initialiser exactly once, thread-safely.
    private static let configured: Bool = {
        cgsl_disable_abort_on_error()
        return true
    }()

    /// Switches GSL's aborting error handler off (idempotent, thread-safe).
    static func configure() {
        _ = configured
    }

    /// Returns `value` if it is a finite probability, else throws.
    @inline(__always)
    static func probability(_ value: Double, routine: String) throws(StatisticsError) -> Double {
        guard value.isFinite, value >= 0 else { throw .numericalFailure(routine: routine, status: -1) }
        return min(value, 1)
    }

    /// Upper tail of the standard normal, Q(z) = P(Z > z), accurate far out (GSL `gsl_cdf_ugaussian_Q`).
    static func normalQ(_ z: Double) throws(StatisticsError) -> Double {
        configure()
        return try probability(gsl_cdf_ugaussian_Q(z), routine: "gsl_cdf_ugaussian_Q")
    }

    /// Lower tail of the standard normal, P(Z ≤ z).
    static func normalP(_ z: Double) throws(StatisticsError) -> Double {
        configure()
        return try probability(gsl_cdf_ugaussian_P(z), routine: "gsl_cdf_ugaussian_P")
    }

    /// Two-sided normal p-value 2·Q(|z|).
    static func normalTwoSided(_ z: Double) throws(StatisticsError) -> Double {
        if z.isInfinite { return 0 }
        return min(1, 2 * (try normalQ(abs(z))))
    }

    /// Upper tail of χ² with `dof` degrees of freedom.
    static func chiSquareQ(_ x: Double, dof: Double) throws(StatisticsError) -> Double {
        configure()
        return try probability(gsl_cdf_chisq_Q(x, dof), routine: "gsl_cdf_chisq_Q")
    }

    /// Lower tail of χ² with `dof` degrees of freedom.
    static func chiSquareP(_ x: Double, dof: Double) throws(StatisticsError) -> Double {
        configure()
        return try probability(gsl_cdf_chisq_P(x, dof), routine: "gsl_cdf_chisq_P")
    }

    /// Upper tail of Student's t with `dof` degrees of freedom.
    static func studentTQ(_ t: Double, dof: Double) throws(StatisticsError) -> Double {
        configure()
        return try probability(gsl_cdf_tdist_Q(t, dof), routine: "gsl_cdf_tdist_Q")
    }

    /// P(K ≤ k) for K ~ Poisson(mu).
    static func poissonP(_ k: Int, mean mu: Double) throws(StatisticsError) -> Double {
        configure()
        guard k >= 0 else { return 0 }
        guard let kk = UInt32(exactly: k) else { return 1 }
        return try probability(gsl_cdf_poisson_P(kk, mu), routine: "gsl_cdf_poisson_P")
    }

    /// P(K ≥ k) for K ~ Poisson(mu).
    static func poissonUpper(_ k: Int, mean mu: Double) throws(StatisticsError) -> Double {
        configure()
        guard k >= 1 else { return 1 }
        guard let kk = UInt32(exactly: k - 1) else { return 0 }
        return try probability(gsl_cdf_poisson_Q(kk, mu), routine: "gsl_cdf_poisson_Q")
    }

    /// P(K ≤ k) for K ~ Binomial(n, p).
    ///
    /// In the lower tail (k < n·p) the pmf terms are summed directly from k downwards (each term is
    /// the previous one times j(1 − p)/((n − j + 1)p) < 1), starting from the log-pmf, so tiny
    /// probabilities keep their relative accuracy. `gsl_cdf_binomial_P` returns 0 there even when
    /// the value is representable (for n = 2·10⁵, p = 1.374·10⁻³, k = 0, 1, 2 it gives 0 instead
    /// of 3.5·10⁻¹²⁰, 9.8·10⁻¹¹⁸, 1.4·10⁻¹¹⁵). In the bulk GSL's value is used.
    static func binomialP(_ k: Int, probability p: Double, trials n: Int) throws(StatisticsError) -> Double {
        configure()
        guard k >= 0 else { return 0 }
        guard k < n else { return 1 }
        if Double(k) < Double(n) * p {
            return try binomialTailSum(from: k, probability: p, trials: n, downwards: true)
        }
        guard let kk = UInt32(exactly: k), let nn = UInt32(exactly: n) else {
            throw .numericalFailure(routine: "gsl_cdf_binomial_P", status: -1)
        }
        return try probability(gsl_cdf_binomial_P(kk, p, nn), routine: "gsl_cdf_binomial_P")
    }

    /// P(K ≥ k) for K ~ Binomial(n, p); direct summation upwards in the upper tail (k > n·p),
    /// GSL's `gsl_cdf_binomial_Q(k − 1, …)` in the bulk.
    static func binomialUpper(_ k: Int, probability p: Double, trials n: Int) throws(StatisticsError) -> Double {
        configure()
        guard k >= 1 else { return 1 }
        guard k <= n else { return 0 }
        if Double(k) > Double(n) * p {
            return try binomialTailSum(from: k, probability: p, trials: n, downwards: false)
        }
        guard let kk = UInt32(exactly: k - 1), let nn = UInt32(exactly: n) else {
            throw .numericalFailure(routine: "gsl_cdf_binomial_Q", status: -1)
        }
        return try probability(gsl_cdf_binomial_Q(kk, p, nn), routine: "gsl_cdf_binomial_Q")
    }

    /// Σ pmf(j) for j from k towards 0 (`downwards`) or towards n, on the side where the terms
    /// decrease, until a term falls below 10⁻¹⁷ of the sum. Computed as pmf(k)·Σ ratios with
    /// pmf(k) from log-gamma, so the result underflows only when the true value does.
    static func binomialTailSum(
        from k: Int, probability p: Double, trials n: Int, downwards: Bool
    ) throws(StatisticsError) -> Double {
        if p <= 0 { return downwards ? 1 : (k <= 0 ? 1 : 0) }
        if p >= 1 { return downwards ? (k >= n ? 1 : 0) : 1 }
        let nd = Double(n)
        let kd = Double(k)
        let logPmf = (try logGamma(nd + 1)) - (try logGamma(kd + 1)) - (try logGamma(nd - kd + 1))
            + kd * log(p) + (nd - kd) * log1p(-p)
        let odds = p / (1 - p)
        var sum = 1.0
        var term = 1.0
        var j = k
        var steps = 0
        while steps < 10_000_000 {
            if downwards {
                if j == 0 { break }
                term *= Double(j) / ((nd - Double(j) + 1) * odds)
                j -= 1
            } else {
                if j == n { break }
                term *= (nd - Double(j)) * odds / Double(j + 1)
                j += 1
            }
            sum += term
            if term < 1e-17 * sum { break }
            steps += 1
        }
        return try probability(exp(logPmf + log(sum)), routine: "binomial tail sum")
    }

    /// log Γ(x) via `gsl_sf_lngamma_e`, with its status checked.
    static func logGamma(_ x: Double) throws(StatisticsError) -> Double {
        configure()
        var result = gsl_sf_result()
        let status = gsl_sf_lngamma_e(x, &result)
        guard status == GSL_SUCCESS, result.val.isFinite else {
            throw .numericalFailure(routine: "gsl_sf_lngamma_e", status: status)
        }
        return result.val
    }
}
