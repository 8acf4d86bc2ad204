import Testing
import Reference

/// The rows can fail: a wrong seed or a wrong layout moves Σ|x| far beyond the peer's tolerance.
/// Run in Double, where the rows they perturb pass.
@Suite("planted failures")
struct PlantedFailureTests {
    static let ddpmFullLoop = PeerExpectations.ddpm[0]
    static let ddimWithNoise = PeerExpectations.ddim[4]

    @Test("a wrong seed fails the DDPM row")
    func wrongSeed() throws {
        let row = Self.ddpmFullLoop
        // Seed 0 passes this row in ``ReferenceParityTests/double(_:)``.
        let kernels = try ReferenceKernels<Double>(row.scenario.scheduler)
        let wrong = row.misses(try PeerLoop.summary(PeerRun(row.scenario, seed: 1), kernels))
        #expect(!wrong.passes)
        #expect(wrong.sum > 10 * row.sumTolerance, "seed 1 is off by only \(wrong.sum)")
    }

    @Test("the random noise drawn in the wrong layout fails the DDPM row")
    func wrongRandomLayout() throws {
        let row = Self.ddpmFullLoop
        var run = PeerRun(row.scenario)
        run.randomLayout = .drawnChannelsFirstThenTransposed
        let wrong = row.misses(try PeerLoop.summary(run, ReferenceKernels<Double>(row.scenario.scheduler)))
        #expect(!wrong.passes)
        // Measured: off by 0.032, three times the tolerance (Σ|x| of a 1000-step loop is a weak
        // statistic of the noise's order; the wrong seed moves it much more).
        #expect(wrong.sum > row.sumTolerance, "the transposed draw is off by only \(wrong.sum)")
    }

    /// The peer's check cannot see this one: every value of the two-step loop stays positive and
    /// unclipped, so the final sample is a·sample + b·noise elementwise and Σ|x| = a·Σ sample +
    /// b·Σ noise whatever the pairing. The element pins of
    /// ``ReferenceParityTests/ddimWithNoiseElements(_:)`` do see it.
    @Test("the fixture noise without the transpose: Σ|x| is blind to it, the element pins are not")
    func untransposedNoise() throws {
        let row = Self.ddimWithNoise
        var run = PeerRun(row.scenario)
        run.noiseLayout = .untransposed
        let kernels = try ReferenceKernels<Double>(row.scenario.scheduler)
        let right = try PeerLoop.finalSample(PeerRun(row.scenario), kernels)
        let wrong = try PeerLoop.finalSample(run, kernels)
        #expect(abs(SampleSummary(wrong).sumAbs - SampleSummary(right).sumAbs) < 1e-9)
        let pin = ReferenceParityTests.ddimWithNoisePins.first { $0.index == 192 }!
        #expect(abs(wrong[pin.index] - pin.value) > 0.05, "element 192 moved only to \(wrong[pin.index])")
        #expect(abs(right[pin.index] - pin.value) < 1e-12)
    }
}
