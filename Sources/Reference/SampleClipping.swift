import RealModule

extension SampleClipping {
    func validate() throws(ReferenceError) {
        if let problem { throw .invalidParameter(name: problem.field, value: problem.value, expected: problem.expected) }
    }

    /// Applies the clipping to x̂₀.
    public func apply<Scalar: Real & BinaryFloatingPoint>(to x0: [Scalar]) -> [Scalar] {
        switch self {
        case .none:
            return x0
        case .clip(let range):
            let r = Scalar(range)
            return x0.map { min(max($0, -r), r) }
        case let .dynamicThreshold(ratio, maxValue):
            guard !x0.isEmpty else { return x0 }
            let s = min(max(linearQuantile(x0.map { abs($0) }, ratio), 1), Scalar(maxValue))
            return x0.map { min(max($0, -s), s) / s }
        }
    }
}

/// The q-quantile with linear interpolation between order statistics (NumPy's and PyTorch's
/// default): position h = (n − 1)·q, value x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎).
func linearQuantile<Scalar: BinaryFloatingPoint>(_ values: [Scalar], _ q: Double) -> Scalar {
    let sorted = values.sorted()
    let h = Double(sorted.count - 1) * q
    let lower = Int(h.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    return sorted[lower] + Scalar(h - Double(lower)) * (sorted[upper] - sorted[lower])
}
