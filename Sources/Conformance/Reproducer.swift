import CheckerCore
import Foundation

/// Minimal `ddpm-golden/1` files for failures: the first failing case of each failing row, cut
/// to the first mismatching element where the operation is elementwise, so that
/// `checker golden verify` and the implementation's own tests can replay exactly one number.
public enum Reproducer {
    static let elementwise: Set<String> = ["qSample", "velocity", "ddpmStep", "ddimStep", "normalKL", "discretizedGaussianLogLikelihood"]

    /// The case's JSON, reduced to element `index` of every array of the sample's length.
    static func minimal(_ c: ConformCase, index: Int?) -> JSONValue {
        guard let index, elementwise.contains(c.op), case .object(let members) = c.json else { return c.json }
        let n = c.golden.expect.first?.values.count ?? 0
        func cut(_ value: JSONValue) -> JSONValue {
            guard case .object(let fields) = value else { return value }
            return .object(fields.map { field in
                if case .array(let a) = field.value, a.count == n, index < n { return (key: field.key, value: .array([a[index]])) }
                return field
            })
        }
        return .object(members.map { member in
            switch member.key {
            case "inputs", "expect": return (key: member.key, value: cut(member.value))
            case "id": return (key: "id", value: .string(c.golden.id + (n > 1 ? "-element-\(index)" : "")))
            default: return member
            }
        })
    }

    /// Writes one file per failing row into `directory`; returns (row, path) pairs.
    public static func write(_ report: ConformReport, to directory: String) throws(ConformError) -> [(row: String, path: String)] {
        var written: [(row: String, path: String)] = []
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ConformError(code: "C008", request: nil, message: "cannot create the reproducer directory \(directory): \(error.localizedDescription)")
        }
        for row in report.rows {
            guard let (result, mismatch) = row.firstFailure else { continue }
            let c = result.conformCase
            let document = ConformProtocol.object([
                ("format", .string(GoldenFile.format)),
                ("source", .string("checker conform: first failure of \(report.profile.name) in \(row.name), from \(c.filePath) case \(c.golden.id)")),
                ("cases", .array([minimal(c, index: mismatch.index)])),
            ])
            let name = row.name.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }
            let path = directory + "/" + String(name) + ".json"
            do {
                try (document.serialized() + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw ConformError(code: "C008", request: nil, message: "cannot write \(path): \(error.localizedDescription)")
            }
            written.append((row.name, path))
        }
        return written
    }

    /// The report key of the file of accepted invalid inputs.
    public static let acceptedInvalidKey = "invalid inputs accepted"

    /// Writes every case whose invalid input was computed instead of refused, as written in its
    /// file, to `invalid-inputs-accepted.json` (a `ddpm-golden/1` file: each case expects a refusal).
    public static func writeAcceptedInvalid(_ report: ConformReport, to directory: String) throws(ConformError) -> [(row: String, path: String)] {
        let accepted = report.cases.filter { if case .acceptedInvalidInput = $0.status { return true } else { return false } }
        guard !accepted.isEmpty else { return [] }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ConformError(code: "C008", request: nil, message: "cannot create the reproducer directory \(directory): \(error.localizedDescription)")
        }
        // Case ids are unique within a file, not across files: prefix the file's label.
        let cases: [JSONValue] = accepted.map { result in
            guard case .object(let members) = result.conformCase.json else { return result.conformCase.json }
            return .object(members.map { $0.key == "id" ? (key: "id", value: .string(result.conformCase.requestID)) : $0 })
        }
        let document = ConformProtocol.object([
            ("format", .string(GoldenFile.format)),
            ("source", .string("checker conform: invalid inputs that \(report.profile.name) computed instead of refusing")),
            ("cases", .array(cases)),
        ])
        let path = directory + "/invalid-inputs-accepted.json"
        do {
            try (document.serialized() + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ConformError(code: "C008", request: nil, message: "cannot write \(path): \(error.localizedDescription)")
        }
        return [(acceptedInvalidKey, path)]
    }
}
