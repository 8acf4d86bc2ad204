import Testing
@testable import Statistics

/// The parallel paths give the serial answers, bit for bit, whatever the thread count.
@Suite struct ParallelStatisticsTests {
    /// Mixed signs, ±0, subnormals, huge magnitudes, ties and a tight cluster (one leading digit
    /// holding many keys): the parallel sort equals the serial radix sort bit for bit, and a
    /// planted swap would be seen.
    @Test(arguments: [2, 3, 8])
    func parallelSortEqualsSerialSort(threads: Int) throws {
        let count = (1 << 20) + 4099
        let generator = try GSLRandomGenerator(seed: 5)
        var values = generator.gaussians(count: count)
        let specials: [Double] = [0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 1e300, -1e300,
                                  .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 2.2250738585072014e-308]
        for (i, special) in specials.enumerated() { values[i * 977] = special }
        for i in 0..<5000 { values[count - 1 - i] = values[i] }
        for i in 0..<20_000 { values[100_000 + i] = 1 + Double(i) * 0x1p-40 }
        let serial = Sample.sortedFinite(values, digitBits: 11).map(\.bitPattern)
        let parallel = Sample.parallelSortedFinite(values, threads: threads).map(\.bitPattern)
        #expect(parallel == serial)
        var swapped = parallel
        swapped.swapAt(1000, 1001)
        #expect(swapped != serial)
    }

    /// The tests that sum, count or take maxima over pieces: identical for 1 and 4 threads on
    /// 3·10⁵ values (above the parallel threshold of 2¹⁷).
    @Test func testsAreThreadCountInvariant() throws {
        let generator = try GSLRandomGenerator(seed: 11)
        let values = generator.gaussians(count: 300_001, mean: 0.01, standardDeviation: 1.02)
        func run() throws -> [HypothesisTestResult] {
            let sorted = try SortedSample(values)
            return [
                try KolmogorovSmirnov.oneSample(sorted, against: .standard),
                try AndersonDarling.test(sorted, against: .standard),
                try MomentTests.mean(values, hypothesis: .standard),
                try MomentTests.variance(values, hypothesis: .standard),
                try MomentTests.skewness(values),
                try MomentTests.kurtosis(values),
                try ChiSquareGoodnessOfFit.test(values, bins: 100, against: .standard),
                try TailExceedance.test(values, threshold: 3),
                try SerialCorrelation.autocorrelation(values, lag: 2),
            ]
        }
        let saved = StatisticsParallelism.threads
        defer { StatisticsParallelism.threads = saved }
        StatisticsParallelism.threads = 1
        let one = try run()
        StatisticsParallelism.threads = 4
        let four = try run()
        #expect(one.map(\.statistic.bitPattern) == four.map(\.statistic.bitPattern))
        #expect(one.map(\.pValue.bitPattern) == four.map(\.pValue.bitPattern))
        // The data are not N(0, 1): the KS test sees it (a test that cannot fail proves nothing).
        #expect(one[0].pValue < 1e-6)
    }

    /// The first failing CDF value is reported by its position, as in a serial scan.
    @Test func aBadCDFValueIsReportedAtItsFirstIndex() throws {
        let values = (0..<400_000).map { Double($0) }
        let sorted = try SortedSample(values)
        #expect(throws: StatisticsError.invalidFunctionValue(name: "cdf", argument: 250_000, value: 2, expected: "a probability in [0, 1]")) {
            try KolmogorovSmirnov.oneSample(sorted) { $0 >= 250_000 ? 2 : $0 / 400_000 }
        }
    }
}
