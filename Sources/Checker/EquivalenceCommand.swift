import ArgumentParser
import CheckerCore
import Equivalence
import Foundation
import Optimized

struct EquivalenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "equivalence",
        abstract: "Run the statistical equivalence gate: noise, forward samples, sampler steps and whole runs as distributions.",
        discussion: """
            Every statistical test forms one family judged at the family-wise rate --alpha (Holm): a correct \
            build fails with probability at most α over seeds, and a fixed --seed makes the verdict deterministic. \
            Prints each test's statistic, p-value, adjusted p-value, margin p̃/α and verdict; exit 0 when the gate \
            passes, 1 when a test or an exact comparison fails. --plant runs the gate on a sampler with a known bug \
            (it must fail). Progress goes to stderr. The verdict line ends with wall and CPU time, threads, \
            parallel efficiency (CPU / (wall × threads)) and the peak resident memory.
            """
    )

    /// `text` as every other command calls its human-readable output; `table` is its older name.
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, table, json }

    @Option(help: "Samples per check (single steps and noise; multi-step runs are capped by --step-budget).")
    var samples: Int = GateConfiguration.quick.samples

    @Option(help: "Master seed of every stream.")
    var seed: UInt64 = GateConfiguration.quick.seed

    @Option(help: "Family-wise false-alarm rate of the whole gate.")
    var alpha: Double = GateConfiguration.quick.alpha

    @Option(help: "Most element-steps per multi-step check (default max(2e7, 20·samples), at most 2e9).")
    var stepBudget: Int?

    @Option(help: "Threads for running checks together and for the large sorts and statistics (default: one per processor). The verdict is the same for any value.")
    var threads: Int?

    @Option(help: "Output format: text (a table) or json.")
    var format: Format = .text

    @Option(help: "Plant a bug into the sampler under test: \(PlantedBug.allCases.map(\.rawValue).joined(separator: ", ")).",
            completion: .list(PlantedBug.allCases.map(\.rawValue)))
    var plant: String?

    @Option(help: "Run only the checks whose name starts with this prefix (repeatable).", completion: .list(Gate.checkNames))
    var only: [String] = []

    @Flag(help: "List the checks and the planted bugs, and exit.")
    var list = false

    func run() throws {
        if list {
            print("checks:\n" + Gate.checkNames.map { "  " + $0 }.joined(separator: "\n"))
            print("planted bugs:\n" + PlantedBug.allCases.map { "  \($0.rawValue): \($0.summary)" }.joined(separator: "\n"))
            return
        }
        let report: GateReport
        do throws(EquivalenceError) {
            report = try runGate()
        } catch {
            printError(ErrorLine(message: error.message, code: error.code).description)
            throw ExitCode(2)
        }
        print(format == .json ? report.json : report.table)
        if !report.passed { throw ExitCode(1) }
    }

    /// Builds the sampler (with the planted bug, if any) and runs the gate, progress on stderr.
    func runGate() throws(EquivalenceError) -> GateReport {
        let configuration = GateConfiguration(samples: samples, seed: seed, alpha: alpha, stepBudget: stepBudget, threads: threads)
        try configuration.validate()
        var sampler = try SamplerUnderTest.correct(betas: Gate.betas, execution: Execution(threads: configuration.threadCount))
        if let plant { sampler = try PlantedBug(name: plant).plant(into: sampler, betas: Gate.betas) }
        let start = Date()
        return try Gate.run(sampler, configuration: configuration, only: only.isEmpty ? nil : only) { line in
            let stamp = String(format: "%7.1f s  ", Date().timeIntervalSince(start))
            FileHandle.standardError.write(Data((stamp + line + "\n").utf8))
        }
    }
}
