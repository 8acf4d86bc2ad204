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
        /// `optimized`, `scalar-swift`, `reference`, `numpy`, `probe`.
        public var implementation: String
        public var threads: Int
        public var elements: Int
        public var bytesPerElement: Int
        public var medianSeconds: Double

        public var elementsPerSecond: Double { Double(elements) / medianSeconds }
        public var gigabytesPerSecond: Double { Double(elements * bytesPerElement) / medianSeconds / 1e9 }

        public init(kernel: String, implementation: String, threads: Int, elements: Int, bytesPerElement: Int, medianSeconds: Double) {
            self.kernel = kernel
            self.implementation = implementation
            self.threads = threads
            self.elements = elements
            self.bytesPerElement = bytesPerElement
            self.medianSeconds = medianSeconds
        }
    }

    /// The median wall time of `runs` calls of `body`, after one untimed call.
    public static func median(runs: Int, _ body: () -> Void) -> Double {
        body()
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
        }
        times.sort()
        return times[times.count / 2]
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
                let seconds = median(runs: c.runs) {
                    do { try body() } catch { failure = error }
                }
                if let failure { throw failure }
                rows.append(Row(kernel: kernel, implementation: "optimized", threads: threads, elements: n, bytesPerElement: bytes, medianSeconds: seconds))
            }
            try add("qSample-f32", 12) { try schedule.qSample(x0: x0, noise: z, at: t, into: &out, execution: e) }
            try add("velocity-f32", 12) { try schedule.velocity(x0: x0, noise: z, at: t, into: &out, execution: e) }
            try add("x0FromEpsilon-f32", 12) { try schedule.predictedX0(fromEpsilon: z, xt: x0, at: t, into: &out, execution: e) }
            try add("ddpmStep-f32", 20) {
                try schedule.ddpmStep(xt: x0, modelOutput: model, noise: .values(z), at: t, options: DDPMOptions(clipSample: true), into: &step, execution: e)
            }
            try add("ddimStep-f32", 16) {
                try schedule.ddimStep(xt: x0, modelOutput: model, at: t, prevT: t - 20, options: DDIMOptions(clipSample: true), into: &step, execution: e)
            }
            try add("gaussian-f32", 4) { GaussianStream.fill(&out, seed: 9, execution: e) }
            try add("gaussian-f64", 8) { GaussianStream.fill(&doubles, seed: 9, execution: e) }
            try add("fusedDDPMStep-f32", 16) {
                try schedule.ddpmStep(xt: x0, modelOutput: model, noise: .philox(seed: 4, offset: 0), at: t,
                                      options: DDPMOptions(clipSample: true), into: &step, execution: e)
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
