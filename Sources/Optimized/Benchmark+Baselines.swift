import Foundation

extension Benchmark {
    /// Memory-bandwidth probes over arrays of `size` Floats: copy (b ← a, 8 bytes per element)
    /// and triad (a ← b + s·c, 12 bytes per element, the STREAM kernel), on one thread and all.
    public static func probeRows(_ c: Configuration) -> [Row] {
        let n = c.size
        var a = [Float](repeating: 1, count: n), b = [Float](repeating: 2, count: n)
        let cc = [Float](repeating: 3, count: n)
        var rows: [Row] = []
        for threads in Set([1, c.allThreads]).sorted() {
            let e = Execution(threads: threads)
            let copy = median(runs: c.runs) {
                b.withUnsafeMutableBufferPointer { bb in
                    a.withUnsafeBufferPointer { ab in
                        let dst = SharedPointer(base: bb.baseAddress!), src = SharedConstPointer(base: ab.baseAddress!)
                        e.forEachChunk(count: n, grain: blockSize) { r in
                            let d = dst.base, s = src.base
                            for i in r { d[i] = s[i] }
                        }
                    }
                }
            }
            rows.append(Row(kernel: "probe-copy", implementation: "probe", threads: threads, elements: n, bytesPerElement: 8, medianSeconds: copy))
            let triad = median(runs: c.runs) {
                a.withUnsafeMutableBufferPointer { ab in
                    b.withUnsafeBufferPointer { bb in
                        cc.withUnsafeBufferPointer { cb in
                            let dst = SharedPointer(base: ab.baseAddress!), x = SharedConstPointer(base: bb.baseAddress!)
                            let y = SharedConstPointer(base: cb.baseAddress!)
                            e.forEachChunk(count: n, grain: blockSize) { r in
                                let d = dst.base, p = x.base, q = y.base
                                let s: Float = 0.5
                                for i in r { d[i] = p[i] + s * q[i] }
                            }
                        }
                    }
                }
            }
            rows.append(Row(kernel: "probe-triad", implementation: "probe", threads: threads, elements: n, bytesPerElement: 12, medianSeconds: triad))
        }
        return rows
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
                            medianSeconds: median(runs: c.runs, body)))
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

    /// Runs `bench/numpy_bench.py` with python3 when both are there; nil when NumPy is missing.
    public static func numpyRows(_ c: Configuration, script: String) -> [Row]? {
        guard FileManager.default.fileExists(atPath: script) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--size", String(c.size), "--runs", String(c.runs)]
        var environment = ProcessInfo.processInfo.environment
        // Older OpenBLAS builds need these on some processors; they only slow a current NumPy.
        environment["OPENBLAS_CORETYPE"] = nil
        environment["OPENBLAS_L2_SIZE"] = nil
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return try? JSONDecoder().decode([Row].self, from: data)
    }
}
