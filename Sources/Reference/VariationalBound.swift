import Foundation
import RealModule

/// How a loss is reduced over dimensions.
public enum LossReduction: String, Sendable, CaseIterable {
    /// The mean (diffusers, improved-diffusion's `mean_flat`, the DDPM code).
    case mean
    /// The sum (ermongroup/ddim).
    case sum
}

/// The terms of the variational bound of DDPM, Eq. 5 of Ho et al. 2020, in the 0-based index:
///
///     L = L_T + Σ_{t ≥ 1} L_{t−1} + L_0
///     L_T     = KL(q(x_{T−1} | x₀) ‖ N(0, I))                       (the prior term)
///     L_{t−1} = KL(q(x_{t−1} | xₜ, x₀) ‖ p_θ(x_{t−1} | xₜ)),  t = 1 … T − 1
///     L_0     = −log p_θ(x₀ | x₁),  the discretized Gaussian decoder at index 0
public enum VariationalBound {
    /// L_simple = ‖ε − ε̂‖², reduced by mean or sum   [Ho et al. 2020, Eq. 14].
    public static func simpleLoss(noise: [Double], predictedNoise: [Double], reduction: LossReduction = .mean) throws(ReferenceError) -> Double {
        try checkLength(predictedNoise, "predictedNoise", noise.count)
        try checkFinite(noise, "noise")
        try checkFinite(predictedNoise, "predictedNoise")
        guard !noise.isEmpty else { throw .missingInput("an empty noise array") }
        let sum = zip(noise, predictedNoise).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let loss = reduction == .mean ? sum / Double(noise.count) : sum
        try checkResult([loss], "loss")
        return loss
    }

    /// The KL divergence of two Gaussians, in nats, from means and log-variances.
    ///
    ///     KL(N(μ₁, σ₁²) ‖ N(μ₂, σ₂²)) = ½(−1 + log σ₂² − log σ₁² + σ₁²/σ₂² + (μ₁ − μ₂)²/σ₂²)
    ///
    /// improved-diffusion `normal_kl`. Written so, −1 − d + e^d (d = log σ₁² − log σ₂²) cancels
    /// when the variances are close: its value is d²/2 and the literal form leaves ε/d² of
    /// relative error. It is evaluated as e^d − 1 − d = Σ_{k ≥ 2} d^k/k! for |d| ≤ 1 (28 terms,
    /// the last below 1e−29) and as expm1(d) − d beyond, so the KL is a sum of two non-negative
    /// terms, accurate to a few ulps.
    public static func normalKL(mean1: Double, logVariance1: Double, mean2: Double, logVariance2: Double) -> Double {
        let d = logVariance1 - logVariance2
        let meanTerm = (mean1 - mean2) * (mean1 - mean2) * exp(-logVariance2)
        return 0.5 * (exponentialRemainder(d) + meanTerm)
    }

    /// e^d − 1 − d without cancellation (≥ 0 for every d).
    static func exponentialRemainder(_ d: Double) -> Double {
        guard abs(d) <= 1 else { return expm1(d) - d }
        var term = d * d / 2
        var sum = term
        for k in 3...30 {
            term *= d / Double(k)
            sum += term
        }
        return sum
    }

    /// ``normalKL(mean1:logVariance1:mean2:logVariance2:)`` elementwise.
    public static func normalKL(mean1: [Double], logVariance1: [Double], mean2: [Double], logVariance2: [Double]) throws(ReferenceError) -> [Double] {
        for (name, array) in [("logVar1", logVariance1), ("mean2", mean2), ("logVar2", logVariance2)] {
            try checkLength(array, name, mean1.count)
        }
        for (name, array) in [("mean1", mean1), ("logVar1", logVariance1), ("mean2", mean2), ("logVar2", logVariance2)] {
            try checkFinite(array, name)
        }
        let kl = mean1.indices.map { normalKL(mean1: mean1[$0], logVariance1: logVariance1[$0], mean2: mean2[$0], logVariance2: logVariance2[$0]) }
        try checkResult(kl, "kl")
        return kl
    }

    /// The decoder's log-likelihood of data on the 256-level grid of [−1, 1], in nats.
    ///
    ///     p(x | μ, σ) = ∫ over the bin δ(x) of N(y; μ, σ²) dy,  bins of width 2/255 centred on x,
    ///     the first bin open to −∞ (x = −1) and the last to +∞ (x = 1)   [Ho et al. 2020, Eq. 13]
    ///
    /// Evaluated with the exact normal CDF in the farther tail (``StandardNormal``), so it stays
    /// accurate where improved-diffusion's tanh approximation of Φ is off by orders of magnitude.
    public static func discretizedGaussianLogLikelihood(x: Double, mean: Double, logScale: Double) -> Double {
        let inverseScale = exp(-logScale)
        let upper = (x - mean + 1.0 / 255.0) * inverseScale
        let lower = (x - mean - 1.0 / 255.0) * inverseScale
        if x < -0.999 { return StandardNormal.logCDF(upper) }
        if x > 0.999 { return StandardNormal.logCDF(-lower) }
        return StandardNormal.logProbability(between: lower, and: upper)
    }

    /// ``discretizedGaussianLogLikelihood(x:mean:logScale:)`` elementwise.
    public static func discretizedGaussianLogLikelihood(x: [Double], mean: [Double], logScale: [Double]) throws(ReferenceError) -> [Double] {
        try checkLength(mean, "mean", x.count)
        try checkLength(logScale, "logScale", x.count)
        try checkFinite(x, "x")
        try checkFinite(mean, "mean")
        try checkFinite(logScale, "logScale")
        let logLikelihood = x.indices.map { discretizedGaussianLogLikelihood(x: x[$0], mean: mean[$0], logScale: logScale[$0]) }
        try checkResult(logLikelihood, "logLikelihood")
        return logLikelihood
    }

    /// L_T per dimension, in nats: KL(N(√ᾱ_{T−1}·x₀, 1 − ᾱ_{T−1}) ‖ N(0, 1)) for each element.
    /// Zero-terminal-SNR schedules make it exactly 0.
    public static func priorKL(x0: [Double], schedule: NoiseSchedule<Double>) throws(ReferenceError) -> [Double] {
        try checkFinite(x0, "x0")
        let last = schedule.count - 1
        let mean = schedule.marginalMeanCoefficient(at: last)
        let logVariance = log(schedule.marginalVariance(at: last))
        let kl = x0.map { normalKL(mean1: mean * $0, logVariance1: logVariance, mean2: 0, logVariance2: 0) }
        try checkResult(kl, "kl")
        return kl
    }

    /// One term of the bound, per element, in nats: L_{t−1} = KL(q(x_{t−1} | xₜ, x₀) ‖ N(μ_θ, σ_θ²))
    /// for t ≥ 1, and L_0 = −log p(x₀ | μ_θ, σ_θ) (the discretized decoder) for t = 0.
    ///
    /// The posterior log-variance at t ≥ 1 is log β̃ₜ (finite there).
    public static func term(
        at t: Int, x0: [Double], xt: [Double], modelMean: [Double], modelLogVariance: [Double], schedule: NoiseSchedule<Double>
    ) throws(ReferenceError) -> [Double] {
        try schedule.checkTimestep(t)
        try checkLength(xt, "xt", x0.count)
        try checkLength(modelMean, "modelMean", x0.count)
        try checkLength(modelLogVariance, "modelLogVariance", x0.count)
        try checkFinite(modelLogVariance, "modelLogVariance")
        if t == 0 {
            let logLikelihood = try discretizedGaussianLogLikelihood(x: x0, mean: modelMean, logScale: modelLogVariance.map { $0 / 2 })
            return logLikelihood.map { -$0 }
        }
        let trueMean = try schedule.posteriorMean(x0: x0, xt: xt, at: t)
        let trueLogVariance = try schedule.posteriorLogVariance(at: t)
        return try normalKL(
            mean1: trueMean, logVariance1: [Double](repeating: trueLogVariance, count: x0.count),
            mean2: modelMean, logVariance2: modelLogVariance
        )
    }

    /// The whole bound for one x₀, one draw of xₜ per term (improved-diffusion `calc_bpd_loop`).
    public struct Terms: Sendable {
        /// L_T per dimension (nats, averaged over dimensions).
        public var prior: Double
        /// L_{t−1} for t = 1 … T − 1 at index t, and L_0 at index 0 (nats, averaged over dimensions).
        public var terms: [Double]
        /// (L_T + Σ terms) / ln 2: the bound in bits per dimension.
        public var bitsPerDimension: Double {
            (prior + terms.reduce(0, +)) / log(2.0)
        }
    }

    /// The reverse model, given xₜ and t: its mean and log-variance per element.
    public typealias ReverseModel = (_ xt: [Double], _ t: Int) throws -> (mean: [Double], logVariance: [Double])

    /// Evaluates every term of the bound for x₀, drawing xₜ ~ q(xₜ | x₀) with `noise(t)`.
    public static func evaluate(
        x0: [Double], schedule: NoiseSchedule<Double>, noise: (Int) -> [Double], model: ReverseModel
    ) throws -> Terms {
        let prior = try priorKL(x0: x0, schedule: schedule)
        var terms: [Double] = []
        for t in 0..<schedule.count {
            let xt = try schedule.qSample(x0: x0, noise: noise(t), at: t)
            let (mean, logVariance) = try model(xt, t)
            let term = try term(at: t, x0: x0, xt: xt, modelMean: mean, modelLogVariance: logVariance, schedule: schedule)
            terms.append(term.reduce(0, +) / Double(x0.count))
        }
        return Terms(prior: prior.reduce(0, +) / Double(x0.count), terms: terms)
    }
}
