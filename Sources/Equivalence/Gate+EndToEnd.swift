import Foundation
import RealModule
import Reference
import Statistics

extension Gate {
    static func makeRun(_ kind: SamplingRun.Kind, steps: Int, spacing: TimestepSpacing) -> SamplingRun {
        let timesteps = steps == 1000 ? Array((0..<1000).reversed())
            : ((try? Timesteps.make(count: steps, trainingSteps: 1000, spacing: spacing)) ?? [])
        return SamplingRun(kind: kind, timesteps: timesteps, spacing: steps == 1000 ? "full" : spacing.rawValue)
    }

    /// The whole runs of (d) on Gaussian data. Trailing spacing (999, 899, …, 99) makes the last
    /// DDPM step a long jump to "before index 0", where noise must not be added.
    static var gaussianRuns: [SamplingRun] {
        var runs: [SamplingRun] = [
            makeRun(.ddpm(.fixedSmall), steps: 1000, spacing: .linspace),
            makeRun(.ddpm(.fixedLarge), steps: 1000, spacing: .linspace),
        ]
        for type in [SamplerVariance.fixedSmallLog, .fixedLargeLog, .learned, .learnedRange] {
            runs.append(makeRun(.ddpm(type), steps: 50, spacing: .trailing))
        }
        runs.append(makeRun(.ddpm(.fixedSmall), steps: 10, spacing: .trailing))
        runs.append(makeRun(.ddpm(.fixedLarge), steps: 10, spacing: .trailing))
        for steps in [10, 50] {
            for eta in [0.0, 0.5, 1.0] {
                runs.append(makeRun(.ddim(eta: eta), steps: steps, spacing: .linspace))
            }
        }
        return runs
    }

    /// The runs also compared with Reference driven by the independent generator.
    static func comparedWithReference(_ run: SamplingRun) -> Bool {
        run.timesteps.count == 10 && (run.kind == .ddpm(.fixedLarge) || run.kind == .ddim(eta: 0.5))
    }

    /// The largest KL(exact output ‖ data) accepted for the 1000-step DDPM runs: 10⁻⁴ nats.
    /// Their discretisation errors are 6.1·10⁻⁵ (fixedSmall) and 2.3·10⁻⁶ (fixedLarge) nats,
    /// recomputed with NumPy from the same recursion.
    public static let fullRunDiscretisationBound = 1e-4

    /// At most this many samples go into the one-sample tests of the mixture against its own
    /// CDF: the 1000-step DDPM run has a discretisation error of its own, which that test must not
    /// see (a NumPy run of 4·10⁶ chains gave a KS distance D far below the test's resolution here).
    public static let mixtureOneSampleLimit = 200_000

    /// (d) End to end: each run of ``gaussianRuns`` with the optimal ε̂ for N(0.5, 0.5²), from
    /// x ~ N(0, 1) of the sampler's noise source:
    /// - the output against the exact Gaussian of the run (``SamplingRun/exactOutput(data:schedule:)``):
    ///   KS, AD, mean, variance; the discretisation error is in that Gaussian, not in the test;
    /// - exact, for the 1000-step runs: KL(exact ‖ data) ≤ ``fullRunDiscretisationBound``;
    /// - for two short runs, the output against Reference's run with GSL noise (two-sample KS).
    ///
    /// The mixture runs use the posterior-weighted optimal ε̂: DDPM fixedLarge with 1000 steps
    /// against the mixture's CDF (KS, AD), and two 50-step runs (DDPM fixedLarge trailing, DDIM
    /// η = 0.5), whose discretisation error is visible, against Reference's run (two-sample KS).
    static var endToEndChecks: [Check] {
        var checks = gaussianRuns.map { run in
            let name = "run \(run.name)"
            return Check(name: name, plannedTests: comparedWithReference(run) ? 5 : 4, load: .run(steps: run.timesteps.count)) { context in
                let n = context.configuration.runSamples(steps: run.timesteps.count)
                let seed = context.configuration.derivedSeed(name)
                let data = context.data
                let out = try run.sample(
                    count: n, predictor: data.optimalNoisePredictor, schedule: context.schedule,
                    noise: { k, first, count in try context.sampler.doubleNoise(seed, k * n + first, count) },
                    ddpm: context.sampler.ddpmStep, ddim: context.sampler.ddimStep)
                let (mu, v) = try run.exactOutput(data: data, schedule: context.schedule)
                let battery = try sortedNormalBattery(out, mean: mu, standardDeviation: v.squareRoot())
                var tests = labelled(battery.results, "vs exact")
                if comparedWithReference(run) {
                    let reference = try referenceRun(run, count: context.configuration.referenceSamples(steps: run.timesteps.count), predictor: data.optimalNoisePredictor, seed: seed, context: context)
                    tests += labelled([try KolmogorovSmirnov.twoSample(battery.sorted, try SortedSample(reference))], "vs Reference")
                }
                var exact: [ExactComparison] = []
                if run.timesteps.count == 1000 {
                    exact.append(ExactComparison(
                        check: name, name: "KL(exact output ‖ data), nats",
                        value: try run.discretisationError(data: data, schedule: context.schedule),
                        tolerance: fullRunDiscretisationBound))
                }
                return GateCheckOutcome(name: name, sampleSize: n, tests: tests, exact: exact)
            }
        }
        for run in [
            makeRun(.ddpm(.fixedLarge), steps: 1000, spacing: .linspace), makeRun(.ddpm(.fixedLarge), steps: 50, spacing: .trailing),
            makeRun(.ddim(eta: 0.5), steps: 50, spacing: .linspace),
        ] {
            let name = "mixture \(run.name)"
            let full = run.timesteps.count == 1000
            checks.append(Check(name: name, plannedTests: full ? 2 : 1, load: .run(steps: run.timesteps.count)) { context in
                let n = context.configuration.runSamples(steps: run.timesteps.count)
                let seed = context.configuration.derivedSeed(name)
                let mixture = context.mixture
                let out = try run.sample(
                    count: n, predictor: mixture.optimalNoisePredictor, schedule: context.schedule,
                    noise: { k, first, count in try context.sampler.doubleNoise(seed, k * n + first, count) },
                    ddpm: context.sampler.ddpmStep, ddim: context.sampler.ddimStep)
                var tests: [HypothesisTestResult] = []
                if full {
                    let head = Array(out.prefix(mixtureOneSampleLimit))
                    tests += labelled([
                        try KolmogorovSmirnov.oneSample(head, cdf: mixture.cdf),
                        try AndersonDarling.test(head, cdf: mixture.cdf, survival: mixture.survival),
                    ], "vs mixture CDF")
                }
                if !full {
                    let reference = try referenceRun(run, count: context.configuration.referenceSamples(steps: run.timesteps.count), predictor: mixture.optimalNoisePredictor, seed: seed, context: context)
                    tests += labelled([try KolmogorovSmirnov.twoSample(out, reference)], "vs Reference")
                }
                return GateCheckOutcome(name: name, sampleSize: n, tests: tests, exact: [])
            })
        }
        return checks
    }

    /// The same run by Reference's steps, with GSL noise (independent of the sampler's source).
    static func referenceRun(
        _ run: SamplingRun, count n: Int, predictor: (Double) -> (Double) -> Double, seed: UInt64, context: Context
    ) throws -> [Double] {
        let source = GSLNormalSource(seed: UInt(truncatingIfNeeded: seed &+ 11))
        let schedule = context.schedule
        return try run.sample(
            count: n, predictor: predictor, schedule: schedule,
            noise: { _, _, count in source.draws(count) },
            ddpm: { request in
                var options = DDPMOptions(predictionType: .epsilon, varianceType: request.variance.varianceType)
                options.finalStepNoise = .neverOnLastStep
                return try schedule.ddpmStep(
                    sample: request.xt, modelOutput: request.predictedNoise, predictedVariance: request.predictedVariance,
                    noise: request.noise, at: request.t, previous: request.previous, options: options).previous
            },
            ddim: { request in
                try schedule.ddimStep(
                    sample: request.xt, modelOutput: request.predictedNoise, noise: request.noise, at: request.t,
                    previous: request.previous, options: DDIMOptions(eta: request.eta, setAlphaToOne: true)).previous
            })
    }
}
