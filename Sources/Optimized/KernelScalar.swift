import OptimizedKernels

/// The two element types of the kernels. Internal: the public entry points are concrete.
protocol KernelScalar: BinaryFloatingPoint, SIMDScalar, Sendable, Codable {
    /// Normals `first ..< first + count` of this precision's Philox Gaussian stream.
    static func gaussian(seed: UInt64, first: UInt64, out: UnsafeMutablePointer<Self>, count: Int)
    /// p[j] ← exp(p[j]) for j < count; `p` has room for `count` rounded up to a multiple of 8.
    static func expInPlace(_ p: UnsafeMutablePointer<Self>, count: Int)
    /// The step loop of `StepPlan` over n elements in the selected C kernel set; `z` nil: no noise term.
    static func step(_ rules: StepRules, _ c: StepScalars<Self>, _ n: Int, _ x: UnsafePointer<Self>,
                     _ m: UnsafePointer<Self>, _ z: UnsafePointer<Self>?, _ prev: UnsafeMutablePointer<Self>,
                     _ x0Out: UnsafeMutablePointer<Self>)
    /// out[j] = op(a[j], b[j]) for j < n in the selected C kernel set.
    static func binary(_ op: dck_binary_op, p: Self, q: Self, _ n: Int, _ a: UnsafePointer<Self>,
                       _ b: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>)
}

/// Which prediction and which second term the C step loop uses (`ElementwiseLoops.h`).
struct StepRules {
    var prediction: dck_prediction_rule
    var y: dck_y_rule
}

/// The per-call scalars of the C step loop.
struct StepScalars<T: KernelScalar> {
    var sqrtAlphaBar, sqrtOneMinusAlphaBar, a, b, sigma, clipLow, clipHigh, divisor: T
}

extension Float: KernelScalar {
    static func gaussian(seed: UInt64, first: UInt64, out: UnsafeMutablePointer<Float>, count: Int) {
        dck_gaussian_f32(KernelSet.selected.cValue, seed, first, out, count)
    }

    static func expInPlace(_ p: UnsafeMutablePointer<Float>, count: Int) {
        let raw = UnsafeMutableRawPointer(p)
        var j = 0
        while j < count {
            let v = (raw + j * 4).loadUnaligned(as: SIMD8<Float>.self)
            (raw + j * 4).storeBytes(of: VectorMathFloat.exp(v), as: SIMD8<Float>.self)
            j += 8
        }
    }
}

extension Float {
    static func step(_ rules: StepRules, _ c: StepScalars<Float>, _ n: Int, _ x: UnsafePointer<Float>,
                     _ m: UnsafePointer<Float>, _ z: UnsafePointer<Float>?, _ prev: UnsafeMutablePointer<Float>,
                     _ x0Out: UnsafeMutablePointer<Float>) {
        var params = dck_step_params_f32(
            prediction: rules.prediction, y: rules.y, sqrt_alpha_bar: c.sqrtAlphaBar,
            sqrt_one_minus_alpha_bar: c.sqrtOneMinusAlphaBar, a: c.a, b: c.b, sigma: c.sigma,
            clip_low: c.clipLow, clip_high: c.clipHigh, divisor: c.divisor)
        dck_step_f32(KernelSet.selected.cValue, &params, n, x, m, z, prev, x0Out)
    }

    static func binary(_ op: dck_binary_op, p: Float, q: Float, _ n: Int, _ a: UnsafePointer<Float>,
                       _ b: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>) {
        dck_binary_f32(KernelSet.selected.cValue, op, p, q, n, a, b, out)
    }
}

extension Double {
    static func step(_ rules: StepRules, _ c: StepScalars<Double>, _ n: Int, _ x: UnsafePointer<Double>,
                     _ m: UnsafePointer<Double>, _ z: UnsafePointer<Double>?, _ prev: UnsafeMutablePointer<Double>,
                     _ x0Out: UnsafeMutablePointer<Double>) {
        var params = dck_step_params_f64(
            prediction: rules.prediction, y: rules.y, sqrt_alpha_bar: c.sqrtAlphaBar,
            sqrt_one_minus_alpha_bar: c.sqrtOneMinusAlphaBar, a: c.a, b: c.b, sigma: c.sigma,
            clip_low: c.clipLow, clip_high: c.clipHigh, divisor: c.divisor)
        dck_step_f64(KernelSet.selected.cValue, &params, n, x, m, z, prev, x0Out)
    }

    static func binary(_ op: dck_binary_op, p: Double, q: Double, _ n: Int, _ a: UnsafePointer<Double>,
                       _ b: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>) {
        dck_binary_f64(KernelSet.selected.cValue, op, p, q, n, a, b, out)
    }
}

extension Double: KernelScalar {
    static func gaussian(seed: UInt64, first: UInt64, out: UnsafeMutablePointer<Double>, count: Int) {
        dck_gaussian_f64(KernelSet.selected.cValue, seed, first, out, count)
    }

    static func expInPlace(_ p: UnsafeMutablePointer<Double>, count: Int) {
        let raw = UnsafeMutableRawPointer(p)
        var j = 0
        while j < count {
            let v = (raw + j * 8).loadUnaligned(as: SIMD8<Double>.self)
            (raw + j * 8).storeBytes(of: VectorMathDouble.exp(v), as: SIMD8<Double>.self)
            j += 8
        }
    }
}

/// The noise of one kernel call, at the pointer level.
enum NoiseSource<T: KernelScalar> {
    case pointer(UnsafePointer<T>)
    case philox(seed: UInt64, offset: UInt64)
    case none
}

/// Elements per block when the noise is drawn inside the loop (1–2 KiB: stays in L1).
let blockSize = 256

/// Runs `body(start, n, z)` over `range`: once when the noise is an array (z = that array at
/// `start`) or absent (z = nil); block by block with freshly drawn normals otherwise.
@inline(__always)
func forEachNoiseBlock<T: KernelScalar>(_ range: Range<Int>, _ noise: NoiseSource<T>, forceBlocks: Bool = false,
                                        _ body: (Int, Int, UnsafePointer<T>?) -> Void) {
    switch noise {
    case .pointer(let p) where !forceBlocks:
        body(range.lowerBound, range.count, p + range.lowerBound)
    case .none where !forceBlocks:
        body(range.lowerBound, range.count, nil)
    default:
        withUnsafeTemporaryAllocation(of: T.self, capacity: blockSize) { tmp in
            let scratch = tmp.baseAddress!
            var i = range.lowerBound
            while i < range.upperBound {
                let n = min(blockSize, range.upperBound - i)
                switch noise {
                case .pointer(let p):
                    body(i, n, p + i)
                case .philox(let seed, let offset):
                    T.gaussian(seed: seed, first: offset &+ UInt64(i), out: scratch, count: n)
                    body(i, n, UnsafePointer(scratch))
                case .none:
                    body(i, n, nil)
                }
                i += n
            }
        }
    }
}

/// Checks that every array has the length of the first.
func checkLengths(_ lengths: [(String, Int)]) throws(OptimizedError) {
    guard let first = lengths.first else { return }
    for (name, n) in lengths.dropFirst() where n != first.1 {
        throw OptimizedError(.lengthMismatch, "expected \(name) to have \(first.1) elements like \(first.0), got \(n)")
    }
}

/// Sends an UnsafeMutablePointer across the worker threads; every chunk writes a disjoint range.
struct SharedPointer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}

struct SharedConstPointer<T>: @unchecked Sendable {
    let base: UnsafePointer<T>
}
