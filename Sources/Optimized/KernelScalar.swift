import OptimizedKernels

/// The two element types of the kernels. Internal: the public entry points are concrete.
protocol KernelScalar: BinaryFloatingPoint, SIMDScalar, Sendable, Codable {
    /// Normals `first ..< first + count` of this precision's Philox Gaussian stream.
    static func gaussian(seed: UInt64, first: UInt64, out: UnsafeMutablePointer<Self>, count: Int)
    /// p[j] ← exp(p[j]) for j < count; `p` has room for `count` rounded up to a multiple of 8.
    static func expInPlace(_ p: UnsafeMutablePointer<Self>, count: Int)
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
