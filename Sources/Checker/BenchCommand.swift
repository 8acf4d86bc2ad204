import ArgumentParser
import CheckerCore
import Equivalence
import Foundation
import Optimized
import RandomSources
import Reference

/// `checker bench`: throughput of the Optimized kernels against baselines measured in the same run.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the Optimized kernels (elements/s, GB/s) against Reference, scalar Swift, NumPy, PyTorch and a memory-bandwidth ceiling, and the equivalence gate's parallel efficiency.",
        discussion: "Every figure is the median of --runs timings over preallocated arrays (the bandwidth probes: the fastest). Reference runs on min(--size, 2^18) elements (it is slow); NumPy and PyTorch rows come from bench/numpy_bench.py and bench/torch_bench.py when python3 can import them (a line says when they were skipped). The gate row is one run of checker equivalence at --gate-samples on all threads."
    )

    @Option(help: "Elements per array.")
    var size: Int = 1 << 24

    @Option(help: "Timed runs per measurement (the median is reported).")
    var runs: Int = 5

    @Option(help: "Threads for the all-core rows (default: one per processor).")
    var threads: Int?

    @Option(help: "Output format: text or json.", completion: .list(["text", "json"]))
    var format: String = "text"

    @Flag(name: .customLong("no-numpy"), help: "Skip the NumPy baseline.")
    var noNumpy = false

    @Flag(name: .customLong("threshold-scan"), help: "Also time 2^12 … 2^20 elements on one thread and on all (the parallel threshold).")
    var thresholdScan = false

    @Option(help: "Path of the NumPy baseline script.")
    var numpyScript: String = "bench/numpy_bench.py"

    @Flag(name: .customLong("no-torch"), help: "Skip the PyTorch baseline.")
    var noTorch = false

    @Option(help: "Path of the PyTorch baseline script.")
    var torchScript: String = "bench/torch_bench.py"

    @Option(help: "Samples of the equivalence-gate run whose parallel efficiency is reported (0: skip).")
    var gateSamples: Int = 1_000_000

    /// A bug planted into the gate's sampler: shows that a failed gate fails the bench.
    @Option(help: ArgumentHelp("Plant a bug into the gate's sampler (as checker equivalence --plant).", visibility: .hidden),
            completion: .list(PlantedBug.allCases.map(\.rawValue)))
    var plant: String?

    func validate() throws {
        guard size >= 1024 else { throw ValidationError("expected --size >= 1024, got \(size)") }
        guard runs >= 1 else { throw ValidationError("expected --runs >= 1, got \(runs)") }
        if let threads, threads < 1 { throw ValidationError("expected --threads >= 1, got \(threads)") }
        guard format == "text" || format == "json" else { throw ValidationError("expected --format text or json, got \(format)") }
        guard gateSamples == 0 || (1000...1_000_000_000).contains(gateSamples) else {
            throw ValidationError("expected --gate-samples 0 or between 1000 and 10^9, got \(gateSamples)")
        }
    }

    func run() throws {
        let configuration = Benchmark.Configuration(size: size, runs: runs, threads: threads)
        // The gate runs first: kernels that compute the wrong law are not worth timing, and a
        // failed check exits 1 (2 is kept for bad usage and bad input).
        var gate: Benchmark.Row?
        if gateSamples > 0 {
            let (row, report) = try Self.gateRow(samples: gateSamples, threads: configuration.threads, plant: plant)
            guard report.passed else {
                print(format == "json"
                      ? JSONValue.object([("passed", .bool(false)), ("gate", .string(report.verdictLine))]).serialized()
                      : "bench: FAIL: the equivalence gate failed, so nothing was timed\n" + report.verdictLine)
                throw ExitCode(1)
            }
            gate = row
        }
        var rows = Benchmark.probeRows(configuration)
        rows += try Benchmark.optimizedRows(configuration)
        rows += try Benchmark.scalarRows(configuration)
        rows += try Self.referenceRows(configuration)
        if thresholdScan { rows += try Benchmark.thresholdRows(configuration) }
        var notes: [String] = []
        func add(_ baseline: Benchmark.PythonBaseline, _ name: String) {
            switch baseline {
            case let .rows(more, info):
                rows += more
                if !info.isEmpty { notes.append("\(name): " + info.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")) }
            case let .skipped(reason):
                notes.append("\(name) rows skipped: \(reason)")
            }
        }
        if !noNumpy { add(Benchmark.numpyRows(configuration, script: numpyScript), "NumPy") }
        if !noTorch { add(Benchmark.torchRows(configuration, script: torchScript), "torch") }
        if let gate { rows.append(gate) }
        let report = Benchmark.report(configuration, rows: rows, notes: notes)
        print(format == "json" ? Benchmark.json(report) : Benchmark.text(report))
    }

    /// One run of the equivalence gate on all threads: wall and process CPU time, for the
    /// parallel efficiency CPU/(wall·threads), and the gate's report (the bench fails when it
    /// does not pass). A planted bug stops the gate at its first failure (the verdict is the
    /// same; only the time is cut short, and a failed gate's time is not reported).
    static func gateRow(samples: Int, threads: Int?, plant: String? = nil) throws -> (row: Benchmark.Row, report: GateReport) {
        let configuration = GateConfiguration(samples: samples, threads: threads)
        do throws(EquivalenceError) {
            var sampler = try SamplerUnderTest.correct(betas: Gate.betas, execution: Execution(threads: configuration.threadCount))
            if let plant { sampler = try PlantedBug(name: plant).plant(into: sampler, betas: Gate.betas) }
            let report = try Gate.run(sampler, configuration: configuration, stopAtFirstFailure: plant != nil)
            let row = Benchmark.Row(kernel: "equivalence-gate", implementation: "gate", threads: configuration.threadCount, elements: samples,
                                    bytesPerElement: 0, medianSeconds: report.elapsed, medianCPUSeconds: report.cpuSeconds)
            return (row, report)
        } catch {
            printError(ErrorLine(message: error.message, code: error.code).description)
            throw ExitCode(2)
        }
    }

    /// The literal implementations on the same operations, in Float.
    static func referenceRows(_ c: Benchmark.Configuration) throws -> [Benchmark.Row] {
        let n = min(c.size, 1 << 18)
        let runs = min(c.runs, 3)
        let schedule = try NoiseSchedule<Float>.linear(timesteps: 1000)
        let t = 500
        let x0 = Optimized.GaussianStream.floats(seed: 1, count: n), z = Optimized.GaussianStream.floats(seed: 2, count: n)
        let model = Optimized.GaussianStream.floats(seed: 3, count: n)
        var sink: [Float] = []
        var rows: [Benchmark.Row] = []
        func add(_ kernel: String, _ bytes: Int, _ body: () throws -> Void) throws {
            var failure: (any Error)?
            let timing = Benchmark.measure(runs: runs) { do { try body() } catch { failure = error } }
            if let failure { throw failure }
            rows.append(Benchmark.Row(kernel: kernel, implementation: "reference", threads: 1, elements: n, bytesPerElement: bytes,
                                      medianSeconds: timing.wall, medianCPUSeconds: timing.cpu))
        }
        try add("qSample-f32", 12) { sink = try schedule.qSample(x0: x0, noise: z, at: t) }
        try add("velocity-f32", 12) { sink = try schedule.velocity(x0: x0, noise: z, at: t) }
        try add("x0FromEpsilon-f32", 12) { sink = try (0..<n).map { i throws(ReferenceError) in try schedule.predictedX0(fromNoise: z[i], sample: x0[i], at: t) } }
        try add("ddpmStep-f32", 20) {
            sink = try schedule.ddpmStep(sample: x0, modelOutput: model, noise: z, at: t, options: DDPMOptions(clipping: .clip(range: 1))).previous
        }
        try add("ddimStep-f32", 16) {
            sink = try schedule.ddimStep(sample: x0, modelOutput: model, at: t, previous: t - 20, options: DDIMOptions(clipping: .clip(range: 1))).previous
        }
        var buffer = [Float](repeating: 0, count: n)
        try add("gaussian-f32", 4) { try PhiloxGaussian.fill(&buffer, seed: 9, startIndex: 0) }
        try add("fusedDDPMStep-f32", 12) {
            try PhiloxGaussian.fill(&buffer, seed: 4, startIndex: 0)
            sink = try schedule.ddpmStep(sample: x0, modelOutput: model, noise: buffer, at: t, options: DDPMOptions(clipping: .clip(range: 1))).previous
        }
        _ = sink.count
        return rows
    }
}
