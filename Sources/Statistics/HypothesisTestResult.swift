/// The outcome of one hypothesis test.
///
/// `pValue` is the probability, under the null hypothesis, of a statistic at least as extreme as
/// `statistic` (two-sided unless the test's documentation says otherwise). It is always a finite
/// number in [0, 1].
public struct HypothesisTestResult: Sendable, Equatable, CustomStringConvertible {
    /// A short name of the test and its variant, e.g. `"Kolmogorov–Smirnov (exact)"`.
    public var name: String
    /// The test statistic (D, χ², A², z, …) on the scale the test's documentation gives.
    public var statistic: Double
    /// The p-value in [0, 1].
    public var pValue: Double
    /// The number of observations the statistic was computed from.
    public var sampleSize: Int

    public init(name: String, statistic: Double, pValue: Double, sampleSize: Int) {
        self.name = name
        self.statistic = statistic
        self.pValue = pValue
        self.sampleSize = sampleSize
    }

    /// Whether the test rejects the null hypothesis at level `alpha` (p ≤ α).
    public func rejects(atLevel alpha: Double) -> Bool { pValue <= alpha }

    public var description: String {
        "\(name): statistic = \(statistic), p = \(pValue), n = \(sampleSize)"
    }
}

extension HypothesisTestResult {
    /// Builds a result after clamping the p-value into [0, 1] (rounding can leave it a few ulps
    /// outside) and refusing a NaN p-value.
    static func checked(
        name: String, statistic: Double, pValue: Double, sampleSize: Int, routine: String
    ) throws(StatisticsError) -> HypothesisTestResult {
        guard !pValue.isNaN, !statistic.isNaN else {
            throw .numericalFailure(routine: routine, status: -1)
        }
        return HypothesisTestResult(
            name: name, statistic: statistic, pValue: min(max(pValue, 0), 1), sampleSize: sampleSize)
    }
}
