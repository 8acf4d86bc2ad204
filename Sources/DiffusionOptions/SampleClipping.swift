/// How x̂₀ is kept in range before the step uses it.
public enum SampleClipping: Sendable, Equatable {
    /// x̂₀ as predicted.
    case none
    /// Clamp every element to [−range, range] (diffusers `clip_sample`, `clip_sample_range`,
    /// default 1).
    case clip(range: Double)
    /// Dynamic thresholding [Saharia et al. 2022, §2.3]: s = the `ratio` quantile of |x̂₀|,
    /// s ← clamp(s, 1, maxValue), x̂₀ ← clamp(x̂₀, −s, s)/s (diffusers `thresholding`,
    /// `dynamic_thresholding_ratio` default 0.995, `sample_max_value` default 1). The quantile is
    /// taken over the whole array (one sample), linearly interpolated as `torch.quantile` does.
    /// diffusers applies it instead of `clip_sample` when both are set.
    case dynamicThreshold(ratio: Double = 0.995, maxValue: Double = 1)

    /// diffusers' config keys mapped to one choice: thresholding wins over clipping, as in
    /// diffusers' `_threshold_sample` branch.
    public init(clipSample: Bool, clipSampleRange: Double = 1, thresholding: Bool = false,
                dynamicThresholdingRatio: Double = 0.995, sampleMaxValue: Double = 1) {
        if thresholding {
            self = .dynamicThreshold(ratio: dynamicThresholdingRatio, maxValue: sampleMaxValue)
        } else if clipSample {
            self = .clip(range: clipSampleRange)
        } else {
            self = .none
        }
    }

    /// The first parameter outside its meaningful range, or nil. A range ≤ 0 or ∞ would zero or
    /// not clamp x̂₀; a ratio outside (0, 1] is not a quantile; a maximum below 1 (or ∞) would
    /// scale x̂₀ up, not down. NaN fails every comparison and is refused too.
    public var problem: OptionProblem? {
        switch self {
        case .none:
            return nil
        case .clip(let range):
            guard range > 0, range.isFinite else {
                return OptionProblem(field: "clipSampleRange", value: range, expected: "a finite range > 0")
            }
            return nil
        case let .dynamicThreshold(ratio, maxValue):
            guard ratio > 0, ratio <= 1 else {
                return OptionProblem(field: "dynamicThresholdingRatio", value: ratio, expected: "a quantile in (0, 1]")
            }
            guard maxValue >= 1, maxValue.isFinite else {
                return OptionProblem(field: "sampleMaxValue", value: maxValue, expected: "a finite value ≥ 1")
            }
            return nil
        }
    }
}
