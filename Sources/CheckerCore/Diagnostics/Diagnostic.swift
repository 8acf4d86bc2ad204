/// How serious a finding is. Ordered: `note < warning < error`, so `--fail-on warning` means
/// "warning or worse".
public enum Severity: String, Sendable, CaseIterable, Comparable, Codable {
    case note, warning, error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .note: return 0
        case .warning: return 1
        case .error: return 2
        }
    }
}

/// Where a finding is: 1-based line and column in the original file, and for notebooks the
/// 0-based cell index as the file stores it (the line and column are then within the cell). Every
/// report shows the cell 1-based; the machine formats also give the position in the `.ipynb` file
/// (``DiagnosticReport``). Columns count Unicode scalars.
public struct SourceLocation: Sendable, Hashable {
    public var file: String
    public var line: Int
    public var column: Int
    public var endLine: Int?
    public var endColumn: Int?
    public var cell: Int?

    public init(file: String, line: Int, column: Int, endLine: Int? = nil, endColumn: Int? = nil, cell: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
        self.cell = cell
    }
}

/// One number or fact behind a finding ("terminal SNR" = "2.2e-05").
public struct DiagnosticDetail: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A finding of `lint` or `verify-schedule`: a rule, where, what is wrong, and the right form.
public struct Diagnostic: Sendable, Hashable {
    /// Stable code, e.g. `DL101`. Never reused for another meaning.
    public var code: String
    /// Stable human name of the rule, e.g. `uniform-noise`.
    public var slug: String
    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// The right formula or code, where there is one.
    public var fix: String?
    public var details: [DiagnosticDetail]

    public init(
        code: String, slug: String, severity: Severity, message: String,
        location: SourceLocation? = nil, fix: String? = nil, details: [DiagnosticDetail] = []
    ) {
        self.code = code
        self.slug = slug
        self.severity = severity
        self.message = message
        self.location = location
        self.fix = fix
        self.details = details
    }
}

/// The description of a rule, for `--explain`, rule listings and SARIF's `tool.driver.rules`.
public struct RuleDescriptor: Sendable, Hashable {
    public var code: String
    public var slug: String
    public var defaultSeverity: Severity
    public var summary: String
    public var explanation: String

    public init(code: String, slug: String, defaultSeverity: Severity, summary: String, explanation: String) {
        self.code = code
        self.slug = slug
        self.defaultSeverity = defaultSeverity
        self.summary = summary
        self.explanation = explanation
    }
}

/// The program that produced a report, as SARIF names it.
public struct ToolDescriptor: Sendable {
    public var name: String
    public var version: String
    public var informationURI: String
    public var rules: [RuleDescriptor]
    /// The file a run is about (a scheduler config, an array file), where SARIF places the findings
    /// that have no position of their own; nil when the run names no file.
    public var subjectArtifact: String?

    public init(
        name: String, version: String = DiffusionCheckVersion.current, informationURI: String = DiffusionCheckVersion.informationURI,
        rules: [RuleDescriptor], subjectArtifact: String? = nil
    ) {
        self.name = name
        self.version = version
        self.informationURI = informationURI
        self.rules = rules
        self.subjectArtifact = subjectArtifact
    }
}

public enum DiffusionCheckVersion {
    public static let current = "0.1.0"
    public static let informationURI = "https://github.com/diffusioncheck/diffusioncheck"
}
