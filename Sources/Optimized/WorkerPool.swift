import Foundation

/// A fixed set of worker threads that run the chunks of one kernel call together with the caller.
///
/// `DispatchQueue.concurrentPerform` on Linux lets the calling thread take every iteration when the
/// pool's threads are slow to wake, which on a busy two-core machine serialized whole calls; these
/// workers are started once and wait on a condition variable. Chunks are handed out by a shared
/// counter, so a late worker simply takes fewer chunks: the split never changes the results.
final class WorkerPool: @unchecked Sendable {
    static let shared = WorkerPool(workers: max(0, ProcessInfo.processInfo.activeProcessorCount - 1))

    private let condition = NSCondition()
    private let callLock = NSLock()
    private var job: ((Int) -> Void)?
    private var generation = 0
    private var nextTask = 0
    private var taskCount = 0
    private var finished = 0

    init(workers: Int) {
        for _ in 0..<workers {
            let thread = Thread { [unowned self] in self.workerLoop() }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Runs `body(0 ..< tasks)` across the caller and the workers; returns when all are done.
    func run(tasks: Int, _ body: (Int) -> Void) {
        guard tasks > 1 else {
            if tasks == 1 { body(0) }
            return
        }
        callLock.lock()
        defer { callLock.unlock() }
        withoutActuallyEscaping(body) { escaping in
            condition.lock()
            job = escaping
            nextTask = 0
            taskCount = tasks
            finished = 0
            generation &+= 1
            condition.broadcast()
            condition.unlock()
            participate()
            condition.lock()
            while finished < taskCount { condition.wait() }
            job = nil
            condition.unlock()
        }
    }

    /// Takes tasks until none is left.
    private func participate() {
        while true {
            condition.lock()
            guard nextTask < taskCount, job != nil else {
                condition.unlock()
                return
            }
            let task = nextTask
            nextTask += 1
            var work = job
            condition.unlock()
            work?(task)
            // Drop the reference before reporting: the caller checks that nothing kept the closure.
            work = nil
            condition.lock()
            finished += 1
            if finished == taskCount { condition.broadcast() }
            condition.unlock()
        }
    }

    private func workerLoop() {
        var seen = 0
        while true {
            condition.lock()
            while generation == seen { condition.wait() }
            seen = generation
            condition.unlock()
            participate()
        }
    }
}
