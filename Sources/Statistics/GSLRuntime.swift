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

    /// P(K ≤ k) for K ~ Binomial(n, p). The k = 0 term is computed as exp(n·log1p(−p)), since
    /// `gsl_cdf_binomial_P(0, …)` underflows to 0 where the true value is tiny but representable.
    static func binomialP(_ k: Int, probability p: Double, trials n: Int) throws(StatisticsError) -> Double {
        configure()
        guard k >= 0 else { return 0 }
        guard k < n else { return 1 }
        guard let kk = UInt32(exactly: k), let nn = UInt32(exactly: n) else {
            throw .numericalFailure(routine: "gsl_cdf_binomial_P", status: -1)
        }
        if k == 0 { return exp(Double(n) * log1p(-p)) }
        return try probability(gsl_cdf_binomial_P(kk, p, nn), routine: "gsl_cdf_binomial_P")
    }

    /// P(K ≥ k) for K ~ Binomial(n, p).
    static func binomialUpper(_ k: Int, probability p: Double, trials n: Int) throws(StatisticsError) -> Double {
        configure()
        guard k >= 1 else { return 1 }
        guard k <= n else { return 0 }
        guard let kk = UInt32(exactly: k - 1), let nn = UInt32(exactly: n) else {
            throw .numericalFailure(routine: "gsl_cdf_binomial_Q", status: -1)
        }
        if k == n { return exp(Double(n) * log(p)) }
        return try probability(gsl_cdf_binomial_Q(kk, p, nn), routine: "gsl_cdf_binomial_Q")
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
