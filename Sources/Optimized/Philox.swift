/// Philox4x32-10, the counter-based generator of Salmon et al. 2011 ("Parallel random numbers: as
/// easy as 1, 2, 3", SC'11), exactly as Random123 defines it.
///
/// One call maps a 128-bit counter and a 64-bit key to 128 random bits:
///
///     round:  (hi₀, lo₀) = M₀·c₀,  (hi₁, lo₁) = M₁·c₂      (32×32 → 64-bit products)
///             c ← (hi₁ ⊕ c₁ ⊕ k₀,  lo₁,  hi₀ ⊕ c₃ ⊕ k₁,  lo₀)
///     key:    k ← (k₀ + W₀, k₁ + W₁) between rounds, ten rounds in all.
///
/// Known-answer vectors (Random123 `kat_vectors`) are checked in `PhiloxTests`.
public struct Philox4x32: Sendable, Equatable {
    public var key: (UInt32, UInt32) { (k0, k1) }
    let k0: UInt32
    let k1: UInt32

    static let m0: UInt32 = 0xD251_1F53
    static let m1: UInt32 = 0xCD9E_8D57
    static let w0: UInt32 = 0x9E37_79B9
    static let w1: UInt32 = 0xBB67_AE85

    /// A generator keyed by `(k0, k1)`.
    public init(key0: UInt32, key1: UInt32) {
        k0 = key0
        k1 = key1
    }

    /// The generator of the suite's Gaussian stream for `seed`: key = (low 32 bits, high 32 bits).
    public init(seed: UInt64) {
        self.init(key0: UInt32(truncatingIfNeeded: seed), key1: UInt32(truncatingIfNeeded: seed >> 32))
    }

    public static func == (a: Philox4x32, b: Philox4x32) -> Bool { a.k0 == b.k0 && a.k1 == b.k1 }

    /// The ten-round bijection of one counter block.
    public func block(_ c: (UInt32, UInt32, UInt32, UInt32)) -> (UInt32, UInt32, UInt32, UInt32) {
        var (c0, c1, c2, c3) = c
        var a = k0, b = k1
        for r in 0..<10 {
            if r > 0 {
                a &+= 0x9E37_79B9
                b &+= 0xBB67_AE85
            }
            let p0 = UInt64(0xD251_1F53) &* UInt64(c0)
            let p1 = UInt64(0xCD9E_8D57) &* UInt64(c2)
            let n0 = UInt32(truncatingIfNeeded: p1 >> 32) ^ c1 ^ a
            let n2 = UInt32(truncatingIfNeeded: p0 >> 32) ^ c3 ^ b
            c0 = n0
            c1 = UInt32(truncatingIfNeeded: p1)
            c2 = n2
            c3 = UInt32(truncatingIfNeeded: p0)
        }
        return (c0, c1, c2, c3)
    }
}
