import Foundation
import Statistics

/// Runs the selected checks of one gate run on several threads.
///
/// Every check is a pure function of the configuration (its streams come from seeds derived from
/// its name), so running checks together changes nothing but the time: outcomes are collected by
/// index and reported in the gate's order, and the verdict is bit-identical for any thread count.
///
/// Scheduling: the largest checks first (by ``Gate/Load/cost(_:)``), and a check starts only when
/// the estimated memory of the checks running with it stays within the budget (half the physical
/// memory), or when nothing else runs.
///
/// With `stopAtFirstFailure`, a check is skipped once a check earlier in the gate's order has
/// failed, and the report is cut after the first failing check in that order: the result of the
/// serial run.
final class GateRun: @unchecked Sendable {
    private let checks: [Gate.Check]
    private let context: Gate.Context
    private let threads: Int
    private let configuration: GateConfiguration
    private let stopAtFirstFailure: Bool
    private let planned: Int
    private let progress: ((String) -> Void)?
    private let budget: Double

    private let condition = NSCondition()
    private var pending: [Int]
    private var reservedBytes = 0.0
    private var running = 0
    private var started = 0
    private var outcomes: [GateCheckOutcome?]
    private var firstFailure: Int?
    private var errors: [(index: Int, error: EquivalenceError)] = []

    init(
        checks: [Gate.Check], context: Gate.Context, threads: Int, configuration: GateConfiguration,
        stopAtFirstFailure: Bool, planned: Int, progress: ((String) -> Void)?
    ) {
        self.checks = checks
        self.context = context
        self.threads = max(1, threads)
        self.configuration = configuration
        self.stopAtFirstFailure = stopAtFirstFailure
        self.planned = planned
        self.progress = progress
        budget = Double(ProcessInfo.processInfo.physicalMemory) / 2
        outcomes = Array(repeating: nil, count: checks.count)
        // Largest first; ties keep the gate's order.
        pending = checks.indices.sorted { a, b in
            let ca = checks[a].load.cost(configuration), cb = checks[b].load.cost(configuration)
            return ca != cb ? ca > cb : a < b
        }
    }

    /// Runs the checks; returns the outcomes in the gate's order and whether the run stopped early.
    func execute() throws(EquivalenceError) -> (outcomes: [GateCheckOutcome], stoppedEarly: Bool) {
        let workers = min(threads, checks.count)
        if workers > 1 {
            let group = DispatchGroup()
            for _ in 1..<workers {
                group.enter()
                let thread = Thread { [self] in
                    work()
                    group.leave()
                }
                thread.stackSize = 16 << 20
                thread.start()
            }
            work()
            group.wait()
        } else {
            work()
        }
        if let first = errors.min(by: { $0.index < $1.index }) { throw first.error }
        var result: [GateCheckOutcome] = []
        var stoppedEarly = false
        for index in checks.indices {
            guard let outcome = outcomes[index] else { break }
            result.append(outcome)
            if stopAtFirstFailure, fails(outcome) {
                stoppedEarly = index + 1 < checks.count
                break
            }
        }
        return (result, stoppedEarly)
    }

    /// Whether a check fails on its own at the Bonferroni level α/m of the whole planned family
    /// (which implies failure of the full Holm family), or an exact comparison fails.
    private func fails(_ outcome: GateCheckOutcome) -> Bool {
        outcome.tests.contains { $0.pValue * Double(planned) <= configuration.alpha }
            || outcome.exact.contains { !$0.passed }
    }

    /// One thread: takes checks until none is left.
    private func work() {
        while let index = take() {
            let check = checks[index]
            let outcome: Result<GateCheckOutcome, EquivalenceError>
            do {
                outcome = .success(try check.run(context))
            } catch let error as EquivalenceError {
                outcome = .failure(error)
            } catch let error as StatisticsError {
                outcome = .failure(.statisticsFailed(check: check.name, message: error.description))
            } catch {
                outcome = .failure(.samplerFailed(check: check.name, message: "\(error)"))
            }
            finish(index, outcome)
        }
    }

    /// The next check this thread may start, waiting while memory is short; nil when done.
    private func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if !errors.isEmpty { return nil }
            if let failed = firstFailure { pending.removeAll { $0 > failed } }
            if pending.isEmpty { return nil }
            let choice = pending.firstIndex { index in
                running == 0 || reservedBytes + checks[index].load.bytes(configuration) <= budget
            }
            if let choice {
                let index = pending.remove(at: choice)
                reservedBytes += checks[index].load.bytes(configuration)
                running += 1
                started += 1
                progress?("[\(started)/\(checks.count)] \(checks[index].name)")
                return index
            }
            condition.wait()
        }
    }

    private func finish(_ index: Int, _ outcome: Result<GateCheckOutcome, EquivalenceError>) {
        condition.lock()
        defer { condition.unlock() }
        reservedBytes -= checks[index].load.bytes(configuration)
        running -= 1
        switch outcome {
        case let .success(value):
            outcomes[index] = value
            if stopAtFirstFailure, fails(value) { firstFailure = min(firstFailure ?? index, index) }
        case let .failure(error):
            errors.append((index, error))
        }
        condition.broadcast()
    }
}

/// Process CPU time and peak resident memory, from getrusage.
struct ResourceUsage {
    var cpuSeconds: Double
    var peakMemoryBytes: Int

    static func now() -> ResourceUsage {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
        #if os(Linux)
        let peak = Int(usage.ru_maxrss) * 1024  // kilobytes on Linux
        #else
        let peak = Int(usage.ru_maxrss)  // bytes on Darwin
        #endif
        return ResourceUsage(cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime), peakMemoryBytes: peak)
    }
}
