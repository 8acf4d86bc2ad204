import Foundation

/// Throughput measurements for `checker bench`: the Optimized kernels, a plain scalar Swift loop
/// for the same operation, and memory-bandwidth probes, all in one run; callers add other
/// baselines (Reference, NumPy) as rows of their own.
///
/// Every figure is the median of `runs` timings of one call over preallocated arrays (the first,
/// untimed call touches every page). Bytes are those the operation must move: each input read once,
/// each output written once (write-allocate traffic is not counted, for the probes either).
public enum Benchmark {
    public struct Configuration: Sendable {
        /// Elements per array for the Optimized kernels, the scalar loops and the probes.
        public var size: Int
        /// Timed repetitions; the median is reported.
        public var runs: Int
        /// Thread count for the "all cores" rows; nil: one per active processor.
        public var threads: Int?

        public init(size: Int = 1 << 24, runs: Int = 5, threads: Int? = nil) {
            self.size = size
            self.runs = runs
            self.threads = threads
        }

        var allThreads: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }
    }

    /// One measured operation.
    public struct Row: Codable, Sendable, Equatable {
        /// The operation: `qSample-f32`, `gaussian-f32`, `probe-triad`, …
        public var kernel: String
        /// `optimized`, `optimized-baseline` (the baseline kernel set, forced), `scalar-swift`, `reference`, `numpy`, `probe`.
        public var implementation: String
        public var threads: Int
        public var elements: Int
        public var bytesPerElement: Int
        public var medianSeconds: Double
        /// Median process CPU time of the same calls (all threads): robust to other processes
        /// on a shared machine, meaningful for one-thread rows. nil when not measured.
        public var medianCPUSeconds: Double?

        public var elementsPerSecond: Double { Double(elements) / medianSeconds }
        /// Elements per second of CPU time.
        public var elementsPerCPUSecond: Double? { medianCPUSeconds.map { Double(elements) / $0 } }
        public var gigabytesPerSecond: Double { Double(elements * bytesPerElement) / medianSeconds / 1e9 }

        public init(kernel: String, implementation: String, threads: Int, elements: Int, bytesPerElement: Int,
                    medianSeconds: Double, medianCPUSeconds: Double? = nil) {
            self.kernel = kernel
            self.implementation = implementation
            self.threads = threads
            self.elements = elements
            self.bytesPerElement = bytesPerElement
            self.medianSeconds = medianSeconds
            self.medianCPUSeconds = medianCPUSeconds
        }

        init(kernel: String, implementation: String, threads: Int, elements: Int, bytesPerElement: Int, timing: Timing) {
            self.init(kernel: kernel, implementation: implementation, threads: threads, elements: elements,
                      bytesPerElement: bytesPerElement, medianSeconds: timing.wall, medianCPUSeconds: timing.cpu)
        }
    }

    /// Median wall and process CPU seconds of a measurement.
    public struct Timing: Sendable {
        public var wall: Double
        public var cpu: Double
    }

    /// The median wall time and CPU time of `runs` calls of `body`, after one untimed call.
    public static func measure(runs: Int, _ body: () -> Void) -> Timing {
        body()
        var walls: [Double] = [], cpus: [Double] = []
        for _ in 0..<max(1, runs) {
            let cpu0 = processCPUSeconds()
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            walls.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
            cpus.append(processCPUSeconds() - cpu0)
        }
        walls.sort()
        cpus.sort()
        return Timing(wall: walls[walls.count / 2], cpu: cpus[cpus.count / 2])
    }

    /// The median wall time of `runs` calls of `body`, after one untimed call.
    public static func median(runs: Int, _ body: () -> Void) -> Double { measure(runs: runs, body).wall }

    static func processCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// The Optimized kernels the targets speak of, in Float (and the Double Gaussian source), on
    /// one thread and on all.
    public static func optimizedRows(_ c: Configuration) throws -> [Row] {
        let n = c.size
        let schedule = try benchmarkSchedule()
        let t = 500
        var rows: [Row] = []
        let x0 = GaussianStream.floats(seed: 1, count: n), z = GaussianStream.floats(seed: 2, count: n)
        let model = GaussianStream.floats(seed: 3, count: n)
        var out = [Float](repeating: 0, count: n)
        var step = StepOutput<Float>(prev: [Float](repeating: 0, count: n), predX0: [Float](repeating: 0, count: n))
        var doubles = [Double](repeating: 0, count: n)
        for threads in Set([1, c.allThreads]).sorted() {
            let e = Execution(threads: threads)
            func add(_ kernel: String, _ bytes: Int, _ body: () throws -> Void) throws {
                var failure: (any Error)?
                let timing = measure(runs: c.runs) {
                    do { try body() } catch { failure = error }
                }
                if let failure { throw failure }
                rows.append(Row(kernel: kernel, implementation: "optimized", threads: threads, elements: n, bytesPerElement: bytes, timing: timing))
            }
            try add("qSample-f32", 12) { try schedule.qSample(x0: x0, noise: z, at: t, into: &out, execution: e) }
            try add("velocity-f32", 12) { try schedule.velocity(x0: x0, noise: z, at: t, into: &out, execution: e) }
            try add("x0FromEpsilon-f32", 12) { try schedule.predictedX0(fromEpsilon: z, xt: x0, at: t, into: &out, execution: e) }
            try add("ddpmStep-f32", 20) {
                try schedule.ddpmStep(xt: x0, modelOutput: model, noise: .values(z), at: t, options: DDPMOptions(clipping: .clip(range: 1)), into: &step, execution: e)
            }
            try add("ddimStep-f32", 16) {
                try schedule.ddimStep(xt: x0, modelOutput: model, at: t, prevT: t - 20, options: DDIMOptions(clipping: .clip(range: 1)), into: &step, execution: e)
            }
            try add("gaussian-f32", 4) { GaussianStream.fill(&out, seed: 9, execution: e) }
            try add("gaussian-f64", 8) { GaussianStream.fill(&doubles, seed: 9, execution: e) }
            // The same source on the baseline set, when the process runs another one.
            if KernelSet.selected != .baseline {
                func addBaseline(_ kernel: String, _ bytes: Int, _ body: () -> Void) {
                    rows.append(Row(kernel: kernel, implementation: "optimized-baseline", threads: threads, elements: n,
                                    bytesPerElement: bytes, timing: measure(runs: c.runs, body)))
                }
                addBaseline("gaussian-f32", 4) { GaussianStream.fill(&out, seed: 9, execution: e, kernels: .baseline) }
                addBaseline("gaussian-f64", 8) { GaussianStream.fill(&doubles, seed: 9, execution: e, kernels: .baseline) }
            }
            // The sampler's hot path: prev only (reads xₜ and the model output, writes prev).
            var prevOnly = StepOutput<Float>(prev: [Float](repeating: 0, count: n), keepsPredX0: false)
            try add("fusedDDPMStep-f32", 12) {
                try schedule.ddpmStep(xt: x0, modelOutput: model, noise: .philox(seed: 4, offset: 0), at: t,
                                      options: DDPMOptions(clipping: .clip(range: 1)), into: &prevOnly, execution: e)
            }
        }
        return rows
    }

    /// The linear schedule (T = 1000, β from 1e−4 to 0.02) every benchmark uses.
    public static func benchmarkSchedule() throws(OptimizedError) -> OptimizedSchedule {
        let step: Double = (0.02 - 0.0001) / 999
        var betas = (0..<1000).map { (i: Int) -> Double in Double(i) * step + 0.0001 }
        betas[999] = 0.02
        return try OptimizedSchedule(betas: betas)
    }
}
