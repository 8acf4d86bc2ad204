import Foundation

/// How a kernel is run: on how many threads, and from which size on it splits the work.
///
/// Results never depend on this: every kernel is elementwise (or an exact order statistic), and
/// the random streams are functions of the element index, so any thread count gives the same bits.
public struct Execution: Sendable, Equatable {
    /// Number of worker threads; `nil` means one per active processor.
    public var threads: Int?
    /// Arrays shorter than this run on the calling thread only. Measured with `checker bench`:
    /// below about 2¹⁶ elements the cost of waking a second thread exceeds the gain.
    public var parallelThreshold: Int

    public init(threads: Int? = nil, parallelThreshold: Int = 1 << 16) {
        self.threads = threads
        self.parallelThreshold = parallelThreshold
    }

    public static let `default` = Execution()
    /// Everything on the calling thread.
    public static let serial = Execution(threads: 1)

    var threadCount: Int {
        max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Calls `body` on disjoint ranges covering `0 ..< count`, each starting at a multiple of
    /// `grain` (so that SIMD groups never straddle two chunks), possibly concurrently.
    func forEachChunk(count: Int, grain: Int, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let workers = count < parallelThreshold ? 1 : min(threadCount, max(1, count / grain))
        if workers == 1 {
            body(0 ..< count)
            return
        }
        let groups = (count + grain - 1) / grain
        withoutActuallyEscaping(body) { escaping in
            nonisolated(unsafe) let run = escaping
            WorkerPool.shared.run(tasks: workers) { w in
                let lo = groups * w / workers * grain
                let hi = min(count, groups * (w + 1) / workers * grain)
                if lo < hi { run(lo ..< hi) }
            }
        }
    }
}

