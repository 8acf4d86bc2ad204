/// A lane-by-lane float32 rendering of PyTorch's `avx_mathfun.h` (`log256_ps`, `sincos256_ps`;
/// after Pommier's `sse_mathfun` and the Cephes `logf`/`sinf`/`cosf`), as compiled into
/// PyTorch's AVX2 kernels.
///
/// GCC contracts the intrinsic multiply and add pairs of that header into FMA instructions
/// (`-mfma`, `-ffp-contract=fast`); the fused pairs below are the ones whose rounding
/// reproduces torch 2.13's AVX2 `randn` bit for bit (2²⁰ values checked). The contracted
/// operations are written with `addingProduct` (one rounding), the others as separate
/// float operations.
enum AVXMathFun {
    // Constants of avx_mathfun.h, as float32.
    static let sqrtHalf: Float = 0.707106781186547524
    static let logP: (Float, Float, Float, Float, Float, Float, Float, Float, Float) = (
        7.0376836292E-2, -1.1514610310E-1, 1.1676998740E-1, -1.2420140846E-1, 1.4249322787E-1,
        -1.6668057665E-1, 2.0000714765E-1, -2.4999993993E-1, 3.3333331174E-1
    )
    static let logQ1: Float = -2.12194440e-4
    static let logQ2: Float = 0.693359375
    static let minusDP1: Float = -0.78515625
    static let minusDP2: Float = -2.4187564849853515625e-4
    static let minusDP3: Float = -3.77489497744594108e-8
    static let sinP0: Float = -1.9515295891E-4
    static let sinP1: Float = 8.3321608736E-3
    static let sinP2: Float = -1.6666654611E-1
    static let cosP0: Float = 2.443315711809948E-005
    static let cosP1: Float = -1.388731625493765E-003
    static let cosP2: Float = 4.166664568298827E-002
    static let fourOverPi: Float = 1.27323954473516

    /// `log256_ps` for one lane: NaN for x ≤ 0.
    static func log(_ input: Float) -> Float {
        if !(input > 0) { return .nan }
        let x = max(input, Float(bitPattern: 0x0080_0000))
        let bits = x.bitPattern
        var e = Float(Int32(bitPattern: bits >> 23) &- 0x7F) + 1
        var m = Float(bitPattern: (bits & ~0x7F80_0000) | Float(0.5).bitPattern)
        let below = m < sqrtHalf
        let tmp: Float = below ? m : 0
        m = m - 1
        e = e - (below ? 1 : 0)
        m = m + tmp
        let z = m * m
        var y = logP.0
        y = logP.1.addingProduct(y, m)
        y = logP.2.addingProduct(y, m)
        y = logP.3.addingProduct(y, m)
        y = logP.4.addingProduct(y, m)
        y = logP.5.addingProduct(y, m)
        y = logP.6.addingProduct(y, m)
        y = logP.7.addingProduct(y, m)
        y = logP.8.addingProduct(y, m)
        y = y * m
        y = (e * logQ1).addingProduct(y, z)
        y = y.addingProduct(-z, 0.5)
        m = m + y
        m = m.addingProduct(e, logQ2)
        return m
    }

    /// `sincos256_ps` for one lane.
    static func sinCos(_ input: Float) -> (sin: Float, cos: Float) {
        let signOfInput = input.bitPattern & 0x8000_0000
        var x = Float(bitPattern: input.bitPattern & 0x7FFF_FFFF)
        let scaled = x * fourOverPi
        var j = truncatingConversion(scaled)
        j = (j &+ 1) & ~1
        let y = Float(j)
        let swapSignSin = UInt32(bitPattern: j & 4) << 29
        let firstPolynomial = (j & 2) == 0
        x = x.addingProduct(y, minusDP1)
        x = x.addingProduct(y, minusDP2)
        x = x.addingProduct(y, minusDP3)
        let signCos = UInt32(bitPattern: ~(j &- 2) & 4) << 29
        let signSin = signOfInput ^ swapSignSin
        let z = x * x
        var yc = cosP1.addingProduct(cosP0, z)
        yc = cosP2.addingProduct(yc, z)
        yc = yc * z
        yc = (-(z * 0.5)).addingProduct(yc, z)
        yc = yc + 1
        var ys = sinP1.addingProduct(sinP0, z)
        ys = sinP2.addingProduct(ys, z)
        ys = ys * z
        ys = x.addingProduct(ys, x)
        let sinFromSinPolynomial: Float = firstPolynomial ? ys : 0
        let sinFromCosPolynomial: Float = firstPolynomial ? 0 : yc
        let cosFromSinPolynomial = ys - sinFromSinPolynomial
        let cosFromCosPolynomial = yc - sinFromCosPolynomial
        let s = sinFromCosPolynomial + sinFromSinPolynomial
        let c = cosFromCosPolynomial + cosFromSinPolynomial
        return (Float(bitPattern: s.bitPattern ^ signSin), Float(bitPattern: c.bitPattern ^ signCos))
    }

    /// `cvttps2dq`: truncation toward zero, 0x80000000 for NaN and out-of-range values.
    @inline(__always)
    static func truncatingConversion(_ value: Float) -> Int32 {
        guard value.isFinite, value > -2_147_483_648, value < 2_147_483_648 else { return Int32.min }
        return Int32(value)
    }
}
