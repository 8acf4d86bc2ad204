/// Pearson's χ² goodness-of-fit test on k equiprobable bins of a hypothesised continuous
/// distribution.
public enum ChiSquareGoodnessOfFit {
    /// χ² test with bins defined through the CDF: x falls in bin ⌊k·F(x)⌋ (F = 1 goes to bin k − 1).
    ///
    ///     X² = Σ_{b=0}^{k−1} (O_b − n/k)²/(n/k),   p = Q_χ²(X²; k − 1 − estimatedParameters)
    ///
    /// with p from `gsl_cdf_chisq_Q`. The χ² approximation wants n/k ≥ 5.
    ///
    /// - Parameters:
    ///   - bins: k ≥ 2.
    ///   - estimatedParameters: parameters fitted from this sample (reduces the degrees of freedom).
    /// - Throws: ``StatisticsError`` for an empty sample, a NaN/infinite value, k < 2, no
    ///   degrees of freedom left, or a `cdf` value outside [0, 1].
    public static func test(
        _ sample: [Double], bins k: Int, cdf: (Double) -> Double, estimatedParameters: Int = 0
    ) throws(StatisticsError) -> HypothesisTestResult {
        try validate(sample, bins: k, estimatedParameters: estimatedParameters)
        var counts = [Int](repeating: 0, count: k)
        let kd = Double(k)
        for x in sample {
            let u = try Sample.cdfValue(cdf, at: x)
            counts[min(k - 1, Int(u * kd))] += 1
        }
        return try result(counts: counts, n: sample.count, estimatedParameters: estimatedParameters)
    }

    /// χ² test with bins defined through the quantile function: the k − 1 inner edges are
    /// q(1/k), …, q((k − 1)/k), and x falls in the bin of the number of edges ≤ x (binary search;
    /// this is the same binning as the CDF form). Cost O(n log k) with only k − 1 quantile calls.
    ///
    /// - Throws: as ``test(_:bins:cdf:estimatedParameters:)``, and
    ///   ``StatisticsError/invalidFunctionValue(name:argument:value:expected:)`` if the edges are
    ///   NaN or decreasing.
    public static func test(
        _ sample: [Double], bins k: Int, quantile: (Double) -> Double, estimatedParameters: Int = 0
    ) throws(StatisticsError) -> HypothesisTestResult {
        try validate(sample, bins: k, estimatedParameters: estimatedParameters)
        var edges = [Double]()
        edges.reserveCapacity(k - 1)
        for b in 1..<k {
            let p = Double(b) / Double(k)
            let edge = quantile(p)
            guard !edge.isNaN, edge >= (edges.last ?? -.infinity) else {
                throw .invalidFunctionValue(
                    name: "quantile", argument: p, value: edge, expected: "non-decreasing quantiles")
            }
            edges.append(edge)
        }
        // Counts per piece (in parallel), then added: integers, so any split gives the same counts.
        let pieces = ParallelWork.pieces(sample.count)
        var pieceCounts = [Int](repeating: 0, count: pieces * k)
        sample.withUnsafeBufferPointer { buffer in
            pieceCounts.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let (b, c) = (buffer, out)
                let innerEdges = edges
                ParallelWork.forEachPiece(b.count) { r in
                    let base = r.lowerBound / ParallelWork.piece * k
                    for i in r {
                        // Number of edges ≤ x.
                        let x = b[i]
                        var low = 0
                        var high = innerEdges.count
                        while low < high {
                            let mid = (low + high) / 2
                            if innerEdges[mid] <= x { low = mid + 1 } else { high = mid }
                        }
                        c[base + low] += 1
                    }
                }
            }
        }
        var counts = [Int](repeating: 0, count: k)
        for p in 0..<pieces {
            for b in 0..<k { counts[b] += pieceCounts[p * k + b] }
        }
        return try result(counts: counts, n: sample.count, estimatedParameters: estimatedParameters)
    }

    /// χ² test on k equiprobable bins of a normal distribution (edges from GSL's quantile).
    public static func test(
        _ sample: [Double], bins k: Int, against normal: NormalDistribution
    ) throws(StatisticsError) -> HypothesisTestResult {
        try test(sample, bins: k, quantile: normal.quantile)
    }

    /// Float overload of the CDF form (the sample is widened exactly to Double).
    public static func test(
        _ sample: [Float], bins k: Int, cdf: (Double) -> Double, estimatedParameters: Int = 0
    ) throws(StatisticsError) -> HypothesisTestResult {
        try test(Sample.widen(sample), bins: k, cdf: cdf, estimatedParameters: estimatedParameters)
    }

    /// Float overload of the quantile form.
    public static func test(
        _ sample: [Float], bins k: Int, quantile: (Double) -> Double, estimatedParameters: Int = 0
    ) throws(StatisticsError) -> HypothesisTestResult {
        try test(Sample.widen(sample), bins: k, quantile: quantile, estimatedParameters: estimatedParameters)
    }

    static func validate(_ sample: [Double], bins k: Int, estimatedParameters: Int) throws(StatisticsError) {
        try Sample.require(k >= 2, "bins", Double(k), expected: "at least 2 bins")
        try Sample.require(
            estimatedParameters >= 0 && estimatedParameters < k - 1, "estimatedParameters",
            Double(estimatedParameters), expected: "0 ≤ estimatedParameters < bins − 1")
        try Sample.validate(sample, name: "sample")
    }

    /// The test from the bin counts of equiprobable bins (for samples counted in pieces).
    public static func test(counts: [Int], estimatedParameters: Int = 0) throws(StatisticsError) -> HypothesisTestResult {
        try Sample.require(counts.count >= 2, "bins", Double(counts.count), expected: "at least 2 bins")
        let n = counts.reduce(0, +)
        try Sample.require(n > 0 && counts.allSatisfy { $0 >= 0 }, "counts", Double(n), expected: "non-negative counts, not all 0")
        return try result(counts: counts, n: n, estimatedParameters: estimatedParameters)
    }

    /// The k − 1 inner edges q(1/k), …, q((k − 1)/k) of k equiprobable bins of a normal distribution.
    public static func edges(bins k: Int, of normal: NormalDistribution) -> [Double] {
        (1..<max(k, 1)).map { normal.quantile(Double($0) / Double(k)) }
    }

    /// The bin of x among `edges`: the number of edges ≤ x (the binning of the tests above).
    @inline(__always)
    public static func bin(of x: Double, edges: [Double]) -> Int {
        var low = 0
        var high = edges.count
        while low < high {
            let mid = (low + high) / 2
            if edges[mid] <= x { low = mid + 1 } else { high = mid }
        }
        return low
    }

    static func result(counts: [Int], n: Int, estimatedParameters: Int) throws(StatisticsError) -> HypothesisTestResult {
        let expected = Double(n) / Double(counts.count)
        var statistic = 0.0
        for observed in counts {
            let d = Double(observed) - expected
            statistic += d * d / expected
        }
        let dof = Double(counts.count - 1 - estimatedParameters)
        return try .checked(
            name: "χ² goodness of fit (\(counts.count) bins)", statistic: statistic,
            pValue: try GSLRuntime.chiSquareQ(statistic, dof: dof), sampleSize: n,
            routine: "ChiSquareGoodnessOfFit.test")
    }
}
