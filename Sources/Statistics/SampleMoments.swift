/// Central moments of a sample, computed in two passes with blocked summation.
///
/// Pass 1 gives the mean; pass 2 sums (x − x̄)ᵏ for k = 2, 3, 4 in blocks of 1024 so the rounding
/// error grows like log(n) rather than n (relevant at n = 10⁸). The blocks are summed in parallel
/// and added in block order, so the result is the same for any thread count.
struct SampleMoments {
    let count: Int
    let mean: Double
    /// m_k = (1/n) Σ (x − x̄)ᵏ, the biased central moments.
    let m2: Double
    let m3: Double
    let m4: Double

    init(_ x: [Double]) {
        count = x.count
        let n = Double(x.count)
        let total = x.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let b = buffer
            return ParallelWork.blockedSum(b.count) { r in
                var block = 0.0
                for i in r { block += b[i] }
                return block
            }
        }
        let mean = total / n
        let sums = x.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let b = buffer
            return ParallelWork.blockedSum(b.count, SIMD4<Double>.zero) { r in
                var b2 = 0.0
                var b3 = 0.0
                var b4 = 0.0
                for i in r {
                    let d = b[i] - mean
                    let d2 = d * d
                    b2 += d2
                    b3 += d2 * d
                    b4 += d2 * d2
                }
                return SIMD4(b2, b3, b4, 0)
            }
        }
        self.mean = mean
        m2 = sums[0] / n
        m3 = sums[1] / n
        m4 = sums[2] / n
    }

    /// Σ (x − c)² with blocked summation, for the known-mean variance test.
    static func sumOfSquares(_ x: [Double], about c: Double) -> Double {
        x.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let b = buffer
            return ParallelWork.blockedSum(b.count) { r in
                var block = 0.0
                for i in r {
                    let d = b[i] - c
                    block += d * d
                }
                return block
            }
        }
    }
}
