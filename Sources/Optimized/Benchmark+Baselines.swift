import Foundation

extension Benchmark {
    /// Memory-bandwidth probes, the ceiling the memory-bound kernels are judged against: copy
    /// (b ← a, 8 bytes per element) and triad (a ← b + s·c, 12 bytes per element, the STREAM
    /// kernel) over arrays of at least 2²⁵ Floats (128 MB each, four times the last-level cache of
    /// the project machine), in explicit 8-wide SIMD loads and stores, on one thread and on all.
    /// Each figure is the fastest of `runs + 2` calls (a ceiling: the best the machine gave),
    /// not the median.
    public static func probeRows(_ c: Configuration) -> [Row] {
        let n = max(c.size, probeMinimumSize)
        var a = [Float](repeating: 1, count: n), b = [Float](repeating: 2, count: n)
        let cc = [Float](repeating: 3, count: n)
        var rows: [Row] = []
        for threads in Set([1, c.allThreads]).sorted() {
            let e = Execution(threads: threads, parallelThreshold: 0)
            let copy = fastest(runs: c.runs + 2) {
                b.withUnsafeMutableBufferPointer { bb in
                    a.withUnsafeBufferPointer { ab in
                        let dst = SharedPointer(base: bb.baseAddress!), src = SharedConstPointer(base: ab.baseAddress!)
                        e.forEachChunk(count: n, grain: probeGrain) { r in
                            probeCopy(UnsafeRawPointer(src.base + r.lowerBound), UnsafeMutableRawPointer(dst.base + r.lowerBound), r.count)
                        }
                    }
                }
            }
            rows.append(Row(kernel: "probe-copy", implementation: "probe", threads: threads, elements: n, bytesPerElement: 8, timing: copy))
            let triad = fastest(runs: c.runs + 2) {
                a.withUnsafeMutableBufferPointer { ab in
                    b.withUnsafeBufferPointer { bb in
                        cc.withUnsafeBufferPointer { cb in
                            let dst = SharedPointer(base: ab.baseAddress!), x = SharedConstPointer(base: bb.baseAddress!)
                            let y = SharedConstPointer(base: cb.baseAddress!)
                            e.forEachChunk(count: n, grain: probeGrain) { r in
                                probeTriad(UnsafeRawPointer(x.base + r.lowerBound), UnsafeRawPointer(y.base + r.lowerBound),
                                           UnsafeMutableRawPointer(dst.base + r.lowerBound), r.count)
                            }
                        }
                    }
                }
            }
            rows.append(Row(kernel: "probe-triad", implementation: "probe", threads: threads, elements: n, bytesPerElement: 12, timing: triad))
        }
        return rows
    }

    /// The probes' smallest array, in Floats (128 MB).
    static let probeMinimumSize = 1 << 25
    /// Chunks of the probes start at multiples of this many elements (4 KB pages).
    static let probeGrain = 1024

    /// The fastest wall time of `runs` calls after one untimed call, with that call's CPU time.
    static func fastest(runs: Int, _ body: () -> Void) -> Timing {
        body()
        var best = Timing(wall: .infinity, cpu: .infinity)
        for _ in 0..<max(1, runs) {
            let cpu0 = processCPUSeconds()
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            let wall = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
            if wall < best.wall { best = Timing(wall: wall, cpu: processCPUSeconds() - cpu0) }
        }
        return best
    }

    /// d[i] = s[i], 32 Floats per iteration in 8-wide vectors.
    static func probeCopy(_ s: UnsafeRawPointer, _ d: UnsafeMutableRawPointer, _ count: Int) {
        typealias V = SIMD8<Float>
        let stride = MemoryLayout<V>.stride
        var i = 0
        while i + 32 <= count {
            let o = i * 4
            d.storeBytes(of: s.loadUnaligned(fromByteOffset: o, as: V.self), toByteOffset: o, as: V.self)
            d.storeBytes(of: s.loadUnaligned(fromByteOffset: o + stride, as: V.self), toByteOffset: o + stride, as: V.self)
            d.storeBytes(of: s.loadUnaligned(fromByteOffset: o + 2 * stride, as: V.self), toByteOffset: o + 2 * stride, as: V.self)
            d.storeBytes(of: s.loadUnaligned(fromByteOffset: o + 3 * stride, as: V.self), toByteOffset: o + 3 * stride, as: V.self)
            i += 32
        }
        while i < count {
            d.storeBytes(of: s.load(fromByteOffset: i * 4, as: Float.self), toByteOffset: i * 4, as: Float.self)
            i += 1
        }
    }

    /// d[i] = x[i] + 0.5·y[i], 32 Floats per iteration in 8-wide vectors.
    static func probeTriad(_ x: UnsafeRawPointer, _ y: UnsafeRawPointer, _ d: UnsafeMutableRawPointer, _ count: Int) {
        typealias V = SIMD8<Float>
        let stride = MemoryLayout<V>.stride
        let s = V(repeating: 0.5)
        var i = 0
        while i + 32 <= count {
            let o = i * 4
            for k in 0..<4 {
                let off = o + k * stride
                d.storeBytes(of: x.loadUnaligned(fromByteOffset: off, as: V.self) + s * y.loadUnaligned(fromByteOffset: off, as: V.self),
                             toByteOffset: off, as: V.self)
            }
            i += 32
        }
        while i < count {
            let v = x.load(fromByteOffset: i * 4, as: Float.self) + 0.5 * y.load(fromByteOffset: i * 4, as: Float.self)
            d.storeBytes(of: v, toByteOffset: i * 4, as: Float.self)
            i += 1
        }
    }

    /// The same operations as plain scalar Swift loops over arrays (one thread): what one writes
    /// without this module.
    public static func scalarRows(_ c: Configuration) throws(OptimizedError) -> [Row] {
        let n = c.size
        let schedule = try benchmarkSchedule()
        let t = 500
        let sa = Float(schedule.sqrtAlphaBars[t]), s1 = Float(schedule.sqrtOneMinusAlphaBars[t])
        let c0 = Float(schedule.posteriorMeanCoefX0[t]), ct = Float(schedule.posteriorMeanCoefXt[t])
        let std = Float(schedule.posteriorVariance[t].squareRoot())
        let x0 = GaussianStream.floats(seed: 1, count: n), z = GaussianStream.floats(seed: 2, count: n)
        let model = GaussianStream.floats(seed: 3, count: n)
        var out = [Float](repeating: 0, count: n), out2 = [Float](repeating: 0, count: n)
        var rows: [Row] = []
        func add(_ kernel: String, _ bytes: Int, _ elements: Int = n, _ body: () -> Void) {
            rows.append(Row(kernel: kernel, implementation: "scalar-swift", threads: 1, elements: elements, bytesPerElement: bytes,
                            timing: measure(runs: c.runs, body)))
        }
        add("qSample-f32", 12) { for i in 0..<n { out[i] = sa * x0[i] + s1 * z[i] } }
        add("velocity-f32", 12) { for i in 0..<n { out[i] = sa * z[i] - s1 * x0[i] } }
        add("x0FromEpsilon-f32", 12) { for i in 0..<n { out[i] = (x0[i] - s1 * z[i]) / sa } }
        add("ddpmStep-f32", 20) {
            for i in 0..<n {
                let p = min(max((x0[i] - s1 * model[i]) / sa, -1), 1)
                out2[i] = p
                out[i] = c0 * p + ct * x0[i] + std * z[i]
            }
        }
        // The scalar Gaussian source: one Philox block and libm's log, cos and sin per pair.
        let m = min(n, 1 << 22)
        add("gaussian-f32", 4, m) {
            let philox = Philox4x32(seed: 9)
            var i = 0
            while i + 4 <= m {
                let b = UInt64(i / 4)
                let w = philox.block((UInt32(truncatingIfNeeded: b), UInt32(truncatingIfNeeded: b >> 32), 0, 0))
                for (j, (e, o)) in [(w.0, w.1), (w.2, w.3)].enumerated() {
                    let u1 = Float((e >> 8) + 1) * 0x1p-24, u2 = Float((o >> 8) + 1) * 0x1p-24
                    let r = (-2 * Foundation.log(u1)).squareRoot()
                    out[i + 2 * j] = r * Foundation.cos(2 * Float.pi * u2)
                    out[i + 2 * j + 1] = r * Foundation.sin(2 * Float.pi * u2)
                }
                i += 4
            }
        }
        return rows
    }

    /// What a Python baseline script gave: its rows, or why there are none.
    public enum PythonBaseline {
        case rows([Row], info: [String: String])
        case skipped(String)
    }

    /// Runs `bench/numpy_bench.py` with python3; skipped when the script, python3 or NumPy is missing.
    public static func numpyRows(_ c: Configuration, script: String) -> PythonBaseline {
        pythonRows(script: script, arguments: ["--size", String(c.size), "--runs", String(c.runs)], library: "NumPy")
    }

    /// Runs `bench/torch_bench.py` with python3 (torch.randn and a fused DDPM step, on one thread
    /// and on all); skipped when torch cannot be imported.
    public static func torchRows(_ c: Configuration, script: String) -> PythonBaseline {
        pythonRows(script: script, arguments: ["--size", String(c.size), "--runs", String(c.runs), "--threads", String(c.allThreads)],
                   library: "torch")
    }

    /// Runs a baseline script that prints either a JSON list of rows or {"info": {…}, "rows": […]};
    /// exit status 3 means the library is not importable.
    static func pythonRows(script: String, arguments: [String], library: String) -> PythonBaseline {
        guard FileManager.default.fileExists(atPath: script) else { return .skipped("\(script) not found") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        var environment = ProcessInfo.processInfo.environment
        // Older OpenBLAS builds need these on some processors; they only slow a current NumPy.
        environment["OPENBLAS_CORETYPE"] = nil
        environment["OPENBLAS_L2_SIZE"] = nil
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return .skipped("python3 could not be started (\(error))") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus == 3 { return .skipped("\(library) is not importable by python3") }
        guard process.terminationStatus == 0 else {
            return .skipped("\(script) exited with status \(process.terminationStatus) (is \(library) installed?)")
        }
        struct Wrapped: Decodable {
            var info: [String: String]
            var rows: [Row]
        }
        if let rows = try? JSONDecoder().decode([Row].self, from: data) { return .rows(rows, info: [:]) }
        if let wrapped = try? JSONDecoder().decode(Wrapped.self, from: data) { return .rows(wrapped.rows, info: wrapped.info) }
        return .skipped("\(script) printed no rows")
    }
}

extension Benchmark {
    /// The measurement behind `Execution.parallelThreshold`: qSample-f32 and the fused DDPM step
    /// at sizes 2¹² … 2²⁰ on one thread and on all, forced to split (threshold 0). Each figure is
    /// the fastest of `4·runs` calls (the fastest filters out other processes' interference,
    /// which at these sizes is larger than the effect measured).
    public static func thresholdRows(_ c: Configuration) throws -> [Row] {
        let schedule = try benchmarkSchedule()
        var rows: [Row] = []
        for p in stride(from: 12, through: 20, by: 2) {
            let n = 1 << p
            let x = GaussianStream.floats(seed: 1, count: n), z = GaussianStream.floats(seed: 2, count: n)
            var out = [Float](repeating: 0, count: n)
            var step = StepOutput<Float>(prev: out, predX0: out)
            for threads in Set([1, c.allThreads]).sorted() {
                let e = Execution(threads: threads, parallelThreshold: 0)
                func fastest(_ body: () throws -> Void) rethrows -> Double {
                    try body()
                    var best = Double.infinity
                    for _ in 0..<(4 * c.runs) {
                        let start = DispatchTime.now().uptimeNanoseconds
                        try body()
                        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
                    }
                    return best
                }
                let q = try fastest { try schedule.qSample(x0: x, noise: z, at: 500, into: &out, execution: e) }
                rows.append(Row(kernel: "split-qSample-f32", implementation: "optimized", threads: threads, elements: n, bytesPerElement: 12, medianSeconds: q))
                let f = try fastest {
                    try schedule.ddpmStep(xt: x, modelOutput: z, noise: .philox(seed: 3, offset: 0), at: 500, into: &step, execution: e)
                }
                rows.append(Row(kernel: "split-fusedDDPM-f32", implementation: "optimized", threads: threads, elements: n, bytesPerElement: 16, medianSeconds: f))
            }
        }
        return rows
    }
}
