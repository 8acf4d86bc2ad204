/// The one shape of every error the checker prints on standard error, whatever the command:
///
///     FILE:LINE:COLUMN: error: MESSAGE [CODE]     an input file, with the position when known
///     FILE: error: MESSAGE [CODE]                 a whole file (missing, unreadable, wrong kind)
///     error: MESSAGE [CODE]                       an option or the command line; MESSAGE names it
///
/// the shape compilers use, so editors and CI problem matchers read the position. Only a file
/// goes before `error:` (an option name there would read as a file name); what was expected is
/// part of MESSAGE; CODE is stable (`G002`, `VS006`, `P001`, `U001`, …) and `--explain` or the
/// README's tables say what it means.
public struct ErrorLine: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input file, with `:line` or `:line:column` when known; nil for the command line.
    public var location: String?
    public var message: String
    public var code: String

    public init(location: String? = nil, message: String, code: String) {
        self.location = location
        self.message = message
        self.code = code
    }

    /// `path`, `path:line` or `path:line:column`.
    public init(file: String, line: Int? = nil, column: Int? = nil, message: String, code: String) {
        var place = file
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        self.init(location: place, message: message, code: code)
    }

    /// One line; a message of several lines (an implementation's own stderr, say) keeps the code
    /// on its first line and follows it with the rest, so the first line always has the shape.
    public var description: String {
        let lines = message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let first = (location.map { "\($0): " } ?? "") + "error: \(lines.first ?? "") [\(code)]"
        return lines.count > 1 ? first + "\n" + lines[1] : first
    }

    /// Usage errors found by the command line parser (an unknown option, a missing or invalid
    /// value) and option values a command refuses before reading any input.
    public static let usageCode = "U001"

    /// A usage error: `error: MESSAGE [U001]`.
    public static func usage(_ message: String) -> ErrorLine {
        ErrorLine(message: message, code: usageCode)
    }
}
