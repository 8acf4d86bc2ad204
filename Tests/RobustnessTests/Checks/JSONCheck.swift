import CheckerCore

/// Properties of the JSON reader (`JSONValue.parse`) on arbitrary bytes.
///
/// - Bytes that are not UTF-8 never reach the parser (files are decoded first, and a file that is
///   not UTF-8 is refused as such), so they are skipped.
/// - A refusal names a line and column inside the text and says what was wrong.
/// - An accepted document survives writing and reading back: compact and indented output parse
///   to the same value, and the positioned parse agrees with the plain one.
enum JSONCheck {
    static func run(_ bytes: [UInt8]) -> FuzzFindings {
        var findings = FuzzFindings()
        guard let text = String(validating: bytes, as: UTF8.self) else { return findings }
        let value: JSONValue
        do {
            value = try JSONValue.parse(text)
        } catch {
            findings.require(!error.message.isEmpty, "JSON refusal without a message")
            findings.require(TextBounds(text).contains(error.position), "JSON refusal at \(error.position), outside the text: \(error.message)")
            do {
                _ = try JSONValue.parseWithPositions(text)
                findings.record("parse refused the text (\(error)) but parseWithPositions accepted it")
            } catch let positioned {
                findings.require(positioned == error, "parse and parseWithPositions disagree: \(error) versus \(positioned)")
            }
            return findings
        }
        do {
            let (positioned, positions) = try JSONValue.parseWithPositions(text)
            findings.require(positioned == value, "parseWithPositions read a different value than parse")
            findings.require(positions["$"] != nil, "no position for the root value")
        } catch {
            findings.record("parse accepted the text but parseWithPositions refused it: \(error)")
        }
        for indent in [0, 2] {
            let written = value.serialized(indent: indent)
            do {
                let reread = try JSONValue.parse(written)
                findings.require(reread == value, "value changed on a round trip with indent \(indent)")
            } catch {
                findings.record("written JSON (indent \(indent)) does not parse: \(error)")
            }
        }
        return findings
    }
}
