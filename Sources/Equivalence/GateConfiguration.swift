import Foundation

/// How the gate runs: sample size, seed, family-wise error rate and the cost cap of long runs.
public struct GateConfiguration: Sendable, Equatable {
    /// Samples per check: the noise checks use exactly this many, forward samples and single
    /// steps at most ``conditionalSampleLimit``, multi-step runs at most the step budget allows.
    public var samples: Int
    /// The master seed; every check derives its own streams from it and its name.
    public var seed: UInt64
    /// The family-wise false-alarm rate α of the whole gate (Holm over every statistical test).
    public var alpha: Double
    /// The most element-steps a multi-step check may take: a run of k steps uses
    /// min(samples, max(minimumRunSamples, stepBudget / k)) samples.
    public var stepBudget: Int
    /// The least number of samples a multi-step run uses, whatever the budget.
    public var minimumRunSamples: Int
    /// The most element-steps of a Reference run on the other side of a two-sample test
    /// (Reference is the literal generic implementation, far slower than the code under test).
    public var referenceBudget: Int
    /// Threads for running checks together and for the large sorts and statistics; nil: one per
    /// active processor. The verdict and every number of the report except times are the same for
    /// any value.
    public var threads: Int?

    /// The quick configuration: 10⁵ samples, seed 20261125, α = 10⁻⁶, budget 2·10⁷ element-steps.
    /// Runs in `swift test` and `checker verify`.
    public static let quick = GateConfiguration(samples: 100_000)

    /// - Parameters:
    ///   - samples: n ≥ 1000.
    ///   - alpha: 0 < α < 1.
    ///   - stepBudget: nil picks max(2·10⁷, 20·n) capped at 10⁸.
    ///   - threads: nil picks one per active processor.
    public init(samples: Int, seed: UInt64 = 20_261_125, alpha: Double = 1e-6, stepBudget: Int? = nil, threads: Int? = nil) {
        self.threads = threads
        self.samples = samples
        self.seed = seed
        self.alpha = alpha
        self.stepBudget = stepBudget ?? min(max(20_000_000, 20 * samples), 100_000_000)
        self.minimumRunSamples = min(samples, 10_000)
        self.referenceBudget = min(max(200_000, samples / 5), 20_000_000)
    }

    /// Throws unless the values are in range.
    public func validate() throws(EquivalenceError) {
        guard samples >= 1000 else {
            throw .invalidConfiguration(name: "samples", value: "\(samples)", expected: "at least 1000")
        }
        guard samples <= 1_000_000_000 else {
            throw .invalidConfiguration(name: "samples", value: "\(samples)", expected: "at most 10⁹")
        }
        guard alpha > 0, alpha < 1 else {
            throw .invalidConfiguration(name: "alpha", value: "\(alpha)", expected: "0 < α < 1")
        }
        if let threads, threads < 1 {
            throw .invalidConfiguration(name: "threads", value: "\(threads)", expected: "at least 1")
        }
        guard stepBudget >= 1 else {
            throw .invalidConfiguration(name: "stepBudget", value: "\(stepBudget)", expected: "a positive number of element-steps")
        }
    }

    /// The most draws a noise check keeps in memory for its order-statistic tests (KS, AD,
    /// two-sample KS against GSL); its other tests stream all `samples` draws. 10⁸ Doubles are
    /// 0.8 GB, a few GB with the sort and the independent sample; beyond, memory would grow
    /// with `samples` while KS at 10⁸ already resolves a distance of 6·10⁻⁴ at the gate's level.
    public static let sortedSampleLimit = 100_000_000

    /// The sample size of a noise check's order-statistic tests.
    public var sortedSamples: Int { min(samples, Self.sortedSampleLimit) }

    /// The thread count in force.
    public var threadCount: Int { max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount) }

    /// The most samples of a forward-sample or single-step check: 2·10⁶ (at 10⁸ each of those 40
    /// checks would sort 10⁸ values three times; 2·10⁶ already resolves a KS distance of 1.4·10⁻³
    /// at the gate's level, and the conditional residuals these checks test are exact laws).
    public static let conditionalSampleLimit = 2_000_000

    /// The sample size of a forward-sample or single-step check.
    public var conditionalSamples: Int { min(samples, Self.conditionalSampleLimit) }

    /// The sample size of a check whose every sample takes `steps` sampler steps.
    public func runSamples(steps: Int) -> Int {
        min(samples, max(minimumRunSamples, stepBudget / max(steps, 1)))
    }

    /// The sample size of the Reference side of a two-sample test for a run of `steps` steps
    /// (single steps count as 10): min(n, 10⁶, max(2000, referenceBudget / max(steps, 10))).
    public func referenceSamples(steps: Int) -> Int {
        min(samples, 1_000_000, max(2000, referenceBudget / max(steps, 10)))
    }

    /// A seed for the stream `name` of a check: FNV-1a of the name, mixed with the master seed.
    func derivedSeed(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        var z = hash ^ (seed &* 0x9E37_79B9_7F4A_7C15)
        // splitmix64 finaliser.
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
