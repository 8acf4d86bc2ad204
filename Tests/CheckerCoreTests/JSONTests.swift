import Testing
@testable import CheckerCore

@Suite("JSON reading and writing")
struct JSONTests {
    @Test("values, key order and nesting")
    func values() throws {
        let v = try JSONValue.parse(#"{"b": [1, 2.5, -3e-2], "a": {"x": null, "y": true}, "s": "é\n\u00e9\ud83d\ude00"}"#)
        guard case .object(let members) = v else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["b", "a", "s"])
        #expect(v["b"] == .array([.number(1), .number(2.5), .number(-0.03)]))
        #expect(v["a"]?["y"] == .bool(true))
        #expect(v["s"] == .string("é\né😀"))
    }

    @Test("numbers are correctly rounded and written back bit for bit")
    func numberRoundTrip() throws {
        let values: [Double] = [0.1, 1e-300, .leastNonzeroMagnitude, 1.7976931348623157e308, -0.0, 0.01998008008008008, 4.03582976538e-05, 123456789012345680]
        let text = JSONValue.array(values.map { .number($0) }).serialized()
        guard case .array(let back) = try JSONValue.parse(text) else { Issue.record("not an array"); return }
        for (value, parsed) in zip(values, back) {
            guard case .number(let x) = parsed else { Issue.record("not a number"); continue }
            #expect(x.bitPattern == value.bitPattern || (x == 0 && value == 0), "\(value)")
        }
        #expect(JSONValue.formatNumber(.nan) == "\"NaN\"" && JSONValue.formatNumber(-.infinity) == "\"-Infinity\"")
    }

    @Test("syntax errors name line and column", arguments: [
        ("{\"a\": 1,}", 1, 9, "expected a string key"),
        ("[1, 2\n  3]", 2, 3, "expected ',' or ']'"),
        ("{\"a\": \"unterminated}", 1, 21, "unterminated string"),
        ("[NaN]", 1, 2, "NaN and Infinity are not JSON numbers"),
        ("[01]", 1, 3, "leading zeros"),
        ("{} x", 1, 4, "unexpected text after"),
        ("", 1, 1, "unexpected end of input"),
        ("[1e999]", 1, 7, "overflows a Double"),
        ("\"\\x\"", 1, 4, "invalid escape"),
    ])
    func syntaxErrors(text: String, line: Int, column: Int, fragment: String) {
        do {
            _ = try JSONValue.parse(text)
            Issue.record("accepted invalid JSON \(text)")
        } catch {
            #expect(error.position == TextPosition(line: line, column: column), "\(text): \(error)")
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test("deep nesting is refused, not a stack overflow")
    func deepNesting() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(text) }
        let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? JSONValue.parse(ok)) != nil)
    }

    @Test("positions are recorded by JSON path")
    func positions() throws {
        let (_, positions) = try JSONValue.parseWithPositions("{\n  \"cases\": [\n    {\"id\": 3}\n  ]\n}")
        #expect(positions["$.cases[0].id"] == TextPosition(line: 3, column: 12))
        #expect(positions["$.cases"] == TextPosition(line: 2, column: 12))
    }
}
