import RealModule
import Reference

/// Literal one-line-per-equation DDPM and DDIM steps with a pluggable part, for the planted bugs.
enum LiteralSteps {
    /// x_s = μ̃(xₜ, x̂₀) + σ·z with x̂₀ = (xₜ − √(1 − ᾱₜ)·ε̂)/√ᾱₜ [Ho et al. 2020, Eqs. 7, 15];
    /// σ from `sigma`, noise only when s ≥ 0 unless `noiseOnLastStep`.
    static func ddpm(
        _ request: DDPMStepRequest, schedule: NoiseSchedule<Double>, noiseOnLastStep: Bool = false,
        sigma: (PosteriorCoefficients<Double>) -> Double
    ) throws -> [Double] {
        let p = try schedule.posterior(at: request.t, previous: request.previous)
        let a = p.alphaBar
        let addsNoise = request.previous >= 0 || noiseOnLastStep
        let s = addsNoise ? sigma(p) : 0
        return request.xt.indices.map { i in
            let x0 = (request.xt[i] - (1 - a).squareRoot() * request.predictedNoise[i]) / a.squareRoot()
            return p.meanCoefX0 * x0 + p.meanCoefXt * request.xt[i] + s * request.noise[i]
        }
    }

    /// x_s = √ᾱ_s·x̂₀ + √(1 − ᾱ_s − c·σ²)·ε̂ + η·σ·z with c = `directionVarianceScale`
    /// (η² is right) [Song et al. 2021, Eq. 12].
    static func ddim(_ request: DDIMStepRequest, schedule: NoiseSchedule<Double>, directionVarianceScale c: Double) throws -> [Double] {
        let a = schedule.alphaBars[request.t]
        let ap = schedule.ddimAlphaBar(at: request.previous, setAlphaToOne: true)
        let variance = try schedule.ddimVariance(at: request.t, previous: request.previous)
        let direction = max(1 - ap - c * variance, 0).squareRoot()
        let sigma = request.eta * variance.squareRoot()
        return request.xt.indices.map { i in
            let x0 = (request.xt[i] - (1 - a).squareRoot() * request.predictedNoise[i]) / a.squareRoot()
            let noise = request.eta > 0 ? sigma * request.noise[i] : 0
            return ap.squareRoot() * x0 + direction * request.predictedNoise[i] + noise
        }
    }
}
