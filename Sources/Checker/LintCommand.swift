import ArgumentParser
import Foundation
import NotesLint

/// `checker lint`: the mathematical errors in DDPM/DDIM notes, formulas and PyTorch code.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Find the errors in DDPM/DDIM notes (markdown, notebooks, Python) by checking their mathematics.",
        discussion: "Exit status: 0 no finding, 1 findings at or above --fail-on, 2 bad input. --exit-zero reports the findings and exits 0 (for a step that uploads SARIF); bad input still exits 2."
    )

    @Argument(help: "Markdown notes (.md), Jupyter notebooks (.ipynb) or Python files (.py).")
    var paths: [String] = []

    @Option(help: "Output format: text, json, sarif or github.")
    var format: String = "text"

    @Option(name: .customLong("explain"), help: "Explain a rule by its code or slug (e.g. DL101).")
    var explain: String?

    @Flag(name: .customLong("list-rules"), help: "List every rule.")
    var listRules = false

    @Flag(name: .customLong("coverage"), help: "Print what was judged and what was not, with the reason (text or json), instead of the findings.")
    var coverage = false

    @Option(name: .customLong("fail-on"), help: "Lowest severity that makes the exit status 1: note, warning or error.")
    var failOn: String = "note"

    @Flag(name: .customLong("exit-zero"), help: "Exit 0 even when there are findings (bad input still exits 2).")
    var exitZero = false

    func run() throws {
        let outcome: LintRun.Outcome
        if let explain {
            outcome = LintRun.explain(explain)
        } else if listRules {
            outcome = LintRun.listRules()
        } else {
            outcome = LintRun.run(paths: paths, format: format, failOn: failOn, coverage: coverage)
        }
        if !outcome.output.isEmpty { print(outcome.output) }
        if !outcome.errors.isEmpty { FileHandle.standardError.write(Data((outcome.errors + "\n").utf8)) }
        let status = exitZero && outcome.exitCode == 1 ? 0 : outcome.exitCode
        if status != 0 { throw ExitCode(status) }
    }
}
