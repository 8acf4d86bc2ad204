import CGSL

/// The normal distribution N(mean, sd²) through GSL, for use as the hypothesised distribution of
/// the goodness-of-fit tests (`cdf`, `survival` and `quantile` closures).
///
/// GSL's tails are accurate far out: `NormalDistribution.standard.survival(30)` is 4.906·10⁻¹⁹⁸,
/// where 1 − cdf(30) is 0.
public struct NormalDistribution: Sendable, Equatable {
    public var mean: Double
    public var standardDeviation: Double

    /// The standard normal N(0, 1).
    public static let standard = NormalDistribution(uncheckedMean: 0, standardDeviation: 1)

    /// - Throws: ``StatisticsError/invalidParameter(name:value:expected:)`` unless the mean is
    ///   finite and the standard deviation finite and positive.
    public init(mean: Double, standardDeviation: Double) throws(StatisticsError) {
        try Sample.require(mean.isFinite, "mean", mean, expected: "a finite mean")
        try Sample.require(
            standardDeviation.isFinite && standardDeviation > 0, "standardDeviation", standardDeviation,
            expected: "a finite standard deviation > 0")
        self.init(uncheckedMean: mean, standardDeviation: standardDeviation)
    }

    private init(uncheckedMean mean: Double, standardDeviation: Double) {
        GSLRuntime.configure()
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double { gsl_cdf_gaussian_P(x - mean, standardDeviation) }

    /// P(X > x), accurate in the upper tail.
    public func survival(_ x: Double) -> Double { gsl_cdf_gaussian_Q(x - mean, standardDeviation) }

    /// The quantile F⁻¹(p) for p in (0, 1) (−∞ at 0, +∞ at 1).
    public func quantile(_ p: Double) -> Double { mean + gsl_cdf_gaussian_Pinv(p, standardDeviation) }
}
