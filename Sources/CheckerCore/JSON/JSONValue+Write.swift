extension JSONValue {
    /// Serializes the value. Numbers use Swift's shortest round-trip form, so that a Double written
    /// and read back is the same Double; non-finite numbers are written as the strings "NaN",
    /// "Infinity", "-Infinity" (the case-file convention).
    ///
    /// - Parameter indent: spaces per level; arrays of scalars stay on one line so that fixtures
    ///   remain readable and diffable.
    public func serialized(indent: Int = 2) -> String {
        var out = ""
        write(to: &out, level: 0, indent: indent)
        return out
    }

    private func write(to out: inout String, level: Int, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let x): out += JSONValue.formatNumber(x)
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let elements):
            if elements.isEmpty { out += "[]"; return }
            let scalarsOnly = elements.allSatisfy {
                switch $0 { case .array, .object: return false; default: return true }
            }
            if scalarsOnly || indent == 0 {
                out += "["
                for (i, e) in elements.enumerated() {
                    if i > 0 { out += indent == 0 ? "," : ", " }
                    e.write(to: &out, level: level + 1, indent: indent)
                }
                out += "]"
            } else {
                out += "[\n"
                let pad = String(repeating: " ", count: (level + 1) * indent)
                for (i, e) in elements.enumerated() {
                    out += pad
                    e.write(to: &out, level: level + 1, indent: indent)
                    out += i + 1 < elements.count ? ",\n" : "\n"
                }
                out += String(repeating: " ", count: level * indent) + "]"
            }
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            if indent == 0 {
                out += "{"
                for (i, m) in members.enumerated() {
                    if i > 0 { out += "," }
                    JSONValue.writeString(m.key, to: &out)
                    out += ":"
                    m.value.write(to: &out, level: level + 1, indent: indent)
                }
                out += "}"
                return
            }
            out += "{\n"
            let pad = String(repeating: " ", count: (level + 1) * indent)
            for (i, m) in members.enumerated() {
                out += pad
                JSONValue.writeString(m.key, to: &out)
                out += ": "
                m.value.write(to: &out, level: level + 1, indent: indent)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: level * indent) + "}"
        }
    }

    /// Shortest round-trip decimal form; integers without a fraction; non-finite as strings.
    public static func formatNumber(_ x: Double) -> String {
        if x.isNaN { return "\"NaN\"" }
        if x.isInfinite { return x > 0 ? "\"Infinity\"" : "\"-Infinity\"" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
