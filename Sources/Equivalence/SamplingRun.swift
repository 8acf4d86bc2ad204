import Foundation
import RealModule
import Reference

/// A whole sampling run: a sampler, its descending timesteps, and its variance or η.
public struct SamplingRun: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case ddpm(SamplerVariance)
        case ddim(eta: Double)
    }

    public var kind: Kind
    /// Descending timesteps; each step goes to the next one (−1 after the last).
    public var timesteps: [Int]
    /// How the timesteps were chosen, for the name.
    public var spacing: String

    public var name: String {
        switch kind {
        case let .ddpm(variance): return "DDPM \(variance.rawValue) \(spacing) N=\(timesteps.count)"
        case let .ddim(eta): return "DDIM η=\(eta) \(spacing) N=\(timesteps.count)"
        }
    }

    /// The exact law of the output for Gaussian data N(m, s²) and the optimal ε̂, starting from
    /// x ~ N(0, 1) at the first timestep (field notes §5).
    ///
    /// Every step is linear-Gaussian: ε̂ = e·x + f, x̂₀ = (x − √(1−ᾱₜ)·ε̂)/√ᾱₜ, and the step is
    /// x_s = A·x + B + σ·z, so mean and variance follow μ ← A·μ + B, v ← A²·v + σ²:
    /// - DDPM: A·x + B = meanCoefX0·x̂₀ + meanCoefXt·x (posterior of the jump t → s), σ of the
    ///   variance type when s ≥ 0, else 0 [Ho et al. 2020, Eq. 7, Alg. 2];
    /// - DDIM: A·x + B = √ᾱ_s·x̂₀ + √(1 − ᾱ_s − η²σ²ₜₛ)·ε̂, σ = η·σₜₛ [Song et al. 2021, Eq. 12].
    public func exactOutput(data: GaussianData, schedule: NoiseSchedule<Double>) throws -> (mean: Double, variance: Double) {
        var mean = 0.0
        var variance = 1.0
        for (k, t) in timesteps.enumerated() {
            let s = Gate.previous(timesteps, k)
            let a = schedule.alphaBars[t]
            let (e, f) = data.optimalNoiseCoefficients(alphaBar: a)
            // x̂₀ = c·x + d.
            let c = (1 - (1 - a).squareRoot() * e) / a.squareRoot()
            let d = -(1 - a).squareRoot() * f / a.squareRoot()
            let slope: Double
            let offset: Double
            let sigma: Double
            switch kind {
            case let .ddpm(type):
                let p = try schedule.posterior(at: t, previous: s)
                slope = p.meanCoefX0 * c + p.meanCoefXt
                offset = p.meanCoefX0 * d
                sigma = s >= 0 ? type.standardDeviation(posterior: p) : 0
            case let .ddim(eta):
                let ap = schedule.ddimAlphaBar(at: s, setAlphaToOne: true)
                let sd = eta * (try schedule.ddimVariance(at: t, previous: s)).squareRoot()
                let direction = max(1 - ap - sd * sd, 0).squareRoot()
                slope = ap.squareRoot() * c + direction * e
                offset = ap.squareRoot() * d + direction * f
                sigma = sd
            }
            mean = slope * mean + offset
            variance = slope * slope * variance + sigma * sigma
        }
        return (mean, variance)
    }

    /// KL(N(μ, v) ‖ N(m, s²)) in nats: how far the exact output is from the data, the
    /// sampler's discretisation error.
    public func discretisationError(data: GaussianData, schedule: NoiseSchedule<Double>) throws -> Double {
        let (mu, v) = try exactOutput(data: data, schedule: schedule)
        let s2 = data.variance
        return 0.5 * (-1 + log(s2) - log(v) + v / s2 + (mu - data.mean) * (mu - data.mean) / s2)
    }

    /// Runs the sampler on `count` chains in chunks: x starts as `noise(0, first, count)` and
    /// step k uses `noise(k + 1, first, count)`; ε̂ = `predictor(ᾱₜ)(x)`.
    func sample(
        count: Int, predictor: (Double) -> (Double) -> Double, schedule: NoiseSchedule<Double>,
        noise: (Int, Int, Int) throws -> [Double],
        ddpm: (DDPMStepRequest) throws -> [Double], ddim: (DDIMStepRequest) throws -> [Double]
    ) throws -> [Double] {
        try Gate.chunked(count, chunk: 1 << 14) { first, n in
            var x = try noise(0, first, n)
            for (k, t) in timesteps.enumerated() {
                let s = Gate.previous(timesteps, k)
                let a = schedule.alphaBars[t]
                let eps = x.map(predictor(a))
                let z = try noise(k + 1, first, n)
                switch kind {
                case let .ddpm(type):
                    let p = try schedule.posterior(at: t, previous: s)
                    let predicted = type.predictedVariance(posterior: p).map { [Double](repeating: $0, count: n) }
                    x = try ddpm(DDPMStepRequest(xt: x, predictedNoise: eps, predictedVariance: predicted, noise: z, t: t, previous: s, variance: type))
                case let .ddim(eta):
                    x = try ddim(DDIMStepRequest(xt: x, predictedNoise: eps, noise: z, t: t, previous: s, eta: eta))
                }
            }
            return x
        }
    }
}
