/// The chunked, multi-threaded drivers shared by every kernel. Raw pointers stay in this file and
/// in the kernel bodies; public entry points take and return arrays.

/// out[i] = op(a[i], b[i]) over the whole array, where b is an array or the Gaussian stream.
@inline(__always)
func runBinary<T: KernelScalar>(a: [T], b: [T]?, noise: (seed: UInt64, offset: UInt64)?,
                                into out: inout [T], execution: Execution, _ op: (T, T) -> T) {
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
                execution.forEachChunk(count: n, grain: blockSize) { range in
                    forEachNoiseBlock(range, src) { start, count, z in
                        guard let z else { return }
                        let o = out.base + start, x = aIn.base + start
                        for j in 0..<count { o[j] = op(x[j], z[j]) }
                    }
                }
            }
        }
    }
}

/// Calls `body` with the base address of `array`, or nil when there is no array (or it is empty).
@inline(__always)
func withOptionalPointer<T, R>(_ array: [T]?, _ body: (UnsafePointer<T>?) -> R) -> R {
    guard let array else { return body(nil) }
    return array.withUnsafeBufferPointer { body($0.baseAddress) }
}
