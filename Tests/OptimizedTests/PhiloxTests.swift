import Testing
@testable import Optimized
import RandomSources

@Suite struct PhiloxTests {
    /// Random123 `kat_vectors`, philox4x32 with 10 rounds.
    static let knownAnswers: [(counter: (UInt32, UInt32, UInt32, UInt32), key: (UInt32, UInt32), out: (UInt32, UInt32, UInt32, UInt32))] = [
        ((0, 0, 0, 0), (0, 0), (0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8)),
        ((0xffff_ffff, 0xffff_ffff, 0xffff_ffff, 0xffff_ffff), (0xffff_ffff, 0xffff_ffff),
         (0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd)),
        ((0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344), (0xa409_3822, 0x299f_31d0),
         (0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1)),
    ]

    @Test func scalarKnownAnswers() {
        for v in Self.knownAnswers {
            let out = Philox4x32(key0: v.key.0, key1: v.key.1).block(v.counter)
            #expect(out == v.out)
        }
    }

    /// The SIMD lanes compute block (b + l) for lane l; lanes 0 … 7 against the scalar version,
    /// across the 2³² carry into the counter's high word.
    @Test(arguments: [UInt64(0), 12345, 0xFFFF_FFFC, 0xFFFF_FFFF_FFFF_FFF0])
    func lanesMatchScalar(firstBlock: UInt64) {
        let lanes = PhiloxLanes(firstBlock: firstBlock, k0: 0xa409_3822, k1: 0x299f_31d0)
        let scalar = Philox4x32(key0: 0xa409_3822, key1: 0x299f_31d0)
        for l in 0..<8 {
            let b = firstBlock &+ UInt64(l)
            let want = scalar.block((UInt32(truncatingIfNeeded: b), UInt32(truncatingIfNeeded: b >> 32), 0, 0))
            #expect((lanes.c0[l], lanes.c1[l], lanes.c2[l], lanes.c3[l]) == want)
        }
    }

    /// The words agree with the project's canonical Philox (RandomSources) bit for bit.
    @Test func wordsMatchRandomSources() {
        for seed: UInt64 in [0, 42, 0xDEAD_BEEF_0123_4567] {
            let lanes = PhiloxLanes(firstBlock: 1000, k0: UInt32(truncatingIfNeeded: seed), k1: UInt32(truncatingIfNeeded: seed >> 32))
            for l in 0..<8 {
                let w = PhiloxGaussian.words(seed: seed, block: 1000 + UInt64(l))
                #expect(SIMD4(lanes.c0[l], lanes.c1[l], lanes.c2[l], lanes.c3[l]) == w)
            }
        }
    }
}
