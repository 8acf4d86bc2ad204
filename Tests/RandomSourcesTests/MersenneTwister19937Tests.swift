import RandomSources
import Testing

@Suite struct MersenneTwister19937Tests {
    /// The C++ standard ([rand.predef]): the 10000th output of a default-constructed
    /// `std::mt19937` (seed 5489) is 4123659995.
    @Test func tenThousandthOutputOfTheDefaultSeed() {
        var engine = MersenneTwister19937(seed: 5489)
        engine.discard(9999)
        #expect(engine.next() == 4_123_659_995)
    }

    /// First outputs for seed 5489 (numpy `RandomState(5489).randint(0, 2**32, 3, np.uint32)`).
    @Test func firstOutputsOfTheDefaultSeed() {
        var engine = MersenneTwister19937(seed: 5489)
        #expect([engine.next(), engine.next(), engine.next()] == [3_499_211_612, 581_869_302, 3_890_346_734])
    }

    @Test func discardEqualsDrawing() {
        var a = MersenneTwister19937(seed: 7)
        var b = a
        a.discard(1500)
        for _ in 0..<1500 { _ = b.next() }
        #expect(a.next() == b.next())
    }
}
