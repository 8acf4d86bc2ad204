import OptimizedKernels

/// The chunked, multi-threaded drivers shared by every kernel. Raw pointers stay in this file and
/// in the kernel bodies; public entry points take and return arrays.

/// The elementwise forward operations, with their two coefficients p = √ᾱₜ and q = √(1−ᾱₜ).
/// The loops are C (`OptimizedKernels`, ElementwiseLoops.h), one per kernel set.
enum BinaryOp {
    /// p·a + q·b
    case combine
    /// p·b − q·a
    case velocity
    /// (b − q·a)/p
    case removeScaled
    /// p·b − q·a with the arguments as (v, xₜ): x̂₀ from v
    case x0FromVelocity
    /// (b − p·a)/q: ε̂ from x̂₀
    case epsilonFromX0
    /// p·a + q·b with the arguments as (v, xₜ): ε̂ from v
    case epsilonFromVelocity
}

/// out[i] = op(a[i], b[i]) over the whole array, where b is an array or the Gaussian stream.
func runBinary<T: KernelScalar>(_ op: BinaryOp, p: T, q: T, a: [T], b: [T]?, noise: (seed: UInt64, offset: UInt64)?,
                                into out: inout [T], execution: Execution) {
    let n = a.count
    if out.count != n { out = [T](repeating: 0, count: n) }
    out.withUnsafeMutableBufferPointer { ob in
        a.withUnsafeBufferPointer { ab in
            withOptionalPointer(b) { bp in
                guard let o = ob.baseAddress, let ap = ab.baseAddress else { return }
                let out = SharedPointer(base: o), aIn = SharedConstPointer(base: ap)
                let source: NoiseSource<T>
                if let bp { source = .pointer(bp) } else if let noise { source = .philox(seed: noise.seed, offset: noise.offset) } else { source = .none }
                nonisolated(unsafe) let src = source
                execution.forEachChunk(count: n, grain: blockSize, computeBound: noise != nil && b == nil) { range in
                    forEachNoiseBlock(range, src) { start, count, z in
                        guard let z else { return }
                        T.binary(op.cValue, p: p, q: q, count, aIn.base + start, z, out.base + start)
                    }
                }
            }
        }
    }
}

extension BinaryOp {
    /// The C loop of this operation: the argument order (a, b) is the same.
    var cValue: dck_binary_op {
        switch self {
        case .combine, .epsilonFromVelocity: DCK_BINARY_COMBINE
        case .velocity, .x0FromVelocity: DCK_BINARY_DIFFERENCE
        case .removeScaled: DCK_BINARY_REMOVE_SCALED
        case .epsilonFromX0: DCK_BINARY_EPSILON_FROM_X0
        }
    }
}

/// Calls `body` with the base address of `array`, or nil when there is no array (or it is empty).
@inline(__always)
func withOptionalPointer<T, R>(_ array: [T]?, _ body: (UnsafePointer<T>?) -> R) -> R {
    guard let array else { return body(nil) }
    return array.withUnsafeBufferPointer { body($0.baseAddress) }
}
