extension VerificationReport {
    /// `{"passed": …, "parts": [{"name", "passed", "summary", "details"}]}`, for `checker verify --format json`.
    public var json: JSONValue {
        .object([
            ("passed", .bool(passed)),
            ("parts", .array(parts.map { part in
                .object([
                    ("name", .string(part.name)),
                    ("passed", .bool(part.passed)),
                    ("summary", .string(part.summary)),
                    ("details", .array(part.details.map(JSONValue.string))),
                ])
            })),
        ])
    }
}
