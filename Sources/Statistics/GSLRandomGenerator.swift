import CGSL

/// A seeded GSL Mersenne Twister (`gsl_rng_mt19937`) for reference draws: the null samples of
/// calibration studies and the alternatives of power checks.
///
/// Normals come from `gsl_ran_gaussian_ziggurat`, Student t from `gsl_ran_tdist`. The same seed
/// gives the same stream on every platform GSL supports, so tests built on it are deterministic.
/// Not thread-safe: use one generator per thread.
public final class GSLRandomGenerator {
    private let state: UnsafeMutablePointer<gsl_rng>

    /// Creates an mt19937 generator seeded with `seed` (GSL maps seed 0 to its default 4357).
    ///
    /// - Throws: ``StatisticsError/numericalFailure(routine:status:)`` if GSL cannot allocate it.
    public init(seed: UInt) throws(StatisticsError) {
        GSLRuntime.configure()
        guard let state = gsl_rng_alloc(cgsl_rng_mt19937()) else {
            throw .numericalFailure(routine: "gsl_rng_alloc", status: Int32(GSL_ENOMEM))
        }
        gsl_rng_set(state, seed)
        self.state = state
    }

    deinit { gsl_rng_free(state) }

    /// One N(0, 1) draw (ziggurat).
    public func nextGaussian() -> Double { gsl_ran_gaussian_ziggurat(state, 1) }

    /// `count` N(mean, sd²) draws.
    public func gaussians(count: Int, mean: Double = 0, standardDeviation: Double = 1) -> [Double] {
        (0..<max(count, 0)).map { _ in mean + gsl_ran_gaussian_ziggurat(state, standardDeviation) }
    }

    /// `count` uniform draws in [lower, upper).
    public func uniforms(count: Int, lower: Double = 0, upper: Double = 1) -> [Double] {
        (0..<max(count, 0)).map { _ in lower + (upper - lower) * gsl_rng_uniform(state) }
    }

    /// `count` Student-t draws with `degreesOfFreedom` ν.
    public func studentT(count: Int, degreesOfFreedom nu: Double) -> [Double] {
        (0..<max(count, 0)).map { _ in gsl_ran_tdist(state, nu) }
    }
}
