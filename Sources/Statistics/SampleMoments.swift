/// Central moments of a sample, computed in two passes with blocked summation.
///
/// Pass 1 gives the mean; pass 2 sums (x − x̄)ᵏ for k = 2, 3, 4 in blocks of 1024 so the rounding
/// error grows like log(n) rather than n (relevant at n = 10⁸).
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
        let blockSize = 1024
        var total = 0.0
        x.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                let end = min(start + blockSize, buffer.count)
                var block = 0.0
                for i in start..<end { block += buffer[i] }
                total += block
                start = end
            }
        }
        let mean = total / n
        var s2 = 0.0
        var s3 = 0.0
        var s4 = 0.0
        x.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                let end = min(start + blockSize, buffer.count)
                var b2 = 0.0
                var b3 = 0.0
                var b4 = 0.0
                for i in start..<end {
                    let d = buffer[i] - mean
                    let d2 = d * d
                    b2 += d2
                    b3 += d2 * d
                    b4 += d2 * d2
                }
                s2 += b2
                s3 += b3
                s4 += b4
                start = end
            }
        }
        self.mean = mean
        m2 = s2 / n
        m3 = s3 / n
        m4 = s4 / n
    }

    /// Σ (x − c)² with blocked summation, for the known-mean variance test.
    static func sumOfSquares(_ x: [Double], about c: Double) -> Double {
        var total = 0.0
        x.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                let end = min(start + 1024, buffer.count)
                var block = 0.0
                for i in start..<end {
                    let d = buffer[i] - c
                    block += d * d
                }
                total += block
                start = end
            }
        }
        return total
    }
}
