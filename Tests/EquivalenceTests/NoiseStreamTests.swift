import Statistics
import Testing
@testable import Equivalence

/// The streamed noise statistics equal the same sums formed over the whole array, across chunk
/// boundaries (n is 2·2²⁰ + 13: three chunks, not a multiple of the 8 lanes).
@Suite struct NoiseStreamTests {
    @Test func streamedSumsEqualWholeArraySums() throws {
        let n = 2 * NoiseStreamSummary.chunk + 13
        let sampler = try SamplerUnderTest.correct(betas: Gate.betas)
        let x = try sampler.doubleNoise(42, 0, n)
        let summary = try NoiseStreamSummary(count: n, headCount: 1000) { first, count in Array(x[first..<first + count]) }
        let mean = x.reduce(0, +) / Double(n)
        // Relative 1e-10: the sums are of 2·10⁶ terms in a different order (blocked vs plain).
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-10 * max(abs(a), abs(b), 1) }
        #expect(close(summary.mean, mean))
        #expect(close(summary.centralSums[0], x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }))
        for (k, lag) in NoiseStreamSummary.lags.enumerated() {
            var direct = 0.0
            for i in 0..<(n - lag) { direct += (x[i] - mean) * (x[i + lag] - mean) }
            #expect(close(summary.laggedProductSums[k], direct), "lag \(lag)")
        }
        let perLane = n / 8
        #expect(summary.perLane == perLane)
        func lane(_ l: Int) -> [Double] { (0..<perLane).map { x[8 * $0 + l] } }
        for (k, (a, b)) in NoiseStreamSummary.lanePairs.enumerated() {
            let la = lane(a), lb = lane(b)
            let ma = la.reduce(0, +) / Double(perLane), mb = lb.reduce(0, +) / Double(perLane)
            let direct = zip(la, lb).reduce(0) { $0 + ($1.0 - ma) * ($1.1 - mb) }
            #expect(close(summary.lanePairProducts[k], direct))
        }
        #expect(summary.tailCounts[0] == x.filter { abs($0) > 3.5 }.count)
        #expect(summary.binCounts.reduce(0, +) == n)
        #expect(summary.sortedHead.values == Array(x.prefix(1000)).sorted())
        // The streamed χ² equals the array test's.
        let array = try ChiSquareGoodnessOfFit.test(x, bins: 100, against: .standard)
        #expect(try ChiSquareGoodnessOfFit.test(counts: summary.binCounts).statistic == array.statistic)
    }

    /// A non-finite draw is refused with its index in the stream.
    @Test func nonFiniteDrawIsRefused() throws {
        #expect(throws: StatisticsError.nonFiniteValue(name: "sample", index: NoiseStreamSummary.chunk + 5)) {
            try NoiseStreamSummary(count: 2 * NoiseStreamSummary.chunk, headCount: 10) { first, count in
                (0..<count).map { first + $0 == NoiseStreamSummary.chunk + 5 ? .nan : Double(($0 % 7) - 3) }
            }
        }
    }
}
