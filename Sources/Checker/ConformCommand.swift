import ArgumentParser
import CheckerCore
import Conformance
import Foundation

struct ConformCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conform",
        abstract: "Check any implementation (a diffusers scheduler, a port) against the golden cases and the exact law of its noisy steps.",
        discussion: """
            The implementation runs as a subprocess speaking ddpm-conform/1 (JSON lines on stdin/stdout; docs/conform-protocol.md). \
            Every golden case it declares support for is judged with the case tolerance plus the schedule rounding of its declared precision \
            (float32: at least Optimized<Float>'s documented bound; docs/conform-protocol.md derives the bound); \
            the others are reported as not checked. Then it draws its own noise at a few steps and the draws are tested against the exact Gaussian law \
            (KS, mean, variance, kurtosis; Bonferroni at --alpha). \
            Failed sampling points are written as ddpm-conform-sample/1 files that can be given back as FILES to replay them. \
            Exit 0 when everything checked passes, 1 on a mismatch, a rejected law, an invalid input computed instead of refused (or when nothing could be checked), \
            2 for bad usage or a broken conversation (crash, timeout, non-JSON, wrong id: the request is named and the child killed).
            """
    )

    @Option(name: .customLong("impl"), help: "The implementation's command line, e.g. \"checker serve --implementation optimized\".")
    var implementation: String

    @Argument(help: "Case files in the ddpm-golden/1 format (default: fixtures/*.json), sampling reproducers (ddpm-conform-sample/1) to replay, or - for one of them on standard input.")
    var files: [String] = []

    @Option(help: "Seconds to wait for each answer.")
    var timeout: Double = 10

    @Option(name: .customLong("total-limit"), help: "Seconds the whole run may take.")
    var totalLimit: Double = 600

    @Option(help: "Family-wise error rate of the sampling tests.")
    var alpha: Double = 1e-6

    @Option(help: "Repetitions of each noisy step in the sampling checks.")
    var repetitions: Int = 2_000

    @Flag(name: .customLong("no-sampling"), help: "Skip the sampling checks.")
    var noSampling = false

    @Option(help: "Directory for the minimal ddpm-golden/1 reproducer of each failing row.")
    var reproducers: String = "conform-reproducers"

    @Option(help: "Output: text or json.")
    var format: SummaryFormat = .text

    func validate() throws {
        guard timeout > 0, totalLimit > 0 else { throw ValidationError("--timeout and --total-limit must be > 0 seconds") }
        guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must be in (0, 1)") }
        guard repetitions >= 100, repetitions <= 1_000_000 else { throw ValidationError("--repetitions must be in 100 … 1000000") }
        if files.filter(StandardInput.isStandardInput).count > 1 {
            throw ValidationError("- (standard input) is given more than once; expected it at most once")
        }
    }

    func run() throws {
        do {
            let paths = files.isEmpty ? ConformCase.defaultFixturePaths() : files
            guard !paths.isEmpty else {
                throw ConformError(code: "C008", request: nil, message: "no case files given and no fixtures/*.json in the current directory")
            }
            let input = try ConformInput.load(paths: paths)
            let transport = try ProcessTransport(command: implementation, timeout: timeout, totalLimit: totalLimit)
            var plan: SamplingPlan?
            if !noSampling {
                var p = SamplingPlan()
                p.alpha = alpha
                p.repetitions = repetitions
                plan = input.plan(p)
            }
            var report = try ConformRunner(transport: transport, sampling: plan).run(cases: input.cases)
            if report.casesFailed > 0 { report.reproducers = try Reproducer.write(report, to: reproducers) }
            report.reproducers += try Reproducer.writeAcceptedInvalid(report, to: reproducers)
            if report.sampling?.passed == false { report.reproducers += try SamplingCaseFile.write(report, to: reproducers) }
            print(format == .json ? report.json.serialized() : report.text)
            if !report.passed { throw ExitCode(1) }
        } catch let error as ConformError {
            // A case file the golden reader refused is already a line of the one shape (with its
            // file, position and G00x code); anything else is the conversation's own error.
            if error.code == "C008", error.message.contains(": error: "), error.message.hasSuffix("]") {
                printError(error.message)
            } else {
                printError(ErrorLine(message: (error.request.map { "request \"\($0)\": " } ?? "") + error.message, code: error.code).description)
            }
            throw ExitCode(2)
        }
    }
}
