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

/// Eight Philox blocks at once, one per lane: words 0…3 of eight consecutive counters.
///
/// The 32×32 → 64-bit products are formed on the even and odd lanes separately through a 64-bit
/// view of the vector, which compiles to `pmuludq` without any per-lane code.
struct PhiloxLanes {
    var c0: SIMD8<UInt32>
    var c1: SIMD8<UInt32>
    var c2: SIMD8<UInt32>
    var c3: SIMD8<UInt32>

    @inline(__always)
    static func mulHiLo(_ a: SIMD8<UInt32>, _ m: UInt64) -> (hi: SIMD8<UInt32>, lo: SIMD8<UInt32>) {
        let a64 = unsafeBitCast(a, to: SIMD4<UInt64>.self)
        let low = SIMD4<UInt64>(repeating: 0xFFFF_FFFF)
        let mv = SIMD4<UInt64>(repeating: m)
        let even = (a64 & low) &* mv
        let odd = (a64 &>> 32) &* mv
        let hi = (even &>> 32) | (odd & ~low)
        // The low words directly: one 32-bit multiply instead of a shift and a blend.
        let lo = a &* SIMD8<UInt32>(repeating: UInt32(truncatingIfNeeded: m))
        return (unsafeBitCast(hi, to: SIMD8<UInt32>.self), lo)
    }

    /// One round with round key (a, b).
    @inline(__always)
    mutating func round(_ a: SIMD8<UInt32>, _ b: SIMD8<UInt32>) {
        let (h0, l0) = Self.mulHiLo(c0, UInt64(Philox4x32.m0))
        let (h1, l1) = Self.mulHiLo(c2, UInt64(Philox4x32.m1))
        let n0 = h1 ^ c1 ^ a
        let n2 = h0 ^ c3 ^ b
        c0 = n0
        c1 = l1
        c2 = n2
        c3 = l0
    }

    /// Two independent sets of eight blocks, their rounds interleaved so that the two dependency
    /// chains overlap in the pipeline.
    @inline(__always)
    static func pair(firstBlock first: UInt64, k0: UInt32, k1: UInt32) -> (PhiloxLanes, PhiloxLanes) {
        var x = PhiloxLanes(counterFor: first)
        var y = PhiloxLanes(counterFor: first &+ 8)
        var a = SIMD8<UInt32>(repeating: k0)
        var b = SIMD8<UInt32>(repeating: k1)
        x.round(a, b)
        y.round(a, b)
        for _ in 1..<10 {
            a &+= SIMD8<UInt32>(repeating: Philox4x32.w0)
            b &+= SIMD8<UInt32>(repeating: Philox4x32.w1)
            x.round(a, b)
            y.round(a, b)
        }
        return (x, y)
    }

    /// Runs the ten rounds in place with key `(k0, k1)`.
    @inline(__always)
    mutating func rounds(_ k0: UInt32, _ k1: UInt32) {
        var a = SIMD8<UInt32>(repeating: k0)
        var b = SIMD8<UInt32>(repeating: k1)
        let wa = SIMD8<UInt32>(repeating: Philox4x32.w0)
        let wb = SIMD8<UInt32>(repeating: Philox4x32.w1)
        for r in 0..<10 {
            if r > 0 {
                a &+= wa
                b &+= wb
            }
            let (h0, l0) = Self.mulHiLo(c0, UInt64(Philox4x32.m0))
            let (h1, l1) = Self.mulHiLo(c2, UInt64(Philox4x32.m1))
            let n0 = h1 ^ c1 ^ a
            let n2 = h0 ^ c3 ^ b
            c0 = n0
            c1 = l1
            c2 = n2
            c3 = l0
        }
    }

    /// Blocks `first … first + 7` of the stream: counter = (block low, block high, 0, 0).
    @inline(__always)
    init(firstBlock first: UInt64, k0: UInt32, k1: UInt32) {
        self.init(counterFor: first)
        rounds(k0, k1)
    }

    /// The counters of blocks `first … first + 7`, before any round.
    @inline(__always)
    init(counterFor first: UInt64) {
        let lane = SIMD8<UInt32>(0, 1, 2, 3, 4, 5, 6, 7)
        let lowBase = UInt32(truncatingIfNeeded: first)
        let low = SIMD8<UInt32>(repeating: lowBase) &+ lane
        // Carry into the high word for the lanes that wrapped past 2³².
        let carry = SIMD8<UInt32>.zero.replacing(with: 1, where: low .< SIMD8<UInt32>(repeating: lowBase))
        let high = SIMD8<UInt32>(repeating: UInt32(truncatingIfNeeded: first >> 32)) &+ carry
        c0 = low
        c1 = high
        c2 = .zero
        c3 = .zero
    }
}
