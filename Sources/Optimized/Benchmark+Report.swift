import Foundation

extension Benchmark {
    /// A ratio between two rows of the same run, against its target.
    public struct Target: Codable, Sendable, Equatable {
        public var name: String
        public var ratio: Double
        public var minimum: Double
        public var met: Bool { ratio >= minimum }
    }

    public struct Report: Codable, Sendable {
        public var size: Int
        public var runs: Int
        public var threads: Int
        public var rows: [Row]
        public var targets: [Target]
        /// Lines about the run: peers' versions, baselines skipped and why.
        public var notes: [String] = []
        /// The CPU kernel set of the `optimized` rows (``KernelSet/displayName``), and why it was chosen.
        public var kernels: String = KernelSet.selected.displayName
        public var kernelSelection: String = KernelSet.selectionReason
    }

    static let deterministicKernels = ["qSample-f32", "velocity-f32", "x0FromEpsilon-f32", "ddpmStep-f32", "ddimStep-f32"]

    /// The performance targets, as ratios within this run:
    /// deterministic kernels ≥ 90 % of the triad ceiling (the best triad GB/s of any thread
    /// count; all-thread kernels); the Float Gaussian source ≥ 2× `torch.randn` float32 on one
    /// thread (wall and per CPU second) and ≥ 4× NumPy's `standard_normal(dtype=float32)`, and its
    /// all-thread rate over its one-thread rate; the fused DDPM step ≥ 80 % of the Gaussian
    /// source's rate and faster than torch's eager step; the equivalence gate's parallel
    /// efficiency CPU/(wall·threads) ≥ 0.8; ≥ 100× Reference for every kernel with a Reference row.
    public static func report(_ c: Configuration, rows: [Row], notes: [String] = []) -> Report {
        let all = c.allThreads
        func row(_ kernel: String, _ implementation: String, _ threads: Int? = nil) -> Row? {
            rows.first { $0.kernel == kernel && $0.implementation == implementation && (threads == nil || $0.threads == threads) }
        }
        var targets: [Target] = []
        // The ceiling: the best triad of any thread count (a kernel above it would mean the
        // probe is not a ceiling).
        if let ceiling = rows.filter({ $0.kernel == "probe-triad" }).map(\.gigabytesPerSecond).max() {
            for k in deterministicKernels {
                if let r = row(k, "optimized", all) {
                    targets.append(Target(name: "\(k) GB/s ÷ triad ceiling (\(all) threads)", ratio: r.gigabytesPerSecond / ceiling, minimum: 0.9))
                }
            }
        }
        if let g1 = row("gaussian-f32", "optimized", 1), let torch = row("gaussian-f32", "torch", 1) {
            targets.append(Target(name: "gaussian-f32 ÷ torch.randn float32 (1 thread)", ratio: g1.elementsPerSecond / torch.elementsPerSecond, minimum: 2))
            if let a = g1.elementsPerCPUSecond, let b = torch.elementsPerCPUSecond {
                targets.append(Target(name: "  same, per CPU second", ratio: a / b, minimum: 2))
            }
        }
        if let f1 = row("fusedDDPMStep-f32", "optimized", 1), let torch = row("fusedDDPMStep-f32", "torch", 1),
           let a = f1.elementsPerCPUSecond, let b = torch.elementsPerCPUSecond {
            targets.append(Target(name: "fusedDDPMStep-f32 ÷ torch eager step (1 thread, per CPU s)", ratio: a / b, minimum: 1))
        }
        for gate in rows where gate.implementation == "gate" {
            if let cpu = gate.medianCPUSeconds {
                targets.append(Target(name: "gate parallel efficiency CPU/(wall·\(gate.threads)), n = \(gate.elements)",
                                      ratio: cpu / (gate.medianSeconds * Double(gate.threads)), minimum: 0.8))
            }
        }
        if let g1 = row("gaussian-f32", "optimized", 1) {
            if let np = row("gaussian-f32", "numpy") {
                targets.append(Target(name: "gaussian-f32 ÷ NumPy standard_normal(float32) (1 thread)", ratio: g1.elementsPerSecond / np.elementsPerSecond, minimum: 4))
                if let a = g1.elementsPerCPUSecond, let b = np.elementsPerCPUSecond {
                    targets.append(Target(name: "  same, per CPU second", ratio: a / b, minimum: 4))
                }
            }
            if all > 1, let gAll = row("gaussian-f32", "optimized", all) {
                targets.append(Target(name: "gaussian-f32 \(all) threads ÷ 1 thread", ratio: gAll.elementsPerSecond / g1.elementsPerSecond,
                                      minimum: 0.9 * Double(all)))
            }
        }
        if let fused = row("fusedDDPMStep-f32", "optimized", all), let g = row("gaussian-f32", "optimized", all) {
            targets.append(Target(name: "fusedDDPMStep-f32 ÷ gaussian-f32 (\(all) threads)", ratio: fused.elementsPerSecond / g.elementsPerSecond, minimum: 0.8))
        }
        if let fused = row("fusedDDPMStep-f32", "optimized", 1), let g = row("gaussian-f32", "optimized", 1),
           let a = fused.elementsPerCPUSecond, let b = g.elementsPerCPUSecond {
            targets.append(Target(name: "fusedDDPMStep-f32 ÷ gaussian-f32 (1 thread, per CPU second)", ratio: a / b, minimum: 0.8))
        }
        for r in rows where r.implementation == "reference" {
            if let o = row(r.kernel, "optimized", all) {
                targets.append(Target(name: "\(r.kernel) ÷ Reference", ratio: o.elementsPerSecond / r.elementsPerSecond, minimum: 100))
            }
        }
        return Report(size: c.size, runs: c.runs, threads: all, rows: rows, targets: targets, notes: notes)
    }

    /// A fixed-width table of the rows, then the targets.
    public static func text(_ report: Report) -> String {
        func pad(_ s: String, _ n: Int, left: Bool = false) -> String {
            s.count >= n ? s : (left ? String(repeating: " ", count: n - s.count) + s : s + String(repeating: " ", count: n - s.count))
        }
        func number(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
        var lines = ["checker bench: \(report.size) elements, median of \(report.runs) runs, up to \(report.threads) threads",
                     "kernels: \(report.kernels) (\(report.kernelSelection)); rows marked optimized-baseline force the baseline set",
                     "(Melem/CPU-s: elements per second of process CPU time, all threads; unaffected by other processes for 1-thread rows;",
                     " probe rows are the fastest run, not the median; gate rows: elements = samples, one run)", ""]
        lines.append(pad("kernel", 20) + pad("implementation", 19) + pad("threads", 8, left: true) + pad("elements", 11, left: true)
                     + pad("median ms", 11, left: true) + pad("Melem/s", 10, left: true) + pad("GB/s", 8, left: true)
                     + pad("Melem/CPU-s", 13, left: true))
        for r in report.rows {
            lines.append(pad(r.kernel, 20) + pad(r.implementation, 19) + pad(String(r.threads), 8, left: true)
                         + pad(String(r.elements), 11, left: true) + pad(number(r.medianSeconds * 1e3, 2), 11, left: true)
                         + pad(number(r.elementsPerSecond / 1e6, 1), 10, left: true) + pad(number(r.gigabytesPerSecond, 2), 8, left: true)
                         + pad(r.elementsPerCPUSecond.map { number($0 / 1e6, 1) } ?? "-", 13, left: true))
        }
        lines.append("")
        lines += report.notes
        if !report.notes.isEmpty { lines.append("") }
        lines.append("targets (ratios within this run)")
        for t in report.targets {
            lines.append("  \(t.met ? "met    " : "not met") \(pad(t.name, 58)) \(pad(number(t.ratio, 2), 9, left: true))  (≥ \(number(t.minimum, 2)))")
        }
        return lines.joined(separator: "\n")
    }

    public static func json(_ report: Report) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(report), let s = String(data: data, encoding: .utf8) else { return "{}" }
        return s
    }
}
