import RealModule
import Reference
import Statistics

extension Gate {
    /// The timesteps of the forward checks: small t (where ᾱ off by one index is visible in the
    /// conditional residual), the middle and the end.
    static let forwardTimesteps = [0, 1, 2, 10, 100, 500, 999]

    /// (b) Forward samples xₜ = qSample(x₀, ε) at chosen t, x₀ ~ N(m, s²) from the independent
    /// generator and ε from the sampler's noise source:
    /// - the residual (xₜ − √ᾱₜ·x₀)/√(1 − ᾱₜ) against N(0, 1) (KS, AD, mean, variance): the
    ///   conditional law q(xₜ | x₀), sensitive at every t;
    /// - xₜ against its marginal N(√ᾱ·m, ᾱ·s² + 1 − ᾱ) (KS);
    /// - xₜ against Reference's qSample driven by GSL on independent x₀ (two-sample KS).
    static var forwardChecks: [Check] {
        forwardTimesteps.map { t in
            let name = "forward.qSample t=\(t)"
            return Check(name: name, plannedTests: 6) { context in
                let n = context.configuration.conditionalSamples
                let seed = context.configuration.derivedSeed(name)
                let a = context.schedule.alphaBars[t]
                let data = context.data
                let x0 = independentNormals(n, seed: seed &+ 1).map { data.mean + data.standardDeviation * $0 }
                let xt = try chunked(n) { first, count in
                    let noise = try context.sampler.doubleNoise(seed, first, count)
                    return try context.sampler.qSample(Array(x0[first..<first + count]), noise, t)
                }
                let residual = zip(xt, x0).map { ($0 - a.squareRoot() * $1) / (1 - a).squareRoot() }
                var tests = labelled(try normalBattery(residual), "residual")
                let (mu, v) = data.marginal(alphaBar: a)
                let sortedXt = try SortedSample(xt)
                tests += labelled([try KolmogorovSmirnov.oneSample(sortedXt, against: try NormalDistribution(mean: mu, standardDeviation: v.squareRoot()))], "marginal")
                let m = context.configuration.referenceSamples(steps: 1)
                let referenceX0 = independentNormals(m, seed: seed &+ 2).map { data.mean + data.standardDeviation * $0 }
                let referenceXt = try context.schedule.qSample(x0: referenceX0, noise: independentNormals(m, seed: seed &+ 3), at: t)
                tests += labelled([try KolmogorovSmirnov.twoSample(sortedXt, try SortedSample(referenceXt))], "vs Reference")
                return GateCheckOutcome(name: name, sampleSize: n, tests: tests, exact: [])
            }
        }
    }

    /// The chain lengths of (c): t + 1 literal forward steps for t in this list.
    static let chainTimesteps = [0, 1, 9, 99, 999]

    /// (c) The literal chain x₀ → x₁ → … → xₜ of single steps q(xₖ | xₖ₋₁), each with fresh
    /// noise from the sampler, against the closed form q(xₜ | x₀):
    /// - the residual (xₜ − √ᾱₜ·x₀)/√(1 − ᾱₜ) against N(0, 1) (KS, AD, mean, variance);
    /// - the chain's xₜ against the sampler's own closed-form qSample (two-sample KS);
    /// - exact: the chain's mean coefficient and variance (recursion m ← √αₖ·m, v ← αₖ·v + βₖ)
    ///   against √ᾱₜ and 1 − ᾱₜ, relative tolerance 10⁻¹⁰ (1 − ᾱ₀ = β₀ = 10⁻⁴ carries a relative
    ///   rounding of 2⁻⁵³/10⁻⁴ ≈ 1.1·10⁻¹², and t + 1 steps add ~2⁻⁵³ each).
    static var chainChecks: [Check] {
        chainTimesteps.map { t in
            let name = "chain t=\(t)"
            return Check(name: name, plannedTests: 5, load: .run(steps: t + 1)) { context in
                let n = context.configuration.runSamples(steps: t + 1)
                let seed = context.configuration.derivedSeed(name)
                let a = context.schedule.alphaBars[t]
                let data = context.data
                let x0 = independentNormals(n, seed: seed &+ 1).map { data.mean + data.standardDeviation * $0 }
                let xt = try chunked(n) { first, count in
                    var x = Array(x0[first..<first + count])
                    for k in 0...t {
                        let noise = try context.sampler.doubleNoise(seed, k * n + first, count)
                        x = try context.sampler.forwardStep(x, noise, k)
                    }
                    return x
                }
                let residual = zip(xt, x0).map { ($0 - a.squareRoot() * $1) / (1 - a).squareRoot() }
                var tests = labelled(try normalBattery(residual), "residual")
                let closed = try chunked(n) { first, count in
                    let noise = try context.sampler.doubleNoise(seed &+ 7, first, count)
                    return try context.sampler.qSample(Array(x0[first..<first + count]), noise, t)
                }
                tests += labelled([try KolmogorovSmirnov.twoSample(xt, closed)], "vs qSample")
                let moments = try context.schedule.forwardChainMoments(through: t)
                let exact = [
                    ExactComparison(
                        check: name, name: "chain mean coefficient / √ᾱₜ − 1",
                        value: moments.meanCoefficient / a.squareRoot() - 1, tolerance: 1e-10),
                    ExactComparison(
                        check: name, name: "chain variance / (1 − ᾱₜ) − 1",
                        value: moments.variance / (1 - a) - 1, tolerance: 1e-10),
                ]
                return GateCheckOutcome(name: name, sampleSize: n, tests: tests, exact: exact)
            }
        }
    }
}
