extension PhiloxGaussian {
    /// Fills `buffer` with elements `startIndex ..< startIndex + buffer.count` of the Float
    /// standard normal stream for `seed` (the reference values of ``float(seed:index:)``).
    public static func fill(
        _ buffer: inout [Float], seed: UInt64, startIndex: Int
    ) throws(RandomSourceError) {
        try checkedRange(startIndex: startIndex, count: buffer.count)
        let key = Philox4x32x10.key(seed: seed)
        buffer.withUnsafeMutableBufferPointer { out in
            var i = 0
            while i < out.count {
                let element = startIndex + i
                let block = UInt64(element / 4)
                let w = Philox4x32x10.block(counter: counter(block: block), key: key)
                let a = boxMuller(Double(floatUniform(word: w[0])), Double(floatUniform(word: w[1])))
                let b = boxMuller(Double(floatUniform(word: w[2])), Double(floatUniform(word: w[3])))
                let values = SIMD4(Float(a.cos), Float(a.sin), Float(b.cos), Float(b.sin))
                var lane = element % 4
                while lane < 4 && i < out.count {
                    out[i] = values[lane]
                    lane += 1
                    i += 1
                }
            }
        }
    }

    /// Fills `buffer` with elements `startIndex ..< startIndex + buffer.count` of the Double
    /// standard normal stream for `seed` (the reference values of ``double(seed:index:)``).
    public static func fill(
        _ buffer: inout [Double], seed: UInt64, startIndex: Int
    ) throws(RandomSourceError) {
        try checkedRange(startIndex: startIndex, count: buffer.count)
        let key = Philox4x32x10.key(seed: seed)
        buffer.withUnsafeMutableBufferPointer { out in
            var i = 0
            while i < out.count {
                let element = startIndex + i
                let w = Philox4x32x10.block(counter: counter(block: UInt64(element / 2)), key: key)
                let z = boxMuller(doubleUniform(high: w[0], low: w[1]), doubleUniform(high: w[2], low: w[3]))
                if element % 2 == 0 {
                    out[i] = z.cos
                    i += 1
                    if i < out.count {
                        out[i] = z.sin
                        i += 1
                    }
                } else {
                    out[i] = z.sin
                    i += 1
                }
            }
        }
    }

    /// Fills `buffer` with elements `startIndex ..< startIndex + buffer.count` of the Float
    /// uniform stream for `seed` (values in (0, 1], exact).
    public static func fillUniform(
        _ buffer: inout [Float], seed: UInt64, startIndex: Int
    ) throws(RandomSourceError) {
        try checkedRange(startIndex: startIndex, count: buffer.count)
        let key = Philox4x32x10.key(seed: seed)
        buffer.withUnsafeMutableBufferPointer { out in
            var i = 0
            while i < out.count {
                let element = startIndex + i
                let w = Philox4x32x10.block(counter: counter(block: UInt64(element / 4)), key: key)
                var lane = element % 4
                while lane < 4 && i < out.count {
                    out[i] = floatUniform(word: w[lane])
                    lane += 1
                    i += 1
                }
            }
        }
    }

    /// Fills `buffer` with elements `startIndex ..< startIndex + buffer.count` of the Double
    /// uniform stream for `seed` (values in (0, 1], exact).
    public static func fillUniform(
        _ buffer: inout [Double], seed: UInt64, startIndex: Int
    ) throws(RandomSourceError) {
        try checkedRange(startIndex: startIndex, count: buffer.count)
        let key = Philox4x32x10.key(seed: seed)
        buffer.withUnsafeMutableBufferPointer { out in
            var i = 0
            while i < out.count {
                let element = startIndex + i
                let w = Philox4x32x10.block(counter: counter(block: UInt64(element / 2)), key: key)
                if element % 2 == 0 {
                    out[i] = doubleUniform(high: w[0], low: w[1])
                    i += 1
                    if i < out.count {
                        out[i] = doubleUniform(high: w[2], low: w[3])
                        i += 1
                    }
                } else {
                    out[i] = doubleUniform(high: w[2], low: w[3])
                    i += 1
                }
            }
        }
    }
}
