import CheckerCore
import Foundation

/// A sampling reproducer: the failing sampling point of a run as a file that
/// `checker conform --impl CMD FILE` replays (the same step, repetitions and suggested seed), and
/// that an implementation's own tests can use without the checker: it carries the exact law of
/// the step (μ and σ per element, from Reference) and what was rejected.
///
/// ```json
/// {"format": "ddpm-conform-sample/1", "source": "...", "repetitions": 2000, "noiseCount": 20000,
///  "points": [{"id": "sample/ddpmStep/fixedSmall/t=500", "op": "ddpmStep", "schedule": {...},
///              "inputs": {...}, "options": {...}, "seed": 20261205,
///              "law": {"mean": [...], "sd": [...]}, "rejected": "..."}]}
/// ```
///
/// `law` and `rejected` are for people; the replay recomputes the law.
public enum SamplingCaseFile {
    public static let format = "ddpm-conform-sample/1"

    /// What a sampling file asks for.
    public struct Contents: Sendable {
        public var points: [SamplingPoint]
        public var repetitions: Int?
        public var noiseCount: Int?
    }

    /// The document for one failed outcome of `report`.
    static func document(_ outcome: SamplingOutcome, report: ConformReport, repetitions: Int, noiseCount: Int) -> JSONValue {
        let point = outcome.point
        var members: [(String, JSONValue)] = [("id", .string(point.id)), ("op", .string(point.op))]
        if let schedule = point.schedule { members.append(("schedule", schedule)) }
        members.append(("inputs", point.inputs))
        if let options = point.options { members.append(("options", options)) }
        members.append(("seed", .number(Double(outcome.seed))))
        if point.op != "noise", let operation = try? GoldenRequest.operation(point.request(repetitions: 1, noiseCount: 1, seed: 0).withZeroNoise),
           let (mean, sigma) = SamplingPoint.exactLaw(operation) {
            members.append(("law", ConformProtocol.object([("mean", ConformProtocol.numbers(mean)), ("sd", ConformProtocol.numbers(sigma))])))
        } else if point.op == "noise" {
            members.append(("law", ConformProtocol.object([("mean", .number(0)), ("sd", .number(1))])))
        }
        if case .failed(let why) = outcome.status { members.append(("rejected", .string(why))) }
        return ConformProtocol.object([
            ("format", .string(format)),
            ("source", .string("checker conform: sampling failure of \(report.profile.name) at \(point.id)")),
            ("repetitions", .number(Double(repetitions))),
            ("noiseCount", .number(Double(noiseCount))),
            ("points", .array([ConformProtocol.object(members)])),
        ])
    }

    /// Writes one file per failed sampling point into `directory`; returns (point id, path) pairs.
    public static func write(_ report: ConformReport, to directory: String) throws(ConformError) -> [(row: String, path: String)] {
        guard let sampling = report.sampling else { return [] }
        let failed = sampling.outcomes.filter(\.failed)
        guard !failed.isEmpty else { return [] }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ConformError(code: "C008", request: nil, message: "cannot create the reproducer directory \(directory): \(error.localizedDescription)")
        }
        var written: [(row: String, path: String)] = []
        for outcome in failed {
            let name = outcome.point.id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" }
            let path = directory + "/" + String(name) + ".json"
            let document = Self.document(outcome, report: report, repetitions: sampling.repetitions, noiseCount: sampling.noiseCount)
            do {
                try (document.serialized() + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw ConformError(code: "C008", request: nil, message: "cannot write \(path): \(error.localizedDescription)")
            }
            written.append((outcome.point.id, path))
        }
        return written
    }

    /// Reads a sampling file (already parsed as `root`); every error names the file and the field.
    static func parse(_ root: JSONValue, path: String) throws(ConformError) -> Contents {
        func fail(_ message: String) -> ConformError {
            ConformError(code: "C008", request: nil, message: "\(path): \(message)")
        }
        func count(_ key: String, _ range: ClosedRange<Double>) throws(ConformError) -> Int? {
            guard let value = root[key] else { return nil }
            guard case .number(let x) = value, x.rounded() == x, range.contains(x) else {
                throw fail("\"\(key)\" must be a whole number in \(Int(range.lowerBound)) … \(Int(range.upperBound))")
            }
            return Int(x)
        }
        let repetitions = try count("repetitions", 100...1_000_000)
        let noiseCount = try count("noiseCount", 1...10_000_000)
        guard case .array(let raw)? = root["points"], !raw.isEmpty else { throw fail("\"points\" must be a non-empty array of sampling points") }
        var points: [SamplingPoint] = []
        for (index, value) in raw.enumerated() {
            let at = "points[\(index)]"
            guard case .object = value else { throw fail("\(at) must be an object") }
            guard case .string(let id)? = value["id"], !id.isEmpty else { throw fail("\(at).id must be a non-empty string") }
            guard case .string(let op)? = value["op"], ["ddpmStep", "ddimStep", "noise"].contains(op) else {
                throw fail("\(at).op must be ddpmStep, ddimStep or noise")
            }
            var seed: UInt64?
            if let s = value["seed"] {
                guard case .number(let x) = s, x >= 0, x < 1.8e19, x.rounded() == x else { throw fail("\(at).seed must be a whole number ≥ 0") }
                seed = UInt64(x)
            }
            var point = SamplingPoint(id: id, op: op, schedule: value["schedule"], inputs: value["inputs"] ?? .object([]), options: value["options"], seed: seed)
            if op != "noise" {
                guard point.schedule != nil else { throw fail("\(at).schedule is required for \(op)") }
                // The step must be one the case format accepts (the golden parser says what is wrong).
                let operation: GoldenOperation
                do { operation = try GoldenRequest.operation(point.request(repetitions: 1, noiseCount: 1, seed: 0).withZeroNoise) } catch {
                    throw fail("\(at): \(error.description)")
                }
                if case .failure(let refusal) = ReferenceGoldenImplementation().evaluate(operation) {
                    throw fail("\(at): not a valid step (\(refusal.code): \(refusal.message))")
                }
            } else {
                point.schedule = nil
                point.inputs = .object([])
            }
            points.append(point)
        }
        return Contents(points: points, repetitions: repetitions, noiseCount: noiseCount)
    }
}
