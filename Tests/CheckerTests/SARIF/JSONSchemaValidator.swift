import CheckerCore
import Foundation

/// A validator for the JSON Schema (draft-04) keywords the SARIF 2.1.0 schema uses: `$ref` into
/// `#/definitions`, `type`, `enum`, `properties`, `required`, `additionalProperties`, `items`,
/// `minItems`, `uniqueItems`, `minimum`, `maximum`, `pattern`, `format` (`uri`, `uri-reference`,
/// `date-time`, checked as syntax), `anyOf` and `oneOf`. A schema keyword outside this list is
/// reported as an error rather than skipped, so a schema this validator does not understand never
/// passes a document silently.
struct JSONSchemaValidator {
    let root: JSONValue

    /// Keywords that carry no constraint.
    static let annotations: Set<String> = ["description", "default", "title", "id", "$schema", "definitions"]

    init(schemaText: String) throws {
        root = try JSONValue.parse(schemaText)
    }

    /// Every violation, as "JSON path: what is wrong"; empty when the document is valid.
    func validate(_ document: JSONValue) -> [String] {
        var errors: [String] = []
        check(document, against: root, at: "$", errors: &errors)
        return errors
    }

    private func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: JSONValue? = root
        for part in reference.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
        return node
    }

    private func check(_ value: JSONValue, against schema: JSONValue, at path: String, errors: inout [String]) {
        guard case .object(let keywords) = schema else {
            errors.append("\(path): schema node is not an object")
            return
        }
        for (keyword, argument) in keywords {
            switch keyword {
            case "$ref":
                guard case .string(let reference) = argument, let target = resolve(reference) else {
                    errors.append("\(path): unresolvable $ref \(argument)")
                    continue
                }
                check(value, against: target, at: path, errors: &errors)
            case "type":
                let allowed: [String]
                switch argument {
                case .string(let t): allowed = [t]
                case .array(let ts): allowed = ts.compactMap { if case .string(let t) = $0 { return t } else { return nil } }
                default: allowed = []
                }
                if !allowed.contains(where: { Self.hasType(value, $0) }) {
                    errors.append("\(path): expected \(allowed.joined(separator: " or ")), found \(value.kindName)")
                }
            case "enum":
                if case .array(let options) = argument, !options.contains(value) {
                    errors.append("\(path): \(value) is not one of \(options)")
                }
            case "properties":
                guard case .object(let members) = value, case .object(let schemas) = argument else { continue }
                for (key, member) in members {
                    if let propertySchema = schemas.first(where: { $0.key == key })?.value {
                        check(member, against: propertySchema, at: path + "." + key, errors: &errors)
                    }
                }
            case "additionalProperties":
                guard case .object(let members) = value else { continue }
                let declared = Set(schema["properties"].flatMap { p -> [String]? in
                    if case .object(let m) = p { return m.map(\.key) } else { return nil }
                } ?? [])
                for (key, member) in members where !declared.contains(key) {
                    switch argument {
                    case .bool(false): errors.append("\(path): property \"\(key)\" is not allowed")
                    case .object: check(member, against: argument, at: path + "." + key, errors: &errors)
                    default: break
                    }
                }
            case "required":
                guard case .object(let members) = value, case .array(let names) = argument else { continue }
                for case .string(let name) in names where !members.contains(where: { $0.key == name }) {
                    errors.append("\(path): missing required property \"\(name)\"")
                }
            case "items":
                guard case .array(let elements) = value else { continue }
                for (i, element) in elements.enumerated() { check(element, against: argument, at: "\(path)[\(i)]", errors: &errors) }
            case "minItems":
                if case .array(let elements) = value, case .number(let n) = argument, Double(elements.count) < n {
                    errors.append("\(path): \(elements.count) items, at least \(Int(n)) required")
                }
            case "uniqueItems":
                if case .array(let elements) = value, argument == .bool(true) {
                    for i in elements.indices where elements[(i + 1)...].contains(elements[i]) {
                        errors.append("\(path)[\(i)]: duplicate item in an array whose items must be unique")
                    }
                }
            case "minimum":
                if case .number(let x) = value, case .number(let bound) = argument, x < bound {
                    errors.append("\(path): \(x) is below the minimum \(bound)")
                }
            case "maximum":
                if case .number(let x) = value, case .number(let bound) = argument, x > bound {
                    errors.append("\(path): \(x) is above the maximum \(bound)")
                }
            case "pattern":
                guard case .string(let s) = value, case .string(let pattern) = argument else { continue }
                guard let regex = try? NSRegularExpression(pattern: pattern) else {
                    errors.append("\(path): the schema's pattern \(pattern) does not compile")
                    continue
                }
                if regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) == nil {
                    errors.append("\(path): \"\(s)\" does not match \(pattern)")
                }
            case "format":
                guard case .string(let s) = value, case .string(let format) = argument else { continue }
                if let problem = Self.formatProblem(s, format: format) { errors.append("\(path): \(problem)") }
            case "anyOf", "oneOf":
                guard case .array(let alternatives) = argument else { continue }
                let passing = alternatives.filter { alternative in
                    var sub: [String] = []
                    check(value, against: alternative, at: path, errors: &sub)
                    return sub.isEmpty
                }.count
                if keyword == "anyOf" && passing == 0 { errors.append("\(path): matches none of anyOf") }
                if keyword == "oneOf" && passing != 1 { errors.append("\(path): matches \(passing) of oneOf, exactly 1 required") }
            default:
                if !Self.annotations.contains(keyword) { errors.append("\(path): unsupported schema keyword \(keyword)") }
            }
        }
    }

    static func hasType(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object), ("number", .number):
            return true
        case ("integer", .number(let x)):
            return x.rounded() == x
        default:
            return false
        }
    }

    /// RFC 3986 syntax: only allowed characters, every `%` followed by two hex digits, and for
    /// `uri` a scheme. `date-time`: RFC 3339.
    static func formatProblem(_ s: String, format: String) -> String? {
        switch format {
        case "uri", "uri-reference":
            let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%")
            let scalars = Array(s)
            for (i, c) in scalars.enumerated() {
                if !allowed.contains(c) { return "\"\(s)\" is not a \(format): character \(c) must be percent-encoded" }
                if c == "%" {
                    guard i + 2 < scalars.count, scalars[i + 1].isHexDigit, scalars[i + 2].isHexDigit else {
                        return "\"\(s)\" is not a \(format): % not followed by two hex digits"
                    }
                }
            }
            if format == "uri", s.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:", options: .regularExpression) == nil {
                return "\"\(s)\" is not an absolute uri (no scheme)"
            }
            return nil
        case "date-time":
            let pattern = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$"
            return s.range(of: pattern, options: .regularExpression) == nil ? "\"\(s)\" is not an RFC 3339 date-time" : nil
        default:
            return "unsupported format \(format)"
        }
    }
}
