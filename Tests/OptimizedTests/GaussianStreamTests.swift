import Testing
@testable import Optimized
import RandomSources

@Suite struct GaussianStreamTests {
    /// The uniforms are RandomSources' canonical uniforms bit for bit (Float: one word each;
    /// Double: a pair of words, high first).
    @Test func uniformsMatchRandomSourcesBitForBit() {
        let seed: UInt64 = 0x0123_4567_89AB_CDEF
        for block in stride(from: UInt64(0), to: 4096, by: 8) {
            let p = PhiloxLanes(firstBlock: block, k0: UInt32(truncatingIfNeeded: seed), k1: UInt32(truncatingIfNeeded: seed >> 32))
            let u0 = GaussianKernels.floatUniforms(p.c0), u3 = GaussianKernels.floatUniforms(p.c3)
            let d01 = GaussianKernels.doubleUniforms(p.c0, p.c1), d23 = GaussianKernels.doubleUniforms(p.c2, p.c3)
            for l in 0..<8 {
                #expect(u0[l].bitPattern == PhiloxGaussian.floatUniform(word: p.c0[l]).bitPattern)
                #expect(u3[l].bitPattern == PhiloxGaussian.floatUniform(word: p.c3[l]).bitPattern)
                #expect(d01[l].bitPattern == PhiloxGaussian.doubleUniform(high: p.c0[l], low: p.c1[l]).bitPattern)
                #expect(d23[l].bitPattern == PhiloxGaussian.doubleUniform(high: p.c2[l], low: p.c3[l]).bitPattern)
            }
        }
        // The extreme words: U = 2⁻²⁴ and U = 1 (Float), 2⁻⁵³ and 1 (Double).
        let edges = SIMD8<UInt32>(0, 0xFF, 0x100, 0xFFFF_FFFF, 0x8000_0000, 0x7FFF_FFFF, 1, 0xFFFF_FF00)
        let fu = GaussianKernels.floatUniforms(edges)
        let du = GaussianKernels.doubleUniforms(edges, edges)
        for l in 0..<8 {
            #expect(fu[l] == PhiloxGaussian.floatUniform(word: edges[l]))
            #expect(du[l] == PhiloxGaussian.doubleUniform(high: edges[l], low: edges[l]))
        }
    }

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

    /// The tail: the largest |z| the Float stream can produce comes from U₁ = 2⁻²⁴, r = √(48 ln 2).
    @Test func radiusAtSmallestUniform() {
        let u = SIMD8<Float>(repeating: 0x1p-24)
        let r = (SIMD8<Float>(repeating: -2) * VectorMathFloat.log(u)).squareRoot()
        // √(48·ln 2) = 5.7680… (Double libm), within 2 Float ulps.
        let want: Double = (48 * 0.6931471805599453).squareRoot()
        let error: Double = abs(Double(r[0]) - want)
        let bound: Double = 2 * Double(Float.ulpOfOne) * 5.77
        #expect(error <= bound)
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
