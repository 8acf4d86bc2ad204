import CheckerCore
import Foundation

/// A golden case as the conformance run uses it: the parsed case (for the golden runner's
/// comparison and tolerances) and its JSON as written (sent to the implementation verbatim).
public struct ConformCase: Sendable {
    /// The file's name without directory and extension, e.g. "ddpm-step".
    public var fileLabel: String
    public var filePath: String
    public var golden: GoldenCase
    public var json: JSONValue

    /// The request id: "<file label>/<case id>" (case ids are unique within a file).
    public var requestID: String { fileLabel + "/" + golden.id }
    public var op: String { golden.operation.name }
    public var options: JSONValue? { json["options"] }

    /// The report rows the case belongs to: its operation, and "op key=value" for every option of
    /// the operation at its effective value (as written, or the default), so that a bug in a
    /// default such as varianceType=fixedSmall has its own row.
    public var rows: [String] {
        var rows = [op]
        for key in ConformProtocol.optionKeys[op] ?? [] {
            guard let value = options?[key] ?? ConformProtocol.optionDefaults[key] else { continue }
            rows.append("\(op) \(key)=\(ConformReport.describe(value))")
        }
        return rows
    }

    /// The request: the case's `op`, `schedule`, `inputs` and `options` exactly as written.
    public var request: JSONValue {
        var members: [(String, JSONValue)] = [("type", .string("case")), ("id", .string(requestID)), ("op", .string(op))]
        for key in ["schedule", "inputs", "options"] {
            if let value = json[key] { members.append((key, value)) }
        }
        return ConformProtocol.object(members)
    }

    /// Reads case files: each is validated by the golden parser, and its cases' JSON kept in order.
    public static func load(paths: [String]) throws(ConformError) -> [ConformCase] {
        var cases: [ConformCase] = []
        for path in paths {
            let file: GoldenFile
            do { file = try GoldenFile.load(path: path) } catch {
                throw ConformError(code: "C008", request: nil, message: error.description)
            }
            guard let data = StandardInput.contents(of: path), let text = String(data: data, encoding: .utf8),
                  let root = try? JSONValue.parse(text), case .array(let raw)? = root["cases"], raw.count == file.cases.count
            else {
                throw ConformError(code: "C008", request: nil, message: "\(path): cannot re-read the cases")
            }
            // Standard input has no name of its own to prefix the request ids with.
            let label = StandardInput.isStandardInput(path) ? "stdin" : URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            for (golden, json) in zip(file.cases, raw) {
                cases.append(ConformCase(fileLabel: label, filePath: path, golden: golden, json: json))
            }
        }
        return cases
    }

    /// The default fixture files: `fixtures/*.json` under the current directory.
    public static func defaultFixturePaths(directory: String = "fixtures") -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { directory + "/" + $0 }
    }
}

/// The implementation's answer to one case that is a refusal or should have been one, as a
/// ``GoldenImplementation`` so that the golden runner judges it with its own rules for
/// `expectError`. Numbers are compared by ``PrecisionComparison``.
struct AnsweredImplementation: GoldenImplementation {
    var name: String
    var answer: Result<[String: [Double]], ImplementationError>

    var toleranceFloor: GoldenTolerance { GoldenTolerance(abs: 0, rel: 0) }

    func evaluate(_ operation: GoldenOperation) -> Result<[String: [Double]], ImplementationError> { answer }
}
