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
        var run: (Context) throws -> GateCheckOutcome
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
        var outcomes: [GateCheckOutcome] = []
        var stoppedEarly = false
        for (index, check) in selected.enumerated() {
            progress?("[\(index + 1)/\(selected.count)] \(check.name)")
            let outcome: GateCheckOutcome
            do {
                outcome = try check.run(context)
            } catch let error as EquivalenceError {
                throw error
            } catch let error as StatisticsError {
                throw .statisticsFailed(check: check.name, message: error.description)
            } catch {
                throw .samplerFailed(check: check.name, message: "\(error)")
            }
            outcomes.append(outcome)
            if stoppedEarly == false, stopAtFirstFailure {
                let bonferroniFails = outcome.tests.contains { $0.pValue * Double(planned) <= configuration.alpha }
                if bonferroniFails || outcome.exact.contains(where: { !$0.passed }) {
                    stoppedEarly = index + 1 < selected.count
                    break
                }
            }
        }
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
            stoppedEarly: stoppedEarly)
    }

    static func selects(_ selector: String, _ name: String) -> Bool {
        name == selector || name.hasPrefix(selector + " ") || name.hasPrefix(selector + ".")
    }

    /// Every check, in the order they run.
    static var checks: [Check] {
        noiseChecks + forwardChecks + chainChecks + stepChecks + endToEndChecks + boundChecks
    }
}
