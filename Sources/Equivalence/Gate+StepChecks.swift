import RealModule
import Reference
import Statistics

extension Gate {
    /// The (t, s) jumps of the DDPM step checks run for every variance type.
    static let ddpmAllTypePairs = [(1, 0), (500, 480)]
    /// Further jumps run for fixedSmall and fixedLarge.
    static let ddpmMorePairs = [(2, 1), (10, 9), (500, 499), (999, 998)]
    /// The jumps of the DDIM step checks: small t, a short jump, and long jumps where σ² is a
    /// large part of 1 − ᾱ_s (there η against η² changes the direction term visibly).
    static let ddimPairs = [(1, 0), (500, 480), (500, 100), (999, 99)]

    /// (b) Single DDPM and DDIM steps with the optimal ε̂ of the Gaussian data, xₜ drawn from
    /// q(xₜ) by the independent generator. Given xₜ the step's output is exactly N(μ(xₜ), σ²),
    /// with μ and σ computed here from the equations:
    /// - the residual (out − μ(xₜ))/σ against N(0, 1) (KS, AD, mean, variance);
    /// - the output against Reference's step driven by GSL on an independent xₜ (two-sample KS);
    /// - exact, where the step is deterministic (DDPM to s < 0, DDIM at η = 0):
    ///   max |out − μ| ≤ 10⁻¹⁰. Rounding: x̂₀ amplifies it by 1/√ᾱ ≤ 157, and 1 − ᾱ₀ = β₀ formed by
    ///   subtraction carries a relative 1.1·10⁻¹² that implementations with exact ᾱ tables do not
    ///   share: up to ~10⁻¹² (3·10⁻¹³ measured for Optimized at t = 0).
    static var stepChecks: [Check] {
        var checks: [Check] = []
        var ddpmRuns: [(SamplerVariance, Int, Int)] = []
        for variance in SamplerVariance.allCases {
            for (t, s) in ddpmAllTypePairs { ddpmRuns.append((variance, t, s)) }
            if variance == .fixedSmall || variance == .fixedLarge {
                for (t, s) in ddpmMorePairs { ddpmRuns.append((variance, t, s)) }
            }
        }
        for (variance, t, s) in ddpmRuns {
            let name = "ddpm.step \(variance.rawValue) t=\(t)→\(s)"
            checks.append(Check(name: name, plannedTests: 5) { context in
                try ddpmStepOutcome(name, variance: variance, t: t, s: s, context: context)
            })
        }
        checks.append(Check(name: "ddpm.step last t=0→−1", plannedTests: 0) { context in
            var exact: [ExactComparison] = []
            for variance in SamplerVariance.allCases {
                let outcome = try ddpmStepOutcome("ddpm.step last t=0→−1", variance: variance, t: 0, s: -1, context: context)
                exact += outcome.exact.map { var e = $0; e.name = "\(variance.rawValue): " + e.name; return e }
            }
            return GateCheckOutcome(name: "ddpm.step last t=0→−1", sampleSize: min(context.configuration.conditionalSamples, exactSampleLimit), tests: [], exact: exact)
        })
        for eta in [0.5, 1.0] {
            for (t, s) in ddimPairs {
                let name = "ddim.step η=\(eta) t=\(t)→\(s)"
                checks.append(Check(name: name, plannedTests: 5) { context in
                    try ddimStepOutcome(name, eta: eta, t: t, s: s, context: context)
                })
            }
        }
        checks.append(Check(name: "ddim.step η=0", plannedTests: 0) { context in
            var exact: [ExactComparison] = []
            for (t, s) in ddimPairs + [(99, -1)] {
                exact += try ddimStepOutcome("ddim.step η=0", eta: 0, t: t, s: s, context: context).exact
            }
            return GateCheckOutcome(name: "ddim.step η=0", sampleSize: min(context.configuration.conditionalSamples, exactSampleLimit), tests: [], exact: exact)
        })
        return checks
    }

    /// Deterministic comparisons need no more than this many inputs.
    static let exactSampleLimit = 100_000

    static func ddpmStepOutcome(_ name: String, variance: SamplerVariance, t: Int, s: Int, context: Context) throws -> GateCheckOutcome {
        let seed = context.configuration.derivedSeed(name + variance.rawValue)
        let schedule = context.schedule
        let a = schedule.alphaBars[t]
        let p = try schedule.posterior(at: t, previous: s)
        let sigma = s >= 0 ? variance.standardDeviation(posterior: p) : 0
        let n = sigma == 0 ? min(context.configuration.conditionalSamples, exactSampleLimit) : context.configuration.conditionalSamples
        let predicted = variance.predictedVariance(posterior: p)
        let (slope, intercept) = context.data.optimalNoiseCoefficients(alphaBar: a)
        func expectedMean(_ x: Double) -> Double {
            let eps = slope * x + intercept
            let x0 = (x - (1 - a).squareRoot() * eps) / a.squareRoot()
            return p.meanCoefX0 * x0 + p.meanCoefXt * x
        }
        func request(_ xt: [Double], _ noise: [Double]) -> DDPMStepRequest {
            DDPMStepRequest(
                xt: xt, predictedNoise: xt.map { slope * $0 + intercept },
                predictedVariance: predicted.map { [Double](repeating: $0, count: xt.count) },
                noise: noise, t: t, previous: s, variance: variance)
        }
        let xt = independentMarginal(n, data: context.data, alphaBar: a, seed: seed &+ 1)
        let out = try chunked(n) { first, count in
            let noise = try context.sampler.doubleNoise(seed, first, count)
            return try context.sampler.ddpmStep(request(Array(xt[first..<first + count]), noise))
        }
        let means = xt.map(expectedMean)
        if sigma == 0 {
            let worst = maxAbsoluteDifference(out, means)
            return GateCheckOutcome(name: name, sampleSize: n, tests: [], exact: [
                ExactComparison(check: name, name: "max |out − μ| (no noise)", value: worst, tolerance: 1e-10),
            ])
        }
        let residual = zip(out, means).map { ($0 - $1) / sigma }
        var tests = labelled(try normalBattery(residual), "residual")
        // Reference's step, driven by the independent generator on independent xₜ.
        let referenceXt = independentMarginal(context.configuration.referenceSamples(steps: 1), data: context.data, alphaBar: a, seed: seed &+ 2)
        var options = DDPMOptions(predictionType: .epsilon, varianceType: variance.varianceType)
        options.finalStepNoise = .neverOnLastStep
        let reference = try schedule.ddpmStep(
            sample: referenceXt, modelOutput: referenceXt.map { slope * $0 + intercept },
            predictedVariance: predicted.map { [Double](repeating: $0, count: referenceXt.count) },
            noise: independentNormals(referenceXt.count, seed: seed &+ 3), at: t, previous: s, options: options
        ).previous
        tests += labelled([try KolmogorovSmirnov.twoSample(out, reference)], "vs Reference")
        return GateCheckOutcome(name: name, sampleSize: n, tests: tests, exact: [])
    }

    static func ddimStepOutcome(_ name: String, eta: Double, t: Int, s: Int, context: Context) throws -> GateCheckOutcome {
        let n = eta == 0 ? min(context.configuration.conditionalSamples, exactSampleLimit) : context.configuration.conditionalSamples
        let seed = context.configuration.derivedSeed(name + "\(t)→\(s)")
        let schedule = context.schedule
        let a = schedule.alphaBars[t]
        let ap = schedule.ddimAlphaBar(at: s, setAlphaToOne: true)
        let variance = try schedule.ddimVariance(at: t, previous: s)
        let sigma = eta * variance.squareRoot()
        let direction = max(1 - ap - sigma * sigma, 0).squareRoot()
        let (slope, intercept) = context.data.optimalNoiseCoefficients(alphaBar: a)
        func expectedMean(_ x: Double) -> Double {
            let eps = slope * x + intercept
            let x0 = (x - (1 - a).squareRoot() * eps) / a.squareRoot()
            return ap.squareRoot() * x0 + direction * eps
        }
        func request(_ xt: [Double], _ noise: [Double]) -> DDIMStepRequest {
            DDIMStepRequest(xt: xt, predictedNoise: xt.map { slope * $0 + intercept }, noise: noise, t: t, previous: s, eta: eta)
        }
        let xt = independentMarginal(n, data: context.data, alphaBar: a, seed: seed &+ 1)
        let out = try chunked(n) { first, count in
            let noise = try context.sampler.doubleNoise(seed, first, count)
            return try context.sampler.ddimStep(request(Array(xt[first..<first + count]), noise))
        }
        let means = xt.map(expectedMean)
        if sigma == 0 {
            let worst = maxAbsoluteDifference(out, means)
            return GateCheckOutcome(name: name, sampleSize: n, tests: [], exact: [
                ExactComparison(check: name, name: "t=\(t)→\(s): max |out − μ| (η = 0)", value: worst, tolerance: 1e-10),
            ])
        }
        let residual = zip(out, means).map { ($0 - $1) / sigma }
        var tests = labelled(try normalBattery(residual), "residual")
        let referenceXt = independentMarginal(context.configuration.referenceSamples(steps: 1), data: context.data, alphaBar: a, seed: seed &+ 2)
        let reference = try schedule.ddimStep(
            sample: referenceXt, modelOutput: referenceXt.map { slope * $0 + intercept },
            noise: independentNormals(referenceXt.count, seed: seed &+ 3), at: t, previous: s,
            options: DDIMOptions(eta: eta, predictionType: .epsilon, setAlphaToOne: true)
        ).previous
        tests += labelled([try KolmogorovSmirnov.twoSample(out, reference)], "vs Reference")
        return GateCheckOutcome(name: name, sampleSize: n, tests: tests, exact: [])
    }
}
