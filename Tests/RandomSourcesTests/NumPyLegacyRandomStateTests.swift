import RandomSources
import Testing

/// Expected values printed by NumPy 2.4.6 (`numpy.random.seed(s)` then the legacy functions)
/// on x86-64 Linux, glibc 2.41.
@Suite struct NumPyLegacyRandomStateTests {
    @Test func seed12345Randn10000() throws {
        var state = NumPyLegacyRandomState(seed: 12345)
        let values = try state.randn(count: 10000)
        expectLibmValues(Array(values.prefix(5)), [
            -0.20470765948471295, 0.47894333805754824, -0.5194387150567381, -0.55573030434749, 1.9657805725027142,
        ])
        expectLibmValues(Array(values.suffix(5)), [
            -0.8628534548222186, 2.152294085787089, -0.006705556077771688, -1.2147230949662449, 0.6549886591834755,
        ])
        // The figures quoted with eight decimals.
        let rounded = values.suffix(5).map { ($0 * 1e8).rounded() / 1e8 }
        #expect(rounded == [-0.86285345, 2.15229409, -0.00670556, -1.21472309, 0.65498866])
    }

    /// `numpy.random.seed(0); numpy.random.random_sample(3)` (also `rand(3)`): integer arithmetic
    /// only, exact on every platform.
    @Test func randomSampleIsExact() throws {
        var state = NumPyLegacyRandomState(seed: 0)
        #expect(try state.randomSample(count: 3) == [0.5488135039273248, 0.7151893663724195, 0.6027633760716439])
    }

    @Test func seed0Randn() throws {
        var state = NumPyLegacyRandomState(seed: 0)
        expectLibmValues(try state.randn(count: 3), [1.764052345967664, 0.4001572083672233, 0.9787379841057392])
    }

    /// randn(3) then randn(3) equals randn(6); a random_sample between two randn(1) calls does
    /// not disturb the cached second value (randn(1), random_sample(), randn(1)).
    @Test func consecutiveCallsContinueTheStream() throws {
        var split = NumPyLegacyRandomState(seed: 0)
        let joined = try split.randn(count: 3) + split.randn(count: 3)
        var whole = NumPyLegacyRandomState(seed: 0)
        #expect(joined == (try whole.randn(count: 6)))
        var mixed = NumPyLegacyRandomState(seed: 0)
        expectLibmValues(try mixed.randn(count: 1), [1.764052345967664])
        #expect(mixed.randomSample() == 0.6027633760716439)
        expectLibmValues(try mixed.randn(count: 1), [0.4001572083672233])
    }

    @Test func seedRange() throws {
        var largest = try NumPyLegacyRandomState(checkedSeed: (1 << 32) - 1)
        expectLibmValues(try largest.randn(count: 2), [0.6484086742306527, 0.6693235306338161])
        // NumPy: "ValueError: Seed must be between 0 and 2**32 - 1".
        #expect(throws: RandomSourceError.seedOutOfRange(kind: .numpy, seed: 1 << 32, maximum: (1 << 32) - 1)) {
            try NumPyLegacyRandomState(checkedSeed: 1 << 32)
        }
    }

    @Test func wrongSeedDoesNotMatch() throws {
        var wrong = NumPyLegacyRandomState(seed: 12346)
        let values = try wrong.randn(count: 10000)
        #expect(values.suffix(5).map { ($0 * 1e8).rounded() / 1e8 } != [-0.86285345, 2.15229409, -0.00670556, -1.21472309, 0.65498866])
    }

    @Test func negativeCountThrows() {
        var state = NumPyLegacyRandomState(seed: 0)
        #expect(throws: RandomSourceError.negativeCount(-5)) { try state.randn(count: -5) }
        #expect(throws: RandomSourceError.negativeCount(-5)) { try state.randomSample(count: -5) }
    }
}
