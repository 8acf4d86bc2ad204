import ArgumentParser
import CheckerCore
import Foundation
import Equivalence
import NotesLint
import ScheduleCheck

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Run every check on built-in defaults: fixtures, standard schedules, scheduler configs, and more.",
        discussion: """
            The main job. Prints one line per part and a verdict (--format json: one object with every \
            part). Exit 0 when all pass, 1 when a part fails, 2 when the fixtures or notes directory is \
            missing (run it from the repository root, or pass --fixtures and --notes).
            """
    )

    @Option(help: "Directory holding the ddpm-golden/1 fixtures.")
    var fixtures: String = "fixtures"

    @Option(help: "Directory holding the bundled notes that must lint clean.")
    var notes: String = "notes"

    @Option(help: "Output: text or json.")
    var format: SummaryFormat = .text

    func run() throws {
        // Missing inputs are a usage error, found before the whole gate runs.
        for (option, directory) in [("--fixtures", fixtures), ("--notes", notes)] {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                printError(ErrorLine.usage("\(option) \(directory): no such directory in \(FileManager.default.currentDirectoryPath); expected the repository root as working directory, or \(option) DIR").description)
                throw ExitCode(2)
            }
        }
        var report = MainVerification.run(fixturesDirectory: fixtures)
        report.parts.append(StandardScheduleChecks.verify())
        let lint = lintBundledNotes(directory: notes)
        report.parts.append(VerificationPart(name: "lint bundled notes", passed: lint.passed, summary: lint.description))
        let gate = quickGate()
        report.parts.append(VerificationPart(name: "equivalence gate", passed: gate.passed, summary: gate.summary, details: gate.details))
        print(format == .json ? report.json.serialized() : report.text)
        if !report.passed { throw ExitCode(1) }
    }
}
