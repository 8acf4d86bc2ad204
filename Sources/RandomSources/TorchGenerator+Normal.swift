extension TorchGenerator {
    /// `torch.randn(count)` (float32) from this generator, continuing its stream.
    ///
    /// - `count ≥ 16` (`normal_fill`): `count` float32 uniforms u are drawn first; then every
    ///   block of 16 is transformed in place by Box–Muller with u₁ = 1 − u[j] ∈ (0, 1],
    ///   u₂ = u[j + 8], j = 0 … 7:
    ///
    ///       r = √(−2 ln u₁),   θ = 2π·u₂,   out[j] = r cos θ,   out[j + 8] = r sin θ
    ///
    ///   in float32 by the kernel ``floatKernel``. When 16 does not divide `count`, 16 new
    ///   uniforms are drawn and the last 16 values are recomputed from them (the values
    ///   `count − 16 ..< 16·⌊count/16⌋` are overwritten).
    /// - `count < 16` (`normal_distribution<double>`, one value at a time): a cached value is
    ///   returned if the generator holds one; otherwise two float64 uniforms u₁, u₂ give
    ///   r = √(−2·log1p(−u₂)), θ = 2π·u₁, the value r cos θ, and r sin θ is cached. Values are
    ///   computed in double and rounded to float32.
    ///
    /// The cache survives `count ≥ 16` calls (which neither use nor clear it) and is cleared by
    /// ``manualSeed(_:)``.
    public mutating func randn(count: Int) throws(RandomSourceError) -> [Float] {
        try checkedCount(count)
        if count < 16 {
            var out = [Float]()
            out.reserveCapacity(count)
            for _ in 0..<count { out.append(Float(scalarNormal())) }
            return out
        }
        var data = [Float](repeating: 0, count: count)
        let kernel = floatKernel
        for i in 0..<count { data[i] = uniformFloat() }
        data.withUnsafeMutableBufferPointer { buffer in
            var i = 0
            while i + 16 <= count {
                Self.normalFill16(buffer, at: i, kernel: kernel)
                i += 16
            }
        }
        if count % 16 != 0 {
            for j in 0..<16 { data[count - 16 + j] = uniformFloat() }
            data.withUnsafeMutableBufferPointer { buffer in
                Self.normalFill16(buffer, at: count - 16, kernel: kernel)
            }
        }
        return data
    }

    /// `torch.randn(count, dtype=torch.float64)` from this generator, continuing its stream.
    ///
    /// The same two paths as ``randn(count:)``: for `count ≥ 16`, float64 uniforms (53 bits of
    /// `random64()` each) and the blockwise Box–Muller in double with the C library's `log`,
    /// `cos`, `sin`; for `count < 16`, the cached scalar `normal_distribution<double>`.
    public mutating func randnDouble(count: Int) throws(RandomSourceError) -> [Double] {
        try checkedCount(count)
        if count < 16 {
            var out = [Double]()
            out.reserveCapacity(count)
            for _ in 0..<count { out.append(scalarNormal()) }
            return out
        }
        var data = [Double](repeating: 0, count: count)
        for i in 0..<count { data[i] = uniformDouble() }
        data.withUnsafeMutableBufferPointer { buffer in
            var i = 0
            while i + 16 <= count {
                Self.normalFill16(buffer, at: i)
                i += 16
            }
        }
        if count % 16 != 0 {
            for j in 0..<16 { data[count - 16 + j] = uniformDouble() }
            data.withUnsafeMutableBufferPointer { buffer in
                Self.normalFill16(buffer, at: count - 16)
            }
        }
        return data
    }

    /// One draw of `at::normal_distribution<double>(0, 1)`, with the generator's cache.
    ///
    /// `+ 0` reproduces PyTorch's `value · std + mean` with std = 1, mean = 0, which turns a
    /// negative zero into +0.
    mutating func scalarNormal() -> Double {
        if let cached = cachedNormal {
            cachedNormal = nil
            return cached + 0
        }
        let u1 = uniformDouble()
        let u2 = uniformDouble()
        let r = (-2.0 * CMath.log1p(-u2)).squareRoot()
        let theta = Self.twoPiDouble * u1
        cachedNormal = r * CMath.sin(theta)
        return r * CMath.cos(theta) + 0
    }

    /// 2π in double (`c10::pi<double>` doubled, exact).
    static let twoPiDouble: Double = 2 * Double.pi
    /// 2π rounded to float (`_mm256_set1_ps(2.0f * c10::pi<double>)`).
    static let twoPiFloat = Float(2 * Double.pi)

    /// `NormalFill16<float>` on `buffer[offset ..< offset + 16]`.
    static func normalFill16(
        _ buffer: UnsafeMutableBufferPointer<Float>, at offset: Int, kernel: TorchNormalKernel
    ) {
        switch kernel {
        case .avx2:
            for j in offset..<(offset + 8) {
                let u1: Float = 1 - buffer[j]
                let u2 = buffer[j + 8]
                let radius = (-2 * AVXMathFun.log(u1)).squareRoot()
                let theta = twoPiFloat * u2
                let (s, c) = AVXMathFun.sinCos(theta)
                buffer[j] = radius * c + 0
                buffer[j + 8] = radius * s + 0
            }
        case .scalar:
            for j in offset..<(offset + 8) {
                let u1: Float = 1 - buffer[j]
                let u2 = buffer[j + 8]
                let radius = (-2 * CMath.log(u1)).squareRoot()
                let theta = Float(twoPiDouble * Double(u2))
                buffer[j] = radius * CMath.cos(theta) + 0
                buffer[j + 8] = radius * CMath.sin(theta) + 0
            }
        }
    }

    /// `NormalFill16<double>` on `buffer[offset ..< offset + 16]`.
    static func normalFill16(_ buffer: UnsafeMutableBufferPointer<Double>, at offset: Int) {
        for j in offset..<(offset + 8) {
            let u1 = 1 - buffer[j]
            let u2 = buffer[j + 8]
            let radius = (-2 * CMath.log(u1)).squareRoot()
            let theta = twoPiDouble * u2
            buffer[j] = radius * CMath.cos(theta) + 0
            buffer[j + 8] = radius * CMath.sin(theta) + 0
        }
    }
}
