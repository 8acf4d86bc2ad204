import CheckerCore
import Testing
@testable import Conformance

@Suite("ddpm-conform/1 messages and the deterministic check")
struct ProtocolTests {
    @Test("Reference served in-process passes its own fixtures, with nothing left unchecked")
    func referencePasses() throws {
        let cases = try fixtureCases(["posterior.json", "timesteps.json", "errors.json", "bound.json"])
        let report = try ConformRunner(transport: InProcessTransport(.reference), sampling: nil).run(cases: cases)
        #expect(report.casesFailed == 0)
        #expect(report.casesNotChecked == 0)
        #expect(report.casesPassed == cases.count)
        #expect(report.passed)
    }

    @Test("operations Optimized lacks are not checked, never passed")
    func notCheckedIsNotPassed() throws {
        let cases = try fixtureCases(["timesteps.json", "posterior.json"])
        let report = try ConformRunner(transport: InProcessTransport(.optimized), sampling: nil).run(cases: cases)
        let timesteps = try #require(report.row("timesteps"))
        #expect(timesteps.passed == 0 && timesteps.failed == 0 && timesteps.notChecked == 52)
        #expect(timesteps.status == "not checked")
        #expect(report.row("posterior")?.status == "pass")
        #expect(report.passed)
        #expect(report.text.contains("not checked"))
    }

    @Test("an implementation that supports nothing is not reported clean")
    func nothingChecked() throws {
        let profile = ImplementationProfile(name: "empty", version: "", precision: .float64, operations: [:], sampling: [])
        var report = ConformReport(profile: profile)
        let c = try fixtureCases(["posterior.json"])[0]
        report.cases = [CaseResult(conformCase: c, status: .notChecked("operation posterior not supported"))]
        #expect(!report.passed)
        #expect(report.text.contains("nothing was checked"))
    }

    @Test("declared options: a value outside the list, or an undeclared non-default option, is unsupported")
    func optionSupport() throws {
        let hello = try JSONValue.parse(#"{"id":"handshake","protocol":"ddpm-conform/1","name":"x","precision":"float32","ops":{"ddpmStep":{"varianceType":["fixedSmall"]}}}"#)
        let profile = try ImplementationProfile.parse(hello)
        #expect(profile.unsupportedReason(op: "ddpmStep", options: try JSONValue.parse(#"{"varianceType":"fixedSmall","clipSample":false}"#)) == nil)
        #expect(profile.unsupportedReason(op: "ddpmStep", options: try JSONValue.parse(#"{"varianceType":"fixedLarge"}"#)) != nil)
        #expect(profile.unsupportedReason(op: "ddpmStep", options: try JSONValue.parse(#"{"clipSample":true}"#)) != nil)
        #expect(profile.unsupportedReason(op: "ddimStep", options: nil) != nil)
    }

    @Test("a malformed handshake is refused with C006")
    func badHandshake() throws {
        for text in [
            #"{"id":"handshake","protocol":"ddpm-conform/2","name":"x","precision":"float64","ops":{}}"#,
            #"{"id":"handshake","protocol":"ddpm-conform/1","name":"x","precision":"half","ops":{}}"#,
            #"{"id":"handshake","protocol":"ddpm-conform/1","name":"x","precision":"float64","ops":{"frobnicate":{}}}"#,
            #"{"id":"handshake","protocol":"ddpm-conform/1","name":"x","precision":"float64","ops":{"qSample":{"x":1}}}"#,
        ] {
            #expect(throws: ConformError.self) { try ImplementationProfile.parse(try JSONValue.parse(text)) }
        }
        #expect(throws: Never.self) {
            try ImplementationProfile.parse(try JSONValue.parse(#"{"id":"handshake","protocol":"ddpm-conform/1","name":"x","precision":"float64","ops":{}}"#))
        }
    }

    @Test("float32 is held to at least Optimized<Float>'s bound, float64 to the case tolerance")
    func floatBound() throws {
        let c = try fixtureCases(["posterior.json"])[0]
        var nudged: [String: [Double]] = [:]
        for (key, values) in c.golden.expect { nudged[key] = values.map { $0 * (1 + 1e-6) } }
        for (precision, passes) in [(ImplementationProfile.Precision.float32, true), (.float64, false)] {
            let found = PrecisionComparison(conformCase: c, implementationName: "x", precision: precision).check(nudged).mismatches
            #expect(found.isEmpty == passes)
        }
    }

    @Test("a refusal of a valid case is a failure; of an invalid one, a pass whatever its code")
    func refusals() throws {
        let valid = try fixtureCases(["posterior.json"])[0]
        let invalid = try #require(fixtureCases(["errors.json"]) { $0.golden.expectError != nil }.first)
        final class Refuses: ConformTransport {
            func exchange(_ request: JSONValue, id: String) throws(ConformError) -> JSONValue {
                if case .string("hello")? = request["type"] {
                    return try! JSONValue.parse(#"{"id":"handshake","protocol":"ddpm-conform/1","name":"refuses","precision":"float64","ops":{"schedule":{},"qSample":{},"velocity":{},"posterior":{},"ddpmStep":{"clipSampleRange":true,"clipSample":true,"predictionType":true,"varianceType":true},"ddimStep":{"eta":true}}}"#)
                }
                return try! JSONValue.parse(#"{"id":"\#(id)","error":{"code":"my-own-code","message":"no"}}"#)
            }
            func close() {}
        }
        let report = try ConformRunner(transport: Refuses(), sampling: nil).run(cases: [valid, invalid])
        #expect(report.cases.map { if case .passed = $0.status { return true } else { return false } } == [false, true])
    }

    @Test("the command line is split into words like a shell's")
    func split() throws {
        #expect(try ProcessTransport.split(#"python -m 'my adapter' "a b" c\ d"#) == ["python", "-m", "my adapter", "a b", "c d"])
        #expect(throws: ConformError.self) { try ProcessTransport.split("python 'unterminated") }
    }

    @Test("a reproducer is one case cut to the first mismatching element, and valid ddpm-golden/1")
    func reproducer() throws {
        let c = try fixtureCases(["forward.json"]) { $0.op == "qSample" }[0]
        let minimal = Reproducer.minimal(c, index: 2)
        let document = JSONValue.object([(key: "format", value: .string(GoldenFile.format)), (key: "cases", value: .array([minimal]))])
        let file = try GoldenFile.parse(document.serialized(), path: "reproducer")
        guard case let .qSample(_, t, x0, noise) = file.cases[0].operation, case let .qSample(_, t0, x00, noise0) = c.golden.operation else {
            Issue.record("not a qSample case"); return
        }
        #expect(t == t0 && x0 == [x00[2]] && noise == [noise0[2]])
        #expect(file.cases[0].expect[0].values == [c.golden.expect[0].values[2]])
        #expect(GoldenRunner(implementations: [ReferenceGoldenImplementation()]).verify([file]).passed)
    }
}
