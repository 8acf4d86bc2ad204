import ArgumentParser
import CheckerCore
import Foundation
import NotesLint
import ScheduleCheck

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Run every check on built-in defaults: fixtures, standard schedules, scheduler configs, and more.",
        discussion: "The main job. Prints one line per part and a verdict; exit 0 when all pass, 1 otherwise. Run it from the repository root, or pass --fixtures."
    )

    @Option(help: "Directory holding the ddpm-golden/1 fixtures.")
    var fixtures: String = "fixtures"

    @Option(help: "Directory holding the bundled notes that must lint clean.")
    var notes: String = "notes"

    func run() throws {
        var report = MainVerification.run(fixturesDirectory: fixtures)
        report.parts.append(StandardScheduleChecks.verify())
        let lint = lintBundledNotes(directory: notes)
        report.parts.append(VerificationPart(name: "lint bundled notes", passed: lint.passed, summary: lint.description))
        print(report.text)
        if !report.passed { throw ExitCode(1) }
    }
}
