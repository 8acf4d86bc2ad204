import CGSL

/// The Reference samplers' source of N(0, 1) draws: GSL's MT19937 generator with GSL's
/// Box–Muller (polar) transform, `gsl_ran_gaussian`. Plain and well studied, and independent of
/// the Philox stream that Optimized uses, so that two-sample tests compare two generators.
///
/// Not thread-safe: one source per thread.
public final class GSLNormalSource {
    private let generator: UnsafeMutablePointer<gsl_rng>

    /// - Parameter seed: GSL seeds MT19937 with it as `gsl_rng_set` does (seed 0 means 4357).
    public init(seed: UInt) {
        cgsl_disable_abort_on_error()
        // gsl_rng_alloc fails only when out of memory.
        generator = gsl_rng_alloc(cgsl_rng_mt19937())!
        gsl_rng_set(generator, seed)
    }

    deinit {
        gsl_rng_free(generator)
    }

    /// One draw of N(0, 1).
    public func next() -> Double {
        gsl_ran_gaussian(generator, 1.0)
    }

    /// `count` independent draws of N(0, 1).
    public func draws(_ count: Int) -> [Double] {
        (0..<count).map { _ in next() }
    }

    /// One draw of U[0, 1).
    public func uniform() -> Double {
        gsl_rng_uniform(generator)
    }
}
