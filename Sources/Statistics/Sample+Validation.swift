/// Input checks and conversions shared by every test.
enum Sample {
    /// Checks that `values` has at least `minimum` elements, all finite.
    ///
    /// - Throws: ``StatisticsError/emptySample(name:)``, ``StatisticsError/sampleTooSmall(name:minimum:actual:)``
    ///   or ``StatisticsError/nonFiniteValue(name:index:)`` (the first offending index).
    static func validate(_ values: [Double], name: String, minimum: Int = 1) throws(StatisticsError) {
        if values.isEmpty { throw .emptySample(name: name) }
        if values.count < minimum { throw .sampleTooSmall(name: name, minimum: minimum, actual: values.count) }
        let bad: Int? = values.withUnsafeBufferPointer { buffer in
            // Branch-free scan first (vectorizes, pieces in parallel); locate the index only on failure.
            nonisolated(unsafe) let b = buffer
            let pieces = ParallelWork.pieces(b.count)
            var finite = [Bool](repeating: true, count: pieces)
            finite.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let flags = out
                ParallelWork.forEachPiece(b.count) { r in
                    var allFinite = true
                    for i in r { allFinite = allFinite && b[i].isFinite }
                    flags[r.lowerBound / ParallelWork.piece] = allFinite
                }
            }
            if !finite.contains(false) { return nil }
            return buffer.firstIndex { !$0.isFinite }
        }
        if let bad { throw .nonFiniteValue(name: name, index: bad) }
    }

    /// Widens a Float sample to Double (exactly).
    static func widen(_ values: [Float]) -> [Double] {
        [Double](unsafeUninitializedCapacity: values.count) { out, initialized in
            values.withUnsafeBufferPointer { source in
                nonisolated(unsafe) let (s, o) = (source, out)
                ParallelWork.forEachPiece(s.count) { r in
                    for i in r { o[i] = Double(s[i]) }
                }
            }
            initialized = values.count
        }
    }

    /// Returns a sorted copy of validated (finite) values; see ``sortedFinite(_:)``.
    static func sorted(_ values: [Double]) -> [Double] {
        sortedFinite(values)
    }

    /// Checks a parameter, throwing ``StatisticsError/invalidParameter(name:value:expected:)``.
    static func require(
        _ condition: Bool, _ name: String, _ value: Double, expected: String
    ) throws(StatisticsError) {
        if !condition { throw .invalidParameter(name: name, value: value, expected: expected) }
    }

    /// Evaluates a user CDF and checks that it returned a probability.
    @inline(__always)
    static func cdfValue(_ cdf: (Double) -> Double, at x: Double) throws(StatisticsError) -> Double {
        let u = cdf(x)
        guard u >= 0, u <= 1 else {
            throw .invalidFunctionValue(name: "cdf", argument: x, value: u, expected: "a probability in [0, 1]")
        }
        return u
    }
}
