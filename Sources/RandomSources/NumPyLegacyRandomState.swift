/// NumPy's legacy global generator after `numpy.random.seed(seed)`, bit for bit.
///
/// `numpy.random.seed(s)` with an integer 0 ≤ s < 2³² seeds MT19937 by `init_genrand(s)`
/// (`mt19937_seed`) and clears the cached Gaussian. Draws:
/// - ``randomSample()`` (`random_sample`, `random`, `rand`): a = w₁ >> 5, b = w₂ >> 6,
///   (a·2²⁶ + b)·2⁻⁵³ ∈ [0, 1) from two 32-bit outputs (`legacy_double`);
/// - ``standardNormal()`` (`standard_normal`, `randn`): the polar Box–Muller method of
///   `legacy_gauss`: x₁ = 2U₁ − 1, x₂ = 2U₂ − 1 redrawn until 0 < s = x₁² + x₂² < 1;
///   f = √(−2 ln s / s); returns f·x₂ and caches f·x₁ for the next call
///   [Marsaglia & Bray 1964, SIAM Review 6(3)](https://doi.org/10.1137/1006063).
///
/// Consecutive calls continue the stream as consecutive NumPy calls on the global state do
/// (the cache included). Known answer: seed 12345, `randn(10000)` ends with −0.86285345,
/// 2.15229409, −0.00670556, −1.21472309, 0.65498866.
public struct NumPyLegacyRandomState: Sendable, Hashable {
    /// The largest seed `numpy.random.seed` accepts as an integer: 2³² − 1.
    public static let maximumSeed = UInt64(UInt32.max)

    /// The seed.
    public let seed: UInt32
    private var engine: MersenneTwister19937
    private var cachedGaussian: Double?

    /// The state after `numpy.random.seed(seed)`.
    public init(seed: UInt32) {
        self.seed = seed
        self.engine = MersenneTwister19937(seed: seed)
        self.cachedGaussian = nil
    }

    /// The state after `numpy.random.seed(seed)`; NumPy refuses seeds ≥ 2³² with a ValueError,
    /// and so does this initializer.
    public init(checkedSeed seed: UInt64) throws(RandomSourceError) {
        guard seed <= Self.maximumSeed else {
            throw .seedOutOfRange(kind: .numpy, seed: seed, maximum: Self.maximumSeed)
        }
        self.init(seed: UInt32(seed))
    }

    /// One raw 32-bit MT19937 output (`random_uint32`).
    public mutating func nextUInt32() -> UInt32 {
        engine.next()
    }

    /// `random_sample()`: (⌊w₁/2⁵⌋·2²⁶ + ⌊w₂/2⁶⌋)·2⁻⁵³ ∈ [0, 1).
    public mutating func randomSample() -> Double {
        let a = engine.next() >> 5
        let b = engine.next() >> 6
        return (Double(a) * 67_108_864 + Double(b)) / 9_007_199_254_740_992
    }

    /// `random_sample(count)`.
    public mutating func randomSample(count: Int) throws(RandomSourceError) -> [Double] {
        try checkedCount(count)
        var out = [Double]()
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(randomSample()) }
        return out
    }

    /// `standard_normal()`: one value of the legacy polar method, with the cache.
    public mutating func standardNormal() -> Double {
        if let cached = cachedGaussian {
            cachedGaussian = nil
            return cached
        }
        var x1: Double, x2: Double, s: Double
        repeat {
            x1 = 2 * randomSample() - 1
            x2 = 2 * randomSample() - 1
            s = x1 * x1 + x2 * x2
        } while s >= 1 || s == 0
        let f = (-2 * CMath.log(s) / s).squareRoot()
        cachedGaussian = f * x1
        return f * x2
    }

    /// `randn(count)` (= `standard_normal(count)`), float64.
    public mutating func randn(count: Int) throws(RandomSourceError) -> [Double] {
        try checkedCount(count)
        var out = [Double]()
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(standardNormal()) }
        return out
    }
}
