import CheckerCore
import Foundation
import Testing
@testable import Conformance

@Suite("sampling reproducers")
struct SamplingReproducerTests {
    func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("conform-sampling-\(UUID().uuidString)").path
    }

    @Test("a failed sampling point is written as a file that replays the same failure, and a right port passes it",
          .enabled(if: builtExecutable("PlantedPort") != nil))
    func replay() throws {
        let port = builtExecutable("PlantedPort")!
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try ConformRunner(transport: ProcessTransport(command: "\(port) uniformNoise", timeout: 20, totalLimit: 60),
                                      sampling: plan(["sample/ddpmStep/fixedSmall/t=500", "sample/ddpmStep/fixedSmall/t=0"])).run(cases: [])
        let written = try SamplingCaseFile.write(first, to: directory)
        #expect(written.map(\.row) == ["sample/ddpmStep/fixedSmall/t=500"])
        let path = try #require(written.first?.path)

        let input = try ConformInput.load(paths: [path])
        #expect(input.cases.isEmpty)
        let replayPlan = input.plan(SamplingPlan())
        #expect(replayPlan.points.map(\.id) == ["sample/ddpmStep/fixedSmall/t=500"])
        #expect(replayPlan.points[0].seed == first.outcome("sample/ddpmStep/fixedSmall/t=500")?.seed)

        let again = try ConformRunner(transport: ProcessTransport(command: "\(port) uniformNoise", timeout: 20, totalLimit: 60), sampling: replayPlan).run(cases: [])
        let before = try #require(first.outcome("sample/ddpmStep/fixedSmall/t=500")), after = try #require(again.outcome("sample/ddpmStep/fixedSmall/t=500"))
        #expect(after.failed)
        // The port draws from the suggested seed, so the replay sees the very same draws.
        #expect(after.tests.map(\.pValue) == before.tests.map(\.pValue))

        let right = try ConformRunner(transport: ProcessTransport(command: "\(port) none", timeout: 20, totalLimit: 60), sampling: replayPlan).run(cases: [])
        #expect(right.passed)
    }

    @Test("the file carries the exact law of the step: μ and σ from Reference")
    func law() throws {
        let point = try #require(SamplingPoint.standard.first { $0.id == "sample/ddpmStep/fixedSmall/t=500" })
        let outcome = SamplingOutcome(point: point, status: .failed("test"))
        let document = SamplingCaseFile.document(outcome, report: ConformReport(profile: ImplementationProfile(name: "x", version: "", precision: .float64, operations: [:], sampling: [])),
                                                 repetitions: 2000, noiseCount: 20000)
        guard case .array(let points)? = document["points"], case .array(let sd)? = points.first?["law"]?["sd"] else {
            Issue.record("no law"); return
        }
        // β̃₅₀₀ of the linear schedule is ≈ 0.01005: σ ≈ 0.10026.
        for value in sd {
            guard case .number(let sigma) = value else { Issue.record("sd not a number"); continue }
            #expect(Swift.abs(sigma - 0.10026) < 1e-4)
        }
    }

    @Test("a broken sampling file is a usage error naming the file and the field")
    func badFiles() throws {
        let directory = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let texts = [
            (#"{"format":"ddpm-conform-sample/1","points":[]}"#, "\"points\""),
            (#"{"format":"ddpm-conform-sample/1","points":[{"id":"x","op":"ddpmStep","inputs":{"t":5}}]}"#, "points[0].schedule"),
            (#"{"format":"ddpm-conform-sample/1","points":[{"id":"x","op":"ddpmStep","schedule":{"kind":"linear","timesteps":10},"inputs":{"t":50,"xt":[1],"modelOutput":[1]}}]}"#, "points[0]: not a valid step"),
            (#"{"format":"ddpm-conform-sample/1","repetitions":5,"points":[{"id":"x","op":"noise"}]}"#, "\"repetitions\""),
        ]
        for (index, (text, field)) in texts.enumerated() {
            let path = directory + "/bad\(index).json"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let error = try #require(throws: ConformError.self) { _ = try ConformInput.load(paths: [path]) }
            #expect(error.code == "C008")
            #expect(error.message.contains(path) && error.message.contains(field), "\(error.message)")
        }
    }
}
