import ArgumentParser
import Foundation
import Testing
@testable import Checker

/// The checker's command line, parsed in process.
@Suite("checker command line")
struct CommandLineTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    @Test("every subcommand is registered and has help text users can act on")
    func subcommands() {
        let names = Checker.configuration.subcommands.compactMap { $0.configuration.commandName }
        #expect(names.contains("verify") && names.contains("golden"))
        for command in Checker.configuration.subcommands {
            #expect(!command.configuration.abstract.isEmpty, "\(command)")
        }
    }

    @Test("golden help names the format, the exit codes and the arguments")
    func goldenHelp() {
        let help = GoldenVerify.helpMessage(columns: 100)
        #expect(help.contains("<files>") && help.contains("--format <format>"))
        let flat = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("Exit 0 when all cases pass, 1 on a mismatch, 2 on a malformed file"))
        #expect(help.contains("ddpm-golden/1"))
        let generate = GoldenGenerate.helpMessage(columns: 100)
        #expect(generate.contains("--output <output>"))
        #expect(generate.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("deliberate act"))
    }

    @Test("arguments parse: files, formats and defaults")
    func parsing() throws {
        let verify = try GoldenVerify.parse(["a.json", "b.json", "--format", "json"])
        #expect(verify.files == ["a.json", "b.json"] && verify.format == .json)
        let command = try Checker.parseAsRoot(["golden", "verify", "x.json"])
        #expect(command is GoldenVerify)
        #expect(try GoldenGenerate.parse([]).output == "fixtures")
        #expect(try VerifyCommand.parse([]).fixtures == "fixtures")
    }

    @Test("unknown options and values are usage errors (exit 2)")
    func usageErrors() {
        #expect(throws: (any Error).self) { try GoldenVerify.parse(["a.json", "--format", "xml"]) }
        #expect(throws: (any Error).self) { try Checker.parseAsRoot(["golden", "verify", "--frobnicate"]) }
        #expect(throws: (any Error).self) { try GoldenVerify.parse([]) }
        do {
            _ = try Checker.parseAsRoot(["no-such-command"])
        } catch {
            // Checker.main maps these to exit 2 (tested end to end in UsageExitTests).
            #expect(Checker.exitCode(for: error) == .validationFailure)
        }
    }

    @Test("golden verify exits 1 on a mismatch and 2 on a malformed file")
    func goldenExitCodes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("checker-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let wrong = directory.appendingPathComponent("wrong.json").path
        try #"{"format": "ddpm-golden/1", "cases": [{"id": "a", "op": "posterior", "schedule": {"kind": "linear", "timesteps": 10}, "inputs": {"t": 0}, "expect": {"variance": [1]}, "tolerance": {"abs": 0, "rel": 0}}]}"#
            .write(toFile: wrong, atomically: true, encoding: .utf8)
        let malformed = directory.appendingPathComponent("bad.json").path
        try #"{"format": "ddpm-golden/1", "cases": [}"#.write(toFile: malformed, atomically: true, encoding: .utf8)
        #expect(throws: ExitCode(1)) { try GoldenVerify.parse([wrong]).run() }
        #expect(throws: ExitCode(2)) { try GoldenVerify.parse([malformed]).run() }
        #expect(throws: ExitCode(2)) { try GoldenVerify.parse([directory.appendingPathComponent("missing.json").path]).run() }
        try GoldenVerify.parse([Self.root + "/fixtures/timesteps.json"]).run()
    }
}

@Suite("checker process exit codes")
struct UsageExitTests {
    /// The built `checker` binary next to the test bundle, when the build has one.
    static var binary: String? {
        let bundle = Bundle.main.bundleURL.deletingLastPathComponent()
        for candidate in [bundle.appendingPathComponent("checker").path, CommandLineTests.root + "/.build/debug/checker"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return nil
    }

    func run(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.binary))
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test("usage errors exit 2, help exits 0", .enabled(if: binary != nil))
    func exitCodes() throws {
        #expect(try run(["--frobnicate"]) == 2)
        #expect(try run(["golden", "verify"]) == 2)
        #expect(try run(["golden", "verify", "a.json", "--format", "xml"]) == 2)
        #expect(try run(["--help"]) == 0)
    }
}
