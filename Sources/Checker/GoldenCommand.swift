import ArgumentParser
import CheckerCore
import Foundation

struct GoldenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "golden",
        abstract: "Verify and write ddpm-golden/1 regression case files.",
        subcommands: [GoldenVerify.self, GoldenGenerate.self]
    )
}

struct GoldenVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Run every case through every implementation and report each mismatch.",
        discussion: "Each mismatch names the file, case id, implementation, key and index, with got, want and the tolerance. A directory stands for the .json files in it. Exit 0 when all cases pass, 1 on a mismatch, 2 on a malformed file (the message gives the file, line:column and JSON path of the problem)."
    )

    @Argument(help: "Case files in the ddpm-golden/1 format, directories (each stands for the .json files in it), or - for standard input.",
              completion: .file(extensions: ["json"]))
    var files: [String]

    @Option(help: "Output: text or json.")
    var format: SummaryFormat = .text

    func run() throws {
        var parsed: [GoldenFile] = []
        do throws(GoldenFileError) {
            for path in try Self.caseFiles(files) {
                parsed.append(try GoldenFile.load(path: path))
            }
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        let report = GoldenRunner(implementations: GoldenImplementations.all).verify(parsed)
        print(GoldenReportRenderer.render(report, format: format))
        if !report.passed { throw ExitCode(1) }
    }
}

extension GoldenVerify {
    /// The files as given, a directory standing for the `.json` files directly in it (sorted; not
    /// its subdirectories, which may hold other JSON). A directory without one is refused (G001),
    /// so that a wrong path never passes as "0 cases".
    static func caseFiles(_ paths: [String]) throws(GoldenFileError) -> [String] {
        var result: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                result.append(path)
                continue
            }
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
                .filter { $0.lowercased().hasSuffix(".json") && !$0.hasPrefix(".") }
                .sorted()
            guard !names.isEmpty else {
                throw GoldenFileError(code: "G001", file: path, message: "no .json case files in the directory; expected ddpm-golden/1 files")
            }
            result += names.map { (path as NSString).appendingPathComponent($0) }
        }
        return result
    }
}

struct GoldenGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write regression fixtures computed by Reference.",
        discussion: "Regenerating fixtures is a deliberate act: commit the result with a message that says which values changed and why. Inputs are drawn from a fixed seed, so the output is reproducible byte for byte."
    )

    @Option(name: .shortAndLong, help: "Directory to write the fixture files into.")
    var output: String = "fixtures"

    func run() throws {
        do {
            let written = try FixtureGenerator.write(to: output)
            for (path, count) in written { print("wrote \(path) (\(count) cases)") }
        } catch let error as GoldenFileError {
            printError(error.description)
            throw ExitCode(2)
        }
    }
}

enum SummaryFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
