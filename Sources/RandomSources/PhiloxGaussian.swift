/// The project's canonical Philox streams: uniform and standard normal values as pure functions
/// of (seed, element index).
///
/// ## Definition
///
/// Key and counters. key = (seed mod 2³², seed div 2³²). Counter block c (a `UInt64`) is the
/// Philox4x32-10 input (c mod 2³², c div 2³², 0, 0); its output is four words (w₀, w₁, w₂, w₃).
/// Counter words 2 and 3 are zero (reserved).
///
/// Uniform streams U, both in (0, 1] (never 0, so that ln U is finite):
/// - Float: element i uses block c = i div 4, word w = w_(i mod 4):
///   U = (⌊w / 2⁸⌋ + 1) · 2⁻²⁴, i.e. the top 24 bits plus one, on the grid k·2⁻²⁴, k = 1 … 2²⁴.
/// - Double: element i uses block c = i div 2; words (w₀, w₁) for even i, (w₂, w₃) for odd i,
///   the first word high: b = w_hi · 2³² + w_lo, U = (⌊b / 2¹¹⌋ + 1) · 2⁻⁵³, the top 53 bits
///   plus one, on the grid k·2⁻⁵³, k = 1 … 2⁵³.
/// Both are exact: the integer k is representable and the scaling is by a power of two.
///
/// Gaussian streams Z, in each precision from the uniform stream of that precision, by the
/// Box–Muller transform of each pair of consecutive uniforms (U₂ⱼ, U₂ⱼ₊₁):
///
///     r = √(−2 ln U₂ⱼ),   θ = 2π · U₂ⱼ₊₁,   Z₂ⱼ = r cos θ,   Z₂ⱼ₊₁ = r sin θ
///
/// [Box & Muller 1958, "A note on the generation of random normal deviates", Ann. Math. Stat.
/// 29(2)](https://doi.org/10.1214/aoms/1177706645). A Float block thus gives two pairs (four
/// normals: words 0, 1 → elements 4c, 4c + 1; words 2, 3 → 4c + 2, 4c + 3), a Double block one
/// pair (elements 2c, 2c + 1).
///
/// ## Accuracy and conformance
///
/// Uniforms are exact integers scaled by powers of two: any conforming implementation (the SIMD
/// one included) reproduces them bit for bit. The Gaussian values are defined by the real
/// Box–Muller formula above; the reference functions here evaluate it in Double with the C
/// library's `log`, `cos`, `sin` (a few Double ulps from the exact value) and round once to Float
/// for the Float stream. An implementation with its own log/sin/cos conforms when it is within
/// ``floatTolerance`` (Float) or ``doubleTolerance`` (Double) of these reference values in
/// absolute terms.
public enum PhiloxGaussian {
    /// The absolute tolerance between a conforming Float implementation and the reference.
    ///
    /// r ≤ √(2·24·ln 2) ≈ 5.77. A float32 evaluation rounds θ = 2πU (≤ 2π·2⁻²⁵ ≈ 1.9e−7
    /// absolute), and a few-ulp log, sqrt, cos and sin add ≈ 4e−7 relative to r: about
    /// 5.77 · 6e−7 ≈ 3.5e−6 in the worst case, rounded up to 4e−6.
    public static let floatTolerance: Float = 4e-6
    /// The absolute tolerance between a conforming Double implementation and the reference.
    ///
    /// r ≤ √(2·53·ln 2) ≈ 8.57 and a few-ulp Double evaluation is ≈ 1e−15 relative to r:
    /// 8.57 · 1e−15 ≈ 1e−14, with a factor of 10 of headroom for polynomial approximations.
    public static let doubleTolerance: Double = 1e-13

    // MARK: Blocks and words

    /// The Philox counter of block `block`: (block mod 2³², block div 2³², 0, 0).
    @inlinable
    public static func counter(block: UInt64) -> SIMD4<UInt32> {
        SIMD4(UInt32(truncatingIfNeeded: block), UInt32(truncatingIfNeeded: block >> 32), 0, 0)
    }

    /// The four words of counter block `block` for `seed`.
    @inlinable
    public static func words(seed: UInt64, block: UInt64) -> SIMD4<UInt32> {
        Philox4x32x10.block(counter: counter(block: block), key: Philox4x32x10.key(seed: seed))
    }

    /// The Float uniform of one word: (⌊w / 2⁸⌋ + 1) · 2⁻²⁴ ∈ (0, 1].
    @inlinable
    public static func floatUniform(word: UInt32) -> Float {
        Float((word >> 8) &+ 1) * 0x1p-24
    }

    /// The Double uniform of two words, `high` first: (⌊(high·2³² + low) / 2¹¹⌋ + 1) · 2⁻⁵³ ∈ (0, 1].
    @inlinable
    public static func doubleUniform(high: UInt32, low: UInt32) -> Double {
        let bits = UInt64(high) << 32 | UInt64(low)
        return Double((bits >> 11) &+ 1) * 0x1p-53
    }

    /// The Box–Muller pair of two uniforms in (0, 1], evaluated in Double:
    /// (√(−2 ln u₁)·cos 2πu₂, √(−2 ln u₁)·sin 2πu₂).
    public static func boxMuller(_ u1: Double, _ u2: Double) -> (cos: Double, sin: Double) {
        let r = (-2 * CMath.log(u1)).squareRoot()
        let theta = twoPi * u2
        return (r * CMath.cos(theta), r * CMath.sin(theta))
    }

    /// 2π rounded to Double.
    static let twoPi: Double = 2 * Double.pi

    // MARK: Single elements

    /// Element `index` of the Float uniform stream for `seed`.
    public static func floatUniform(seed: UInt64, index: Int) throws(RandomSourceError) -> Float {
        if index < 0 { throw .negativeIndex(index) }
        let w = words(seed: seed, block: UInt64(index / 4))
        return floatUniform(word: w[index % 4])
    }

    /// Element `index` of the Double uniform stream for `seed`.
    public static func doubleUniform(seed: UInt64, index: Int) throws(RandomSourceError) -> Double {
        if index < 0 { throw .negativeIndex(index) }
        let w = words(seed: seed, block: UInt64(index / 2))
        return index % 2 == 0
            ? doubleUniform(high: w[0], low: w[1]) : doubleUniform(high: w[2], low: w[3])
    }

    /// Element `index` of the Float standard normal stream for `seed` (the reference value).
    public static func float(seed: UInt64, index: Int) throws(RandomSourceError) -> Float {
        if index < 0 { throw .negativeIndex(index) }
        let w = words(seed: seed, block: UInt64(index / 4))
        let pair = (index % 4) / 2
        let z = boxMuller(
            Double(floatUniform(word: w[2 * pair])), Double(floatUniform(word: w[2 * pair + 1])))
        return Float(index % 2 == 0 ? z.cos : z.sin)
    }

    /// Element `index` of the Double standard normal stream for `seed` (the reference value).
    public static func double(seed: UInt64, index: Int) throws(RandomSourceError) -> Double {
        if index < 0 { throw .negativeIndex(index) }
        let w = words(seed: seed, block: UInt64(index / 2))
        let z = boxMuller(doubleUniform(high: w[0], low: w[1]), doubleUniform(high: w[2], low: w[3]))
        return index % 2 == 0 ? z.cos : z.sin
    }
}
