import Foundation
import Testing
import CheckerCore
import Reference

/// Paths inside the repository, found from this file's location so tests run from any directory.
enum RobustnessPaths {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// Inputs the fuzz targets once failed on, by target: Tests/RobustnessTests/Regressions/TARGET/.
    static func regressions(_ target: String) -> String { repositoryRoot + "/Tests/RobustnessTests/Regressions/" + target }

    /// The seed corpus of a fuzz target: Fuzz/Corpus/TARGET/.
    static func seeds(_ target: String) -> String { repositoryRoot + "/Fuzz/Corpus/" + target }

    /// Repository files that also seed a target (scripts/fuzz.sh uses the same list): the bundled
    /// notes and the lint corpus, so that they are not copied into Fuzz/Corpus.
    static func sharedSeeds(_ target: String) -> [String] {
        let sources: [(directory: String, suffix: String)]
        switch target {
        case "markdown": sources = [("/notes", ".md"), ("/Tests/NotesLintTests/Corpus", ".md")]
        case "python": sources = [("/Tests/NotesLintTests/Corpus", ".py")]
        default: sources = []
        }
        return sources.flatMap { source in
            files(in: repositoryRoot + source.directory).filter { $0.hasSuffix(source.suffix) }
        }
    }

    /// Every seed of a target: its own corpus and the shared repository files.
    static func allSeeds(_ target: String) -> [String] {
        files(in: seeds(target)) + sharedSeeds(target)
    }

    static func files(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { directory + "/" + $0 }
    }

    static func bytes(_ path: String) -> [UInt8] {
        FileManager.default.contents(atPath: path).map { Array($0) } ?? []
    }
}

/// Every input a fuzz target ever failed on, and every seed, replayed through the same property
/// checks the fuzz targets run (Checks/). A crash here is a regression of a fixed crasher.
@Suite("Fuzz corpora")
struct FuzzCorpusTests {
    static let checks: [String: @Sendable ([UInt8]) -> FuzzFindings] = [
        "golden": { GoldenFileCheck.run($0) },
        "json": { JSONCheck.run($0) },
        "config": { ScheduleInputChecks.config($0) },
        "npy": { ScheduleInputChecks.npy($0) },
        "csv": { ScheduleInputChecks.textArray($0) },
        "markdown": { NotesLintChecks.markdown($0) },
        "python": { NotesLintChecks.python($0) },
        "notebook": { NotesLintChecks.notebook($0) },
    ]

    @Test("regression inputs keep every property", arguments: ["golden", "json", "config", "npy", "csv", "markdown", "python", "notebook"])
    func regressions(target: String) throws {
        let check = try #require(Self.checks[target])
        for path in RobustnessPaths.files(in: RobustnessPaths.regressions(target)) {
            let findings = check(RobustnessPaths.bytes(path))
            #expect(findings.isEmpty, "\(path): \(findings)")
        }
    }

    @Test("seed inputs keep every property", arguments: ["golden", "json", "config", "npy", "csv", "markdown", "python", "notebook"])
    func seeds(target: String) throws {
        let check = try #require(Self.checks[target])
        let files = RobustnessPaths.allSeeds(target)
        #expect(!files.isEmpty, "the seed corpus of \(target) is missing")
        for path in files {
            let findings = check(RobustnessPaths.bytes(path))
            #expect(findings.isEmpty, "\(path): \(findings)")
        }
    }

    @Test("every fuzz target has a regression directory and seeds")
    func layout() {
        for target in Self.checks.keys {
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: RobustnessPaths.regressions(target), isDirectory: &isDirectory) && isDirectory.boolValue, "no regression directory for \(target)")
            #expect(!RobustnessPaths.allSeeds(target).isEmpty, "no seeds for \(target)")
        }
    }
}
