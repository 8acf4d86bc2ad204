/// Vectorized exp in Double for the learned variances: a degree-13 Taylor polynomial after the
/// reduction x = n·ln2 + r, |r| ≤ ½·ln2 (truncation < 2⁻⁶⁰ relative), ≤ 2 ulps. The Gaussian
/// source's log, sin and cos are in the C kernels (`OptimizedKernels`).
enum VectorMathDouble {
    typealias V = SIMD8<Double>
    typealias U = SIMD8<UInt64>

    /// a·b + c with one rounding (an FMA instruction, or the C library's fma where the build's
    /// baseline CPU has none: the same value either way).
    @inline(__always) static func fma(_ a: V, _ b: V, _ c: V) -> V { c.addingProduct(a, b) }

    @inline(__always) static func bits(_ v: V) -> U { unsafeBitCast(v, to: U.self) }
    @inline(__always) static func double(_ u: U) -> V { unsafeBitCast(u, to: V.self) }

    /// eˣ; below −708 it returns 0, above 709 +∞.
    @inline(__always) static func exp(_ xIn: V) -> V {
        let x = xIn.clamped(lowerBound: V(repeating: -708), upperBound: V(repeating: 709))
        let magic = V(repeating: 6_755_399_441_055_744)  // 1.5·2⁵²
        let nf = (x * V(repeating: 1.4426950408889634074) + magic) - magic
        let r = (x - nf * V(repeating: 6.93147180369123816490e-01)) - nf * V(repeating: 1.90821492927058770002e-10)
        var p = V(repeating: 1.0 / 6_227_020_800)
        p = fma(p, r, V(repeating: 1.0 / 479_001_600))
        p = fma(p, r, V(repeating: 1.0 / 39_916_800))
        p = fma(p, r, V(repeating: 1.0 / 3_628_800))
        p = fma(p, r, V(repeating: 1.0 / 362_880))
        p = fma(p, r, V(repeating: 1.0 / 40_320))
        p = fma(p, r, V(repeating: 1.0 / 5_040))
        p = fma(p, r, V(repeating: 1.0 / 720))
        p = fma(p, r, V(repeating: 1.0 / 120))
        p = fma(p, r, V(repeating: 1.0 / 24))
        p = fma(p, r, V(repeating: 1.0 / 6))
        p = fma(p, r, V(repeating: 0.5))
        p = fma(p, r, V(repeating: 1))
        p = fma(p, r, V(repeating: 1))
        let n = unsafeBitCast(bits(nf + magic) &- bits(magic), to: SIMD8<Int64>.self)
        let half = n &>> 1
        let rest = n &- half
        let scale1 = double(unsafeBitCast((half &+ 1023) &<< 52, to: U.self))
        let scale2 = double(unsafeBitCast((rest &+ 1023) &<< 52, to: U.self))
        var result = p * scale1 * scale2
        result = result.replacing(with: 0, where: xIn .< V(repeating: -708))
        result = result.replacing(with: .infinity, where: xIn .> V(repeating: 709))
        return result.replacing(with: xIn, where: xIn .!= xIn)
    }
}
