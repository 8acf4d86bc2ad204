import CheckerCore

/// A lint rule: its stable code and slug, default severity, summary and explanation.
public struct LintRule: Sendable, Hashable {
    public let code: String
    public let slug: String
    public let severity: Severity
    public let summary: String
    public let explanation: String

    public var descriptor: RuleDescriptor {
        RuleDescriptor(code: code, slug: slug, defaultSeverity: severity, summary: summary, explanation: explanation)
    }
}
