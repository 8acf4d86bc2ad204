import CheckerCore
import Foundation
import Reference
import Testing
@testable import Conformance

/// The derived float32 bound: its schedule part has the size of a float32 cumulative product's
/// error, a port that is right in float32 passes only because of it, and the planted bugs in the
/// same float32 port still fail.
@Suite("the float32 bound")
struct PrecisionBoundTests {
    static let u = 0x1p-24

    @Test("ᾱ formed in float32: the relative error bound grows as (2s + 2)·u, 1.2·10⁻⁴ at the linear schedule's last step")
    func alphaBarErrorGrowsWithT() throws {
        let betas = try NoiseSchedule<Double>.linear(timesteps: 1000, betaStart: 1e-4, betaEnd: 0.02).betas
        let errors = PrecisionBound.float32.alphaBarErrors(betas: betas)
        #expect(errors[0] >= 2 * Self.u && errors[0] < 3 * Self.u)
        #expect(errors[999] > 1.1e-4 && errors[999] < 1.3e-4)
        #expect(zip(errors, errors.dropFirst()).allSatisfy { $0 < $1 })
        // The ratio ᾱₜ/ᾱₜ₋₁ of a running product is one rounding off, not e(t) + e(t − 1).
        #expect(PrecisionBound.float32.ratioError(betas: betas, t: 999) < 2 * Self.u)
    }

    @Test("the schedule part is elementwise: predX0 at t = 999 gets far more room than prev")
    func allowanceIsPerKey() throws {
        let c = try #require(fixtureCases(["ddpm-step.json"]) { $0.golden.id == "ddpm-linear-epsilon-fixedSmall-clip0-t999" }.first)
        let allowance = PrecisionBound.float32.scheduleAllowance(c.golden.operation)
        let predicted = try #require(allowance["predX0"]?.max()), prev = try #require(allowance["prev"]?.max())
        #expect(predicted > 10 * prev)
        #expect(prev > 0)
    }

    @Test("a float32 answer off by the float32 rounding of βₜ at t = 1 passes; off by ten times that, it fails")
    func betaRoundingAtTheFirstStep() throws {
        let c = try #require(fixtureCases(["ddpm-step.json"]) { $0.golden.id == "ddpm-linear-epsilon-fixedSmall-clip0-t1" }.first)
        guard case .success(let right) = ReferenceGoldenImplementation().evaluate(c.golden.operation) else { Issue.record("Reference refused"); return }
        let allowance = PrecisionBound.float32.scheduleAllowance(c.golden.operation)
        let extra = try #require(allowance["prev"])
        let evaluation = OptimizedGoldenImplementation(precision: .float).toleranceFloor(for: c.golden.operation)
        func shifted(_ factor: Double) -> [String: [Double]] {
            var outputs = right
            outputs["prev"] = right["prev"]!.enumerated().map { i, x in x + factor * (evaluation.bound(for: x) + extra[i]) }
            return outputs
        }
        let comparison = PrecisionComparison(conformCase: c, implementationName: "test", precision: .float32)
        #expect(comparison.check(shifted(0.9)).mismatches.isEmpty)
        #expect(!comparison.check(shifted(1.1)).mismatches.isEmpty)
        // The evaluation part alone would reject what the schedule part allows.
        #expect(extra.max()! > evaluation.abs)
    }
}

@Suite("the same bound for float64")
struct Float64BoundTests {
    @Test("a float64 cumulative product gets a schedule allowance of ~10⁻¹² where βₜ cancels, and a 10⁻⁶ error still fails")
    func float64() throws {
        let c = try #require(fixtureCases(["ddpm-step.json"]) { $0.golden.id == "ddpm-cosine-sample-fixedSmallLog-clip0-t1" }.first)
        let extra = try #require(PrecisionBound.float64.scheduleAllowance(c.golden.operation)["prev"]?.max())
        #expect(extra > 1e-13 && extra < 1e-10)
        guard case .success(let right) = ReferenceGoldenImplementation().evaluate(c.golden.operation) else { Issue.record("Reference refused"); return }
        let comparison = PrecisionComparison(conformCase: c, implementationName: "test", precision: .float64)
        #expect(comparison.check(right).mismatches.isEmpty)
        var nudged = right
        nudged["prev"] = right["prev"]!.map { $0 * (1 + 1e-6) }
        #expect(!comparison.check(nudged).mismatches.isEmpty)
    }
}

/// The planted-bug port in float32 mode (float32 β, a running float32 product for ᾱ, float32
/// outputs) through the real subprocess path.
@Suite("planted bugs in a float32 port", .enabled(if: builtExecutable("PlantedPort") != nil))
struct Float32PortTests {
    func run(_ bug: String, files: [String] = ["posterior.json", "timesteps.json", "ddpm-step.json", "ddim-step.json"],
             where keep: (ConformCase) -> Bool = { _ in true }) throws -> ConformReport {
        let transport = try ProcessTransport(command: "\(builtExecutable("PlantedPort")!) \(bug) float32", timeout: 20, totalLimit: 120)
        let cases = try fixtureCases(files) { !$0.golden.id.contains("scaledLinear") && keep($0) }
        return try ConformRunner(transport: transport, sampling: nil).run(cases: cases)
    }

    func failingRows(_ report: ConformReport) -> Set<String> {
        Set(report.rows.filter { $0.failed > 0 }.map(\.name))
    }

    @Test("right in float32: every case passes, and only because of the schedule part of the bound")
    func clean() throws {
        let report = try run("none")
        #expect(report.profile.precision == .float32)
        #expect(report.casesFailed == 0)
        #expect(report.casesPassed > 200)
        let (_, margin, evaluationOnly) = try #require(report.boundMargin)
        #expect(margin.used <= 1)
        #expect(evaluationOnly > 1, "the float32 port should exceed Optimized<Float>'s bound somewhere; if not, the test does not show the bound is needed")
    }

    @Test("the planted bugs still fail in float32, in the same rows as in float64")
    func bugsStillFail() throws {
        let finalAlphaBar = try run("finalAlphaBar", files: ["posterior.json", "ddpm-step.json"])
        #expect(failingRows(finalAlphaBar).isSuperset(of: ["posterior", "ddpmStep"]))
        let sigma = try run("betaForSqrtBeta", files: ["ddpm-step.json"]) { $0.golden.id.contains("-fixedSmall-") || $0.golden.id.contains("-fixedLarge-") }
        #expect(failingRows(sigma).contains("ddpmStep varianceType=fixedSmall"))
        #expect(!failingRows(sigma).contains("ddpmStep varianceType=fixedLarge"))
        let offByOne = try run("offByOneTimesteps", files: ["timesteps.json"])
        #expect(failingRows(offByOne).contains("timesteps spacing=leading"))
        #expect(!failingRows(offByOne).contains("timesteps spacing=trailing"))
        let learned = try run("learnedRangeFraction", files: ["ddpm-step.json"])
        #expect(failingRows(learned).contains("ddpmStep varianceType=learnedRange"))
        #expect(failingRows(learned).allSatisfy { !$0.contains("varianceType=") || $0 == "ddpmStep varianceType=learnedRange" })
    }
}
