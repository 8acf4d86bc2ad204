import Testing
import Optimized

/// Every loop of the peer's DDIM and DDPM tests through Optimized, in Float and in Double, held
/// to the peer's own tolerances (1e−2 on Σ|x|, 1e−3 on mean|x|). Rows that miss are listed, with
/// the measured miss and its cause, in ``KnownMisses``.
@Suite("diffusers' scheduler tests through Optimized")
struct OptimizedParityTests {
    @Test("Float (the peer's float32)", arguments: PeerExpectations.all)
    func float(_ row: PeerExpectation) throws {
        let summary = try PeerLoop.summary(PeerRun(row.scenario), OptimizedFloatKernels(row.scenario.scheduler))
        KnownMisses.check(row, summary, implementation: "Optimized", precision: .float)
    }

    @Test("Double", arguments: PeerExpectations.all)
    func double(_ row: PeerExpectation) throws {
        let summary = try PeerLoop.summary(PeerRun(row.scenario), OptimizedDoubleKernels(row.scenario.scheduler))
        KnownMisses.check(row, summary, implementation: "Optimized", precision: .double)
    }
}

/// diffusers' `test_variance` rows of both schedulers through Optimized, tolerance 1e−5 (the
/// peer's). Optimized has no σ² function of its own: σ is read off an η = 1 DDIM step with
/// x = 0, ε̂ = 0 and unit noise, where prev = √ᾱ_prev·0 + √(1 − ᾱ_prev − σ²)·0 + σ·1 = σ.
@Suite("diffusers' variance rows through Optimized")
struct OptimizedVarianceTests {
    static let floatSchedule = try! OptimizedSchedule(betas: PeerScheduler().betas(Float.self).map(Double.init))
    static let doubleSchedule = try! OptimizedSchedule(betas: PeerScheduler().betas(Double.self))

    static func sigmaSquared(at t: Int, previous: Int, setAlphaToOne: Bool = true) throws -> (float: Double, double: Double) {
        let options = DDIMOptions(eta: 1, setAlphaToOne: setAlphaToOne)
        let f = try floatSchedule.ddimStep(xt: [Float(0)], modelOutput: [0], noise: .values([1]), at: t, prevT: previous, options: options).prev[0]
        let d = try doubleSchedule.ddimStep(xt: [0.0], modelOutput: [0], noise: .values([1]), at: t, prevT: previous, options: options).prev[0]
        return (Double(f) * Double(f), d * d)
    }

    @Test("DDIM σ² at η = 1, Float and Double", arguments: VarianceAndTimestepTests.ddimRows)
    func ddimVariance(_ row: (t: Int, previous: Int, expected: Double)) throws {
        let v = try Self.sigmaSquared(at: row.t, previous: row.previous)
        #expect(abs(v.float - row.expected) < 1e-5, "Float σ² = \(v.float)")
        #expect(abs(v.double - row.expected) < 1e-5, "Double σ² = \(v.double)")
    }

    /// As in Reference: a step from 0 to 0 is refused, and the peer's value (ᾱ_prev = ᾱ₀) is
    /// that of the jump to before the start with set_alpha_to_one false.
    @Test("DDIM σ²(0, 0) = 0")
    func ddimVarianceAtZero() throws {
        let v = try Self.sigmaSquared(at: 0, previous: -1, setAlphaToOne: false)
        #expect(v.float == 0 && v.double == 0)
        do {
            _ = try Self.doubleSchedule.ddimStep(xt: [0.0], modelOutput: [0], at: 0, prevT: 0)
            Issue.record("a DDIM step from 0 to 0 was accepted")
        } catch {
            #expect(error.code == .timestepOutOfRange)
        }
    }

    @Test("DDPM β̃ₜ, Float and Double tables", arguments: [(0, 0.0), (487, 0.00979), (999, 0.02)])
    func ddpmVariance(t: Int, expected: Double) {
        #expect(abs(Double(Self.floatSchedule.float.posteriorVariance[t]) - expected) < 1e-5)
        #expect(abs(Self.doubleSchedule.posteriorVariance[t] - expected) < 1e-5)
    }

    @Test("the DDIM add-noise row, element by element", arguments: [KnownMisses.Precision.float, .double])
    func ddimWithNoiseElements(_ precision: KnownMisses.Precision) throws {
        let row = PeerExpectations.ddim[4]
        let x: [Double] = switch precision {
        case .float: try PeerLoop.finalSample(PeerRun(row.scenario), OptimizedFloatKernels(row.scenario.scheduler)).map(Double.init)
        case .double: try PeerLoop.finalSample(PeerRun(row.scenario), OptimizedDoubleKernels(row.scenario.scheduler))
        }
        // The same pins and tolerances as Reference's (see ReferenceParityTests.ddimWithNoisePins).
        let tolerance = precision == .float ? 1e-5 : 1e-12
        for pin in ReferenceParityTests.ddimWithNoisePins {
            #expect(abs(x[pin.index] - pin.value) < tolerance, "x[\(pin.index)] = \(x[pin.index]), expected \(pin.value)")
        }
    }
}

/// The planted failures through Optimized's Float kernels, which pass the DDPM full loop.
@Suite("planted failures through Optimized")
struct OptimizedPlantedFailureTests {
    @Test("a wrong seed and a transposed random draw fail the DDPM row in Float")
    func wrongSeedAndLayout() throws {
        let row = PeerExpectations.ddpm[0]
        let kernels = try OptimizedFloatKernels(row.scenario.scheduler)
        let wrongSeed = row.misses(try PeerLoop.summary(PeerRun(row.scenario, seed: 1), kernels))
        #expect(!wrongSeed.passes && wrongSeed.sum > row.sumTolerance, "seed 1 is off by only \(wrongSeed.sum)")
        var run = PeerRun(row.scenario)
        run.randomLayout = .drawnChannelsFirstThenTransposed
        let wrongLayout = row.misses(try PeerLoop.summary(run, kernels))
        #expect(!wrongLayout.passes && wrongLayout.sum > row.sumTolerance, "the transposed draw is off by only \(wrongLayout.sum)")
    }
}
