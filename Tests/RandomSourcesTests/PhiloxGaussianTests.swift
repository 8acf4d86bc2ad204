import RandomSources
import Testing

/// Expected values from an independent Python transcription of the definition in
/// `PhiloxGaussian` (pure-Python Philox, `math.log/cos/sin`, `numpy.float32` for the final
/// rounding of the Float stream); the Philox words agree with Random123's known answers.
@Suite struct PhiloxGaussianTests {
    static let otherSeed: UInt64 = 0x0123_4567_89AB_CDEF

    @Test func blockWordsUseCounterLowHighAndKeyLowHigh() {
        #expect(PhiloxGaussian.counter(block: 0x1_0000_0002) == SIMD4(2, 1, 0, 0))
        #expect(PhiloxGaussian.words(seed: 0, block: 0) == SIMD4(0x6627_E8D5, 0xE169_C58D, 0xBC57_AC4C, 0x9B00_DBD8))
        #expect(PhiloxGaussian.words(seed: 0, block: 5) == SIMD4(0x7348_93FB, 0x071A_9632, 0xAB97_539A, 0x5AFF_D9E7))
        #expect(PhiloxGaussian.words(seed: 0, block: (1 << 32) + 1) == SIMD4(0x6DA1_1836, 0xE4C2_9D23, 0xFC0D_53EE, 0x645D_5243))
        #expect(PhiloxGaussian.words(seed: Self.otherSeed, block: 0) == SIMD4(0xB850_222E, 0xC58C_B04B, 0x14A7_A020, 0x7A84_FFF9))
        #expect(PhiloxGaussian.words(seed: Self.otherSeed, block: 5) == SIMD4(0x5765_DB8A, 0xD104_608F, 0xC658_B7D8, 0xE9AA_137F))
    }

    @Test func uniformsAreExactAndInTheHalfOpenUnitInterval() {
        #expect(PhiloxGaussian.floatUniform(word: 0) == 0x1p-24)
        #expect(PhiloxGaussian.floatUniform(word: 0xFF) == 0x1p-24)
        #expect(PhiloxGaussian.floatUniform(word: 0x100) == 0x1p-23)
        #expect(PhiloxGaussian.floatUniform(word: 0xFFFF_FFFF) == 1)
        #expect(PhiloxGaussian.doubleUniform(high: 0, low: 0) == 0x1p-53)
        #expect(PhiloxGaussian.doubleUniform(high: 0, low: 0x800) == 0x1p-52)
        #expect(PhiloxGaussian.doubleUniform(high: 0xFFFF_FFFF, low: 0xFFFF_FFFF) == 1)
        // u₁ = 1 gives r = 0: a finite zero, never a NaN or an infinity.
        let z = PhiloxGaussian.boxMuller(1, 0.3)
        #expect(z.cos == 0 && z.sin == 0)
        let tail = PhiloxGaussian.boxMuller(0x1p-53, 0)
        #expect(tail.cos.isFinite && tail.cos > 8.5 && tail.cos < 8.6)
    }

    @Test func floatUniformStream() throws {
        let seed0: [Float] = [0.39904648065567017, 0.880520224571228, 0.7357128262519836,
                              0.6054818630218506, 0.972241222858429, 0.3620911240577698]
        let seedOther: [Float] = [0.7199727892875671, 0.7716780304908752, 0.08068281412124634,
                                  0.4785919189453125, 0.6788647770881653, 0.32125937938690186]
        for (seed, expected) in [(UInt64(0), seed0), (Self.otherSeed, seedOther)] {
            let single = try (0..<6).map { i throws(RandomSourceError) in try PhiloxGaussian.floatUniform(seed: seed, index: i) }
            expectBitIdentical(single, expected)
            var filled = [Float](repeating: 0, count: 6)
            try PhiloxGaussian.fillUniform(&filled, seed: seed, startIndex: 0)
            expectBitIdentical(filled, expected)
        }
    }

    @Test func doubleUniformStream() throws {
        let seed0: [Double] = [0.3990464708489646, 0.7357127844834426, 0.9722412015223157, 0.6939309190579444]
        let seedOther: [Double] = [0.7199727405728024, 0.08068276207861302, 0.6788647413070452, 0.39550901337006605]
        for (seed, expected) in [(UInt64(0), seed0), (Self.otherSeed, seedOther)] {
            let single = try (0..<4).map { i throws(RandomSourceError) in try PhiloxGaussian.doubleUniform(seed: seed, index: i) }
            #expect(single == expected)
            var filled = [Double](repeating: 0, count: 4)
            try PhiloxGaussian.fillUniform(&filled, seed: seed, startIndex: 0)
            #expect(filled == expected)
        }
    }

    @Test func floatGaussianStream() throws {
        let seed0: [Float] = [0.9911378026008606, -0.9246624112129211, -0.6176088452339172, -0.48206856846809387,
                              -0.15363818407058716, 0.18082581460475922, 0.8317350745201111, 0.19743990898132324]
        let seedOther: [Float] = [0.11006933450698853, -0.8030992746353149, -2.223492383956909, 0.30090099573135376,
                                  -0.38104021549224854, 0.7933946251869202, -0.43989282846450806, -1.289052963256836]
        for (seed, expected) in [(UInt64(0), seed0), (Self.otherSeed, seedOther)] {
            let single = try (0..<8).map { i throws(RandomSourceError) in try PhiloxGaussian.float(seed: seed, index: i) }
            expectLibmValues(single, expected)
            var filled = [Float](repeating: 0, count: 8)
            try PhiloxGaussian.fill(&filled, seed: seed, startIndex: 0)
            expectLibmValues(filled, expected)
        }
        expectLibmValues([try PhiloxGaussian.float(seed: 0, index: 1_000_000_003)], [0.7091843485832214])
        expectLibmValues([try PhiloxGaussian.float(seed: Self.otherSeed, index: 1_000_000_003)], [0.48013776540756226])
    }

    @Test func doubleGaussianStream() throws {
        let seed0: [Double] = [-0.12151797595308106, -1.3500326598576553, -0.08187420991589142, -0.22270905893902654]
        let seedOther: [Double] = [0.708658608004036, 0.39355664561838904, -0.6971778840211306, 0.5372241116530753]
        for (seed, expected) in [(UInt64(0), seed0), (Self.otherSeed, seedOther)] {
            let single = try (0..<4).map { i throws(RandomSourceError) in try PhiloxGaussian.double(seed: seed, index: i) }
            expectLibmValues(single, expected)
            var filled = [Double](repeating: 0, count: 4)
            try PhiloxGaussian.fill(&filled, seed: seed, startIndex: 0)
            expectLibmValues(filled, expected)
        }
        expectLibmValues([try PhiloxGaussian.double(seed: 0, index: 1_000_000_003)], [0.12302592219510838])
        expectLibmValues([try PhiloxGaussian.double(seed: Self.otherSeed, index: 1_000_000_003)], [-0.8569618398120095])
    }

    /// A fill from any start index (aligned to a block or not) equals element-by-element values.
    @Test(arguments: [0, 1, 2, 3, 5, 4099])
    func fillFromAnyStartMatchesSingleElements(start: Int) throws {
        let seed: UInt64 = 99
        var floats = [Float](repeating: 0, count: 11)
        try PhiloxGaussian.fill(&floats, seed: seed, startIndex: start)
        var doubles = [Double](repeating: 0, count: 11)
        try PhiloxGaussian.fill(&doubles, seed: seed, startIndex: start)
        var uniformFloats = [Float](repeating: 0, count: 11)
        try PhiloxGaussian.fillUniform(&uniformFloats, seed: seed, startIndex: start)
        var uniformDoubles = [Double](repeating: 0, count: 11)
        try PhiloxGaussian.fillUniform(&uniformDoubles, seed: seed, startIndex: start)
        for k in 0..<11 {
            #expect(floats[k].bitPattern == (try PhiloxGaussian.float(seed: seed, index: start + k)).bitPattern)
            #expect(doubles[k].bitPattern == (try PhiloxGaussian.double(seed: seed, index: start + k)).bitPattern)
            #expect(uniformFloats[k] == (try PhiloxGaussian.floatUniform(seed: seed, index: start + k)))
            #expect(uniformDoubles[k] == (try PhiloxGaussian.doubleUniform(seed: seed, index: start + k)))
        }
    }

    /// The Gaussian pairs come from consecutive uniforms of the same precision.
    @Test func gaussianPairsAreBoxMullerOfConsecutiveUniforms() throws {
        for pair in 0..<6 {
            let u1 = try PhiloxGaussian.doubleUniform(seed: 5, index: 2 * pair)
            let u2 = try PhiloxGaussian.doubleUniform(seed: 5, index: 2 * pair + 1)
            let z = PhiloxGaussian.boxMuller(u1, u2)
            #expect(try PhiloxGaussian.double(seed: 5, index: 2 * pair) == z.cos)
            #expect(try PhiloxGaussian.double(seed: 5, index: 2 * pair + 1) == z.sin)
            let f1 = try PhiloxGaussian.floatUniform(seed: 5, index: 2 * pair)
            let f2 = try PhiloxGaussian.floatUniform(seed: 5, index: 2 * pair + 1)
            let zf = PhiloxGaussian.boxMuller(Double(f1), Double(f2))
            #expect(try PhiloxGaussian.float(seed: 5, index: 2 * pair) == Float(zf.cos))
            #expect(try PhiloxGaussian.float(seed: 5, index: 2 * pair + 1) == Float(zf.sin))
        }
    }

    /// A wrong seed, or pairing the words differently (w₀ with w₂ instead of w₁), gives
    /// different values: the known answers above can tell the layouts apart.
    @Test func wrongSeedOrLayoutDoesNotMatch() throws {
        let expected = try PhiloxGaussian.float(seed: 0, index: 0)
        #expect(try PhiloxGaussian.float(seed: 1, index: 0) != expected)
        #expect(try PhiloxGaussian.float(seed: 1 << 32, index: 0) != expected)
        let w = PhiloxGaussian.words(seed: 0, block: 0)
        let otherPairing = PhiloxGaussian.boxMuller(
            Double(PhiloxGaussian.floatUniform(word: w[0])), Double(PhiloxGaussian.floatUniform(word: w[2])))
        #expect(Float(otherPairing.cos) != expected)
        #expect(try PhiloxGaussian.float(seed: 0, index: 4) != expected)
    }

    @Test func badIndicesThrowTypedErrors() {
        #expect(throws: RandomSourceError.negativeIndex(-1)) { try PhiloxGaussian.float(seed: 0, index: -1) }
        #expect(throws: RandomSourceError.negativeIndex(-3)) { try PhiloxGaussian.doubleUniform(seed: 0, index: -3) }
        var buffer = [Float](repeating: 0, count: 4)
        #expect(throws: RandomSourceError.indexOverflow(startIndex: Int.max - 1, count: 4)) {
            try PhiloxGaussian.fill(&buffer, seed: 0, startIndex: Int.max - 1)
        }
        #expect(RandomSourceError.negativeIndex(-1).code == "rng.negative-index")
        #expect(RandomSourceError.negativeIndex(-1).description.contains("expected an element index >= 0"))
    }

    /// Moments of 2¹⁶ Float normals: the mean within 5 standard errors (5/256 ≈ 0.0195) of 0 and
    /// the variance within 5 standard errors (5·√2/256 ≈ 0.028) of 1. A planted uniform or
    /// one-sided stream fails by far more.
    @Test func momentsLookStandardNormal() throws {
        var values = [Float](repeating: 0, count: 1 << 16)
        try PhiloxGaussian.fill(&values, seed: 2024, startIndex: 0)
        let n = Double(values.count)
        let mean = values.reduce(0.0) { $0 + Double($1) } / n
        let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / n
        #expect(abs(mean) < 0.0195)
        #expect(abs(variance - 1) < 0.028)
    }
}
