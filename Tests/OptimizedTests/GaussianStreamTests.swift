import Testing
@testable import Optimized
import RandomSources

@Suite struct GaussianStreamTests {
    /// The normals against RandomSources' reference values (Box–Muller in Double libm), within
    /// its documented conformance tolerances: 4e−6 absolute (Float), 1e−13 (Double).
    @Test func normalsMatchRandomSourcesWithinTolerance() throws {
        let seed: UInt64 = 7
        let n = 20_000
        let f = GaussianStream.floats(seed: seed, count: n)
        let d = GaussianStream.doubles(seed: seed, count: n)
        var worstFloat: Float = 0, worstDouble: Double = 0
        for i in 0..<n {
            worstFloat = max(worstFloat, abs(f[i] - (try PhiloxGaussian.float(seed: seed, index: i))))
            worstDouble = max(worstDouble, abs(d[i] - (try PhiloxGaussian.double(seed: seed, index: i))))
        }
        #expect(worstFloat <= PhiloxGaussian.floatTolerance)
        #expect(worstDouble <= PhiloxGaussian.doubleTolerance)
    }

    /// Same seed, any thread count, any chunking, any start: the same bits.
    @Test func independentOfThreadsAndChunking() {
        let n = 100_003
        let serial = GaussianStream.floats(seed: 99, count: n, execution: .serial)
        let parallel = GaussianStream.floats(seed: 99, count: n, execution: twoThreads)
        let many = GaussianStream.floats(seed: 99, count: n, execution: Execution(threads: 7, parallelThreshold: 0))
        #expect(serial == parallel)
        #expect(serial == many)
        // A window starting at an odd index equals the corresponding slice.
        let window = GaussianStream.floats(seed: 99, first: 12_345, count: 1001, execution: twoThreads)
        #expect(window == Array(serial[12_345 ..< 13_346]))
        let dSerial = GaussianStream.doubles(seed: 99, count: 50_001, execution: .serial)
        let dParallel = GaussianStream.doubles(seed: 99, count: 50_001, execution: twoThreads)
        #expect(dSerial.map(\.bitPattern) == dParallel.map(\.bitPattern))
        let dWindow = GaussianStream.doubles(seed: 99, first: 777, count: 333)
        #expect(dWindow == Array(dSerial[777 ..< 1110]))
    }

    /// First moments of 2²⁰ normals: mean within 5σ/√n, variance within 5·√(2/n), kurtosis near 3
    /// (a uniform source would give 1.8).
    @Test func moments() {
        let n = 1 << 20
        let z = GaussianStream.doubles(seed: 2024, count: n)
        var s1 = 0.0, s2 = 0.0, s4 = 0.0
        for v in z { s1 += v; s2 += v * v; s4 += v * v * v * v }
        let mean = s1 / Double(n), variance = s2 / Double(n) - mean * mean, kurtosis = s4 / Double(n) / (variance * variance)
        #expect(abs(mean) < 5 / Double(n).squareRoot())
        #expect(abs(variance - 1) < 5 * (2 / Double(n)).squareRoot())
        #expect(abs(kurtosis - 3) < 5 * (24 / Double(n)).squareRoot())
    }
}
