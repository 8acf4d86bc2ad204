/// PyTorch's CPU random generator after `torch.manual_seed(seed)`, bit for bit.
///
/// The engine is `at::mt19937` seeded with the low 32 bits of the seed (PyTorch keeps the full
/// 64-bit seed for `initial_seed()` but `init_with_uint32` uses `seed & 0xffffffff`). Draws:
/// - `random()`: one 32-bit engine output;
/// - `random64()`: two outputs, the first one high (`make64BitsFrom32Bits(hi, lo)`);
/// - a float32 uniform: `(random() & (2²⁴ − 1)) · 2⁻²⁴` in [0, 1);
/// - a float64 uniform: `(random64() & (2⁵³ − 1)) · 2⁻⁵³` in [0, 1).
///
/// ``randn(count:)`` and ``randnDouble(count:)`` reproduce `torch.randn(count)` with dtype
/// float32 and float64 (any shape of `count` elements, row-major), including the normal-sample
/// cache that the scalar path keeps in the generator between calls. Consecutive calls continue
/// the stream as consecutive `torch.randn` calls do; a `torch.Generator()` after
/// `.manual_seed(seed)`, passed as `generator=`, behaves the same. Source: PyTorch
/// `aten/src/ATen/native/cpu/DistributionTemplates.h` (`normal_kernel`, `normal_fill`,
/// `NormalFill16`), `aten/src/ATen/core/DistributionsHelper.h` (`normal_distribution`),
/// `aten/src/ATen/core/MT19937RNGEngine.h`, `aten/src/ATen/CPUGeneratorImpl.cpp`; checked
/// against torch 2.13 (CPU) on x86-64 Linux.
///
/// The float32 kernel of `count ≥ 16` defaults to ``TorchNormalKernel/avx2``, which uses only
/// correctly rounded float operations and therefore gives the same bits on every platform.
///
/// Known answer: seed 0, `randn(4, 4)` begins −1.1258, −1.1524, −0.2506, −0.4339;
/// seed 0, `randn(3)` is 1.5410, −0.2934, −2.1788.
public struct TorchGenerator: Sendable, Hashable {
    /// The seed given to `torch.manual_seed`.
    public let seed: UInt64
    /// Which Box–Muller kernel PyTorch runs for float32 tensors of 16 or more elements.
    public var floatKernel: TorchNormalKernel

    private var engine: MersenneTwister19937
    /// `CPUGeneratorImpl::next_double_normal_sample_`: the sine half of the last scalar
    /// Box–Muller pair, returned by the next draw of the `count < 16` path; `nil` when empty.
    public internal(set) var cachedNormal: Double?

    /// The generator state right after `torch.manual_seed(seed)`.
    public init(seed: UInt64, floatKernel: TorchNormalKernel = .avx2) {
        self.seed = seed
        self.floatKernel = floatKernel
        self.engine = MersenneTwister19937(seed: UInt32(truncatingIfNeeded: seed))
        self.cachedNormal = nil
    }

    /// The state after `torch.manual_seed(seed)` again: a new engine and an empty normal cache.
    public mutating func manualSeed(_ seed: UInt64) {
        self = TorchGenerator(seed: seed, floatKernel: floatKernel)
    }

    /// `CPUGeneratorImpl::random()`: one 32-bit engine output.
    public mutating func random() -> UInt32 {
        engine.next()
    }

    /// `CPUGeneratorImpl::random64()`: two engine outputs, the first in the high half.
    public mutating func random64() -> UInt64 {
        let high = engine.next()
        let low = engine.next()
        return UInt64(high) << 32 | UInt64(low)
    }

    /// `uniform_real_distribution<float>(0, 1)`: (random() & (2²⁴ − 1)) · 2⁻²⁴ ∈ [0, 1).
    public mutating func uniformFloat() -> Float {
        Float(random() & 0xFF_FFFF) * 0x1p-24
    }

    /// `uniform_real_distribution<double>(0, 1)`: (random64() & (2⁵³ − 1)) · 2⁻⁵³ ∈ [0, 1).
    public mutating func uniformDouble() -> Double {
        Double(random64() & 0x1F_FFFF_FFFF_FFFF) * 0x1p-53
    }

    /// `torch.rand(count)` (float32): `count` draws of ``uniformFloat()``. The normal cache is
    /// left as it is.
    public mutating func rand(count: Int) throws(RandomSourceError) -> [Float] {
        try checkedCount(count)
        return (0..<count).map { _ in uniformFloat() }
    }

    /// `torch.rand(count, dtype=torch.float64)`: `count` draws of ``uniformDouble()``.
    public mutating func randDouble(count: Int) throws(RandomSourceError) -> [Double] {
        try checkedCount(count)
        return (0..<count).map { _ in uniformDouble() }
    }
}

/// The float32 Box–Muller kernel of PyTorch's CPU `normal_fill` (tensors of ≥ 16 elements).
///
/// PyTorch compiles `DistributionTemplates.h` once per CPU capability and picks one at run time
/// (`torch.backends.cpu.get_cpu_capability()`). Only the float32 result depends on it; float64
/// and tensors of fewer than 16 elements use the C library in every build.
public enum TorchNormalKernel: String, Sendable, Hashable, CaseIterable {
    /// Capability `AVX2` (x86-64 with AVX2 but without the AVX-512 set PyTorch asks for): the
    /// Cephes-style `log256_ps` and `sincos256_ps` of `avx_mathfun.h` in float32, with the
    /// multiply–add pairs fused as GCC compiles them for PyTorch's Linux wheels.
    case avx2
    /// Capabilities `DEFAULT`, `AVX512`, and ARM builds (Apple silicon, aarch64 Linux):
    /// `logf`, `cosf`, `sinf` of the platform's C library, θ = (float)(2π · u₂) rounded from
    /// double. Bit-exact when this code runs on the same C library as PyTorch.
    case scalar
}
