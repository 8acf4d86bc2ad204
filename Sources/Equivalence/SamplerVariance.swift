import Foundation
import RealModule
import Optimized
import Reference

/// The reverse-step variances the gate runs, each with the model output it needs.
///
/// The two learned types get a fixed model output so that their σ is known:
/// `learned` predicts the variance (β̃ + β_eff)/2, `learnedRange` predicts v = 0 (σ² = √(β̃·β_eff),
/// the geometric mean, Nichol & Dhariwal 2021, Eq. 15).
public enum SamplerVariance: String, Sendable, CaseIterable {
    case fixedSmall, fixedSmallLog, fixedLarge, fixedLargeLog, learned, learnedRange

    /// The model's extra output for the step t → s (nil for the fixed types).
    public func predictedVariance(posterior p: PosteriorCoefficients<Double>) -> Double? {
        switch self {
        case .learned: return (p.variance + p.effectiveBeta) / 2
        case .learnedRange: return 0
        default: return nil
        }
    }

    /// σ of the step t → s (s ≥ 0: the step that lands before index 0 adds no noise).
    public func standardDeviation(posterior p: PosteriorCoefficients<Double>) -> Double {
        let floor = 1e-20
        switch self {
        case .fixedSmall: return max(p.variance, floor).squareRoot()
        case .fixedSmallLog: return exp(0.5 * log(max(p.variance, floor)))
        case .fixedLarge: return p.effectiveBeta.squareRoot()
        case .fixedLargeLog: return exp(0.5 * log(p.effectiveBeta))
        case .learned: return ((p.variance + p.effectiveBeta) / 2).squareRoot()
        case .learnedRange: return exp(0.5 * (0.5 * log(p.effectiveBeta) + 0.5 * log(max(p.variance, floor))))
        }
    }

    /// The variance type both implementations take for this one.
    var varianceType: VarianceType {
        switch self {
        case .fixedSmall: return .fixedSmall
        case .fixedSmallLog: return .fixedSmallLog
        case .fixedLarge: return .fixedLarge
        case .fixedLargeLog: return .fixedLargeLog
        case .learned: return .learned
        case .learnedRange: return .learnedRange
        }
    }
}
