import CheckerCore
import Foundation

/// What `checker lint` does, so the command itself only parses arguments.
public enum LintRun {
    /// The report, what to print on standard error, and the exit status: 0 clean, 1 findings at
    /// or above `failOn`, 2 bad input (an unreadable file, a broken notebook, a bad option).
    public struct Outcome: Sendable {
        public var output: String
        public var errors: String
        public var exitCode: Int32
    }

    public static var tool: ToolDescriptor {
        ToolDescriptor(name: "checker lint", rules: LintRule.all.map(\.descriptor))
    }

    /// Text given on standard input (the path `-`), with the name it is reported under; the
    /// name's extension says how it is read (`.md`, `.ipynb`, `.py`).
    public struct StandardInput: Sendable {
        public var name: String
        public var text: String

        public init(name: String, text: String) {
            self.name = name
            self.text = text
        }
    }

    /// `coverage`: print what was judged and what was not (text or JSON) instead of the findings;
    /// the exit status is still that of the findings. `exclude`: glob patterns skipped when a
    /// directory is walked (``LintInputDiscovery``). `standardInput`: what the path `-` reads.
    public static func run(paths: [String], format: String = "text", failOn: String = "note", coverage: Bool = false,
                           exclude: [String] = [], standardInput: StandardInput? = nil) -> Outcome {
        guard let reportFormat = ReportFormat(rawValue: format.lowercased()) else {
            return Outcome(output: "", errors: ErrorLine.usage("--format \(format): expected text, json, sarif or github").description, exitCode: 2)
        }
        guard let threshold = Severity(rawValue: failOn.lowercased()) else {
            return Outcome(output: "", errors: ErrorLine.usage("--fail-on \(failOn): expected note, warning or error").description, exitCode: 2)
        }
        guard !paths.isEmpty else {
            return Outcome(output: "", errors: ErrorLine.usage("no file given; expected .md, .ipynb, .py or .tex paths, a directory, or - for standard input").description, exitCode: 2)
        }
        var diagnostics: [Diagnostic] = []
        var errors: [String] = []
        var coverages: [LintCoverage] = []
        let inputs = expand(paths, excluding: exclude)
        let imports = SiblingModules.importedVarianceFunctions(inputs)
        for path in inputs {
            let result = CodeAnalysis.$importedVarianceFunctions.withValue(imports[path] ?? [:]) { () -> Result<([Diagnostic], LintCoverage), LintInputError> in
                do throws(LintInputError) {
                    if path == "-" {
                        return .success(try NotesLinter.lintWithCoverage(text: standardInput?.text ?? "", path: standardInput?.name ?? "stdin.md"))
                    }
                    return .success(try NotesLinter.lintWithCoverage(path: path))
                } catch {
                    return .failure(error)
                }
            }
            switch result {
            case .success(let (d, c)):
                diagnostics += d
                coverages.append(c)
            case .failure(let error):
                errors.append(error.description)
            }
        }
        var output = DiagnosticReport.render(diagnostics, format: reportFormat, tool: tool)
        if coverage {
            switch reportFormat {
            case .json: output = LintCoverage.json(coverages).serialized()
            case .text, .github, .sarif: output = LintCoverage.text(coverages)
            }
        }
        let code: Int32 = !errors.isEmpty ? 2 : (diagnostics.contains { $0.severity >= threshold } ? 1 : 0)
        return Outcome(output: output, errors: errors.joined(separator: "\n"), exitCode: code)
    }

    /// Files as given; a directory stands for the notes, notebooks and Python files under it
    /// (``LintInputDiscovery``: not in hidden, vendored or virtual-environment directories, nor
    /// ignored by git).
    static func expand(_ paths: [String], excluding excludes: [String] = []) -> [String] {
        paths.flatMap { path -> [String] in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return [path] }
            return LintInputDiscovery.files(under: path, excluding: excludes)
        }
    }

    /// `checker lint --explain DL101` (a code or a slug).
    /// An input error's code (`DL003`) or slug (`notebook-json`) is explained as well.
    public static func explain(_ name: String) -> Outcome {
        if let input = LintInputError.Kind.named(name) {
            return Outcome(output: "\(input.code) \(input.slug) (bad input, exit status 2)\n\(input.summary)", errors: "", exitCode: 0)
        }
        guard let rule = LintRule.named(name) else {
            return Outcome(output: "", errors: ErrorLine.usage("--explain \(name): no such rule; expected a code or slug that --list-rules lists").description, exitCode: 2)
        }
        let text = """
        \(rule.code) \(rule.slug) (\(rule.severity.rawValue))
        \(rule.summary)

        \(rule.explanation)
        """
        return Outcome(output: text, errors: "", exitCode: 0)
    }

    /// `checker lint --list-rules`: one rule a line, after the input errors (`DL0xx`).
    public static func listRules() -> Outcome {
        let width = (LintRule.all.map(\.slug.count) + LintInputError.Kind.allCases.map(\.slug.count)).max() ?? 0
        let inputs = LintInputError.Kind.allCases.map { k in
            "\(k.code)  \(k.slug.padding(width))  \("input".padding(7))  \(k.summary)"
        }
        let lines = inputs + LintRule.all.map { r in
            "\(r.code)  \(r.slug.padding(width))  \(r.severity.rawValue.padding(7))  \(r.summary)"
        }
        return Outcome(output: lines.joined(separator: "\n"), errors: "", exitCode: 0)
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
