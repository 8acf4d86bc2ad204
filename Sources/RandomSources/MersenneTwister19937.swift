/// The 32-bit Mersenne Twister MT19937, seeded like `std::mt19937(seed)` (`init_genrand`).
///
///     s₀ = seed,   sᵢ = 1812433253 · (sᵢ₋₁ ⊕ (sᵢ₋₁ >> 30)) + i  (mod 2³²),   i = 1 … 623
///
/// followed by the twist and the tempering of
/// [Matsumoto & Nishimura 1998, ACM TOMACS 8(1)](https://doi.org/10.1145/272991.272995).
/// This is the engine behind PyTorch's CPU generator (`at::mt19937`) and NumPy's legacy
/// `RandomState`; for seed 5489 its 10000th output is 4123659995, as the C++ standard requires.
public struct MersenneTwister19937: Sendable, Hashable {
    static let n = 624
    static let m = 397
    static let matrixA: UInt32 = 0x9908_B0DF
    static let upperMask: UInt32 = 0x8000_0000
    static let lowerMask: UInt32 = 0x7FFF_FFFF

    private var state: [UInt32]
    private var position: Int

    /// A generator seeded by `init_genrand(seed)`.
    public init(seed: UInt32) {
        var s = [UInt32](repeating: 0, count: Self.n)
        s[0] = seed
        for i in 1..<Self.n {
            let previous = s[i - 1]
            s[i] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(i)
        }
        state = s
        position = Self.n
    }

    /// The next 32-bit output.
    public mutating func next() -> UInt32 {
        if position >= Self.n { twist() }
        var y = state[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// Discards the next `count` outputs.
    public mutating func discard(_ count: Int) {
        var remaining = max(0, count)
        while remaining > 0 {
            if position >= Self.n { twist() }
            let step = min(remaining, Self.n - position)
            position += step
            remaining -= step
        }
    }

    private mutating func twist() {
        state.withUnsafeMutableBufferPointer { s in
            let n = Self.n, m = Self.m
            @inline(__always) func mixed(_ i: Int, _ next: Int, _ far: Int) -> UInt32 {
                let y = (s[i] & Self.upperMask) | (s[next] & Self.lowerMask)
                return s[far] ^ (y >> 1) ^ (y & 1 == 0 ? 0 : Self.matrixA)
            }
            for i in 0..<(n - m) { s[i] = mixed(i, i + 1, i + m) }
            for i in (n - m)..<(n - 1) { s[i] = mixed(i, i + 1, i + m - n) }
            s[n - 1] = mixed(n - 1, 0, m - 1)
        }
        position = 0
    }
}
