import RealModule
import Reference
import Statistics

extension Gate {
    /// Draws `count` values in chunks: `body(first, count)` returns elements first ..< first + count.
    static func chunked(_ count: Int, chunk: Int = 1 << 16, _ body: (Int, Int) throws -> [Double]) rethrows -> [Double] {
        var result = [Double]()
        result.reserveCapacity(count)
        var first = 0
        while first < count {
            let n = min(chunk, count - first)
            result += try body(first, n)
            first += n
        }
        return result
    }

    /// KS, Anderson–Darling, mean z and variance χ² of `values` against N(mean, sd²).
    static func normalBattery(_ values: [Double], mean: Double = 0, standardDeviation: Double = 1) throws -> [HypothesisTestResult] {
        try sortedNormalBattery(values, mean: mean, standardDeviation: standardDeviation).results
    }

    /// ``normalBattery(_:mean:standardDeviation:)`` with the sorted sample it made, for further
    /// order-statistic tests on the same values (one sort for all of them).
    static func sortedNormalBattery(
        _ values: [Double], mean: Double = 0, standardDeviation: Double = 1
    ) throws -> (results: [HypothesisTestResult], sorted: SortedSample) {
        let normal = try NormalDistribution(mean: mean, standardDeviation: standardDeviation)
        let sorted = try SortedSample(values)
        return ([
            try KolmogorovSmirnov.oneSample(sorted, against: normal),
            try AndersonDarling.test(sorted, against: normal),
            try MomentTests.mean(values, hypothesis: normal),
            try MomentTests.variance(values, hypothesis: normal),
        ], sorted)
    }

    /// Names a result after its check-local role (e.g. "residual", "vs Reference").
    static func labelled(_ results: [HypothesisTestResult], _ label: String) -> [HypothesisTestResult] {
        results.map { result in
            var copy = result
            copy.name = "\(label): \(result.name)"
            return copy
        }
    }

    /// Standard normal draws of the independent generator (GSL MT19937, `gsl_ran_gaussian`).
    static func independentNormals(_ count: Int, seed: UInt64) -> [Double] {
        let source = GSLNormalSource(seed: UInt(truncatingIfNeeded: seed))
        return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            for i in 0..<count { buffer[i] = source.next() }
            initialized = count
        }
    }

    /// Draws of q(xₜ) for Gaussian data by the independent generator.
    static func independentMarginal(_ count: Int, data: GaussianData, alphaBar a: Double, seed: UInt64) -> [Double] {
        let (mu, v) = data.marginal(alphaBar: a)
        return independentNormals(count, seed: seed).map { mu + v.squareRoot() * $0 }
    }

    /// The index after t in a descending timestep list (−1 after the last).
    static func previous(_ timesteps: [Int], _ k: Int) -> Int {
        k + 1 < timesteps.count ? timesteps[k + 1] : -1
    }

    /// The largest |aᵢ − bᵢ|.
    static func maxAbsoluteDifference(_ a: [Double], _ b: [Double]) -> Double {
        guard a.count == b.count else { return .infinity }
        var worst = 0.0
        for i in a.indices {
            let d = abs(a[i] - b[i])
            if !(d <= worst) { worst = d.isNaN ? .infinity : d }
        }
        return worst
    }
}
