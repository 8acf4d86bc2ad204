/// A JSON syntax error with its position.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var position: TextPosition
    public var description: String { "\(position): \(message)" }
}

extension JSONValue {
    /// The largest nesting depth accepted. Deeper documents are refused rather than risking the
    /// stack: no case file, config or notebook comes near it.
    public static let maximumDepth = 512

    /// Parses RFC 8259 JSON. NaN and infinities are not JSON numbers; case files write them as the
    /// strings "NaN", "Infinity" and "-Infinity", which callers decode where a number is expected.
    ///
    /// - Throws: ``JSONSyntaxError`` with the line and column of the first problem.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(Array(text.utf8))
        return try parser.parseDocument()
    }

    /// Like ``parse(_:)``, and also returns the position of every value, keyed by JSON path
    /// (`$.cases[3].inputs.t`), so that semantic errors can say where they are.
    ///
    /// `pythonConstants`: also accept the bare `NaN`, `Infinity` and `-Infinity` that Python's
    /// `json` module writes (diffusers' configs contain them, e.g. `lambda_min_clipped: -Infinity`),
    /// as non-finite numbers. Off by default: they are not JSON.
    public static func parseWithPositions(_ text: String, pythonConstants: Bool = false) throws(JSONSyntaxError) -> (JSONValue, JSONPositions) {
        var parser = JSONParser(Array(text.utf8))
        parser.recordPositions = true
        parser.pythonConstants = pythonConstants
        let value = try parser.parseDocument()
        return (value, JSONPositions(bytes: parser.bytes, offsets: parser.offsets))
    }
}

struct JSONParser {
    let bytes: [UInt8]
    var index = 0
    var line = 1
    var lineStart = 0
    var recordPositions = false
    /// Accept Python's `NaN`, `Infinity` and `-Infinity` as numbers.
    var pythonConstants = false
    /// Byte offsets of values by JSON path; turned into line and column only when asked, so that
    /// long single-line arrays do not cost a scan per element.
    var offsets: [String: Int] = [:]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var position: TextPosition {
        TextPosition(line: line, column: JSONPositions.column(in: bytes, lineStart: lineStart, offset: index))
    }

    func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(message: message, position: position)
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3; lineStart = 3 }
        skipWhitespace()
        let value = try parseValue(path: "$", depth: 0)
        skipWhitespace()
        guard index == bytes.count else { throw error("unexpected text after the JSON value") }
        return value
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default: return
            }
        }
    }

    mutating func parseValue(path: String, depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth < JSONValue.maximumDepth else {
            throw error("nesting deeper than \(JSONValue.maximumDepth) levels")
        }
        guard index < bytes.count else { throw error("unexpected end of input, expected a value") }
        if recordPositions { offsets[path] = index }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(path: path, depth: depth)
        case UInt8(ascii: "["): return try parseArray(path: path, depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "N") where pythonConstants: try expectLiteral("NaN"); return .number(.nan)
        case UInt8(ascii: "I") where pythonConstants: try expectLiteral("Infinity"); return .number(.infinity)
        case UInt8(ascii: "-") where pythonConstants && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "I"):
            index += 1
            try expectLiteral("Infinity")
            return .number(-.infinity)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default:
            if bytes[index] == UInt8(ascii: "N") || bytes[index] == UInt8(ascii: "I") {
                throw error("NaN and Infinity are not JSON numbers; write them as the strings \"NaN\", \"Infinity\"")
            }
            throw error("unexpected character, expected a value")
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let expected = Array(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
        guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
            throw error("invalid literal, expected \(literal)")
        }
        index += expected.count
    }

    mutating func parseObject(path: String, depth: Int) throws(JSONSyntaxError) -> JSONValue {
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("expected a string key in an object")
            }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("expected ':' after the key \"\(key)\"")
            }
            index += 1
            skipWhitespace()
            let value = try parseValue(path: path + "." + key, depth: depth + 1)
            members.append((key, value))
            skipWhitespace()
            guard index < bytes.count else { throw error("unterminated object, expected ',' or '}'") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            throw error("expected ',' or '}' in an object")
        }
    }

    mutating func parseArray(path: String, depth: Int) throws(JSONSyntaxError) -> JSONValue {
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(path: path + "[\(elements.count)]", depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw error("unterminated array, expected ',' or ']'") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
            throw error("expected ',' or ']' in an array")
        }
    }

    mutating func parseString() throws(JSONSyntaxError) -> String {
        index += 1
        var runStart = index
        var out: [UInt8] = []
        func flush(_ parser: JSONParser, upTo end: Int, into out: inout [UInt8]) {
            out.append(contentsOf: parser.bytes[runStart..<end])
        }
        while true {
            guard index < bytes.count else { throw error("unterminated string") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                flush(self, upTo: index, into: &out)
                index += 1
                break
            }
            if byte < 0x20 {
                throw error("control character in a string (escape it as \\n, \\t or \\u00XX)")
            }
            if byte == UInt8(ascii: "\\") {
                flush(self, upTo: index, into: &out)
                index += 1
                guard index < bytes.count else { throw error("unterminated escape in a string") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try parseHex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw error("unpaired UTF-16 surrogate in a \\u escape")
                        }
                        index += 2
                        let low = try parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("invalid UTF-16 low surrogate") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw error("unpaired UTF-16 surrogate in a \\u escape")
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
                    out.append(contentsOf: Array(String(scalar).utf8))
                default:
                    // An escaped line break: point at the break, not past it (its line has ended).
                    if escape == 0x0A { index -= 1 }
                    throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))' in a string")
                }
                runStart = index
                continue
            }
            index += 1
        }
        guard let string = String(validating: out, as: UTF8.self) else {
            throw error("string is not valid UTF-8")
        }
        return string
    }

    mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid hexadecimal digit in a \\u escape")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> Double {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        guard isDigit(index) else { throw error("invalid number: expected a digit") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if isDigit(index) { throw error("invalid number: leading zeros are not allowed") }
        } else {
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard isDigit(index) else { throw error("invalid number: expected a digit after '.'") }
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard isDigit(index) else { throw error("invalid number: expected a digit in the exponent") }
            while isDigit(index) { index += 1 }
        }
        guard index - start <= 1100 else { throw error("number literal longer than 1100 characters") }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        // Double(String) is correctly rounded (strtod), as Python's json and NumPy are.
        guard let value = Double(text) else { throw error("invalid number") }
        guard value.isFinite else { throw error("number \(text) overflows a Double") }
        return value
    }
}

/// The positions of a document's values, by JSON path.
public struct JSONPositions: Sendable {
    let bytes: [UInt8]
    let offsets: [String: Int]

    public init() {
        bytes = []
        offsets = [:]
    }

    init(bytes: [UInt8], offsets: [String: Int]) {
        self.bytes = bytes
        self.offsets = offsets
    }

    /// The line and column of the value at `path`, if there is one.
    public subscript(path: String) -> TextPosition? {
        guard let offset = offsets[path] else { return nil }
        var line = 1
        var lineStart = 0
        for i in 0..<min(offset, bytes.count) where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        return TextPosition(line: line, column: Self.column(in: bytes, lineStart: lineStart, offset: offset))
    }

    /// 1-based column of `offset`, counting Unicode scalars (UTF-8 continuation bytes are skipped).
    static func column(in bytes: [UInt8], lineStart: Int, offset: Int) -> Int {
        var column = 1
        var i = lineStart
        while i < offset && i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return column
    }
}
