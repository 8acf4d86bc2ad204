import OptimizedKernels

/// The suite's Philox Gaussian stream: normal number `i` of seed `s` is a pure function of
/// `(s, i)`, whatever the thread count, chunking or buffer the numbers are written to.
///
/// Mapping (Box–Muller, Box & Muller 1958, on Philox4x32-10 words; the same definition as the
/// canonical stream of `RandomSources`):
///
///     key = (s mod 2³², s div 2³²);  block c → counter (c mod 2³², c div 2³², 0, 0) → (w₀, w₁, w₂, w₃)
///     Float:  element i in block c = i div 4; uniform of a word U = (⌊w / 2⁸⌋ + 1)·2⁻²⁴ in (0, 1];
///             words (0, 1) → elements 4c, 4c + 1; words (2, 3) → 4c + 2, 4c + 3.
///     Double: element i in block c = i div 2; U = (⌊(w_hi·2³² + w_lo) / 2¹¹⌋ + 1)·2⁻⁵³ in (0, 1],
///             (w₀, w₁) → U₁ and (w₂, w₃) → U₂ of the pair of elements 2c, 2c + 1.
///     r = √(−2 ln U₁);  even element = r·cos 2πU₂,  odd element = r·sin 2πU₂.
///
/// The uniforms are exact; ln, cos and sin are polynomials (Float: Cephes `logf`, `sinf`, `cosf`;
/// Double: fdlibm's `log` and kernel sin/cos), with the angle reduced exactly on the integer of U₂
/// (no rounding of 2πU₂). They run in C (the `OptimizedKernels` target), in one version per
/// ``KernelSet``; every set gives the same bits (`KernelSetTests`). Accuracy against the real
/// formula evaluated in Double libm: see `GaussianStreamTests`.
///
/// Stream versions. The mathematical definition above is the contract; the last bits of a
/// normal depend on how the polynomials are evaluated, and change only with a new version:
/// - Float version 2 (current): the log polynomial by Estrin's scheme. Values differ from
///   version 1 by at most a few ulps; both are within 4.8·10⁻⁷ of the Double-libm formula over
///   2²² draws (the conformance tolerance is 4·10⁻⁶). 1.2× faster.
/// - Float version 1: the log polynomial by Horner's scheme.
/// - Double version 1 (current).
/// The uniforms, and so every value's position in the stream, are the same in every version.
/// The bits of the current versions are pinned by fingerprints in `KernelSetTests`.
public enum GaussianStream {
    /// Chunks of a parallel fill start on multiples of this: a whole group of every kernel set.
    static let groupElements = 64

    /// Normals `first ..< first + count` of the Float stream of `seed`.
    public static func floats(seed: UInt64, first: UInt64 = 0, count: Int,
                              execution: Execution = .default, kernels: KernelSet = .selected) -> [Float] {
        guard count > 0 else { return [] }
        var out = [Float](repeating: 0, count: count)
        fill(&out, seed: seed, first: first, execution: execution, kernels: kernels)
        return out
    }

    /// Normals `first ..< first + count` of the Double stream of `seed`.
    public static func doubles(seed: UInt64, first: UInt64 = 0, count: Int,
                               execution: Execution = .default, kernels: KernelSet = .selected) -> [Double] {
        guard count > 0 else { return [] }
        var out = [Double](repeating: 0, count: count)
        fill(&out, seed: seed, first: first, execution: execution, kernels: kernels)
        return out
    }

    /// Overwrites `buffer[j]` with normal `first + j` of the Float stream of `seed`.
    public static func fill(_ buffer: inout [Float], seed: UInt64, first: UInt64 = 0,
                            execution: Execution = .default, kernels: KernelSet = .selected) {
        let n = buffer.count
        buffer.withUnsafeMutableBufferPointer { b in
            guard let base = b.baseAddress else { return }
            nonisolated(unsafe) let p = base
            execution.forEachChunk(count: n, grain: groupElements, computeBound: true) { range in
                dck_gaussian_f32(kernels.cValue, seed, first &+ UInt64(range.lowerBound), p + range.lowerBound, range.count)
            }
        }
    }

    /// Overwrites `buffer[j]` with normal `first + j` of the Double stream of `seed`.
    public static func fill(_ buffer: inout [Double], seed: UInt64, first: UInt64 = 0,
                            execution: Execution = .default, kernels: KernelSet = .selected) {
        let n = buffer.count
        buffer.withUnsafeMutableBufferPointer { b in
            guard let base = b.baseAddress else { return }
            nonisolated(unsafe) let p = base
            execution.forEachChunk(count: n, grain: groupElements, computeBound: true) { range in
                dck_gaussian_f64(kernels.cValue, seed, first &+ UInt64(range.lowerBound), p + range.lowerBound, range.count)
            }
        }
    }
}

