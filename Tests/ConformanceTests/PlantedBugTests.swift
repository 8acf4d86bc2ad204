import CheckerCore
import Foundation
import Testing
@testable import Conformance

/// The planted-bug port through the real subprocess path: right, it passes; with each bug, the
/// report fails the right operation and option with the first mismatch, and nothing else.
@Suite("planted bugs in an independent port", .enabled(if: builtExecutable("PlantedPort") != nil))
struct PlantedBugTests {
    /// A subset of the fixtures that exercises every planted bug and runs in seconds.
    static func cases() throws -> [ConformCase] {
        try fixtureCases(["posterior.json", "timesteps.json"]) + fixtureCases(["ddpm-step.json"]) {
            $0.golden.id.hasPrefix("ddpm-linear-epsilon") || $0.golden.id.hasPrefix("ddpm-linear-sample")
        }
    }

    func run(_ bug: String, sampling: [String] = []) throws -> ConformReport {
        let transport = try ProcessTransport(command: "\(builtExecutable("PlantedPort")!) \(bug)", timeout: 20, totalLimit: 120)
        return try ConformRunner(transport: transport, sampling: sampling.isEmpty ? nil : plan(sampling)).run(cases: Self.cases())
    }

    func failingRows(_ report: ConformReport) -> Set<String> {
        Set(report.rows.filter { $0.failed > 0 }.map(\.name))
    }

    @Test("the port without a bug passes every case it supports and its noise is Gaussian")
    func clean() throws {
        let report = try run("none", sampling: ["sample/ddpmStep/fixedSmall/t=1", "sample/ddpmStep/fixedSmall/t=0", "sample/noise"])
        #expect(report.casesFailed == 0)
        #expect(report.casesPassed > 100)
        #expect(report.sampling?.passed == true)
        #expect(report.passed)
    }

    @Test("wrong final-step ᾱ: the posterior and the DDPM step at t = 0 fail")
    func finalAlphaBar() throws {
        let report = try run("finalAlphaBar", sampling: ["sample/ddpmStep/fixedSmall/t=0"])
        #expect(failingRows(report).contains("posterior"))
        #expect(failingRows(report).contains("ddpmStep"))
        #expect(!failingRows(report).contains("timesteps"))
        let (result, mismatch) = try #require(report.row("posterior")?.firstFailure)
        #expect(result.conformCase.golden.id.hasSuffix("t0"))
        #expect(mismatch.key == "meanCoefX0" && mismatch.want == 1 && mismatch.got != 1)
        #expect(report.outcome("sample/ddpmStep/fixedSmall/t=0")?.failed == true)
    }

    @Test("β for √β: ddpmStep varianceType=fixedSmall fails, fixedLarge does not; the variance test rejects")
    func betaForSqrtBeta() throws {
        let report = try run("betaForSqrtBeta", sampling: ["sample/ddpmStep/fixedSmall/t=500"])
        let rows = failingRows(report)
        #expect(rows.contains("ddpmStep varianceType=fixedSmall"))
        #expect(!rows.contains("posterior"))
        let mismatch = try #require(report.row("ddpmStep varianceType=fixedSmall")?.firstFailure?.mismatch)
        #expect(mismatch.key == "prev" && mismatch.got != nil && mismatch.want != nil)
        let outcome = try #require(report.outcome("sample/ddpmStep/fixedSmall/t=500"))
        #expect(outcome.failed)
        #expect(outcome.members.contains { $0.rejected && $0.result.name.contains("variance") })
    }

    @Test("off-by-one timesteps: timesteps spacing=leading fails, linspace and trailing pass")
    func offByOne() throws {
        let report = try run("offByOneTimesteps")
        #expect(failingRows(report) == ["timesteps", "timesteps spacing=leading", "timesteps stepsOffset=0", "timesteps stepsOffset=1"])
        #expect(report.row("timesteps spacing=trailing")?.status == "pass")
        let mismatch = try #require(report.row("timesteps spacing=leading")?.firstFailure?.mismatch)
        #expect(try #require(mismatch.got) - #require(mismatch.want) == 1)
    }

    @Test("uniform noise: every case passes, the sampling check fails")
    func uniformNoise() throws {
        let report = try run("uniformNoise", sampling: ["sample/ddpmStep/fixedSmall/t=500", "sample/noise"])
        #expect(report.casesFailed == 0)
        #expect(report.outcome("sample/noise")?.failed == true)
        #expect(report.outcome("sample/ddpmStep/fixedSmall/t=500")?.failed == true)
        #expect(!report.passed)
    }

    @Test("learned-range fraction v instead of (v + 1)/2: only varianceType=learnedRange fails")
    func learnedRange() throws {
        let cases = try fixtureCases(["ddpm-step.json"]) { $0.golden.id.hasPrefix("ddpm-linear-epsilon") }
        let transport = try ProcessTransport(command: "\(builtExecutable("PlantedPort")!) learnedRangeFraction", timeout: 20, totalLimit: 60)
        let report = try ConformRunner(transport: transport, sampling: nil).run(cases: cases)
        let rows = failingRows(report)
        #expect(rows.contains("ddpmStep varianceType=learnedRange"))
        #expect(rows.allSatisfy { !$0.contains("varianceType=") || $0 == "ddpmStep varianceType=learnedRange" })
        #expect(report.row("ddpmStep varianceType=learnedRange")?.firstFailure?.mismatch.key == "prev")
    }
}

/// The command end to end: `checker conform --impl "checker serve --implementation optimized"`.
@Suite("checker conform against checker serve", .enabled(if: builtExecutable("checker") != nil))
struct ServeEndToEndTests {
    @Test("Optimized served by the checker passes the posterior and forward fixtures and the noise law")
    func optimized() throws {
        let checker = builtExecutable("checker")!
        let transport = try ProcessTransport(command: "\(checker) serve --implementation optimized", timeout: 20, totalLimit: 120)
        let cases = try fixtureCases(["posterior.json", "forward.json", "timesteps.json"])
        let report = try ConformRunner(transport: transport, sampling: plan(["sample/ddpmStep/fixedSmall/t=1", "sample/noise"])).run(cases: cases)
        #expect(report.casesFailed == 0)
        #expect(report.row("timesteps")?.status == "not checked")
        #expect(report.sampling?.passed == true)
        #expect(report.passed)
        #expect(!transport.process.isRunning)
    }

    /// Runs the checker binary from the repository root; its exit status.
    func checker(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: builtExecutable("checker")!)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test("the command: serve optimized passes every fixture and the sampling law (exit 0); a bug exits 1; a crash exits 2")
    func command() throws {
        let checker = builtExecutable("checker")!
        let reproducers = FileManager.default.temporaryDirectory.appendingPathComponent("conform-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: reproducers) }
        #expect(try self.checker(["conform", "--impl", "\(checker) serve --implementation optimized", "--reproducers", reproducers]) == 0)
        if let port = builtExecutable("PlantedPort") {
            #expect(try self.checker(["conform", "--impl", "\(port) offByOneTimesteps", "fixtures/timesteps.json", "--no-sampling", "--reproducers", reproducers]) == 1)
            #expect(FileManager.default.fileExists(atPath: reproducers + "/timesteps_spacing_leading.json"))
        }
        if let port = builtExecutable("PlantedPort") {
            // A sampling failure leaves a reproducer that the command replays: still failing with
            // the bug, passing without it.
            #expect(try self.checker(["conform", "--impl", "\(port) uniformNoise", "fixtures/timesteps.json", "--reproducers", reproducers]) == 1)
            let replay = reproducers + "/sample_noise.json"
            #expect(FileManager.default.fileExists(atPath: replay))
            #expect(try self.checker(["conform", "--impl", "\(port) uniformNoise", replay, "--reproducers", reproducers]) == 1)
            #expect(try self.checker(["conform", "--impl", "\(port) none", replay, "--reproducers", reproducers]) == 0)
        }
        #expect(try self.checker(["conform", "--impl", "sh -c 'exit 3'", "fixtures/timesteps.json"]) == 2)
        #expect(try self.checker(["conform", "--impl", "", "fixtures/timesteps.json"]) == 2)
    }
}
