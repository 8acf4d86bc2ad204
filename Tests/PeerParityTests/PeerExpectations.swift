/// One numeric expectation of the peer's suite: a loop and the Σ|x|, mean|x| its test asserts,
/// with the peer's tolerances (`abs(result_sum - expected) < 1e-2`,
/// `abs(result_mean - expected) < 1e-3`).
struct PeerExpectation: Sendable, CustomStringConvertible {
    /// The peer's test (class and method in diffusers' `tests/schedulers`).
    var test: String
    var scenario: PeerScenario
    var sumAbs: Double
    var meanAbs: Double
    var sumTolerance = 1e-2
    var meanTolerance = 1e-3

    var description: String { test }

    /// The difference of a summary from the expectation, and whether it is within tolerance.
    func misses(_ s: SampleSummary) -> (sum: Double, mean: Double, passes: Bool) {
        let ds = abs(s.sumAbs - sumAbs)
        let dm = abs(s.meanAbs - meanAbs)
        return (ds, dm, ds < sumTolerance && dm < meanTolerance)
    }
}

/// The rows of ../shared/oracle/diffusers-scheduler-tests.md, as diffusers' tests set them up.
enum PeerExpectations {
    static let ddim: [PeerExpectation] = [
        PeerExpectation(
            test: "DDIMSchedulerTest.test_full_loop_no_noise",
            scenario: PeerScenario(sampler: .ddim), sumAbs: 172.0067, meanAbs: 0.223967),
        PeerExpectation(
            test: "DDIMSchedulerTest.test_full_loop_with_v_prediction",
            scenario: PeerScenario(sampler: .ddim, scheduler: PeerScheduler(prediction: .vPrediction)),
            sumAbs: 52.5302, meanAbs: 0.0684),
        // "We specify different beta, so that the first alpha is 0.99."
        PeerExpectation(
            test: "DDIMSchedulerTest.test_full_loop_with_set_alpha_to_one",
            scenario: PeerScenario(sampler: .ddim, scheduler: PeerScheduler(betaStart: 0.01, setAlphaToOne: true)),
            sumAbs: 149.8295, meanAbs: 0.1951),
        PeerExpectation(
            test: "DDIMSchedulerTest.test_full_loop_with_no_set_alpha_to_one",
            scenario: PeerScenario(sampler: .ddim, scheduler: PeerScheduler(betaStart: 0.01, setAlphaToOne: false)),
            sumAbs: 149.0784, meanAbs: 0.1941),
        // t_start = 8: timesteps[8:] = [100, 0]; x = add_noise(sample, noise, 100), then the steps
        // 100 → 0 and 0 → before the start.
        PeerExpectation(
            test: "DDIMSchedulerTest.test_full_loop_with_noise",
            scenario: PeerScenario(sampler: .ddim, startIndex: 8), sumAbs: 354.5418, meanAbs: 0.4616),
    ]

    static let ddpm: [PeerExpectation] = [
        PeerExpectation(
            test: "DDPMSchedulerTest.test_full_loop_no_noise",
            scenario: PeerScenario(sampler: .ddpm), sumAbs: 258.9606, meanAbs: 0.3372),
        PeerExpectation(
            test: "DDPMSchedulerTest.test_full_loop_with_v_prediction",
            scenario: PeerScenario(sampler: .ddpm, scheduler: PeerScheduler(prediction: .vPrediction)),
            sumAbs: 202.0296, meanAbs: 0.2631),
        // t_start = T − 2 = 998 is an index into timesteps = [999, …, 0]: timesteps[998:] = [1, 0].
        // x = add_noise(sample, noise, 1), then the steps 1 → 0 (one randn) and 0 (no noise).
        PeerExpectation(
            test: "DDPMSchedulerTest.test_full_loop_with_noise",
            scenario: PeerScenario(sampler: .ddpm, startIndex: 998), sumAbs: 387.9466, meanAbs: 0.5051),
    ]

    static let all = ddim + ddpm
}
