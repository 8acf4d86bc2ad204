import Foundation
import Testing
@testable import CheckerCore

@Suite("Golden case files")
struct GoldenFileTests {
    let runner = GoldenRunner(implementations: GoldenImplementations.all)

    @Test("every committed fixture passes every implementation")
    func fixturesPass() throws {
        let files = try TestPaths.fixtureFiles().map { try GoldenFile.load(path: $0) }
        #expect(files.count >= 8)
        let report = runner.verify(files)
        #expect(report.casesChecked > 500)
        #expect(report.passed, "\(report.mismatches.prefix(10).map(\.description).joined(separator: "\n"))")
    }

    @Test("fixtures cover every operation and every option value")
    func coverage() throws {
        let files = try TestPaths.fixtureFiles().map { try GoldenFile.load(path: $0) }
        let cases = files.flatMap(\.cases)
        let ops = Set(cases.map(\.operation.name))
        #expect(ops == ["schedule", "qSample", "velocity", "posterior", "ddpmStep", "ddimStep", "timesteps", "normalKL", "discretizedGaussianLogLikelihood"])
        var variance = Set<String>(), prediction = Set<String>(), spacing = Set<String>(), kinds = Set<String>()
        var etas = Set<Double>(), flags = Set<String>()
        for c in cases {
            switch c.operation {
            case .ddpmStep(let s, _, let o):
                variance.insert(o.varianceType.rawValue); prediction.insert(o.predictionType.rawValue); kinds.insert(s.kind.rawValue)
                flags.insert("clip\(o.clipSample)")
            case .ddimStep(_, _, let o) where c.expectError == nil:
                etas.insert(o.eta); prediction.insert(o.predictionType.rawValue)
                flags.insert("one\(o.setAlphaToOne)"); flags.insert("cmo\(o.useClippedModelOutput)")
            case .timesteps(_, _, let sp, _): spacing.insert(sp.rawValue)
            case .schedule(let s): kinds.insert(s.kind.rawValue); if s.rescaleZeroTerminalSNR { flags.insert("zsnr") }
            default: break
            }
        }
        #expect(variance.count == 6 && prediction.count == 3 && spacing.count == 3 && kinds.count == 5)
        #expect(etas == [0, 0.5, 1])
        #expect(flags.isSuperset(of: ["clipfalse", "cliptrue", "onetrue", "onefalse", "cmotrue", "cmofalse", "zsnr"]))
        #expect(cases.filter { $0.expectError != nil }.count >= 18)
    }

    @Test("the external oracle passes, and the committed copy equals the shared one")
    func oracle() throws {
        let file = try GoldenFile.load(path: TestPaths.oracleSample)
        #expect(file.cases.count == 43)
        let report = runner.verify([file])
        #expect(report.passed, "\(report.mismatches.prefix(10).map(\.description).joined(separator: "\n"))")
        if let shared = FileManager.default.contents(atPath: TestPaths.sharedOracleSample) {
            #expect(shared == FileManager.default.contents(atPath: TestPaths.oracleSample))
        }
    }

    @Test("a wrong expectation is reported with case, key, index, got, want and tolerance")
    func mismatchReport() throws {
        let text = """
        {"format": "ddpm-golden/1", "source": "test", "cases": [
          {"id": "q", "op": "qSample", "schedule": {"kind": "explicit", "timesteps": 2, "betas": [0.5, 0.5]},
           "inputs": {"t": 1, "x0": [1.0, 2.0], "noise": [0.0, 0.0]}, "expect": {"xt": [0.5, 1.0001]},
           "tolerance": {"abs": 1e-15, "rel": 0}}
        ]}
        """
        let report = runner.verify([try GoldenFile.parse(text, path: "t.json")])
        #expect(!report.passed)
        let m = try #require(report.mismatches.first)
        #expect(m.caseID == "q" && m.key == "xt" && m.index == 1 && m.got == 1 && m.want == 1.0001 && m.implementation == "Reference")
        #expect(m.description.contains("t.json: case \"q\" [Reference] xt[1]: got 1.0, want 1.0001"))
    }

    @Test("expectError passes only on the named refusal")
    func expectError() throws {
        func run(_ code: String) throws -> GoldenReport {
            let text = """
            {"format": "ddpm-golden/1", "cases": [
              {"id": "e", "op": "posterior", "schedule": {"kind": "linear", "timesteps": 10}, "inputs": {"t": 10}, "expectError": "\(code)"}
            ]}
            """
            return runner.verify([try GoldenFile.parse(text, path: "e.json")])
        }
        #expect(try run("R004").passed)
        #expect(try run("timestep-out-of-range").passed)
        #expect(try !run("R001").passed)
    }

    @Test("NaN expectations match only NaN")
    func nanMatching() {
        #expect(GoldenRunner.matches(.nan, .nan, GoldenTolerance(abs: 0, rel: 0)))
        #expect(!GoldenRunner.matches(1, .nan, GoldenTolerance(abs: 1, rel: 1)))
        #expect(!GoldenRunner.matches(.nan, 1, GoldenTolerance(abs: 1, rel: 1)))
        #expect(GoldenRunner.matches(1 + 1e-12, 1, GoldenTolerance(abs: 0, rel: 1e-11)))
    }

    @Test("malformed files name the file, position and JSON path", arguments: [
        (#"{"format": "ddpm-golden/2", "cases": []}"#, "$.format", "unsupported format"),
        (#"{"format": "ddpm-golden/1", "cases": [{"id": "a", "op": "qSample2", "expect": {}, "tolerance": {"abs": 0, "rel": 0}}]}"#, "$.cases[0].op", "unknown operation"),
        (#"{"format": "ddpm-golden/1", "cases": [{"id": "a", "op": "posterior", "schedule": {"kind": "linear", "timesteps": 10}, "inputs": {"t": 1}, "expect": {}, "tolerance": {"abs": 0, "rel": 0}, "extra": 1}]}"#, "$.cases[0].extra", "unknown key"),
        (#"{"format": "ddpm-golden/1", "cases": [{"id": "a", "op": "ddimStep", "schedule": {"kind": "linear", "timesteps": 10}, "inputs": {"t": 1, "prevT": 0, "xt": [0], "modelOutput": [0], "noise": [0]}, "options": {"predictionType": "v_prediction"}, "expect": {}, "tolerance": {"abs": 0, "rel": 0}}]}"#, "$.cases[0].options.predictionType", "unknown value \"v_prediction\""),
        (#"{"format": "ddpm-golden/1", "cases": [{"id": "a", "op": "posterior", "schedule": {"kind": "linear", "timesteps": "ten"}, "inputs": {"t": 1}, "expect": {}, "tolerance": {"abs": 0, "rel": 0}}]}"#, "$.cases[0].schedule.timesteps", "expected a number"),
        (#"{"format": "ddpm-golden/1", "cases": [{"id": "a", "op": "posterior", "schedule": {"kind": "linear", "timesteps": 10}, "inputs": {"t": 1.5}, "expect": {}, "tolerance": {"abs": 0, "rel": 0}}]}"#, "$.cases[0].inputs.t", "expected an integer"),
        (#"{"format": "ddpm-golden/1", "cases": [{"id": "a", "op": "posterior", "schedule": {"kind": "linear", "timesteps": 10}, "inputs": {"t": 1}, "expect": {"xt": [1]}, "tolerance": {"abs": 0, "rel": 0}}]}"#, "$.cases[0].expect.xt", "unknown key"),
        (#"{"format": "ddpm-golden/1", "cases": [{"id": "a", "op": "posterior", "schedule": {"kind": "linear", "timesteps": 10}, "inputs": {"t": 1}, "expect": {}}]}"#, "$.cases[0]", "missing required key \"tolerance\""),
        (#"{"format": "ddpm-golden/1", "cases": [{"id": "a", "op": "schedule", "schedule": {"kind": "quadratic", "timesteps": 10}, "expect": {}, "tolerance": {"abs": 0, "rel": 0}}]}"#, "$.cases[0].schedule.kind", "unknown schedule kind"),
    ])
    func malformed(text: String, path: String, fragment: String) {
        do {
            _ = try GoldenFile.parse(text, path: "bad.json")
            Issue.record("accepted a malformed file")
        } catch {
            #expect(error.code == "G003")
            #expect(error.jsonPath == path, "\(error)")
            #expect(error.message.contains(fragment), "\(error.message)")
            #expect(error.position != nil)
            #expect(error.description.hasPrefix("bad.json:1:"))
        }
    }

    @Test("broken JSON and missing files have their own codes")
    func unreadable() {
        #expect(throws: GoldenFileError.self) { try GoldenFile.parse("{\"format\": ", path: "x.json") }
        do { _ = try GoldenFile.parse("{\"format\": ", path: "x.json") } catch { #expect(error.code == "G002") }
        do { _ = try GoldenFile.load(path: "/nonexistent/file.json") } catch { #expect(error.code == "G001") }
    }

    @Test("the generator is deterministic and its output parses back to the same cases")
    func generatorDeterministic() throws {
        let a = FixtureGenerator.allFiles().map { ($0.0, JSONValue.array($0.1).serialized()) }
        let b = FixtureGenerator.allFiles().map { ($0.0, JSONValue.array($0.1).serialized()) }
        #expect(a.map(\.1) == b.map(\.1))
    }
}

@Suite("Optimized in the golden runner")
struct OptimizedGoldenTests {
    func report(_ want: Double, implementation: any GoldenImplementation) throws -> GoldenReport {
        let text = """
        {"format": "ddpm-golden/1", "cases": [
          {"id": "q", "op": "qSample", "schedule": {"kind": "explicit", "timesteps": 2, "betas": [0.5, 0.5]},
           "inputs": {"t": 1, "x0": [1.0], "noise": [0.0]}, "expect": {"xt": [\(want)]}, "tolerance": {"abs": 1e-15, "rel": 0}}
        ]}
        """
        return GoldenRunner(implementations: [implementation]).verify([try GoldenFile.parse(text, path: "o.json")])
    }

    @Test("Double is held to the case's tolerance; Float to its documented floor, which still sees a 1e-3 error")
    func floors() throws {
        let double = OptimizedGoldenImplementation(precision: .double), float = OptimizedGoldenImplementation(precision: .float)
        #expect(try report(0.5, implementation: double).passed)
        #expect(try !report(0.5 * (1 + 1e-9), implementation: double).passed)
        #expect(try report(0.5 * (1 + 1e-6), implementation: float).passed)
        #expect(try !report(0.5 * (1 + 1e-3), implementation: float).passed)
    }

    @Test("operations Optimized does not implement are skipped, not failed")
    func notApplicable() throws {
        let text = """
        {"format": "ddpm-golden/1", "cases": [{"id": "ts", "op": "timesteps", "schedule": {"timesteps": 1000}, "inputs": {"numInferenceSteps": 10}, "expect": {"timesteps": [1]}, "tolerance": {"abs": 0, "rel": 0}}]}
        """
        let r = GoldenRunner(implementations: [OptimizedGoldenImplementation(precision: .double)]).verify([try GoldenFile.parse(text, path: "n.json")])
        #expect(r.passed && r.evaluations == 0)
    }

    @Test("Optimized's refusals count as Reference's codes")
    func refusals() {
        let error = OptimizedGoldenImplementation(precision: .double).evaluate(.posterior(ScheduleSpecification(kind: .linear, timesteps: 10), t: 10))
        guard case .failure(let e) = error else { Issue.record("accepted t = T"); return }
        #expect(e.matches("R004") && !e.matches("R001"))
    }
}

import Reference
