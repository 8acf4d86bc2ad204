/// Kolmogorov–Smirnov goodness-of-fit tests.
///
/// Both tests are two-sided and assume continuous distributions (no ties).
public enum KolmogorovSmirnov {
    /// One-sample KS test of `sample` against the continuous CDF `cdf`.
    ///
    ///     Dₙ = max_i max( i/n − F(x₍ᵢ₎), F(x₍ᵢ₎) − (i − 1)/n )
    ///
    /// over the order statistics x₍₁₎ ≤ … ≤ x₍ₙ₎. The p-value P(Dₙ ≥ d) comes from
    /// ``KolmogorovDistribution/survival(_:sampleSize:)``: exact for n ≤ 10⁴ (Marsaglia–Tsang–Wang
    /// matrix method, or the exact Smirnov tail when n·d² ≥ 2.2); above, Stephens' corrected
    /// asymptotic Q_K(d·(√n + 0.12 + 0.11/√n)) for n·d² < 2.2 and the doubled Smirnov tail (exact
    /// to n = 10⁶, Maag–Dicaire beyond) for n·d² ≥ 2.2. The result's name says which was used.
    /// Matches `scipy.stats.kstest(x, cdf, method="exact")` for n ≤ 10⁴.
    ///
    /// Cost: one sort (O(n log n)) and n calls of `cdf`.
    ///
    /// - Throws: ``StatisticsError`` for an empty sample, a NaN/infinite value, or a `cdf` value
    ///   outside [0, 1].
    public static func oneSample(
        _ sample: [Double], cdf: (Double) -> Double
    ) throws(StatisticsError) -> HypothesisTestResult {
        try oneSample(try SortedSample(sample), cdf: cdf)
    }

    /// One-sample KS test of an already sorted sample (see ``oneSample(_:cdf:)``).
    ///
    /// `cdf` is evaluated on pieces of the sample in parallel (it must be safe to call from
    /// several threads, as a pure function is); D is a maximum, so the result does not depend on
    /// the thread count.
    public static func oneSample(
        _ sorted: SortedSample, cdf: (Double) -> Double
    ) throws(StatisticsError) -> HypothesisTestResult {
        let n = sorted.count
        let nd = Double(n)
        let pieces = ParallelWork.pieces(n)
        var dPlus = [Double](repeating: 0, count: pieces)
        var dMinus = [Double](repeating: 0, count: pieces)
        var failure: [(index: Int, error: StatisticsError)?] = Array(repeating: nil, count: pieces)
        sorted.values.withUnsafeBufferPointer { values in
            dPlus.withUnsafeMutableBufferPointer { plus in
                dMinus.withUnsafeMutableBufferPointer { minus in
                    failure.withUnsafeMutableBufferPointer { failed in
                        withoutActuallyEscaping(cdf) { cdf in
                            nonisolated(unsafe) let (x, p, m, f, F) = (values, plus, minus, failed, cdf)
                            ParallelWork.forEachPiece(n) { r in
                                let slot = r.lowerBound / ParallelWork.piece
                                var dp = 0.0
                                var dm = 0.0
                                for i in r {
                                    let u: Double
                                    do throws(StatisticsError) {
                                        u = try Sample.cdfValue(F, at: x[i])
                                    } catch {
                                        f[slot] = (i, error)
                                        return
                                    }
                                    dp = max(dp, Double(i + 1) / nd - u)
                                    dm = max(dm, u - Double(i) / nd)
                                }
                                p[slot] = dp
                                m[slot] = dm
                            }
                        }
                    }
                }
            }
        }
        if let first = failure.compactMap({ $0 }).min(by: { $0.index < $1.index }) { throw first.error }
        let d = max(dPlus.max() ?? 0, dMinus.max() ?? 0)
        let p = try KolmogorovDistribution.survival(d, sampleSize: n)
        let method = KolmogorovDistribution.methodName(d, sampleSize: n)
        return try .checked(
            name: "Kolmogorov–Smirnov (\(method))", statistic: d, pValue: p, sampleSize: n,
            routine: "KolmogorovSmirnov.oneSample")
    }

    /// One-sample KS test against a normal distribution (GSL's CDF).
    public static func oneSample(
        _ sample: [Double], against normal: NormalDistribution
    ) throws(StatisticsError) -> HypothesisTestResult {
        try oneSample(sample, cdf: normal.cdf)
    }

    /// One-sample KS test of an already sorted sample against a normal distribution.
    public static func oneSample(
        _ sorted: SortedSample, against normal: NormalDistribution
    ) throws(StatisticsError) -> HypothesisTestResult {
        try oneSample(sorted, cdf: normal.cdf)
    }

    /// One-sample KS test of a Float sample against a normal distribution.
    public static func oneSample(
        _ sample: [Float], against normal: NormalDistribution
    ) throws(StatisticsError) -> HypothesisTestResult {
        try oneSample(Sample.widen(sample), cdf: normal.cdf)
    }

    /// One-sample KS test of a Float sample (widened exactly to Double).
    public static func oneSample(
        _ sample: [Float], cdf: (Double) -> Double
    ) throws(StatisticsError) -> HypothesisTestResult {
        try oneSample(Sample.widen(sample), cdf: cdf)
    }

    /// Largest n₁·n₂ for which the two-sample p-value is computed exactly.
    public static let twoSampleExactLimit = 1_000_000

    /// Two-sample KS test: are `first` and `second` drawn from the same continuous distribution?
    ///
    ///     D = supₓ |F₁(x) − F₂(x)|
    ///
    /// computed exactly as an integer multiple of 1/(n₁·n₂). The p-value P(D ≥ d):
    /// - exact when n₁·n₂ ≤ ``twoSampleExactLimit``: the probability that a uniformly random
    ///   lattice path from (0, 0) to (n₁, n₂) touches |i·n₂ − j·n₁| ≥ n₁·n₂·d, summed over the
    ///   first touching cell (a sum of positive terms, so small p-values keep their relative
    ///   accuracy); O(n₁·n₂). This is `scipy.stats.ks_2samp(method="exact")`.
    /// - otherwise ``KolmogorovDistribution/survival(_:sampleSize:)`` at the effective size
    ///   nₑ = round(n₁·n₂/(n₁ + n₂)) (as scipy's `method="asymp"`).
    ///
    /// - Throws: ``StatisticsError`` for an empty sample or a NaN/infinite value.
    public static func twoSample(
        _ first: [Double], _ second: [Double]
    ) throws(StatisticsError) -> HypothesisTestResult {
        try twoSample(try SortedSample(first, name: "first"), try SortedSample(second, name: "second"))
    }

    /// Two-sample KS test of already sorted samples (the test of the unsorted form).
    public static func twoSample(
        _ first: SortedSample, _ second: SortedSample
    ) throws(StatisticsError) -> HypothesisTestResult {
        let a = first.values
        let b = second.values
        let n1 = a.count
        let n2 = b.count
        // Walk both sorted samples; at each distinct value compare i/n₁ with j/n₂ as i·n₂ − j·n₁.
        var i = 0
        var j = 0
        var maxNumerator = 0
        while i < n1 && j < n2 {
            let x = min(a[i], b[j])
            while i < n1 && a[i] == x { i += 1 }
            while j < n2 && b[j] == x { j += 1 }
            maxNumerator = max(maxNumerator, abs(i * n2 - j * n1))
        }
        let product = Double(n1) * Double(n2)
        let d = Double(maxNumerator) / product
        let p: Double
        let method: String
        if product <= Double(twoSampleExactLimit) {
            p = exactTwoSampleSurvival(threshold: maxNumerator, n1: n1, n2: n2)
            method = "exact"
        } else {
            let effective = (product / Double(n1 + n2)).rounded()
            p = try KolmogorovDistribution.survival(d, sampleSize: max(1, Int(effective)))
            method = "effective n = \(Int(effective))"
        }
        return try .checked(
            name: "two-sample Kolmogorov–Smirnov (\(method))", statistic: d, pValue: p,
            sampleSize: n1 + n2, routine: "KolmogorovSmirnov.twoSample")
    }

    /// Two-sample KS test of Float samples (widened exactly to Double).
    public static func twoSample(_ first: [Float], _ second: [Float]) throws(StatisticsError) -> HypothesisTestResult {
        try twoSample(Sample.widen(first), Sample.widen(second))
    }

    /// P(max |i·n₂ − j·n₁| ≥ threshold) over a uniformly random monotone lattice path from (0, 0)
    /// to (n₁, n₂). Each step goes right (i + 1) with probability (n₁ − i)/(n₁ + n₂ − i − j), so
    /// the mass at each cell is the probability of reaching it without having touched the band.
    static func exactTwoSampleSurvival(threshold: Int, n1: Int, n2: Int) -> Double {
        if threshold <= 0 { return 1 }
        let total = n1 + n2
        var row = [Double](repeating: 0, count: n2 + 1)
        var absorbed = 0.0
        row[0] = 1
        // Row i = 0: steps in j only.
        for j in 1...n2 {
            let incoming = row[j - 1] * Double(n2 - j + 1) / Double(total - j + 1)
            if j * n1 >= threshold {
                absorbed += incoming
                row[j] = 0
            } else {
                row[j] = incoming
            }
        }
        if n1 >= 1 {
            for i in 1...n1 {
                for j in 0...n2 {
                    let remaining = Double(total - i - j + 1)
                    var incoming = row[j] * Double(n1 - i + 1) / remaining
                    if j > 0 { incoming += row[j - 1] * Double(n2 - j + 1) / remaining }
                    if abs(i * n2 - j * n1) >= threshold {
                        absorbed += incoming
                        row[j] = 0
                    } else {
                        row[j] = incoming
                    }
                }
            }
        }
        return min(1, absorbed)
    }
}
