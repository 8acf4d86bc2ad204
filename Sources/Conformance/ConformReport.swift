import CheckerCore

/// The outcome of one case.
public struct CaseResult: Sendable {
    public enum Status: Sendable {
        case passed
        case failed([GoldenMismatch])
        case notChecked(String)
        /// A case whose input is invalid (`expectError`) was computed instead of refused: not a
        /// wrong number and not a pass. The string names the refusal the case expects.
        case acceptedInvalidInput(String)
    }
    public var conformCase: ConformCase
    public var status: Status
    /// How much of the derived bound the case used.
    public var margin: PrecisionComparison.Margin?
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
        /// Cases with an invalid input that the implementation computed instead of refusing.
        public var acceptedInvalid = 0
        /// The first failing case and its first mismatch.
        public var firstFailure: (caseResult: CaseResult, mismatch: GoldenMismatch)?
        public var notCheckedReason: String?
        /// The first case that accepted an invalid input.
        public var firstAcceptedInvalid: CaseResult?
        public var status: String {
            failed > 0 ? "fail" : acceptedInvalid > 0 ? "accepts invalid" : passed > 0 ? "pass" : "not checked"
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
                case .acceptedInvalidInput:
                    rows[name]!.acceptedInvalid += 1
                    if rows[name]!.firstAcceptedInvalid == nil { rows[name]!.firstAcceptedInvalid = result }
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
    public var casesAcceptedInvalid: Int { cases.filter { if case .acceptedInvalidInput = $0.status { return true } else { return false } }.count }
    public var casesNotChecked: Int { cases.count - casesPassed - casesFailed - casesAcceptedInvalid }

    /// Whether anything was checked at all: an implementation that supports nothing is not clean.
    public var checkedAnything: Bool {
        casesPassed + casesFailed + casesAcceptedInvalid > 0 || (sampling?.outcomes.contains { if case .notChecked = $0.status { return false } else { return true } } ?? false)
    }

    /// Whether the run passes (exit 0). A case that accepted an invalid input does not pass: the
    /// implementation returns a number where the equations define none (T = 0, η > 1, a NaN
    /// input), which a caller cannot tell from a right answer.
    public var passed: Bool { casesFailed == 0 && casesAcceptedInvalid == 0 && (sampling?.passed ?? true) && checkedAnything }

    /// The case that used most of its derived bound, and the largest ratio to the evaluation part
    /// alone (above 1: the schedule part of the bound was needed).
    public var boundMargin: (worst: CaseResult, margin: PrecisionComparison.Margin, evaluationOnly: Double)? {
        let measured = cases.compactMap { c in c.margin.map { (c, $0) } }
        guard let worst = measured.max(by: { $0.1.used < $1.1.used }) else { return nil }
        return (worst.0, worst.1, measured.map(\.1.evaluationOnly).max() ?? 0)
    }

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
