import Foundation
import RealModule
import Reference
import Statistics

extension Gate {
    /// The expected variational bound per dimension, in nats, for Gaussian data N(m, s²), the
    /// optimal ε̂ and the reverse variances σₜ² = βₜ (fixedLarge), with a continuous Gaussian
    /// decoder N(x₀; μ_θ, β₀) at index 0 [Ho et al. 2020, Eq. 5]:
    ///
    ///     E L_T     = ½(−1 − log(1 − ᾱ) + (1 − ᾱ) + ᾱ(m² + s²)),  ᾱ = ᾱ_{T−1}
    ///     E L_{t−1} = ½(−1 + log βₜ − log β̃ₜ + β̃ₜ/βₜ + c₀ₜ²·Vₜ/βₜ),  t = 1 … T − 1
    ///     E L_0     = ½ log(2πβ₀) + V₀/(2β₀)
    ///
    /// with c₀ₜ the posterior mean's coefficient of x₀ (Eq. 7) and Vₜ = Var(x₀ | xₜ) =
    /// s²(1 − ᾱₜ)/(ᾱₜs² + 1 − ᾱₜ): the optimal x̂₀ is E[x₀ | xₜ], so μ̃ − μ_θ = c₀ₜ(x₀ − E[x₀ | xₜ]).
    public static func expectedBound(data: GaussianData, schedule: NoiseSchedule<Double>) throws -> Double {
        let last = schedule.count - 1
        let aT = schedule.alphaBars[last]
        var total = 0.5 * (-1 - log(1 - aT) + (1 - aT) + aT * (data.mean * data.mean + data.variance))
        for t in 1..<schedule.count {
            let p = try schedule.posterior(at: t)
            let beta = schedule.betas[t]
            let v = data.posteriorVarianceOfX0(alphaBar: schedule.alphaBars[t])
            total += 0.5 * (-1 + log(beta) - log(p.variance) + p.variance / beta + p.meanCoefX0 * p.meanCoefX0 * v / beta)
        }
        let beta0 = schedule.betas[0]
        total += 0.5 * log(2 * Double.pi * beta0) + data.posteriorVarianceOfX0(alphaBar: schedule.alphaBars[0]) / (2 * beta0)
        return total
    }

    /// (e) The bound: exact, E[L] ≥ H = ½·log(2πe·s²) (the bound is an upper bound on the
    /// cross-entropy, itself at least the entropy); statistical, a Monte Carlo estimate of L
    /// (x₀ from the independent generator, one xₜ = qSample(x₀, ε) per term with the sampler's
    /// noise, μ_θ from the sampler's DDPM step with zero noise) agrees with E[L] (t test).
    static var boundChecks: [Check] {
        [Check(name: "bound", plannedTests: 1, load: .run(steps: 1000)) { context in
            let schedule = context.schedule
            let data = context.data
            let steps = schedule.count
            let n = context.configuration.runSamples(steps: steps)
            let seed = context.configuration.derivedSeed("bound")
            let x0 = independentNormals(n, seed: seed &+ 1).map { data.mean + data.standardDeviation * $0 }
            let aT = schedule.alphaBars[steps - 1]
            var totals = x0.map { 0.5 * (-1 - log(1 - aT) + (1 - aT) + aT * $0 * $0) }
            for t in 0..<steps {
                let a = schedule.alphaBars[t]
                let p = try schedule.posterior(at: t)
                let beta = schedule.betas[t]
                let (slope, intercept) = data.optimalNoiseCoefficients(alphaBar: a)
                var first = 0
                while first < n {
                    let count = min(1 << 14, n - first)
                    let x = Array(x0[first..<first + count])
                    let noise = try context.sampler.doubleNoise(seed, t * n + first, count)
                    let xt = try context.sampler.qSample(x, noise, t)
                    let request = DDPMStepRequest(
                        xt: xt, predictedNoise: xt.map { slope * $0 + intercept }, predictedVariance: nil,
                        noise: [Double](repeating: 0, count: count), t: t, previous: t - 1, variance: .fixedLarge)
                    let modelMean = try context.sampler.ddpmStep(request)
                    for i in 0..<count {
                        if t == 0 {
                            let d = x[i] - modelMean[i]
                            totals[first + i] += 0.5 * log(2 * Double.pi * beta) + d * d / (2 * beta)
                        } else {
                            let d = p.meanCoefX0 * x[i] + p.meanCoefXt * xt[i] - modelMean[i]
                            totals[first + i] += 0.5 * (-1 + log(beta) - log(p.variance) + p.variance / beta + d * d / beta)
                        }
                    }
                    first += count
                }
            }
            let expected = try expectedBound(data: data, schedule: schedule)
            let test = try MomentTests.mean(totals, expectedMean: expected)
            let exact = ExactComparison(
                check: "bound",
                name: String(format: "max(0, H − E[L]): E[L] = %.6f, H = %.6f nats", expected, data.entropy),
                value: max(0, data.entropy - expected), tolerance: 0)
            return GateCheckOutcome(name: "bound", sampleSize: n, tests: labelled([test], "Monte Carlo vs E[L]"), exact: [exact])
        }]
    }
}
