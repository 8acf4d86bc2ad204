import CheckerCore
import RealModule
import Reference

/// The result of one check: passed, not applicable, or fired with a severity.
public enum CheckStatus: Sendable, Equatable {
    case passed
    /// Not applicable to this input (no timesteps given, not in latent space, …).
    case notApplicable
    case fired(Severity)

    public var label: String {
        switch self {
        case .passed: return "ok"
        case .notApplicable: return "n/a"
        case .fired(let severity): return severity.rawValue
        }
    }
}

/// One row of the report: a check, its status, the numbers behind it, and its findings.
public struct CheckOutcome: Sendable {
    public var rule: RuleDescriptor
    public var status: CheckStatus
    /// The numbers, in one line ("√ᾱ₉₉₉ = 0.06826491, SNR = 0.004682").
    public var summary: String
    /// The findings (usually one; one per key for config-key checks).
    public var diagnostics: [Diagnostic]

    public init(rule: RuleDescriptor, status: CheckStatus, summary: String, diagnostics: [Diagnostic] = []) {
        self.rule = rule
        self.status = status
        self.summary = summary
        self.diagnostics = diagnostics
    }

    static func passed(_ rule: RuleDescriptor, _ summary: String) -> CheckOutcome {
        CheckOutcome(rule: rule, status: .passed, summary: summary)
    }

    static func notApplicable(_ rule: RuleDescriptor, _ summary: String) -> CheckOutcome {
        CheckOutcome(rule: rule, status: .notApplicable, summary: summary)
    }

    /// A fired check with one finding.
    static func fired(
        _ rule: RuleDescriptor, severity: Severity? = nil, message: String, summary: String,
        details: [DiagnosticDetail] = [], location: SourceLocation? = nil, fix: String? = nil
    ) -> CheckOutcome {
        let severity = severity ?? rule.defaultSeverity
        let diagnostic = Diagnostic(code: rule.code, slug: rule.slug, severity: severity, message: message, location: location, fix: fix, details: details)
        return CheckOutcome(rule: rule, status: .fired(severity), summary: summary, diagnostics: [diagnostic])
    }
}

/// The curves of the checked schedule, for the plot and the comparison.
public struct ScheduleCurves: Sendable {
    public var label: String
    public var betas: [Double]
    public var alphaBars: [Double]
    /// log ᾱ − log(1 − ᾱ); −∞ where ᾱ = 0.
    public var logSNR: [Double] {
        alphaBars.map { $0 > 0 && $0 < 1 ? Double.log($0) - Double.log(onePlus: -$0) : ($0 <= 0 ? -.infinity : .infinity) }
    }

    public init(label: String, betas: [Double], alphaBars: [Double]) {
        self.label = label
        self.betas = betas
        self.alphaBars = alphaBars
    }
}

/// Everything `verify-schedule` found about one schedule.
public struct ScheduleVerification: Sendable {
    public var subject: String
    public var outcomes: [CheckOutcome]
    public var curves: ScheduleCurves
    /// The report's first lines: the class, the defaults applied, the assumptions, what was not checked.
    public var header: [String] = []

    /// Every finding, in check order.
    public var diagnostics: [Diagnostic] { outcomes.flatMap(\.diagnostics) }

    /// True when no finding reaches `threshold`.
    public func passes(failOn threshold: Severity) -> Bool {
        !diagnostics.contains { $0.severity >= threshold }
    }

    /// The codes of the findings, sorted and without repeats ("VS201", "VS601").
    public var findingCodes: [String] {
        Array(Set(diagnostics.map(\.code))).sorted()
    }

    /// The outcome of the check with this code.
    public func outcome(_ code: String) -> CheckOutcome? {
        outcomes.first { $0.rule.code == code }
    }
}
