/// An unevaluated sum hi + lo of two Doubles (|lo| ≤ ½ ulp(hi)), for the coefficient tables.
///
/// Error-free transformations: TwoSum (Knuth, TAOCP vol. 2, §4.2.2) and TwoProduct with a fused
/// multiply-add (Ogita, Rump & Oishi 2005, "Accurate sum and dot product"). Products and quotients
/// below are accurate to a few units of 2⁻¹⁰⁶ relative: far beyond what Double results need, so
/// rounding a table entry to Double is within half an ulp plus 2⁻¹⁰⁰ relative.
struct DoubleDouble: Sendable, Equatable {
    var hi: Double
    var lo: Double

    init(_ hi: Double, _ lo: Double = 0) {
        self.hi = hi
        self.lo = lo
    }

    var value: Double { hi + lo }

    static let one = DoubleDouble(1)

    @inline(__always) static func twoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        let bb = s - a
        let e = (a - (s - bb)) + (b - bb)
        return DoubleDouble(s, e)
    }

    @inline(__always) static func quickTwoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        return DoubleDouble(s, b - (s - a))
    }

    @inline(__always) static func twoProduct(_ a: Double, _ b: Double) -> DoubleDouble {
        let p = a * b
        return DoubleDouble(p, (-p).addingProduct(a, b))
    }

    static func + (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let s = twoSum(a.hi, b.hi)
        let t = twoSum(a.lo, b.lo)
        let u = quickTwoSum(s.hi, s.lo + t.hi)
        return quickTwoSum(u.hi, u.lo + t.lo)
    }

    static prefix func - (a: DoubleDouble) -> DoubleDouble { DoubleDouble(-a.hi, -a.lo) }

    static func - (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble { a + (-b) }

    static func * (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let p = twoProduct(a.hi, b.hi)
        let cross = a.hi * b.lo + a.lo * b.hi
        return quickTwoSum(p.hi, p.lo + cross)
    }

    static func / (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        // Long division: q₁ = a/b, remainder r = a − q₁·b exactly enough, q₂ = r/b.
        let q1 = a.hi / b.hi
        let r = a - b * DoubleDouble(q1)
        let q2 = r.hi / b.hi
        let r2 = r - b * DoubleDouble(q2)
        let q3 = r2.hi / b.hi
        return quickTwoSum(q1, q2) + DoubleDouble(q3)
    }

    /// √x for x ≥ 0, by one Newton step on the Double root (Karp & Markstein 1997).
    func squareRoot() -> DoubleDouble {
        guard hi > 0 else { return DoubleDouble(0) }
        let s = hi.squareRoot()
        let residual = self - DoubleDouble.twoProduct(s, s)
        return DoubleDouble.quickTwoSum(s, residual.hi / (2 * s))
    }
}
