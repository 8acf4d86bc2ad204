/// Vectorized elementary functions in Float for the hot loops (Box–Muller, learned variances).
///
/// Polynomials are Cephes' single-precision minimax fits (Moshier, "Methods and Programs for
/// Mathematical Functions", 1989): `logf`, `sinf`/`cosf` on [−π/4, π/4] and `expf`. Argument
/// reduction is done with integer bit operations so that every lane takes the same path. The
/// log polynomial is evaluated by Estrin's scheme (four dependent steps instead of Horner's
/// eight): the Gaussian source was bound by that chain's latency, not by arithmetic.
///
/// Accuracy (measured against Double libm over every input the generator can produce, see
/// `VectorMathTests`): log ≤ 2 ulps, sin/cos of 2π·u ≤ 2 ulps of 1, exp ≤ 2 ulps.
enum VectorMathFloat {
    typealias V = SIMD8<Float>
    typealias U = SIMD8<UInt32>

    /// a·b + c with one rounding (the build targets a CPU with FMA; see Package.swift).
    @inline(__always) static func fma(_ a: V, _ b: V, _ c: V) -> V { c.addingProduct(a, b) }

    @inline(__always) static func bits(_ v: V) -> U { unsafeBitCast(v, to: U.self) }
    @inline(__always) static func float(_ u: U) -> V { unsafeBitCast(u, to: V.self) }

    /// Exact conversion of integers in [0, 2²⁴] to Float: one signed conversion (vcvtdq2ps),
    /// exact because every integer up to 2²⁴ is a Float.
    @inline(__always) static func exactToFloat(_ u: U) -> V {
        V(SIMD8<Int32>(truncatingIfNeeded: u))
    }

    /// Natural logarithm of positive, finite, normal x (Cephes `logf`).
    @inline(__always) static func log(_ x: V) -> V {
        // x = (1 + f)·2^e with 1 + f in [√½, √2): adding the bits of 1 − √½ carries into the
        // exponent exactly when the mantissa is at least √2 (the musl reduction).
        let b = bits(x) &+ U(repeating: 0x3F80_0000 - 0x3F35_04F3)
        let e = exactToFloat(b &>> 23) - V(repeating: 127)
        let m = float((b & U(repeating: 0x007F_FFFF)) &+ U(repeating: 0x3F35_04F3)) - 1
        let z = m * m
        // Estrin's scheme: the same polynomial in four dependent steps instead of eight.
        let z4 = z * z
        let p01 = fma(V(repeating: -2.4999993993e-1), m, V(repeating: 3.3333331174e-1))
        let p23 = fma(V(repeating: -1.6668057665e-1), m, V(repeating: 2.0000714765e-1))
        let p45 = fma(V(repeating: -1.2420140846e-1), m, V(repeating: 1.4249322787e-1))
        let p67 = fma(V(repeating: -1.1514610310e-1), m, V(repeating: 1.1676998740e-1))
        let p0123 = fma(p23, z, p01)
        let p4567 = fma(p67, z, p45)
        let p8 = V(repeating: 7.0376836292e-2)
        var y = fma(fma(p8, z4, p4567), z4, p0123)
        y = y * m * z
        y = y + e * V(repeating: -2.12194440e-4)
        y = y - V(repeating: 0.5) * z
        var r = m + y
        r = r + e * V(repeating: 0.693359375)
        return r
    }

    /// (cos 2πu, sin 2πu) for u = k·2⁻²⁴, given k in [0, 2²⁴].
    ///
    /// The reduction is exact: q = round(4u), ρ = 4u − q in [−½, ½] computed on integers, then
    /// the polynomials on a = ρ·π/2 in [−π/4, π/4] and the quadrant fix-up by swaps and sign bits.
    @inline(__always) static func cosSinTwoPi(k: U) -> (cos: V, sin: V) {
        let q = (k &+ U(repeating: 1 << 21)) &>> 22
        // k − q·2²² lies in [−2²¹, 2²¹): converted as a signed integer, exactly.
        let rho = V(unsafeBitCast(k &- (q &<< 22), to: SIMD8<Int32>.self)) * V(repeating: 0x1p-22)
        let a = rho * V(repeating: 1.57079632679489661923)
        let z = a * a
        var s = V(repeating: -1.9515295891e-4)
        s = fma(s, z, V(repeating: 8.3321608736e-3))
        s = fma(s, z, V(repeating: -1.6666654611e-1))
        s = s * z * a + a
        var c = V(repeating: 2.443315711809948e-5)
        c = fma(c, z, V(repeating: -1.388731625493765e-3))
        c = fma(c, z, V(repeating: 4.166664568298827e-2))
        c = c * z * z - V(repeating: 0.5) * z + V(repeating: 1)
        let swap = U.zero &- (q & U(repeating: 1))
        let cb = bits(c), sb = bits(s)
        let cosBits = ((cb & ~swap) | (sb & swap)) ^ (((q &+ U(repeating: 1)) & U(repeating: 2)) &<< 30)
        let sinBits = ((sb & ~swap) | (cb & swap)) ^ ((q & U(repeating: 2)) &<< 30)
        return (float(cosBits), float(sinBits))
    }

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
