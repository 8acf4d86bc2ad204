import ArgumentParser
import CheckerCore
import Foundation
import NotesLint

/// `checker lint`: the mathematical errors in DDPM/DDIM notes, formulas and PyTorch code.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Find the errors in DDPM/DDIM notes (Markdown, notebooks, Python, LaTeX) by checking their mathematics.",
        discussion: """
            A directory stands for the .md, .markdown, .ipynb, .py and .tex files under it, leaving out hidden \
            directories, node_modules, __pycache__, site-packages, virtual environments, what git ignores \
            and what --exclude names. - reads standard input, as the type --stdin-filename names.

            Exit status: 0 no finding, 1 findings at or above --fail-on, 2 bad input. --exit-zero reports \
            the findings and exits 0 (for a step that uploads SARIF); bad input still exits 2.
            """
    )

    @Argument(help: "Markdown notes (.md), Jupyter notebooks (.ipynb), Python files (.py), LaTeX notes (.tex), directories, or - for standard input.",
              completion: .file(extensions: ["md", "markdown", "qmd", "rmd", "ipynb", "py"]))
    var paths: [String] = []

    @Option(help: "Output format: text, json, sarif or github.", completion: .list(ReportFormat.allCases.map(\.rawValue)))
    var format: String = "text"

    @Option(name: .customLong("exclude"), help: ArgumentHelp("Skip files and directories matching GLOB when walking a directory (repeatable): a name (drafts, *.ipynb) or a path from the directory (docs/old/*).", valueName: "glob"))
    var exclude: [String] = []

    @Option(name: .customLong("stdin-filename"), help: "The name standard input (-) is reported under; its extension says how it is read.",
            completion: .file(extensions: ["md", "qmd", "ipynb", "py"]))
    var stdinFilename: String = "stdin.md"

    @Option(name: .customLong("explain"), help: "Explain a rule or an input error by its code or slug (e.g. DL101, DL003).",
            completion: .list(LintInputError.Kind.allCases.map(\.code) + LintRule.all.map(\.code)))
    var explain: String?

    @Flag(name: .customLong("list-rules"), help: "List the input errors (DL0xx) and every rule.")
    var listRules = false

    @Flag(name: .customLong("coverage"), help: "Print what was judged and what was not, with the reason (text or json), instead of the findings.")
    var coverage = false

    @Option(name: .customLong("fail-on"), help: "Lowest severity that makes the exit status 1: note, warning or error.",
            completion: .list(Severity.allCases.map(\.rawValue)))
    var failOn: String = "note"

    @Flag(name: .customLong("exit-zero"), help: "Exit 0 even when there are findings (bad input still exits 2).")
    var exitZero = false

    func validate() throws {
        if paths.filter(StandardInput.isStandardInput).count > 1 {
            throw ValidationError("- (standard input) is given more than once; expected it at most once")
        }
    }

    func run() throws {
        let outcome: LintRun.Outcome
        if let explain {
            outcome = LintRun.explain(explain)
        } else if listRules {
            outcome = LintRun.listRules()
        } else {
            let standardInput = paths.contains(where: StandardInput.isStandardInput)
                ? LintRun.StandardInput(name: stdinFilename, text: String(decoding: StandardInput.data(), as: UTF8.self))
                : nil
            outcome = LintRun.run(paths: paths, format: format, failOn: failOn, coverage: coverage,
                                  exclude: exclude, standardInput: standardInput)
        }
        if !outcome.output.isEmpty { print(outcome.output) }
        if !outcome.errors.isEmpty { FileHandle.standardError.write(Data((outcome.errors + "\n").utf8)) }
        let status = exitZero && outcome.exitCode == 1 ? 0 : outcome.exitCode
        if status != 0 { throw ExitCode(status) }
    }
}
