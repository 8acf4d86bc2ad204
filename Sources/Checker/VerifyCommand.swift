import ArgumentParser
import CheckerCore
import Foundation

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Run every check on built-in defaults: the fixtures, the standard schedules, and more.",
        discussion: "The main job. Prints one line per part and a verdict; exit 0 when all pass, 1 otherwise."
    )

    @Option(help: "Directory holding the ddpm-golden/1 fixtures.")
    var fixtures: String = "fixtures"

    func run() throws {
        let report = MainVerification.run(fixturesDirectory: fixtures)
        print(report.text)
        if !report.passed { throw ExitCode(1) }
    }
}
