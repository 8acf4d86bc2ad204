#if arch(x86_64) && !os(Windows) && !os(Android)
import RealModule
import Reference

/// The remaining Reference functions: the single forward step and the chain's moments, L_simple
/// and the decoder's discretized Gaussian log-likelihood.
extension AccuracySurvey {
    mutating func surveyForwardChain(_ s: NoiseSchedule<Double>, _ x: ExtendedSchedule, column: String, label: String) {
        for t in Self.points(s.count) {
            let at = "\(label) t=\(t)"
            if let step = try? s.forwardStep(from: Self.samples, noise: Self.noises, at: t) {
                for i in step.indices {
                    let (p, q) = ((1 - x.betas[t]).squareRoot() * Extended(Self.samples[i]), x.betas[t].squareRoot() * Extended(Self.noises[i]))
                    record("forward step", column, step[i], Measured(value: p + q, scale: abs(p) + abs(q)), at)
                }
            }
            if let moments = try? s.forwardChainMoments(through: t) {
                record("chain moments (t + 1 literal steps)", column, moments.meanCoefficient, x.alphaBars[t].squareRoot(), at)
                record("chain moments (t + 1 literal steps)", column, moments.variance, x.oneMinusAlphaBars[t], at)
            }
        }
    }

    mutating func surveyBound() {
        for reduction in LossReduction.allCases {
            let loss = (try? VariationalBound.simpleLoss(noise: Self.noises, predictedNoise: Self.outputs.map { $0 / 3 }, reduction: reduction)) ?? .nan
            var sum: Extended = 0
            for (e, p) in zip(Self.noises, Self.outputs) {
                let d = Extended(e) - Extended(p / 3)
                sum += d * d
            }
            let exact = reduction == .mean ? sum / Extended(Self.noises.count) : sum
            record("L_simple", "bound", loss, Measured(value: exact, scale: exact), "\(reduction)")
        }
        let grid: [Double] = [-1, -1 + 2.0 / 255, -0.5 - 1.0 / 255, 1.0 / 255, 0.3 + 1.0 / 255 * 0.7, 1 - 2.0 / 255, 1]
        for x in grid {
            for mean in [-3.0, -1, 0, 0.2, 1, 5] {
                for logScale in [-10.0, -5, -2, 0, 3, 40] {
                    let got = VariationalBound.discretizedGaussianLogLikelihood(x: x, mean: mean, logScale: logScale)
                    let exact = extendedDecoderLogLikelihood(x: x, mean: mean, logScale: logScale)
                    record("decoder log-likelihood", "bound", got, Measured(value: exact, scale: abs(exact)), "x=\(x) μ=\(mean) log σ=\(logScale)")
                }
            }
        }
    }
}

/// log Φ(z) in extended precision: log(½·erfc(−z/√2)) while erfc is representable, the
/// asymptotic series −z²/2 − log(−z) − ½·log 2π + log(1 − 1/z² + 3/z⁴ − …) below z = −100
/// (24 terms; the next is below 1e−40 relative).
func extendedLogCDF(_ z: Extended) -> Extended {
    if z > 0 { return Extended.log(onePlus: -Extended.erfc(z / Extended(2).squareRoot()) / 2) }
    if z > -100 { return Extended.log(Extended.erfc(-z / Extended(2).squareRoot()) / 2) }
    let inverseSquare = 1 / (z * z)
    var term: Extended = 1, sum: Extended = 1
    for k in 1...24 {
        term *= -Extended(2 * k - 1) * inverseSquare
        sum += term
    }
    return -z * z / 2 - Extended.log(-z) - Extended.log(2 * Extended.pi) / 2 + Extended.log(sum)
}

/// The decoder's log-likelihood (Ho et al. 2020, Eq. 13) in extended precision from its inputs:
/// bins of width 2/255 around x, the edge bins open; the mass by erf where the bin straddles or
/// nears 0, by a difference of erfc in one tail (the probed bins lose at most 11 bits to it, which
/// Float80 has beyond Double), by log Φ for the edge bins.
func extendedDecoderLogLikelihood(x: Double, mean: Double, logScale: Double) -> Extended {
    let inverseScale = Extended.exp(-Extended(logScale))
    let centred = Extended(x) - Extended(mean)
    let upper = (centred + 1 / Extended(255)) * inverseScale
    let lower = (centred - 1 / Extended(255)) * inverseScale
    if x < -0.999 { return extendedLogCDF(upper) }
    if x > 0.999 { return extendedLogCDF(-lower) }
    let root2 = Extended(2).squareRoot()
    var (a, b) = (lower, upper)
    if a > 0 { (a, b) = (-b, -a) }
    if b >= 0 { return Extended.log((Extended.erf(b / root2) + Extended.erf(-a / root2)) / 2) }
    // Near 0, Φ(b) − Φ(a) as a difference of erf (erf(z) ≈ 2z/√π keeps the digits of a narrow
    // bin, which 1 − erfc loses); further out a difference of erfc.
    if a > -1 { return Extended.log((Extended.erf(-a / root2) - Extended.erf(-b / root2)) / 2) }
    if a > -100 {
        return Extended.log((Extended.erfc(-b / root2) - Extended.erfc(-a / root2)) / 2)
    }
    let (logUpper, logLower) = (extendedLogCDF(b), extendedLogCDF(a))
    return logUpper + Extended.log(-Extended.expMinusOne(logLower - logUpper))
}
#endif
