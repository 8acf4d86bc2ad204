import Foundation
import RealModule
import Reference
import Statistics

/// The statistical equivalence gate: random outputs (noise, forward samples, sampler steps,
/// whole sampling runs) compared as distributions against the exact distribution they must
/// follow, and against Reference samplers driven by an independent generator (GSL MT19937).
///
/// Every statistical test of every check forms one family, adjusted by Holm at the family-wise
/// rate α: a correct implementation fails with probability at most α over the choice of seed.
/// With a fixed seed the verdict is deterministic.
public enum Gate {
    /// The gate's schedule: DDPM's linear 10⁻⁴ … 0.02, T = 1000.
    public static let betas: [Double] = (try? NoiseSchedule<Double>.linear(timesteps: 1000).betas) ?? []

    /// A named check and the number of statistical tests it produces.
    struct Check {
        var name: String
        var plannedTests: Int
        /// How the check's size grows with the configuration (for scheduling only).
        var load: Load = .conditional
        var run: (Context) throws -> GateCheckOutcome

        init(name: String, plannedTests: Int, load: Load = .conditional, run: @escaping (Context) throws -> GateCheckOutcome) {
            self.name = name
            self.plannedTests = plannedTests
            self.load = load
            self.run = run
        }
    }

    /// The size of a check, for the scheduler: how many samples it holds at once and how many
    /// sampler steps each one takes. Estimates order the work and bound the memory of checks
    /// running together; they never change a result.
    enum Load {
        /// n = `samples` draws of the noise source and the order-statistic tests on them.
        case noise
        /// At most ``GateConfiguration/conditionalSamples`` samples of one step.
        case conditional
        /// ``GateConfiguration/runSamples(steps:)`` samples of `steps` steps each.
        case run(steps: Int)

        func samples(_ c: GateConfiguration) -> Int {
            switch self {
            case .noise: return c.sortedSamples
            case .conditional: return c.conditionalSamples
            case let .run(steps): return c.runSamples(steps: steps)
            }
        }

        /// Bytes held at the peak: about six Doubles per sample (values, a sorted copy, the
        /// sort's scratch, the independent generator's draws and their sorted copy).
        func bytes(_ c: GateConfiguration) -> Double { 48 * Double(samples(c)) }

        /// Relative CPU cost: sampler steps plus about 20 step-equivalents of statistics per sample.
        func cost(_ c: GateConfiguration) -> Double {
            switch self {
            case .noise: return 40 * Double(samples(c)) + 10 * Double(c.samples)
            case .conditional: return 25 * Double(samples(c))
            case let .run(steps): return Double(steps + 20) * Double(samples(c))
            }
        }
    }

    /// What every check needs.
    struct Context {
        var sampler: SamplerUnderTest
        var configuration: GateConfiguration
        var schedule: NoiseSchedule<Double>
        var data: GaussianData
        var mixture: GaussianMixture
    }

    /// The names of every check, in order.
    public static var checkNames: [String] { checks.map(\.name) }

    /// Runs the gate on `sampler`.
    ///
    /// - Parameters:
    ///   - stopAtFirstFailure: stop after the first check that fails on its own at the Bonferroni
    ///     level α/m of the whole planned family (m tests); a failure there implies failure of the
    ///     full Holm family, so the verdict is that of the full run. For planted-bug runs.
    ///   - only: run only the checks named, or whose name continues one of these with a space or
    ///     a dot ("noise" selects "noise.double", "forward.qSample t=1" not "… t=10"); nil: all.
    ///     The family size stays that of the whole gate.
    ///   - progress: called with a line before each check (for a progress display).
    public static func run(
        _ sampler: SamplerUnderTest, configuration: GateConfiguration = .quick, stopAtFirstFailure: Bool = false,
        only: [String]? = nil, progress: ((String) -> Void)? = nil
    ) throws(EquivalenceError) -> GateReport {
        try configuration.validate()
        let schedule: NoiseSchedule<Double>
        do {
            schedule = try NoiseSchedule(betas: betas)
        } catch {
            throw .invalidConfiguration(name: "betas", value: "\(betas.count)", expected: "the linear schedule")
        }
        let context = Context(
            sampler: sampler, configuration: configuration, schedule: schedule, data: .gate, mixture: .gate)
        let selected = checks.filter { check in only.map { $0.contains { selects($0, check.name) } } ?? true }
        // The family is always the whole gate's: a subset (`only`) or a run stopped early is padded
        // to the full size m, so its verdicts are those the full run would give or stricter.
        let planned = max(checks.reduce(0) { $0 + $1.plannedTests }, 1)
        let start = Date()
        let usageAtStart = ResourceUsage.now()
        let threads = configuration.threadCount
        StatisticsParallelism.threads = threads
        let run = GateRun(
            checks: selected, context: context, threads: threads, configuration: configuration,
            stopAtFirstFailure: stopAtFirstFailure, planned: planned, progress: progress)
        let (outcomes, stoppedEarly) = try run.execute()
        let usage = ResourceUsage.now()
        let tests = outcomes.flatMap { outcome in outcome.tests.map { GateTest(check: outcome.name, result: $0) } }
        var results = tests.map(\.result)
        // A partial run holds fewer tests than planned; pad with p = 1 so that the Holm
        // adjustment uses the full family size m.
        if results.count < planned {
            results += Array(
                repeating: HypothesisTestResult(name: "not run", statistic: 0, pValue: 1, sampleSize: 0),
                count: planned - results.count)
        }
        let family: TestFamily
        do {
            family = try TestFamily(results, familyWiseRate: configuration.alpha, procedure: .holm)
        } catch {
            throw .statisticsFailed(check: "family", message: error.description)
        }
        return GateReport(
            configuration: configuration, samplerName: sampler.name, outcomes: outcomes, tests: tests,
            family: family, exact: outcomes.flatMap(\.exact), elapsed: Date().timeIntervalSince(start),
            stoppedEarly: stoppedEarly, threads: threads, cpuSeconds: usage.cpuSeconds - usageAtStart.cpuSeconds,
            peakMemoryBytes: usage.peakMemoryBytes)
    }

    static func selects(_ selector: String, _ name: String) -> Bool {
        name == selector || name.hasPrefix(selector + " ") || name.hasPrefix(selector + ".")
    }

    /// Every check, in the order they run.
    static var checks: [Check] {
        noiseChecks + forwardChecks + chainChecks + stepChecks + endToEndChecks + boundChecks
    }
}
