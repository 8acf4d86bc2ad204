import Foundation

/// Arrays given to a replay in JSON files.
public enum ReplayInput {
    /// A sample: a JSON array of numbers, nested arrays allowed (read row-major, e.g.
    /// `tensor.tolist()` of a (4, 3, 8, 8) tensor).
    public static func loadValues(path: String) throws(ReplayError) -> [Double] {
        try flatten(parse(path: path), path: path, at: "$")
    }

    /// Recorded model outputs: a JSON array with one (possibly nested) array per step.
    public static func loadModelOutputs(path: String) throws(ReplayError) -> [[Double]] {
        guard case .array(let steps) = try parse(path: path) else {
            throw .unreadableInput(path: path, reason: "expected a JSON array with one array of model outputs per step")
        }
        var outputs: [[Double]] = []
        for (i, step) in steps.enumerated() {
            guard case .array = step else {
                throw .unreadableInput(path: path, reason: "$[\(i)]: expected an array of model outputs, found \(step.kindName)")
            }
            outputs.append(try flatten(step, path: path, at: "$[\(i)]"))
        }
        return outputs
    }

    static func parse(path: String) throws(ReplayError) -> JSONValue {
        guard let data = StandardInput.isStandardInput(path) ? StandardInput.data() : FileManager.default.contents(atPath: path) else {
            throw .unreadableInput(path: path, reason: "cannot read the file (missing or unreadable)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadableInput(path: path, reason: "the file is not UTF-8 text")
        }
        do {
            return try JSONValue.parse(text)
        } catch {
            throw .unreadableInput(path: path, position: error.position, reason: "malformed JSON: \(error.message)")
        }
    }

    static func flatten(_ value: JSONValue, path: String, at location: String) throws(ReplayError) -> [Double] {
        switch value {
        case .number(let x):
            guard x.isFinite else { throw .unreadableInput(path: path, reason: "\(location): expected a finite number") }
            return [x]
        case .array(let items):
            var out: [Double] = []
            for (i, item) in items.enumerated() {
                out += try flatten(item, path: path, at: "\(location)[\(i)]")
            }
            return out
        default:
            throw .unreadableInput(path: path, reason: "\(location): expected a number or an array, found \(value.kindName)")
        }
    }
}
