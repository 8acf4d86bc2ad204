import RandomSources
import Testing

/// Random123's published known answers for philox4x32_10 (`kat_vectors`), re-derived with an
/// independent Python transcription of the round function.
@Suite struct Philox4x32x10Tests {
    struct KnownAnswer: Sendable, CustomTestStringConvertible {
        let counter: SIMD4<UInt32>
        let key: SIMD2<UInt32>
        let output: SIMD4<UInt32>
        var testDescription: String { "ctr \(counter) key \(key)" }
    }

    static let knownAnswers: [KnownAnswer] = [
        KnownAnswer(counter: .zero, key: .zero,
                    output: SIMD4(0x6627_E8D5, 0xE169_C58D, 0xBC57_AC4C, 0x9B00_DBD8)),
        KnownAnswer(counter: SIMD4(repeating: 0xFFFF_FFFF), key: SIMD2(repeating: 0xFFFF_FFFF),
                    output: SIMD4(0x408F_276D, 0x41C8_3B0E, 0xA20B_C7C6, 0x6D54_51FD)),
        KnownAnswer(counter: SIMD4(0x243F_6A88, 0x85A3_08D3, 0x1319_8A2E, 0x0370_7344),
                    key: SIMD2(0xA409_3822, 0x299F_31D0),
                    output: SIMD4(0xD16C_FE09, 0x94FD_CCEB, 0x5001_E420, 0x2412_6EA1)),
    ]

    @Test(arguments: knownAnswers)
    func publishedKnownAnswer(_ answer: KnownAnswer) {
        #expect(Philox4x32x10.block(counter: answer.counter, key: answer.key) == answer.output)
        #expect(Philox4x32x10(key: answer.key).block(counter: answer.counter) == answer.output)
    }

    @Test func seedSplitsIntoLowAndHighKeyWords() {
        #expect(Philox4x32x10.key(seed: 0x0123_4567_89AB_CDEF) == SIMD2(0x89AB_CDEF, 0x0123_4567))
        #expect(Philox4x32x10(seed: 0x0123_4567_89AB_CDEF).key == SIMD2(0x89AB_CDEF, 0x0123_4567))
    }

    @Test func aChangedKeyOrCounterWordChangesTheBlock() {
        let answer = Self.knownAnswers[2]
        let swappedKey = SIMD2(answer.key[1], answer.key[0])
        #expect(Philox4x32x10.block(counter: answer.counter, key: swappedKey) != answer.output)
        var counter = answer.counter
        counter[3] ^= 1
        #expect(Philox4x32x10.block(counter: counter, key: answer.key) != answer.output)
    }
}
