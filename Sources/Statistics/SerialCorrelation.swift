/// Tests of independence: lag-k autocorrelation of one sequence and lagged cross-correlation of
/// two (for example two lanes of a vectorised random stream).
public enum SerialCorrelation {
    /// Lag-k sample autocorrelation and its test of zero correlation (i.i.d. null).
    ///
    ///     r_k = Σ_{i=0}^{n−k−1} (xᵢ − x̄)(xᵢ₊ₖ − x̄) / Σ_{i=0}^{n−1} (xᵢ − x̄)²
    ///     z   = (r_k − E r_k) · n/√(n − k),   E r_k = −(n − k)/(n(n − 1)),   p = 2·Q(|z|)
    ///
    /// The normal approximation √n·r_k ~ N(0, 1) (Bartlett 1946; Box & Jenkins), refined by the
    /// exact null mean of r_k and the n − k products in the numerator (Var r_k ≈ (n − k)/n²).
    /// `statistic` is r_k.
    ///
    /// - Throws: ``StatisticsError`` for fewer than lag + 2 values, lag < 1, a NaN/infinite
    ///   value or a constant sample.
    public static func autocorrelation(_ sample: [Double], lag k: Int) throws(StatisticsError) -> HypothesisTestResult {
        try Sample.require(k >= 1, "lag", Double(k), expected: "lag >= 1")
        try Sample.validate(sample, name: "sample", minimum: k + 3)
        let n = sample.count
        let moments = SampleMoments(sample)
        guard moments.m2 > 0 else { throw .zeroVariance(name: "sample") }
        let mean = moments.mean
        let numerator = laggedProductSum(sample, mean, sample, mean, lag: k)
        return try autocorrelation(laggedProductSum: numerator, m2: moments.m2, count: n, lag: k)
    }

    /// ``autocorrelation(_:lag:)`` from Σ(xᵢ − x̄)(xᵢ₊ₖ − x̄) and the biased m₂ of `count` values.
    public static func autocorrelation(
        laggedProductSum numerator: Double, m2: Double, count n: Int, lag k: Int
    ) throws(StatisticsError) -> HypothesisTestResult {
        try Sample.require(k >= 1 && n >= k + 3, "lag", Double(k), expected: "lag >= 1 and at least lag + 3 values")
        guard m2 > 0 else { throw .zeroVariance(name: "sample") }
        let nd = Double(n)
        let r = numerator / (m2 * nd)
        let expected = -Double(n - k) / (nd * (nd - 1))
        let z = (r - expected) * nd / Double(n - k).squareRoot()
        return try .checked(
            name: "lag-\(k) autocorrelation", statistic: r, pValue: try GSLRuntime.normalTwoSided(z),
            sampleSize: n, routine: "SerialCorrelation.autocorrelation")
    }

    /// Lag-k cross-correlation of two equally long sequences, and its test of independence.
    ///
    ///     r = Σ_{i=0}^{n−k−1} (xᵢ − x̄)(yᵢ₊ₖ − ȳ) / √(Σ(x − x̄)² · Σ(y − ȳ)²)
    ///     z = r · n/√(n − k),   p = 2·Q(|z|)
    ///
    /// (√n·r ~ N(0, 1) at lag 0.) For a negative lag, swap the arguments. `statistic` is r.
    ///
    /// - Throws: ``StatisticsError`` for different lengths, fewer than lag + 3 values, lag < 0, a
    ///   NaN/infinite value or a constant sequence.
    public static func crossCorrelation(
        _ first: [Double], _ second: [Double], lag k: Int = 0
    ) throws(StatisticsError) -> HypothesisTestResult {
        try Sample.require(k >= 0, "lag", Double(k), expected: "lag >= 0")
        guard first.count == second.count else { throw .lengthMismatch(first: first.count, second: second.count) }
        try Sample.validate(first, name: "first", minimum: k + 3)
        try Sample.validate(second, name: "second", minimum: k + 3)
        let n = first.count
        let mx = SampleMoments(first)
        let my = SampleMoments(second)
        guard mx.m2 > 0 else { throw .zeroVariance(name: "first") }
        guard my.m2 > 0 else { throw .zeroVariance(name: "second") }
        let numerator = laggedProductSum(first, mx.mean, second, my.mean, lag: k)
        return try crossCorrelation(laggedProductSum: numerator, m2First: mx.m2, m2Second: my.m2, count: n, lag: k)
    }

    /// ``crossCorrelation(_:_:lag:)`` from Σ(xᵢ − x̄)(yᵢ₊ₖ − ȳ) and the biased m₂ of each sequence.
    public static func crossCorrelation(
        laggedProductSum numerator: Double, m2First: Double, m2Second: Double, count n: Int, lag k: Int = 0
    ) throws(StatisticsError) -> HypothesisTestResult {
        try Sample.require(k >= 0 && n >= k + 3, "lag", Double(k), expected: "lag >= 0 and at least lag + 3 values")
        guard m2First > 0 else { throw .zeroVariance(name: "first") }
        guard m2Second > 0 else { throw .zeroVariance(name: "second") }
        let nd = Double(n)
        let r = numerator / (nd * (m2First * m2Second).squareRoot())
        let z = r * nd / Double(n - k).squareRoot()
        return try .checked(
            name: "lag-\(k) cross-correlation", statistic: r, pValue: try GSLRuntime.normalTwoSided(z),
            sampleSize: n, routine: "SerialCorrelation.crossCorrelation")
    }

    /// Float overloads (widened exactly to Double).
    public static func autocorrelation(_ sample: [Float], lag k: Int) throws(StatisticsError) -> HypothesisTestResult {
        try autocorrelation(Sample.widen(sample), lag: k)
    }

    public static func crossCorrelation(
        _ first: [Float], _ second: [Float], lag k: Int = 0
    ) throws(StatisticsError) -> HypothesisTestResult {
        try crossCorrelation(Sample.widen(first), Sample.widen(second), lag: k)
    }

    /// Σ_{i=0}^{n−k−1} (xᵢ − mx)(yᵢ₊ₖ − my), blocked summation (blocks in parallel, added in order).
    static func laggedProductSum(_ x: [Double], _ mx: Double, _ y: [Double], _ my: Double, lag k: Int) -> Double {
        let count = x.count - k
        return x.withUnsafeBufferPointer { xb in
            y.withUnsafeBufferPointer { yb in
                nonisolated(unsafe) let (xs, ys) = (xb, yb)
                return ParallelWork.blockedSum(count) { r in
                    var block = 0.0
                    for i in r { block += (xs[i] - mx) * (ys[i + k] - my) }
                    return block
                }
            }
        }
    }
}
