import ArgumentParser
import CheckerCore
import Foundation
import Reference
import Testing
@testable import Checker

/// One grammar across the subcommands: the same option names and spellings for the same things,
/// one error shape, `-` for standard input, directories, excludes and completion values.
@Suite("checker command grammar")
struct CommandGrammarTests {
    // MARK: - Running the built binary

    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    static var binary: String? { UsageExitTests.binary }

    static func run(_ arguments: [String], input: String? = nil, in directory: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(binary))
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            // A command that refuses its arguments exits without reading standard input: the
            // write then fails with EPIPE, which must not kill the test process with SIGPIPE.
            signal(SIGPIPE, SIG_IGN)
            try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        // Both pipes are read before waiting, so a long report cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
                   errors: String(decoding: errData, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("grammar-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static let uniformNoiseNote = "Noise:\n\n```python\nnoise = torch.rand_like(x)\n```\n"

    // MARK: - Shared spellings and option names

    @Test("replay takes diffusers' spellings and verify-schedule's option names, and the old ones still")
    func replaySpellings() throws {
        let diffusers = try ReplayCommand.parse([
            "--schedule", "scaled_linear", "--train-steps", "500", "--inference-steps", "10", "--spacing", "trailing",
            "--prediction-type", "v_prediction", "--variance-type", "fixed_small_log",
        ]).makeConfiguration()
        #expect(diffusers.schedule.kind == .scaledLinear && diffusers.schedule.timesteps == 500)
        #expect(diffusers.inferenceSteps == 10 && diffusers.spacing == .trailing)
        #expect(diffusers.predictionType == .vPrediction && diffusers.varianceType == .fixedSmallLog)
        let swift = try ReplayCommand.parse([
            "--schedule", "scaledLinear", "--train-timesteps", "500", "--steps", "10", "--spacing", "trailing",
            "--prediction", "vPrediction", "--variance", "fixedSmallLog",
        ]).makeConfiguration()
        #expect(swift == diffusers)
        #expect(try ReplayCommand.parse(["--schedule", "squaredcos_cap_v2"]).makeConfiguration().schedule.kind == .cosine)
        // Booleans as verify-schedule takes them, and the earlier --no- flags.
        #expect(try ReplayCommand.parse([]).makeConfiguration().clipSample == true)
        #expect(try ReplayCommand.parse(["--clip-sample", "false"]).makeConfiguration().clipSample == false)
        #expect(try ReplayCommand.parse(["--no-clip-sample"]).makeConfiguration().clipSample == false)
        #expect(try ReplayCommand.parse(["--set-alpha-to-one", "false"]).makeConfiguration().setAlphaToOne == false)
        #expect(try ReplayCommand.parse(["--no-set-alpha-to-one"]).makeConfiguration().setAlphaToOne == false)
        #expect(throws: (any Error).self) { try ReplayCommand.parse(["--clip-sample", "true", "--no-clip-sample"]) }
        #expect(throws: ReplayError.invalidOption(name: "--prediction-type", value: "v-pred", expected: "one of epsilon, sample, v_prediction")) {
            try ReplayCommand.parse(["--prediction-type", "v-pred"]).makeConfiguration()
        }
    }

    @Test("replay --torch-kernel picks PyTorch's float32 normal kernel; avx2 by default")
    func torchKernel() throws {
        #expect(try ReplayCommand.parse([]).makeConfiguration().torchKernel == .avx2)
        let avx2 = try ReplayCommand.parse(["--rng", "torch", "--steps", "20"]).makeConfiguration()
        let scalar = try ReplayCommand.parse(["--rng", "torch", "--steps", "20", "--torch-kernel", "scalar"]).makeConfiguration()
        #expect(scalar.torchKernel == .scalar)
        // The kernels differ in the last bits of some float32 draws, so the loops' sums differ a
        // little (and only a little: both are the normal law).
        let a = try ReplayRunner.run(avx2).finalSample, b = try ReplayRunner.run(scalar).finalSample
        let difference = zip(a, b).map { abs($0 - $1) }.max() ?? 0
        #expect(difference > 0 && difference < 1e-4)
        #expect(throws: ReplayError.self) { try ReplayCommand.parse(["--torch-kernel", "avx512"]).makeConfiguration() }
    }

    @Test("verify-schedule and replay name the options they share the same way")
    func sharedOptionNames() {
        let schedule = VerifyScheduleCommand.helpMessage(columns: 200)
        let replay = ReplayCommand.helpMessage(columns: 200)
        for option in ["--schedule", "--train-steps", "--beta-start", "--beta-end", "--inference-steps", "--spacing",
                       "--steps-offset", "--prediction-type", "--variance-type", "--clip-sample", "--set-alpha-to-one", "--precision", "--format"] {
            // The name itself, not a longer one it begins: "--steps-offset" is not "--steps".
            let named = { (help: String) in help.contains(option + " ") || help.contains(option + ",") }
            #expect(named(schedule) && named(replay), "\(option)")
        }
        #expect(replay.contains("v_prediction") && replay.contains("scaled_linear") && replay.contains("fixed_small"))
        #expect(!replay.contains("vPrediction, ") && !replay.contains("scaledLinear,"))
    }

    @Test("--format text is accepted by every command with a human-readable report")
    func textFormatEverywhere() throws {
        #expect(try EquivalenceCommand.parse(["--format", "text"]).format == .text)
        #expect(try EquivalenceCommand.parse([]).format == .text)
        #expect(try EquivalenceCommand.parse(["--format", "table"]).format == .table)
        #expect(try VerifyCommand.parse(["--format", "text"]).format == .text)
        #expect(try BenchCommand.parse(["--format", "text"]).format == "text")
        #expect(try ConformCommand.parse(["--impl", "x", "--format", "text"]).format == .text)
        #expect(throws: (any Error).self) { try EquivalenceCommand.parse(["--format", "xml"]) }
    }

    // MARK: - One error shape

    /// `FILE[:LINE[:COLUMN]]: error: MESSAGE [CODE]` or `error: MESSAGE [CODE]`.
    static func hasErrorShape(_ line: Substring) -> Bool {
        line.wholeMatch(of: #/(?:[^\s:]+(?::\d+(?::\d+)?)?: )?error: \S.* \[[A-Za-z0-9.-]+\]/#) != nil
    }

    @Test("the error shape rejects the shapes it replaced")
    func shapeCanFail() {
        #expect(Self.hasErrorShape("cases.json:2:1: error: malformed JSON: expected a string key in an object [G002]"))
        #expect(Self.hasErrorShape("error: --schedule: unknown schedule \"foo\"; expected one of linear [VS005]"))
        #expect(!Self.hasErrorShape("error: VS006 malformed-json: bad.json:2:1: malformed JSON: expected a value"))
        #expect(!Self.hasErrorShape("error: EQ002: unknown planted bug 'foo'"))
        #expect(!Self.hasErrorShape("checker conform: error: bad.json:2:1: error: malformed JSON [G002] [C008]"))
        #expect(!Self.hasErrorShape("Error: Missing value for '--size <size>'"))
        let multiline = ErrorLine(message: "the implementation exited; its stderr ends with:\nTraceback …", code: "C003").description
        #expect(multiline == "error: the implementation exited; its stderr ends with: [C003]\nTraceback …")
    }

    @Test("every command's input and usage errors: one shape, file and position first, exit 2", .enabled(if: binary != nil))
    func oneErrorShape() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let broken = directory + "/broken.json"
        try "{\n  oops\n}\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let located = broken + ":2:3: error: "
        let cases: [([String], String?)] = [
            (["golden", "verify", broken], located),
            (["verify-schedule", "--config", broken], located),
            (["verify-schedule", "--schedule", "foo"], "error: --schedule: unknown schedule"),
            (["verify-schedule", "--explain", "XX"], "error: --explain XX"),
            (["lint", directory + "/missing.md"], directory + "/missing.md: error: "),
            (["lint", "--explain", "XX"], "error: --explain XX"),
            (["replay", "--sample", broken], located),
            (["replay", "--schedule", "foo"], "error: --schedule 'foo'"),
            (["replay", "--rng", "numpy", "--seed", "4294967296"], nil),
            (["conform", "--impl", "false", broken], located),
            (["equivalence", "--plant", "foo"], "error: unknown planted bug"),
            (["verify", "--fixtures", directory + "/none"], "error: --fixtures"),
            (["conform", "--impl", directory + "/no-such-implementation", "--no-sampling", CommandLineTests.root + "/fixtures/timesteps.json"],
             "error: request \"handshake\": "),
            (["bench", "--size"], "error: Missing value"),
            (["lint", "--frobnicate"], "error: Unknown option"),
        ]
        for (arguments, prefix) in cases {
            let result = try Self.run(arguments, in: directory)
            let first = result.errors.split(separator: "\n").first ?? ""
            #expect(result.status == 2, "\(arguments)")
            #expect(Self.hasErrorShape(first), "\(arguments): \(first)")
            if let prefix { #expect(first.hasPrefix(prefix), "\(arguments): \(first)") }
        }
    }

    @Test("a usage error: the shape, the option's help line and the --help pointer, not the synopsis", .enabled(if: binary != nil))
    func usageErrorLines() throws {
        let missing = try Self.run(["bench", "--size"])
        #expect(missing.status == 2)
        #expect(missing.errors.split(separator: "\n").map(String.init) == [
            "error: Missing value for '--size <size>' [U001]",
            "Help:  --size <size>  Elements per array.",
            "  See 'checker bench --help' for more information.",
        ])
        for arguments in [["lint", "--frobnicate"], ["--frobnicate"], ["replay", "--steps", "abc"], ["verify-schedule", "--format", "xml"], ["conform"]] {
            let result = try Self.run(arguments)
            let lines = result.errors.split(separator: "\n")
            #expect(result.status == 2 && Self.hasErrorShape(lines.first ?? ""), "\(arguments)")
            #expect(!lines.contains { $0.hasPrefix("Usage:") } && lines.last?.hasSuffix("--help' for more information.") == true, "\(arguments): \(result.errors)")
        }
    }

    @Test("lint's input errors carry DL0xx codes", .enabled(if: binary != nil))
    func lintInputCodes() throws {
        let missing = try Self.run(["lint", "/nonexistent/notes.md"])
        #expect(missing.status == 2 && missing.errors.hasPrefix("/nonexistent/notes.md: error: ") && missing.errors.contains("[DL001]"))
        let notebook = try Self.run(["lint", "--stdin-filename", "nb.ipynb", "-"], input: "{\n  oops\n}\n")
        #expect(notebook.status == 2 && notebook.errors.hasPrefix("nb.ipynb:2:3: error: ") && notebook.errors.contains("[DL003]"), "\(notebook.errors)")
        let explained = try Self.run(["lint", "--explain", "notebook-json"])
        #expect(explained.status == 0 && explained.output.hasPrefix("DL003 notebook-json"))
    }

    @Test("bench: a failed equivalence gate exits 1 before timing anything; a bad option exits 2", .enabled(if: binary != nil))
    func benchGateFailure() throws {
        let failed = try Self.run(["bench", "--gate-samples", "1000", "--plant", "uniformNoise", "--no-numpy", "--no-torch"])
        #expect(failed.status == 1 && failed.output.hasPrefix("bench: FAIL: the equivalence gate failed"), "\(failed.output)\(failed.errors)")
        #expect(failed.output.contains("equivalence: FAIL (sampler uniformNoise)") && !failed.output.contains("probe-copy"))
        let json = try Self.run(["bench", "--gate-samples", "1000", "--plant", "uniformNoise", "--format", "json"])
        #expect(json.status == 1 && json.output.contains(#""passed": false"#), "\(json.output)")
        let unknown = try Self.run(["bench", "--gate-samples", "1000", "--plant", "foo"])
        #expect(unknown.status == 2 && unknown.errors.hasPrefix("error: unknown planted bug 'foo'") && unknown.errors.contains("[EQ002]"))
    }

    // MARK: - Standard input

    @Test("- reads standard input: lint by --stdin-filename's type, verify-schedule's config and arrays", .enabled(if: binary != nil))
    func standardInput() throws {
        let markdown = try Self.run(["lint", "-"], input: Self.uniformNoiseNote)
        #expect(markdown.status == 1 && markdown.output.hasPrefix("stdin.md:4:9: error: ") && markdown.output.contains("DL201"))
        let python = try Self.run(["lint", "--stdin-filename", "sample.py", "-"], input: "import torch\nnoise = torch.rand_like(x)\n")
        #expect(python.status == 1 && python.output.hasPrefix("sample.py:2:9: error: "))
        let clean = try Self.run(["lint", "-"], input: "Noise:\n\n```python\nnoise = torch.randn_like(x)\n```\n")
        #expect(clean.status == 0, "\(clean.output)")

        let config = #"{"_class_name": "DDPMScheduler", "beta_schedule": "linear", "num_train_timesteps": 1000}"#
        #expect(try Self.run(["verify-schedule", "--config", "-"], input: config).status == 0)
        let swapped = #"{"_class_name": "DDPMScheduler", "beta_schedule": "linear", "beta_start": 0.02, "beta_end": 0.0001}"#
        #expect(try Self.run(["verify-schedule", "--config", "-"], input: swapped).status == 1)
        let broken = try Self.run(["verify-schedule", "--config", "-"], input: "{\n  oops\n}")
        #expect(broken.status == 2 && broken.errors.hasPrefix("-:2:3: error: malformed JSON"))

        let betas = (0..<1000).map { String(0.0001 + (0.02 - 0.0001) * Double($0) / 999) }
        #expect(try Self.run(["verify-schedule", "--betas", "-"], input: betas.joined(separator: "\n")).status == 0)
        #expect(try Self.run(["verify-schedule", "--betas", "-"], input: "[" + betas.joined(separator: ", ") + "]").status == 0)
        let notNumber = try Self.run(["verify-schedule", "--betas", "-"], input: "0.1\nx\n")
        #expect(notNumber.status == 2 && notNumber.errors.hasPrefix("-:2:1: error: expected a number"))
        #expect(try Self.run(["verify-schedule", "--config", "-", "--betas", "-"], input: config).status == 2)
        #expect(throws: (any Error).self) { try ReplayCommand.parse(["--sample", "-", "--model-outputs", "-"]) }
        #expect(throws: (any Error).self) { try LintCommand.parse(["-", "-"]) }
        let sample = try Self.run(["replay", "--shape", "2", "--steps", "2", "--sample", "-"], input: "[0.5, -0.5]")
        #expect(sample.status == 0 && sample.output.contains("\nfinal sum|x| = "), "\(sample.errors)")
    }

    @Test("golden verify - reads a case file from standard input", .enabled(if: binary != nil))
    func goldenStandardInput() throws {
        let text = try String(contentsOfFile: CommandLineTests.root + "/fixtures/timesteps.json", encoding: .utf8)
        let passed = try Self.run(["golden", "verify", "-"], input: text)
        #expect(passed.status == 0 && passed.output.hasPrefix("golden: PASS"))
        let broken = try Self.run(["golden", "verify", "-"], input: "{\n  oops\n}\n")
        #expect(broken.status == 2 && broken.errors.hasPrefix("-:2:3: error: malformed JSON"))
    }

    @Test("conform - reads one case file from standard input, once; - twice is a usage error", .enabled(if: binary != nil))
    func conformStandardInput() throws {
        let binary = try #require(Self.binary)
        let text = try String(contentsOfFile: CommandLineTests.root + "/fixtures/timesteps.json", encoding: .utf8)
        let implementation = "\(binary) serve --implementation reference"
        let passed = try Self.run(["conform", "--impl", implementation, "--no-sampling", "-"], input: text)
        #expect(passed.status == 0 && passed.output.contains("PASS: ") && passed.output.contains(" 0 failed"), "\(passed.errors)")
        let broken = try Self.run(["conform", "--impl", implementation, "--no-sampling", "-"], input: "{\n  oops\n}\n")
        #expect(broken.status == 2 && broken.errors.hasPrefix("-:2:3: error: malformed JSON"), "\(broken.errors)")
        let twice = try Self.run(["conform", "--impl", implementation, "-", "-"], input: text)
        #expect(twice.status == 2 && twice.errors.hasPrefix("error: - (standard input) is given more than once"), "\(twice.errors)")
    }

    @Test("verify-schedule --compare reads - for one side: a config or an array; - on two inputs is a usage error", .enabled(if: binary != nil))
    func compareStandardInput() throws {
        let linear = (0..<1000).map { String(0.0001 + (0.02 - 0.0001) * Double($0) / 999) }.joined(separator: "\n")
        let same = try Self.run(["verify-schedule", "--compare", "-", "linear"], input: linear)
        #expect(same.status == 0 && same.output.hasPrefix("compare: SAME\nA: β array from - (T = 1000"), "\(same.output)")
        let different = try Self.run(["verify-schedule", "--compare", "cosine", "-"], input: linear)
        #expect(different.status == 1 && different.output.hasPrefix("compare: DIFFERENT"), "\(different.output)")
        // A config read from standard input is the same config read from a file.
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = #"{"_class_name": "DDPMScheduler", "beta_schedule": "linear", "num_train_timesteps": 1000}"#
        try config.write(toFile: directory + "/scheduler_config.json", atomically: true, encoding: .utf8)
        let sameConfig = try Self.run(["verify-schedule", "--compare", "-", directory + "/scheduler_config.json"], input: config)
        #expect(sameConfig.status == 0 && sameConfig.output.hasPrefix("compare: SAME\nA: DDPMScheduler: "), "\(sameConfig.output)")
        let cosine = #"{"_class_name": "DDPMScheduler", "beta_schedule": "squaredcos_cap_v2"}"#
        #expect(try Self.run(["verify-schedule", "--compare", "-", directory + "/scheduler_config.json"], input: cosine).status == 1)
        let notNumber = try Self.run(["verify-schedule", "--compare", "-", "linear"], input: "0.1\nx\n")
        #expect(notNumber.status == 2 && notNumber.errors.hasPrefix("-:2:1: error: expected a number"), "\(notNumber.errors)")
        for arguments in [["--compare", "-", "-"], ["--config", "-", "--compare", "alpha-bars:-", "linear"]] {
            let twice = try Self.run(["verify-schedule"] + arguments, input: linear)
            #expect(twice.status == 2 && twice.errors.hasPrefix("error: - (standard input) is given to more than one of"), "\(arguments)")
        }
    }

    // MARK: - Directories and excludes

    @Test("lint DIR --exclude GLOB skips names and relative paths; files named on the line are still read", .enabled(if: binary != nil))
    func lintExcludes() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for relative in ["a.md", "drafts/b.md", "docs/old/c.md", "docs/d.md", "e.py"] {
            let path = directory + "/" + relative
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let text = relative.hasSuffix(".py") ? "import torch\nnoise = torch.rand_like(x)\n" : Self.uniformNoiseNote
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        func files(_ arguments: [String]) throws -> Set<String> {
            let result = try Self.run(["lint"] + arguments, in: directory)
            return Set(result.output.split(separator: "\n").filter { $0.contains(": error: ") }.map { String($0.prefix { $0 != ":" }) })
        }
        #expect(try files(["."]) == ["./a.md", "./drafts/b.md", "./docs/old/c.md", "./docs/d.md", "./e.py"])
        #expect(try files([".", "--exclude", "drafts", "--exclude", "docs/old/*"]) == ["./a.md", "./docs/d.md", "./e.py"])
        #expect(try files([".", "--exclude", "*.py", "--exclude", "docs/"]) == ["./a.md", "./drafts/b.md"])
        #expect(try files(["drafts/b.md", "--exclude", "drafts"]) == ["drafts/b.md"])
    }

    @Test("golden verify takes a directory for the case files in it, and refuses one without any")
    func goldenDirectories() throws {
        let fixtures = CommandLineTests.root + "/fixtures"
        let files = try GoldenVerify.caseFiles([fixtures])
        #expect(files.count == 8 && files == files.sorted() && files.allSatisfy { $0.hasPrefix(fixtures + "/") && $0.hasSuffix(".json") })
        #expect(try GoldenVerify.caseFiles(["x.json"]) == ["x.json"])
        let empty = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: empty) }
        #expect(throws: GoldenFileError.self) { try GoldenVerify.caseFiles([empty]) }
        #expect(throws: ExitCode(2)) { try GoldenVerify.parse([empty]).run() }
    }

    // MARK: - Completion

    @Test("shell completion offers the values of enum options")
    func completionValues() throws {
        for shell in [CompletionShell.bash, .zsh, .fish] {
            let script = Checker.completionScript(for: shell)
            for value in ["sarif", "github", "scaled_linear", "squaredcos_cap_v2", "v_prediction", "fixed_small_log", "trailing", "warning", "philox",
                          "DL201", "VS201", "EulerDiscreteScheduler", "truncatedTails", "scalar"] {
                #expect(script.contains(value), "\(shell) \(value)")
            }
            #expect(!script.contains("xml"), "\(shell)")
        }
    }

    // MARK: - Lint fix lines

    @Test("lint's fix for uniform noise names a real Gaussian function", .enabled(if: binary != nil))
    func fixSpelling() throws {
        let code = """
            import numpy as np
            import random
            import torch
            a = np.random.rand(3) * sigma
            b = torch.rand_like(x) * sigma
            c = np.random.uniform(size=3) * sigma
            d = random.uniform(0, 1) * sigma
            e = np.random.random_sample(3) * sigma
            """
        let result = try Self.run(["lint", "--stdin-filename", "fix.py", "-"], input: code)
        let fixes = result.output.split(separator: "\n").filter { $0.contains("fix:") }.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(fixes.contains("fix: np.random.randn"))
        #expect(fixes.contains("fix: torch.randn_like"))
        #expect(fixes.contains("fix: np.random.normal"))
        #expect(fixes.contains("fix: random.gauss(0, 1)"))
        #expect(fixes.contains("fix: np.random.randn"))
        #expect(!result.output.contains("randnom") && !result.output.contains("random.normal(") && !result.output.contains("randn_sample"))
    }
}
