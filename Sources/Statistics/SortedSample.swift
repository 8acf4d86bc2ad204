/// A validated sample in ascending order, sorted once and shared by every order-statistic test
/// (one-sample KS, Anderson–Darling, two-sample KS) of the same values.
///
/// Sorting is the largest cost of those tests at 10⁷–10⁸ values; a caller that runs several of
/// them on one sample sorts once instead of once per test.
public struct SortedSample: Sendable {
    /// The values, ascending, all finite.
    public let values: [Double]

    public var count: Int { values.count }

    /// Validates `sample` (non-empty, finite) and sorts a copy of it.
    ///
    /// - Throws: ``StatisticsError/emptySample(name:)`` or ``StatisticsError/nonFiniteValue(name:index:)``
    ///   (the index in `sample`).
    public init(_ sample: [Double], name: String = "sample") throws(StatisticsError) {
        try Sample.validate(sample, name: name)
        values = Sample.sorted(sample)
    }

    /// Float sample, widened exactly to Double.
    public init(_ sample: [Float], name: String = "sample") throws(StatisticsError) {
        try self.init(Sample.widen(sample), name: name)
    }
}
