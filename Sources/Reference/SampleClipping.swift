import RealModule

/// How x̂₀ is kept in range before it is used.
public enum SampleClipping: Sendable, Equatable {
    /// x̂₀ as predicted.
    case none
    /// Clamp every element to [−range, range] (diffusers `clip_sample`, default range 1).
    case clip(range: Double)
    /// Dynamic thresholding [Saharia et al. 2022, §2.3]: s = the `ratio` quantile of |x̂₀|,
    /// s ← clamp(s, 1, maxValue), x̂₀ ← clamp(x̂₀, −s, s)/s (diffusers `thresholding`,
    /// defaults ratio 0.995 and `sample_max_value` 1). The quantile is taken over the whole array
    /// (one sample), with linear interpolation as `torch.quantile`.
    case dynamicThreshold(ratio: Double, maxValue: Double)

    func validate() throws(ReferenceError) {
        switch self {
        case .none: return
        case .clip(let range):
            guard range > 0, range.isFinite else {
                throw .invalidParameter(name: "clipSampleRange", value: range, expected: "a finite range > 0")
            }
        case let .dynamicThreshold(ratio, maxValue):
            guard ratio > 0, ratio <= 1 else {
                throw .invalidParameter(name: "dynamicThresholdingRatio", value: ratio, expected: "a quantile in (0, 1]")
            }
            guard maxValue >= 1, maxValue.isFinite else {
                throw .invalidParameter(name: "sampleMaxValue", value: maxValue, expected: "a finite value ≥ 1")
            }
        }
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
