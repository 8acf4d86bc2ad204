#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension KolmogorovDistribution {
    /// P(Dₙ < d) by the exact matrix method of Marsaglia, Tsang & Wang (2003), after Durbin (1973).
    ///
    /// With k = ⌊n·d⌋ + 1, m = 2k − 1 and h = k − n·d ∈ (0, 1], H is the m × m matrix
    ///
    ///     H[i][j] = 1/(i − j + 1)!   for i − j + 1 ≥ 0, else 0
    ///
    /// with its first column and last row corrected by −hⁱ⁺¹/(i+1)! and −h^{m−j}/(m−j)!, and
    /// H[m−1][0] += (2h − 1)₊ᵐ/m!. Then P(Dₙ < d) = n!/nⁿ · (Hⁿ)[k−1][k−1].
    ///
    /// Hⁿ is computed by binary powering with a separate base-2 exponent, so nothing overflows;
    /// cost O(m³ log n). Marsaglia's quick tail approximation is not used: the caller routes the
    /// tail to the exact Smirnov sum instead.
    static func marsagliaTsangWangCDF(_ d: Double, sampleSize n: Int) -> Double {
        let nd = Double(n)
        let k = Int((nd * d).rounded(.down)) + 1
        let m = 2 * k - 1
        let h = Double(k) - nd * d
        var hMatrix = [Double](repeating: 0, count: m * m)
        for i in 0..<m {
            for j in 0..<m where i - j + 1 >= 0 {
                hMatrix[i * m + j] = 1
            }
        }
        for i in 0..<m {
            hMatrix[i * m] -= pow(h, Double(i + 1))
            hMatrix[(m - 1) * m + i] -= pow(h, Double(m - i))
        }
        if 2 * h - 1 > 0 { hMatrix[(m - 1) * m] += pow(2 * h - 1, Double(m)) }
        for i in 0..<m {
            for j in 0..<m where i - j + 1 > 0 {
                var factorial = 1.0
                for g in 1...(i - j + 1) { factorial *= Double(g) }
                hMatrix[i * m + j] /= factorial
            }
        }
        var power = SquareMatrix(values: hMatrix, order: m)
        power.raise(toPower: n)
        var s = power.values[(k - 1) * m + (k - 1)]
        var exponent = power.exponent
        // Multiply by n!/nⁿ = Π i/n, rescaling by 2^±465 to stay in range.
        for i in 1...n {
            s = s * Double(i) / nd
            if s < 0x1p-465 {
                s *= 0x1p465
                exponent -= 465
            }
        }
        return scalbn(s, exponent)
    }
}

/// A dense square matrix with a separate power-of-two scale, value = values · 2^exponent.
struct SquareMatrix {
    var values: [Double]
    let order: Int
    var exponent = 0

    init(values: [Double], order: Int) {
        self.values = values
        self.order = order
    }

    /// Replaces self by selfⁿ (n ≥ 1) by binary powering, rescaling by exact powers of two.
    mutating func raise(toPower n: Int) {
        precondition(n >= 1)  // internal: callers pass n ≥ 1
        let base = self
        var result = base
        var bit = Int.bitWidth - n.leadingZeroBitCount - 2
        while bit >= 0 {
            result = result.multiplied(by: result)
            if (n >> bit) & 1 == 1 { result = result.multiplied(by: base) }
            result.renormalize()
            bit -= 1
        }
        self = result
    }

    /// Keeps the centre element near 1 by moving powers of two into `exponent` (exact).
    mutating func renormalize() {
        let centre = values[(order / 2) * order + (order / 2)]
        if centre > 0x1p465 || (centre > 0 && centre < 0x1p-465) {
            let shift = Int(ilogb(centre))
            let scale = scalbn(1.0, -shift)
            values.withUnsafeMutableBufferPointer { buffer in
                for i in buffer.indices { buffer[i] *= scale }
            }
            exponent += shift
        }
    }

    /// The product self · other, i-k-j loop order over contiguous rows (vectorizes).
    func multiplied(by other: SquareMatrix) -> SquareMatrix {
        let m = order
        var product = [Double](repeating: 0, count: m * m)
        values.withUnsafeBufferPointer { a in
            other.values.withUnsafeBufferPointer { b in
                product.withUnsafeMutableBufferPointer { c in
                    for i in 0..<m {
                        let row = i * m
                        for kk in 0..<m {
                            let aik = a[row + kk]
                            if aik == 0 { continue }
                            let bRow = kk * m
                            for j in 0..<m { c[row + j] += aik * b[bRow + j] }
                        }
                    }
                }
            }
        }
        var result = SquareMatrix(values: product, order: m)
        result.exponent = exponent + other.exponent
        return result
    }
}
