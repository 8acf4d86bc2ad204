import Foundation

/// How many threads the statistics of large samples may use (sorts, CDF evaluations, sums).
///
/// Results never depend on it: work is cut into pieces of a fixed size, independent of the
/// thread count, and partial results are combined in the order of the pieces. A sort has one
/// answer; a sum is always the same sequence of additions. Only the speed changes.
public enum StatisticsParallelism {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var configured: Int?

    /// The thread count (default: one per active processor). Values below 1 mean 1.
    public static var threads: Int {
        get { lock.withLock { configured } ?? ProcessInfo.processInfo.activeProcessorCount }
        set { lock.withLock { configured = max(1, newValue) } }
    }
}

/// A minimal fork–join loop over numbered tasks for the statistics. The caller takes part; the
/// other threads are started per call, so it is meant for work of a millisecond or more.
enum ParallelWork {
    /// Elements per piece for elementwise passes: large enough that starting threads is cheap
    /// beside the work, small enough to balance two cores.
    static let piece = 1 << 16

    /// Below this many elements every pass runs on the calling thread.
    static let minimumParallelCount = 1 << 17

    /// Calls `body(i)` once for each i in `0 ..< tasks`, on up to `threads` threads.
    static func forEach(tasks: Int, threads: Int = StatisticsParallelism.threads, _ body: (Int) -> Void) {
        let workers = min(max(1, threads), tasks)
        if workers <= 1 {
            for i in 0..<tasks { body(i) }
            return
        }
        withoutActuallyEscaping(body) { escaping in
            // The threads hold the queue, never the closure itself: a finished thread may live on
            // for a moment, and the closure must not outlive this call.
            let queue = TaskQueue(limit: tasks, job: escaping)
            let group = DispatchGroup()
            for _ in 1..<workers {
                group.enter()
                let thread = Thread {
                    queue.drain()
                    group.leave()
                }
                thread.stackSize = 1 << 22
                thread.start()
            }
            queue.drain()
            group.wait()
            queue.release()
        }
    }

    /// The ranges of the fixed pieces of `0 ..< count` (each `size` long, the last one shorter).
    static func pieces(_ count: Int, size: Int = piece) -> Int { (count + size - 1) / size }

    @inline(__always)
    static func range(_ index: Int, of count: Int, size: Int = piece) -> Range<Int> {
        index * size ..< min(count, (index + 1) * size)
    }

    /// `body` over the fixed pieces of `0 ..< count`, in parallel when the count is large.
    static func forEachPiece(_ count: Int, size: Int = piece, _ body: (Range<Int>) -> Void) {
        let tasks = pieces(count, size: size)
        forEach(tasks: tasks, threads: count < minimumParallelCount ? 1 : StatisticsParallelism.threads) { i in
            body(range(i, of: count, size: size))
        }
    }

    /// Σ over blocks of 1024 elements of `block(range)`, added in block order: the same additions
    /// as a serial blocked sum (`total += blockSum` for each block in turn), for any thread count.
    static func blockedSum<S: SIMD>(_ count: Int, _ zero: S, _ block: (Range<Int>) -> S) -> S where S.Scalar == Double {
        let blockSize = 1024
        let blocks = (count + blockSize - 1) / blockSize
        var partial = [S](repeating: zero, count: blocks)
        partial.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let slots = out
            // Each piece covers a whole number of blocks.
            forEachPiece(count, size: 64 * blockSize) { r in
                var start = r.lowerBound
                while start < r.upperBound {
                    let end = min(start + blockSize, r.upperBound)
                    slots[start / blockSize] = block(start..<end)
                    start = end
                }
            }
        }
        var total = zero
        for p in partial { total += p }
        return total
    }

    /// Σ `block(range)` over blocks of 1024 elements in block order, for one scalar sum.
    static func blockedSum(_ count: Int, _ block: (Range<Int>) -> Double) -> Double {
        blockedSum(count, SIMD2<Double>.zero) { r in SIMD2(block(r), 0) }[0]
    }
}

/// The shared task counter and job of ``ParallelWork/forEach(tasks:threads:_:)``.
private final class TaskQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    private let limit: Int
    private var job: ((Int) -> Void)?

    init(limit: Int, job: @escaping (Int) -> Void) {
        self.limit = limit
        self.job = job
    }

    /// Runs tasks until none is left.
    func drain() {
        while true {
            let next: (Int, (Int) -> Void)? = lock.withLock {
                guard value < limit, let job else { return nil }
                value += 1
                return (value - 1, job)
            }
            guard let (i, job) = next else { return }
            job(i)
        }
    }

    /// Drops the job (after every task has run).
    func release() { lock.withLock { job = nil } }
}
