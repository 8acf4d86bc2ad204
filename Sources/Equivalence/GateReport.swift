import Statistics

/// A deterministic comparison inside a check (no sampling error): |value| ≤ tolerance.
public struct ExactComparison: Sendable, Equatable {
    public var check: String
    public var name: String
    public var value: Double
    public var tolerance: Double
    public var passed: Bool { value.isFinite && abs(value) <= tolerance }
}

/// One statistical test of the gate, with the check it belongs to.
public struct GateTest: Sendable, Equatable {
    public var check: String
    public var result: HypothesisTestResult
}

/// What one check produced.
public struct GateCheckOutcome: Sendable {
    public var name: String
    public var sampleSize: Int
    public var tests: [HypothesisTestResult]
    public var exact: [ExactComparison]
}

/// The gate's verdict: every statistical test adjusted as one Holm family at the family-wise
/// rate α, plus the exact comparisons.
public struct GateReport: Sendable {
    public var configuration: GateConfiguration
    public var samplerName: String
    public var outcomes: [GateCheckOutcome]
    /// The statistical tests in order, as adjusted by ``family``.
    public var tests: [GateTest]
    public var family: TestFamily
    public var exact: [ExactComparison]
    /// Seconds of wall time.
    public var elapsed: Double
    /// True when the run stopped at the first failing check (planted-bug runs).
    public var stoppedEarly: Bool
    /// Threads the run used.
    public var threads: Int = 1
    /// Process CPU seconds (all threads) spent in the run.
    public var cpuSeconds: Double = 0
    /// The process's peak resident memory at the end of the run, in bytes.
    public var peakMemoryBytes: Int = 0

    /// CPU time over wall time times threads: 1 when every thread was busy all the time.
    public var parallelEfficiency: Double {
        elapsed > 0 ? cpuSeconds / (elapsed * Double(max(threads, 1))) : 0
    }

    /// Passed when no test is rejected and every exact comparison holds.
    public var passed: Bool { !family.rejectsAny && exact.allSatisfy(\.passed) }


    /// The adjusted member of each test, in the order of ``tests``.
    public var members: ArraySlice<TestFamily.Member> { family.members.prefix(tests.count) }

    /// The smallest margin p̃/α over the tests that ran (+∞ when none ran).
    public var smallestMargin: Double { tightest?.member.margin ?? .infinity }

    /// The test with the smallest margin (nil when no statistical test ran).
    public var tightest: (test: GateTest, member: TestFamily.Member)? {
        // Members beyond `tests` are the p = 1 padding of a partial run.
        guard let index = tests.indices.min(by: { family.members[$0].margin < family.members[$1].margin }) else { return nil }
        return (tests[index], family.members[index])
    }

    public var failedExact: [ExactComparison] { exact.filter { !$0.passed } }
    public var rejectedTests: [(test: GateTest, member: TestFamily.Member)] {
        zip(tests, family.members).filter { $0.1.rejected }.map { ($0.0, $0.1) }
    }
}
