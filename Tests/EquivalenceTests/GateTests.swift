import Foundation
import Optimized
import Testing
@testable import Equivalence

/// The gate on the correct sampler: the quick configuration passes, deterministically.
@Suite struct GateTests {
    @Test func correctSamplerPassesTheQuickGate() throws {
        let report = try Gate.run(try SamplerUnderTest.correct(betas: Gate.betas), configuration: .quick)
        print(report.verdictLine)
        for (test, member) in report.rejectedTests { print("rejected: \(test.check) \(test.result) p̃/α = \(member.margin)") }
        for comparison in report.failedExact { print("failed: \(comparison)") }
        #expect(report.passed)
        #expect(report.tests.count == Gate.checks.reduce(0) { $0 + $1.plannedTests })
        // Calm: the tightest test is far from α (a margin of 1 would be a failure).
        #expect(report.smallestMargin > 100)
    }

    /// The gate judges any implementation: the literal stand-in (RandomSources' scalar Philox
    /// stream, loops over Reference's coefficients) passes the checks of every kind too.
    @Test func literalSamplerPasses() throws {
        let sampler = try SamplerUnderTest.literal(betas: Gate.betas)
        let report = try Gate.run(sampler, configuration: .quick, only: [
            "noise.float", "forward.qSample t=1", "chain t=9", "ddpm.step learnedRange t=500→480",
            "ddim.step η=0.5 t=999→99", "run DDPM fixedLarge trailing N=10", "run DDIM η=0.5 linspace N=50",
        ])
        print("literal: " + report.verdictLine)
        #expect(report.tests.count == 15 + 6 + 5 + 5 + 5 + 5 + 4)
        #expect(report.passed)
    }

    @Test func fixedSeedGivesTheSameReport() throws {
        let sampler = try SamplerUnderTest.correct(betas: Gate.betas)
        let configuration = GateConfiguration(samples: 5000)
        let first = try Gate.run(sampler, configuration: configuration, only: ["noise.double", "ddim.step η=0.5 t=999"])
        let second = try Gate.run(sampler, configuration: configuration, only: ["noise.double", "ddim.step η=0.5 t=999"])
        #expect(first.tests == second.tests)
        let other = try Gate.run(sampler, configuration: GateConfiguration(samples: 5000, seed: 7), only: ["noise.double"])
        #expect(other.tests.map(\.result.statistic) != first.tests.prefix(other.tests.count).map(\.result.statistic))
    }

    /// The verdict and every number of the report are the same on one thread and on two: checks
    /// run together and the statistics of 2·10⁵ values (above the parallel threshold) split into
    /// pieces, yet nothing but the times changes.
    @Test func reportIsTheSameForAnyThreadCount() throws {
        let selection = ["noise.double", "forward.qSample t=1", "chain t=1", "ddim.step η=0.5 t=999", "run DDPM fixedLarge trailing N=10"]
        func run(_ threads: Int) throws -> GateReport {
            let configuration = GateConfiguration(samples: 200_000, threads: threads)
            let sampler = try SamplerUnderTest.correct(betas: Gate.betas, execution: Execution(threads: threads))
            return try Gate.run(sampler, configuration: configuration, only: selection)
        }
        let one = try run(1)
        let two = try run(2)
        #expect(one.tests == two.tests)
        #expect(one.exact == two.exact)
        #expect(one.family == two.family)
        #expect(one.passed && two.passed)
        #expect(one.threads == 1 && two.threads == 2)
        #expect(two.cpuSeconds > 0 && two.peakMemoryBytes > 0)
        #expect(two.verdictLine.contains("on 2 threads"))
        // A different seed changes the numbers: the comparison above can fail.
        let other = try Gate.run(try SamplerUnderTest.correct(betas: Gate.betas),
                                 configuration: GateConfiguration(samples: 200_000, seed: 3, threads: 2), only: ["noise.double"])
        #expect(other.tests.map(\.result.statistic) != one.tests.prefix(other.tests.count).map(\.result.statistic))
    }

    /// Stopping at the first failure gives the serial report on any thread count.
    @Test func stoppingEarlyIsTheSameForAnyThreadCount() throws {
        let broken = try PlantedBug.alphaBarOffByOne.plant(into: try SamplerUnderTest.correct(betas: Gate.betas), betas: Gate.betas)
        let selection = ["noise.float", "forward.qSample t=1", "forward.qSample t=2", "chain t=0"]
        let one = try Gate.run(broken, configuration: GateConfiguration(samples: 20_000, threads: 1), stopAtFirstFailure: true, only: selection)
        let two = try Gate.run(broken, configuration: GateConfiguration(samples: 20_000, threads: 2), stopAtFirstFailure: true, only: selection)
        #expect(!one.passed)
        #expect(one.stoppedEarly && two.stoppedEarly)
        #expect(one.outcomes.map(\.name) == ["noise.float", "forward.qSample t=1"])
        #expect(two.outcomes.map(\.name) == one.outcomes.map(\.name))
        #expect(one.tests == two.tests)
    }

    @Test func partialRunsKeepTheWholeFamilySize() throws {
        let report = try Gate.run(try SamplerUnderTest.correct(betas: Gate.betas), configuration: GateConfiguration(samples: 2000), only: ["noise.float"])
        #expect(report.tests.count == 15)
        #expect(report.family.members.count == Gate.checks.reduce(0) { $0 + $1.plannedTests })
    }

    @Test func reportsRenderAsTableAndJSON() throws {
        let report = try Gate.run(try SamplerUnderTest.correct(betas: Gate.betas), configuration: GateConfiguration(samples: 2000), only: ["chain t=0"])
        #expect(report.table.contains("chain t=0"))
        #expect(report.table.contains("p̃/α"))
        #expect(report.table.hasSuffix(report.verdictLine))
        let json = try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any]
        #expect(json?["format"] as? String == "equivalence-gate/1")
        #expect((json?["tests"] as? [Any])?.count == 5)
        #expect((json?["exact"] as? [Any])?.count == 2)
    }

    @Test func badConfigurationIsRefused() throws {
        let sampler = try SamplerUnderTest.correct(betas: Gate.betas)
        #expect(throws: EquivalenceError.invalidConfiguration(name: "samples", value: "10", expected: "at least 1000")) {
            try Gate.run(sampler, configuration: GateConfiguration(samples: 10))
        }
        #expect(throws: EquivalenceError.self) { try Gate.run(sampler, configuration: GateConfiguration(samples: 2000, alpha: 1.5)) }
        #expect(throws: EquivalenceError.invalidConfiguration(name: "threads", value: "0", expected: "at least 1")) {
            try Gate.run(sampler, configuration: GateConfiguration(samples: 2000, threads: 0))
        }
        #expect(throws: EquivalenceError.unknownPlantedBug("randNoise")) { try PlantedBug(name: "randNoise") }
        #expect(EquivalenceError.unknownPlantedBug("x").code == "EQ002")
        #expect(throws: EquivalenceError.self) { try SamplerUnderTest.correct(betas: [0.5, 1.5]) }
    }

    @Test func quickGateSummarises() {
        // The whole gate as `checker verify` runs it, at a small size.
        let result = quickGate(configuration: GateConfiguration(samples: 2000))
        #expect(result.passed)
        #expect(result.summary.contains("tests at family-wise α"))
        #expect(result.details.isEmpty)
    }
}
