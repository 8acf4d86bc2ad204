/// The Philox4x32-10 counter-based random bijection.
///
/// Philox maps a 128-bit counter and a 64-bit key to 128 random bits with ten rounds of
///
///     (c₀, c₁, c₂, c₃) ↦ (hi(M₁·c₂) ⊕ c₁ ⊕ k₀,  lo(M₁·c₂),  hi(M₀·c₀) ⊕ c₃ ⊕ k₁,  lo(M₀·c₀))
///
/// with M₀ = 0xD2511F53, M₁ = 0xCD9E8D57 (32×32 → 64-bit products split into high and low
/// words), the key bumped by the Weyl constants (0x9E3779B9, 0xBB67AE85) between rounds.
/// [Salmon, Moraes, Dror, Shaw 2011, "Parallel random numbers: as easy as 1, 2, 3", SC'11,
/// §4.2](https://doi.org/10.1145/2063384.2063405); bit-identical to Random123's
/// `philox4x32_R(10, ctr, key)` (checked against its published known-answer vectors).
///
/// Being a pure function of (counter, key), any element of a Philox stream can be computed
/// independently, which is what lets a SIMD, multi-threaded generator reproduce a scalar one
/// exactly.
public struct Philox4x32x10: Sendable, Hashable {
    /// The first round multiplier, M₀.
    public static let multiplier0: UInt32 = 0xD251_1F53
    /// The second round multiplier, M₁.
    public static let multiplier1: UInt32 = 0xCD9E_8D57
    /// The Weyl increment of key word 0 (golden ratio).
    public static let weyl0: UInt32 = 0x9E37_79B9
    /// The Weyl increment of key word 1 (√3 − 1).
    public static let weyl1: UInt32 = 0xBB67_AE85
    /// The number of rounds.
    public static let rounds = 10

    /// The 64-bit key.
    public var key: SIMD2<UInt32>

    /// A generator with the given key.
    public init(key: SIMD2<UInt32>) {
        self.key = key
    }

    /// A generator keyed by a 64-bit seed: key = (low 32 bits, high 32 bits).
    public init(seed: UInt64) {
        self.key = Self.key(seed: seed)
    }

    /// The key of a 64-bit seed: (seed mod 2³², seed div 2³²).
    @inlinable
    public static func key(seed: UInt64) -> SIMD2<UInt32> {
        SIMD2(UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
    }

    /// The 128 random bits of `counter` under this generator's key.
    @inlinable
    public func block(counter: SIMD4<UInt32>) -> SIMD4<UInt32> {
        Self.block(counter: counter, key: key)
    }

    /// Philox4x32-10 of `counter` under `key`.
    ///
    /// Known answers (Random123 `kat_vectors`): counter 0, key 0 →
    /// (0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8).
    @inlinable
    public static func block(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) -> SIMD4<UInt32> {
        var c = counter
        var k = key
        c = round(c, k)
        for _ in 1..<rounds {
            k &+= SIMD2(weyl0, weyl1)
            c = round(c, k)
        }
        return c
    }

    @inlinable @inline(__always)
    static func round(_ c: SIMD4<UInt32>, _ k: SIMD2<UInt32>) -> SIMD4<UInt32> {
        let p0 = UInt64(multiplier0) &* UInt64(c[0])
        let p1 = UInt64(multiplier1) &* UInt64(c[2])
        let hi0 = UInt32(truncatingIfNeeded: p0 >> 32)
        let lo0 = UInt32(truncatingIfNeeded: p0)
        let hi1 = UInt32(truncatingIfNeeded: p1 >> 32)
        let lo1 = UInt32(truncatingIfNeeded: p1)
        return SIMD4(hi1 ^ c[1] ^ k[0], lo1, hi0 ^ c[3] ^ k[1], lo0)
    }
}
