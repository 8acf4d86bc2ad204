import CheckerCore

/// The outcome of one case.
public struct CaseResult: Sendable {
    public enum Status: Sendable {
        case passed
        case failed([GoldenMismatch])
        case notChecked(String)
    }
    public var conformCase: ConformCase
    public var status: Status
}

/// Everything a conformance run found.
public struct ConformReport: Sendable {
    public var profile: ImplementationProfile
    public var cases: [CaseResult] = []
    public var sampling: SamplingReport?
    /// Reproducer files written, by report row.
    public var reproducers: [(row: String, path: String)] = []

    public init(profile: ImplementationProfile) {
        self.profile = profile
    }

    /// One line of the table: an operation, or an operation with one option value.
    public struct Row: Sendable {
        public var name: String
        public var passed = 0
        public var failed = 0
        public var notChecked = 0
        /// The first failing case and its first mismatch.
        public var firstFailure: (caseResult: CaseResult, mismatch: GoldenMismatch)?
        public var notCheckedReason: String?
        public var status: String {
            failed > 0 ? "fail" : passed > 0 ? "pass" : "not checked"
        }
    }

    /// Rows in first-seen order: each operation, then its option values.
    public var rows: [Row] {
        var order: [String] = []
        var rows: [String: Row] = [:]
        for result in cases {
            for name in result.conformCase.rows {
                if rows[name] == nil { order.append(name); rows[name] = Row(name: name) }
                switch result.status {
                case .passed: rows[name]!.passed += 1
                case .failed(let mismatches):
                    rows[name]!.failed += 1
                    if rows[name]!.firstFailure == nil, let first = mismatches.first { rows[name]!.firstFailure = (result, first) }
                case .notChecked(let reason):
                    rows[name]!.notChecked += 1
                    if rows[name]!.notCheckedReason == nil { rows[name]!.notCheckedReason = reason }
                }
            }
        }
        // Operations first (in order), each followed by its option rows.
        let ops = order.filter { !$0.contains(" ") }.sorted {
            (ConformProtocol.operations.firstIndex(of: $0) ?? 99) < (ConformProtocol.operations.firstIndex(of: $1) ?? 99)
        }
        return ops.flatMap { op in [rows[op]!] + order.filter { $0.hasPrefix(op + " ") }.sorted().map { rows[$0]! } }
    }

    public var casesPassed: Int { cases.filter { if case .passed = $0.status { return true } else { return false } }.count }
    public var casesFailed: Int { cases.filter { if case .failed = $0.status { return true } else { return false } }.count }
    public var casesNotChecked: Int { cases.count - casesPassed - casesFailed }

    /// Whether anything was checked at all: an implementation that supports nothing is not clean.
    public var checkedAnything: Bool {
        casesPassed + casesFailed > 0 || (sampling?.outcomes.contains { if case .notChecked = $0.status { return false } else { return true } } ?? false)
    }

    public var passed: Bool { casesFailed == 0 && (sampling?.passed ?? true) && checkedAnything }

    /// An option value as the report writes it.
    public static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .number(let x): return JSONValue.formatNumber(x)
        case .bool(let b): return b ? "true" : "false"
        default: return value.serialized(indent: 0)
        }
    }
}
