import Testing
import CheckerCore

/// `checker replay`'s loop (CheckerCore/Replay) against the peer's rows and the suite's own loop.
@Suite("replay")
struct ReplayRunnerTests {
    static func ddim(_ edit: (inout ReplayConfiguration) -> Void = { _ in }) -> ReplayConfiguration {
        var c = ReplayConfiguration()
        c.sampler = .ddim
        c.inferenceSteps = 10
        c.rng = .torch
        edit(&c)
        return c
    }

    /// `checker replay --sampler ddim --steps 10 …` reproduces the peer's DDIM rows in float32,
    /// through either implementation.
    @Test("DDIM rows in float32", arguments: PeerExpectations.ddim, ReplayConfiguration.Implementation.allCases)
    func ddimRows(_ row: PeerExpectation, implementation: ReplayConfiguration.Implementation) throws {
        let s = row.scenario.scheduler
        let result = try ReplayRunner.run(Self.ddim { c in
            c.implementation = implementation
            c.predictionType = s.prediction == .vPrediction ? .vPrediction : .epsilon
            c.schedule.betaStart = s.betaStart
            c.setAlphaToOne = s.setAlphaToOne
            c.startIndex = row.scenario.startIndex
        })
        #expect(row.misses(SampleSummary(result.finalSample)).passes, "\(row.test): \(result.sumAbs)")
        #expect(result.steps.count == (row.scenario.startIndex == nil ? 10 : 2))
        #expect(result.steps.last?.previous == -100)
    }

    /// The DDPM add-noise row in float64 with the peer's float32 draws: exactly the suite's loop.
    @Test("DDPM add-noise loop equals the suite's loop, and a wrong seed moves it")
    func ddpmAddNoise() throws {
        var c = ReplayConfiguration()
        c.rng = .torch
        c.startIndex = 998
        c.precision = .float64
        c.noisePrecision = .float32
        let row = PeerExpectations.ddpm[2]
        let suite = try PeerLoop.finalSample(PeerRun(row.scenario), ReferenceKernels<Double>(row.scenario.scheduler))
        let replay = try ReplayRunner.run(c)
        #expect(replay.finalSample == suite)
        #expect(replay.steps.map(\.timestep) == [1, 0])
        #expect(replay.steps.map(\.drewNoise) == [true, false])
        c.seed = 1
        #expect(abs(try ReplayRunner.run(c).sumAbs - replay.sumAbs) > row.sumTolerance)
    }

    @Test("the replay fixture is the suite's transposed fixture")
    func fixture() {
        #expect(ReplayFixture.indices(shape: [4, 3, 8, 8], flipped: false) == DiffusersFixture.indices(flipped: false))
        #expect(ReplayFixture.indices(shape: [4, 3, 8, 8], flipped: true) == DiffusersFixture.indices(flipped: true))
        // (2, 3): stored as (3, 2) = [[0, 1], [2, 3], [4, 5]], transposed to [[0, 2, 4], [1, 3, 5]].
        #expect(ReplayFixture.indices(shape: [2, 3], flipped: false) == [0, 2, 4, 1, 3, 5])
    }

    @Test("bad input is refused with a code")
    func badInput() throws {
        var c = ReplayConfiguration()
        c.rng = .numpy
        c.seed = 1 << 32
        #expect(throws: ReplayError.self) { try ReplayRunner.run(c) }
        #expect((try? ReplayRunner.run(c)) == nil)
        var d = Self.ddim()
        d.model = .recorded([[0]])
        do {
            _ = try ReplayRunner.run(d)
            Issue.record("a wrong number of recorded outputs was accepted")
        } catch {
            #expect(error.code == "P005")
        }
        d.model = .dummy
        d.start = .values([1, 2, 3])
        do {
            _ = try ReplayRunner.run(d)
            Issue.record("a sample of the wrong length was accepted")
        } catch {
            #expect(error.code == "P004")
        }
        #expect(throws: ReplayError.invalidShape("4,0")) { try ReplayConfiguration.parseShape("4,0") }
        #expect(try ReplayConfiguration.parseShape("4,3,8,8") == [4, 3, 8, 8])
    }

    /// `checker replay --implementation optimized --rng torch --seed 0`: the peer's DDPM full loop
    /// in float32, which Optimized reproduces (Reference<Float> does not: see ``KnownMisses``).
    @Test("DDPM full loop through Optimized in float32, and the same loop as the suite's")
    func ddpmOptimized() throws {
        var c = ReplayConfiguration()
        c.rng = .torch
        c.implementation = .optimized
        let row = PeerExpectations.ddpm[0]
        let result = try ReplayRunner.run(c)
        #expect(row.misses(SampleSummary(result.finalSample)).passes, "\(result.sumAbs)")
        let suite = try PeerLoop.finalSample(PeerRun(row.scenario), OptimizedFloatKernels(row.scenario.scheduler))
        #expect(result.finalSample == suite.map(Double.init))
        #expect(result.steps.count == 1000 && result.steps.filter(\.drewNoise).count == 999)
    }
}
