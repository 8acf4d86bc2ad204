import CheckerCore

/// What the code analysis did with one piece of code: a function it ran at its probe steps, the
/// module-level code of a block or cell, or something it left alone and why. A clean report on
/// code the analysis skipped is not a verdict, so every skip is listed.
public struct CodeCoverageEntry: Sendable, Equatable {
    public enum Verdict: String, Sendable { case judged, skipped }

    public var location: SourceLocation
    /// `function p_sample`, `module code`, `code block`.
    public var construct: String
    public var verdict: Verdict
    /// What was checked, or why nothing was.
    public var reason: String

    public init(location: SourceLocation, construct: String, verdict: Verdict, reason: String) {
        self.location = location
        self.construct = construct
        self.verdict = verdict
        self.reason = reason
    }
}

/// The entries of one document in the order the code was read.
struct CodeCoverageLog {
    private(set) var entries: [CodeCoverageEntry] = []

    mutating func judged(_ construct: String, source: SourceText, offset: Int, _ reason: String) {
        entries.append(CodeCoverageEntry(location: source.location(offset), construct: construct, verdict: .judged, reason: reason))
    }

    mutating func skipped(_ construct: String, source: SourceText, offset: Int, _ reason: String) {
        entries.append(CodeCoverageEntry(location: source.location(offset), construct: construct, verdict: .skipped, reason: reason))
    }
}
