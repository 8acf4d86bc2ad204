/// Vectorized exp in Float for the learned variances (σ = exp(½·log-variance)).
///
/// The polynomial is Cephes' single-precision `expf` (Moshier, "Methods and Programs for
/// Mathematical Functions", 1989); exp ≤ 2 ulps. The Gaussian source's log, sin and cos are in
/// the C kernels (`OptimizedKernels`).
enum VectorMathFloat {
    typealias V = SIMD8<Float>
    typealias U = SIMD8<UInt32>

    /// a·b + c with one rounding (an FMA instruction, or the C library's fmaf where the build's
    /// baseline CPU has none: the same value either way).
    @inline(__always) static func fma(_ a: V, _ b: V, _ c: V) -> V { c.addingProduct(a, b) }

    @inline(__always) static func bits(_ v: V) -> U { unsafeBitCast(v, to: U.self) }
    @inline(__always) static func float(_ u: U) -> V { unsafeBitCast(u, to: V.self) }

    /// eˣ for x in [−87, 88] (Cephes `expf`); below −87 it returns 0, above 88 +∞.
    @inline(__always) static func exp(_ xIn: V) -> V {
        let x = xIn.clamped(lowerBound: V(repeating: -87.3), upperBound: V(repeating: 88.7))
        // n = round(x·log₂e), by the 1.5·2²³ rounding trick.
        let magic = V(repeating: 12_582_912)
        let nf = (x * V(repeating: 1.44269504088896341) + magic) - magic
        var r = x - nf * V(repeating: 0.693359375)
        r = r - nf * V(repeating: -2.12194440e-4)
        let z = r * r
        var p = V(repeating: 1.9875691500e-4)
        p = fma(p, r, V(repeating: 1.3981999507e-3))
        p = fma(p, r, V(repeating: 8.3334519073e-3))
        p = fma(p, r, V(repeating: 4.1665795894e-2))
        p = fma(p, r, V(repeating: 1.6666665459e-1))
        p = fma(p, r, V(repeating: 5.0000001201e-1))
        p = p * z + r + V(repeating: 1)
        // 2ⁿ: n + 127 in [1, 255) goes into the exponent field; split in two factors so that
        // n = 128 (x close to 88.7) does not overflow the field.
        let n = unsafeBitCast(bits(nf + magic) &- bits(magic), to: SIMD8<Int32>.self)
        let half = n &>> 1
        let rest = n &- half
        let scale1 = float(unsafeBitCast((half &+ 127) &<< 23, to: U.self))
        let scale2 = float(unsafeBitCast((rest &+ 127) &<< 23, to: U.self))
        var result = p * scale1 * scale2
        result = result.replacing(with: 0, where: xIn .< V(repeating: -87.3))
        result = result.replacing(with: .infinity, where: xIn .> V(repeating: 88.7))
        return result.replacing(with: xIn, where: xIn .!= xIn)
    }
}
