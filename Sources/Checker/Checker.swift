import ArgumentParser
import CheckerCore
import Foundation
import Optimized

@main
struct Checker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checker",
        abstract: "Verify the mathematics of diffusion models: schedules, samplers, notes and fixtures.",
        discussion: "Exit status: 0 when everything checked is right, 1 when something is wrong (a mismatch, a finding at or above --fail-on, a failed statistical test), 2 for bad usage or bad input. Timestep indices are 0-based everywhere: index t is the paper's step t + 1.",
        version: versionText,
        subcommands: [
            VerifyCommand.self,
            VerifyScheduleCommand.self,
            LintCommand.self,
            EquivalenceCommand.self,
            GoldenCommand.self,
            BenchCommand.self,
            ReplayCommand.self,
            ConformCommand.self,
            ServeCommand.self,
        ]
    )

    /// `checker --version`: the version, then the CPU kernel set this process uses and why.
    static var versionText: String {
        """
        \(DiffusionCheckVersion.current)
        kernels: \(KernelSet.selectionDescription); available: \(KernelSet.available.map(\.displayName).joined(separator: ", "))
        """
    }

    /// Runs the command, with usage errors (unknown options, bad values) exiting 2 as every input
    /// error does, instead of ArgumentParser's 64, and printed in the one error shape.
    static func main() {
        // A kernel choice the selection does not understand is a usage error, not a silent default.
        if let value = KernelSet.unrecognizedEnvironmentValue {
            let text = ErrorLine.usage("DIFFUSIONCHECK_KERNELS: expected baseline, avx2 or auto, got '\(value)'").description
            FileHandle.standardError.write(Data((text + "\n").utf8))
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((usageErrorText(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    /// A usage error as `error: MESSAGE [U001]`, then what of ArgumentParser's text helps: the
    /// "Help:" line of the option at fault (what it means) and the pointer to `--help`.
    ///
    /// Its own "Error:" line is replaced, not repeated. Its "Usage:" synopsis is left out: for
    /// most commands it is either one line of every option (lint, bench, conform: a wall that
    /// buries the error) or a placeholder (`checker replay <options>`, `checker <subcommand>`)
    /// that says nothing the `--help` pointer does not.
    static func usageErrorText(for error: Error) -> String {
        let first = ErrorLine.usage(message(for: error)).description
        var rest: [Substring] = []
        var inSynopsis = false
        for line in fullMessage(for: error).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("Error: ") || (rest.isEmpty && line.isEmpty) { continue }
            // The synopsis runs from "Usage:" up to the "See '… --help'" line, however it wraps.
            if line.hasPrefix("Usage: ") { inSynopsis = true }
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("See '") { inSynopsis = false }
            if !inSynopsis { rest.append(line) }
        }
        while rest.last?.isEmpty == true { rest.removeLast() }
        return ([first] + rest.map(String.init)).joined(separator: "\n")
    }
}
