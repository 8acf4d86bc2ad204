import CheckerCore
import Foundation
import Testing
@testable import Conformance

/// An implementation that computes every case it is sent, even those whose input must be refused:
/// it answers the requested schedule's βs (or zeros) without looking at the input.
final class ComputesEverything: ConformTransport {
    let precision: String
    init(precision: String = "float64") { self.precision = precision }
    func exchange(_ request: JSONValue, id: String) throws(ConformError) -> JSONValue {
        if case .string("hello")? = request["type"] {
            return try! JSONValue.parse(#"{"id":"handshake","protocol":"ddpm-conform/1","name":"computes everything","precision":"\#(precision)","ops":{"schedule":{}}}"#)
        }
        return .object([(key: "id", value: .string(id)), (key: "outputs", value: .object([(key: "betas", value: .array([.number(0.1)]))]))])
    }
    func close() {}
}

@Suite("invalid inputs computed instead of refused")
struct AcceptedInvalidInputTests {
    static func scheduleErrorCases() throws -> [ConformCase] {
        try fixtureCases(["errors.json"]) { $0.op == "schedule" && $0.golden.expectError != nil }
    }

    @Test("are their own category: not passed, not a numeric failure, and the run does not pass")
    func ownCategory() throws {
        let cases = try Self.scheduleErrorCases()
        let report = try ConformRunner(transport: ComputesEverything(), sampling: nil).run(cases: cases)
        #expect(report.casesAcceptedInvalid == cases.count)
        #expect(report.casesPassed == 0 && report.casesFailed == 0)
        #expect(report.row("schedule")?.status == "accepts invalid")
        #expect(report.row("schedule")?.firstFailure == nil)
        #expect(!report.passed)
        #expect(report.text.contains("expects a refusal (R001)"))
        #expect(report.json["cases"]?["acceptedInvalid"] == .number(Double(cases.count)))
    }

    @Test("are written to one ddpm-golden/1 file of the cases, each expecting its refusal, that Reference passes")
    func reproducer() throws {
        let cases = try Self.scheduleErrorCases()
        let report = try ConformRunner(transport: ComputesEverything(), sampling: nil).run(cases: cases)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("conform-invalid-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = try Reproducer.writeAcceptedInvalid(report, to: directory)
        let path = try #require(written.first?.path)
        let file = try GoldenFile.load(path: path)
        #expect(file.cases.count == cases.count)
        #expect(file.cases.allSatisfy { $0.expectError != nil })
        #expect(file.cases.map(\.id) == cases.map(\.requestID))
        #expect(GoldenRunner(implementations: [ReferenceGoldenImplementation()]).verify([file]).passed)
        // Nothing accepted, nothing written.
        let clean = try ConformRunner(transport: InProcessTransport(.reference), sampling: nil).run(cases: cases)
        #expect(try Reproducer.writeAcceptedInvalid(clean, to: directory + "/clean").isEmpty)
    }

    @Test("a refusal with any code passes the same cases")
    func refusalPasses() throws {
        let cases = try Self.scheduleErrorCases()
        let report = try ConformRunner(transport: InProcessTransport(.reference), sampling: nil).run(cases: cases)
        #expect(report.casesAcceptedInvalid == 0)
        #expect(report.casesPassed == cases.count)
        #expect(report.passed)
    }
}
