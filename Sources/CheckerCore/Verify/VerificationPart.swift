/// One part of `checker verify`: a name, a verdict and a one-line summary, with details on failure.
public struct VerificationPart: Sendable {
    public var name: String
    public var passed: Bool
    public var summary: String
    public var details: [String]

    public init(name: String, passed: Bool, summary: String, details: [String] = []) {
        self.name = name
        self.passed = passed
        self.summary = summary
        self.details = details
    }
}

/// The parts of `checker verify` and its verdict.
public struct VerificationReport: Sendable {
    public var parts: [VerificationPart] = []
    public init(parts: [VerificationPart] = []) {
        self.parts = parts
    }
    public var passed: Bool { parts.allSatisfy(\.passed) }

    public var text: String {
        let width = (parts.map(\.name.count).max() ?? 0) + 2
        var lines: [String] = []
        for part in parts {
            let pad = String(repeating: " ", count: max(width - part.name.count, 1))
            lines.append("\(part.passed ? "PASS" : "FAIL")  \(part.name)\(pad)\(part.summary)")
            for detail in part.details.prefix(20) { lines.append("        \(detail)") }
            if part.details.count > 20 { lines.append("        … \(part.details.count - 20) more") }
        }
        let failed = parts.filter { !$0.passed }.count
        lines.append(passed ? "verify: PASS (\(parts.count) parts)" : "verify: FAIL (\(failed) of \(parts.count) parts failed)")
        return lines.joined(separator: "\n")
    }
}
