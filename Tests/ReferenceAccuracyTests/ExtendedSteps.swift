#if arch(x86_64) && !os(Windows) && !os(Android)
import RealModule
import Reference

/// An extended-precision value with the magnitude of the terms it was formed from: the scale
/// against which a Double evaluation's rounding is measured (a sum of terms of size S cannot be
/// computed to better than a few ε·S, whatever its value).
struct Measured {
    var value: Extended
    var scale: Extended
}

/// The sampler's equations in extended precision, elementwise, on a schedule's exact coefficients.
/// Options as Reference's defaults: a learned variance is a variance, log β̃ at t = 0 is floored at
/// 1e−20, fixed-large at t = 0 is β₀, noise is added when t > 0.
extension ExtendedSchedule {
    func sqrtAlphaBar(_ t: Int) -> Extended { alphaBars[t].squareRoot() }
    func sqrtOneMinus(_ t: Int) -> Extended { oneMinusAlphaBars[t].squareRoot() }

    /// (x̂₀, ε̂) from a model output, Ho et al. 2020 Eq. 15 and Salimans & Ho 2022.
    func interpret(_ output: Double, _ type: PredictionType, sample xt: Double, at t: Int) -> (x0: Measured, eps: Measured) {
        let (o, x) = (Extended(output), Extended(xt))
        let (a, b) = (sqrtAlphaBar(t), sqrtOneMinus(t))
        switch type {
        case .epsilon:
            return (Measured(value: (x - b * o) / a, scale: (abs(x) + b * abs(o)) / a), Measured(value: o, scale: abs(o)))
        case .sample:
            return (Measured(value: o, scale: abs(o)), Measured(value: (x - a * o) / b, scale: (abs(x) + a * abs(o)) / b))
        case .vPrediction:
            return (Measured(value: a * x - b * o, scale: a * abs(x) + b * abs(o)),
                    Measured(value: a * o + b * x, scale: a * abs(o) + b * abs(x)))
        }
    }

    func qSample(x0: Double, noise: Double, at t: Int) -> Measured {
        let (p, q) = (sqrtAlphaBar(t) * Extended(x0), sqrtOneMinus(t) * Extended(noise))
        return Measured(value: p + q, scale: abs(p) + abs(q))
    }

    func velocity(x0: Double, noise: Double, at t: Int) -> Measured {
        let (p, q) = (sqrtAlphaBar(t) * Extended(noise), sqrtOneMinus(t) * Extended(x0))
        return Measured(value: p - q, scale: abs(p) + abs(q))
    }

    /// One DDPM step (Ho et al. 2020, Alg. 2) for one element; nil where no noise is added.
    func ddpmStep(xt: Double, output: Double, variance v: Double?, noise: Double, at t: Int, previous s: Int,
                  prediction: PredictionType, varianceType: VarianceType, clip: Double?) -> (prev: Measured, x0: Measured) {
        let p = posterior(at: t, previous: s)
        var x0 = interpret(output, prediction, sample: xt, at: t).x0
        if let clip { x0.value = min(max(x0.value, -Extended(clip)), Extended(clip)) }
        let c0 = p.meanCoefX0 * x0.value, ct = p.meanCoefXt * Extended(xt)
        var prev = Measured(value: c0 + ct, scale: p.meanCoefX0 * x0.scale + abs(ct))
        if t > 0 {
            let floor = Extended(1e-20 as Double)
            let smallLog = Extended.log(max(p.variance, floor))
            var logScale: Extended = 0
            let sigma: Extended
            switch varianceType {
            case .fixedSmall: sigma = max(p.variance, floor).squareRoot()
            case .fixedSmallLog: sigma = Extended.exp(smallLog / 2); logScale = abs(smallLog)
            case .fixedLarge: sigma = p.effectiveBeta.squareRoot()
            case .fixedLargeLog: sigma = p.effectiveBeta.squareRoot(); logScale = abs(Extended.log(p.effectiveBeta))
            case .learned: sigma = Extended(v ?? 0).squareRoot()
            case .learnedRange:
                let frac = (Extended(v ?? 0) + 1) / 2
                let large = Extended.log(p.effectiveBeta)
                sigma = Extended.exp((frac * large + (1 - frac) * smallLog) / 2)
                logScale = abs(frac * large) + abs((1 - frac) * smallLog) + abs(large) + abs(smallLog)
            }
            let term = sigma * Extended(noise)
            prev = Measured(value: prev.value + term, scale: prev.scale + abs(term) * max(1, logScale))
        }
        return (prev, x0)
    }

    /// One DDIM step (Song et al. 2021, Eq. 12) for one element.
    func ddimStep(xt: Double, output: Double, noise: Double, at t: Int, previous s: Int, eta: Double,
                  prediction: PredictionType, clip: Double?, setAlphaToOne: Bool, useClippedModelOutput: Bool) -> (prev: Measured, x0: Measured) {
        let target = s >= 0 ? s : (setAlphaToOne ? -1 : 0)
        var (x0, eps) = interpret(output, prediction, sample: xt, at: t)
        if let clip { x0.value = min(max(x0.value, -Extended(clip)), Extended(clip)) }
        if useClippedModelOutput {
            let (a, b) = (sqrtAlphaBar(t), sqrtOneMinus(t))
            eps = Measured(value: (Extended(xt) - a * x0.value) / b, scale: (abs(Extended(xt)) + a * x0.scale) / b)
        }
        let e = Extended(eta)
        let sigma = e * ddimVariance(at: t, target: target).squareRoot()
        let direction = ddimDirectionVariance(at: t, target: target, eta: e).squareRoot()
        let signal = alphaBar(target).squareRoot()
        var prev = Measured(value: signal * x0.value + direction * eps.value, scale: signal * x0.scale + direction * eps.scale)
        if eta > 0 {
            let term = sigma * Extended(noise)
            prev = Measured(value: prev.value + term, scale: prev.scale + abs(term))
        }
        return (prev, x0)
    }

    /// DDIM inversion (Song et al. 2021, Eq. 13) for one element.
    func ddimInversion(xt: Double, output: Double, at t: Int, next: Int, prediction: PredictionType) -> Measured {
        let (x0, eps) = interpret(output, prediction, sample: xt, at: t)
        let (a, b) = (sqrtAlphaBar(next), sqrtOneMinus(next))
        return Measured(value: a * x0.value + b * eps.value, scale: a * x0.scale + b * eps.scale)
    }
}

/// KL(N(μ₁, e^{l₁}) ‖ N(μ₂, e^{l₂})) in extended precision, with e^d − 1 − d by its series near 0.
/// Scale: the KL plus the rounding of d = l₁ − l₂ and of l₂ carried through e^d and e^{−l₂}.
func extendedNormalKL(_ m1: Double, _ l1: Double, _ m2: Double, _ l2: Double) -> Measured {
    let d = Extended(l1) - Extended(l2)
    var remainder: Extended
    if abs(d) <= 1 {
        var term = d * d / 2
        remainder = term
        for k in 3...40 {
            term *= d / Extended(k)
            remainder += term
        }
    } else {
        remainder = Extended.exp(d) - 1 - d
    }
    let meanTerm = (Extended(m1) - Extended(m2)) * (Extended(m1) - Extended(m2)) * Extended.exp(-Extended(l2))
    let kl = (remainder + meanTerm) / 2
    let inputs = abs(Extended(l1)) + abs(Extended(l2))
    return Measured(value: kl, scale: kl + inputs * (Extended.exp(d) + 1) / 2 + meanTerm * (1 + abs(Extended(l2))))
}
#endif
