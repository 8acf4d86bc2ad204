import ArgumentParser
import CheckerCore

@main
struct Checker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checker",
        abstract: "Verify the mathematics of diffusion models: schedules, samplers, notes and fixtures.",
        discussion: """
            Exit status: 0 when everything checked is right, 1 when something is wrong (a mismatch,
            a finding at or above --fail-on, a failed statistical test), 2 for bad usage or bad input.
            Timestep indices are 0-based everywhere: index t is the paper's step t + 1.
            """,
        version: DiffusionCheckVersion.current,
        subcommands: [
            VerifyCommand.self,
            GoldenCommand.self,
        ]
    )
}
