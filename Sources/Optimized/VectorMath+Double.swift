/// Vectorized elementary functions in Double for the hot loops.
///
/// Polynomials are fdlibm's (Sun Microsystems, 1993): `__ieee754_log` (Lg1…Lg7), `__kernel_sin`
/// (S1…S6) and `__kernel_cos` (C1…C6) on [−π/4, π/4]; exp uses a degree-13 Taylor polynomial after
/// the reduction x = n·ln2 + r, |r| ≤ ½·ln2 (truncation < 2⁻⁶⁰ relative).
///
/// Accuracy (measured against libm in `VectorMathTests`): ≤ 2 ulps for each function.
enum VectorMathDouble {
    typealias V = SIMD8<Double>
    typealias U = SIMD8<UInt64>

    /// a·b + c with one rounding (the build targets a CPU with FMA; see Package.swift).
    @inline(__always) static func fma(_ a: V, _ b: V, _ c: V) -> V { c.addingProduct(a, b) }

    @inline(__always) static func bits(_ v: V) -> U { unsafeBitCast(v, to: U.self) }
    @inline(__always) static func double(_ u: U) -> V { unsafeBitCast(u, to: V.self) }

    /// Exact conversion of integers in [0, 2⁵²) to Double by the 2⁵² exponent trick.
    @inline(__always) static func smallToDouble(_ u: U) -> V {
        double(u | U(repeating: 0x4330_0000_0000_0000)) - V(repeating: 4_503_599_627_370_496)
    }

    /// Natural logarithm of positive, finite, normal x (fdlibm `__ieee754_log`).
    @inline(__always) static func log(_ x: V) -> V {
        let b = bits(x)
        // x = m·2^k with m in [√½, √2): add the bits of 1 − √½ to carry the exponent when m ≥ √2.
        let shifted = b &+ U(repeating: 0x0009_5F61_9980_C433)  // 0x3FF0… − 0x3FE6A09E667F3BCD
        let k = smallToDouble(shifted &>> 52) - V(repeating: 1023)
        let m = double((shifted & U(repeating: 0x000F_FFFF_FFFF_FFFF)) &+ U(repeating: 0x3FE6_A09E_667F_3BCD))
        let f = m - 1
        let hfsq = V(repeating: 0.5) * f * f
        let s = f / (V(repeating: 2) + f)
        let z = s * s
        let w = z * z
        let lg = (V(repeating: 6.666666666666735130e-01), V(repeating: 3.999999999940941908e-01),
                  V(repeating: 2.857142874366239149e-01), V(repeating: 2.222219843214978396e-01),
                  V(repeating: 1.818357216161805012e-01), V(repeating: 1.531383769920937332e-01),
                  V(repeating: 1.479819860511658591e-01))
        let t1 = w * (lg.1 + w * (lg.3 + w * lg.5))
        let t2 = z * (lg.0 + w * (lg.2 + w * (lg.4 + w * lg.6)))
        let r = t2 + t1
        let lnHi = V(repeating: 6.93147180369123816490e-01), lnLo = V(repeating: 1.90821492927058770002e-10)
        return s * (hfsq + r) + k * lnLo - hfsq + f + k * lnHi
    }

    /// (cos 2πu, sin 2πu) for u = k·2⁻⁵³, given k in [0, 2⁵³], with the same exact integer
    /// reduction as the Float version: q = round(4u), ρ = 4u − q in [−½, ½].
    @inline(__always) static func cosSinTwoPi(k: U) -> (cos: V, sin: V) {
        let q = (k &+ U(repeating: 1 << 50)) &>> 51
        let shifted = (k &+ U(repeating: 1 << 51)) &- (q &<< 51)
        let rho = (smallToDouble(shifted) - V(repeating: 0x1p51)) * V(repeating: 0x1p-51)
        let x = rho * V(repeating: 1.57079632679489661923)
        let z = x * x
        var r = V(repeating: 1.58969099521155010221e-10)
        r = fma(r, z, V(repeating: -2.50507602534068634195e-08))
        r = fma(r, z, V(repeating: 2.75573137070700676789e-06))
        r = fma(r, z, V(repeating: -1.98412698298579493134e-04))
        r = fma(r, z, V(repeating: 8.33333333332248946124e-03))
        let s = x + (z * x) * (V(repeating: -1.66666666666666324348e-01) + z * r)
        var cr = V(repeating: -1.13596475577881948265e-11)
        cr = fma(cr, z, V(repeating: 2.08757232129817482790e-09))
        cr = fma(cr, z, V(repeating: -2.75573143513906633035e-07))
        cr = fma(cr, z, V(repeating: 2.48015872894767294178e-05))
        cr = fma(cr, z, V(repeating: -1.38888888888741095749e-03))
        cr = fma(cr, z, V(repeating: 4.16666666666666019037e-02))
        cr = z * cr
        let hz = V(repeating: 0.5) * z
        let w = V(repeating: 1) - hz
        let c = w + (((V(repeating: 1) - w) - hz) + z * cr)
        let swap = U.zero &- (q & U(repeating: 1))
        let cb = bits(c), sb = bits(s)
        let cosBits = ((cb & ~swap) | (sb & swap)) ^ (((q &+ U(repeating: 1)) & U(repeating: 2)) &<< 62)
        let sinBits = ((sb & ~swap) | (cb & swap)) ^ ((q & U(repeating: 2)) &<< 62)
        return (double(cosBits), double(sinBits))
    }

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
