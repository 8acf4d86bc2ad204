#if arch(x86_64) && !os(Windows) && !os(Android)
import Optimized
import Reference

/// Optimized<Double> measured the same way: its own cosine betas and zero-SNR rescale, its
/// double-double tables, and its DDPM and DDIM kernels against the extended-precision oracle on
/// Optimized's own betas.
extension AccuracySurvey {
    /// Optimized's schedule for a family: the cosine betas and the rescale are its own; linear,
    /// scaled linear and sigmoid betas (NumPy's `linspace`, one line) are Reference's.
    static func optimizedSchedule(_ spec: ScheduleSpecification, rescale: Bool, referenceBase: NoiseSchedule<Double>) throws -> (OptimizedSchedule, exactBetas: [Extended]?) {
        let base = spec.kind == .cosine
            ? try OptimizedSchedule.cosine(timesteps: spec.timesteps, offset: spec.cosineS, maxBeta: spec.maxBeta)
            : try OptimizedSchedule(betas: referenceBase.betas)
        guard rescale else { return (base, spec.kind == .cosine ? ExactBetas.cosine(spec.timesteps, spec.cosineS, spec.maxBeta) : nil) }
        return (try base.rescaledToZeroTerminalSNR(), ExactBetas.rescaledToZeroTerminalSNR(ExtendedSchedule(betas: base.betas)))
    }

    mutating func surveyOptimized(_ o: OptimizedSchedule, exactBetas: [Extended]?, column: String, label: String) {
        if let exactBetas {
            for t in 0..<o.count where Self.points(o.count).contains(t) || o.count <= 50 {
                record("Optimized: β (cosine, zero-SNR rescale)", column, o.betas[t], exactBetas[t], "\(label) t=\(t)")
            }
        }
        let x = ExtendedSchedule(betas: o.betas)
        for t in Self.points(o.count) {
            let at = "\(label) t=\(t)"
            record("Optimized: ᾱ", column, o.alphaBars[t], x.alphaBars[t], at)
            record("Optimized: √ᾱ, √(1 − ᾱ)", column, o.sqrtAlphaBars[t], x.alphaBars[t].squareRoot(), at)
            record("Optimized: √ᾱ, √(1 − ᾱ)", column, o.sqrtOneMinusAlphaBars[t], x.oneMinusAlphaBars[t].squareRoot(), at)
            let p = x.posterior(at: t, previous: t - 1)
            record("Optimized: posterior coefficients, β̃", column, o.posteriorMeanCoefX0[t], p.meanCoefX0, at)
            record("Optimized: posterior coefficients, β̃", column, o.posteriorMeanCoefXt[t], p.meanCoefXt, at)
            if t > 0 {
                record("Optimized: posterior coefficients, β̃", column, o.posteriorVariance[t], p.variance, at)
                let log = Extended.log(p.variance)
                record("Optimized: log β̃", column, o.posteriorLogVarianceClipped[t], Measured(value: log, scale: max(1, abs(log))), at)
            }
            surveyOptimizedSteps(o, x, t, column, at)
        }
    }

    private mutating func surveyOptimizedSteps(_ o: OptimizedSchedule, _ x: ExtendedSchedule, _ t: Int, _ column: String, _ at: String) {
        let (xt, out, z) = (Self.samples, Self.outputs, Self.noises)
        for type in PredictionType.allCases where type != .epsilon || x.alphaBars[t] > 0 {
            let prediction = type
            for varianceType in VarianceType.allCases {
                let variances = varianceType == .learned ? Self.varianceOutputs.map { abs($0) / 10 + 1e-6 } : Self.varianceOutputs
                let options = DDPMOptions(predictionType: prediction, varianceType: varianceType)
                guard let r = try? o.ddpmStep(xt: xt, modelOutput: out, predictedVariance: variances, noise: .values(z), at: t, options: options) else { continue }
                for i in xt.indices {
                    let e = x.ddpmStep(xt: xt[i], output: out[i], variance: variances[i], noise: z[i], at: t, previous: t - 1,
                                       prediction: type, varianceType: varianceType, clip: nil)
                    record("Optimized: DDPM step", column, r.prev[i], e.prev, "\(at) \(type) \(varianceType)")
                }
            }
            for previous in Self.jumps(t) {
                for eta in [0, 0.5, 1] {
                    for setAlphaToOne in [true, false] {
                        let options = DDIMOptions(eta: eta, predictionType: prediction, setAlphaToOne: setAlphaToOne)
                        guard let r = try? o.ddimStep(xt: xt, modelOutput: out, noise: .values(z), at: t, prevT: previous, options: options) else { continue }
                        for i in xt.indices {
                            let e = x.ddimStep(xt: xt[i], output: out[i], noise: z[i], at: t, previous: previous, eta: eta, prediction: type,
                                               clip: nil, setAlphaToOne: setAlphaToOne, useClippedModelOutput: false)
                            record("Optimized: DDIM step", column, r.prev[i], e.prev, "\(at)→\(previous) η=\(eta) \(type)\(setAlphaToOne ? "" : " ᾱ₀")")
                        }
                    }
                }
            }
        }
    }
}
#endif
