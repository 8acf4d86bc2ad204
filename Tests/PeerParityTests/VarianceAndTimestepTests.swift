import Testing
import Reference

/// diffusers' `test_variance` rows of both schedulers and `test_steps_offset`, through Reference,
/// with the peer's tolerance 1e−5.
@Suite("diffusers' variance and timestep rows through Reference")
struct VarianceAndTimestepTests {
    /// `DDIMScheduler._get_variance(t, prev)` (set_alpha_to_one true, linear 1e−4 … 0.02).
    static let ddimRows: [(t: Int, previous: Int, expected: Double)] = [
        (420, 400, 0.14771), (980, 960, 0.32460), (487, 486, 0.00979), (999, 998, 0.02),
    ]

    @Test("DDIM σ² at η = 1, Float and Double", arguments: ddimRows)
    func ddimVariance(_ row: (t: Int, previous: Int, expected: Double)) throws {
        let f = try NoiseSchedule<Float>.linear(timesteps: 1000).ddimVariance(at: row.t, previous: row.previous)
        let d = try NoiseSchedule<Double>.linear(timesteps: 1000).ddimVariance(at: row.t, previous: row.previous)
        #expect(abs(Double(f) - row.expected) < 1e-5)
        #expect(abs(d - row.expected) < 1e-5)
    }

    /// The peer's (0, 0) → 0 is not a step (t to itself): Reference refuses it (R004), and the
    /// peer's value is that of ᾱ_prev = ᾱ₀, i.e. the jump from 0 to before the start with
    /// set_alpha_to_one false: (1 − ᾱ₀)/(1 − ᾱ₀)·(1 − ᾱ₀/ᾱ₀) = 0 exactly.
    @Test("DDIM σ²(0, 0) = 0")
    func ddimVarianceAtZero() throws {
        let f = try NoiseSchedule<Float>.linear(timesteps: 1000)
        let d = try NoiseSchedule<Double>.linear(timesteps: 1000)
        #expect(try f.ddimVariance(at: 0, previous: -1, setAlphaToOne: false) == 0)
        #expect(try d.ddimVariance(at: 0, previous: -1, setAlphaToOne: false) == 0)
        #expect(throws: ReferenceError.timestepOutOfRange(name: "prevT", value: 0, count: 0)) {
            try d.ddimVariance(at: 0, previous: 0)
        }
    }

    /// `DDPMScheduler._get_variance(t)` (fixed_small, clamped at 1e−20 by the peer).
    @Test("DDPM β̃ₜ, Float and Double", arguments: [(0, 0.0), (487, 0.00979), (999, 0.02)])
    func ddpmVariance(t: Int, expected: Double) throws {
        let f = try NoiseSchedule<Float>.linear(timesteps: 1000)
        let d = try NoiseSchedule<Double>.linear(timesteps: 1000)
        #expect(abs(Double(try f.posterior(at: t).variance) - expected) < 1e-5)
        #expect(abs(try d.posterior(at: t).variance - expected) < 1e-5)
        #expect(abs(Double(f.posteriorVariances[t]) - expected) < 1e-5)
        #expect(abs(d.posteriorVariances[t] - expected) < 1e-5)
    }

    @Test("timesteps: leading spacing, N = 5, steps_offset = 1")
    func stepsOffset() throws {
        #expect(try Timesteps.make(count: 5, trainingSteps: 1000, spacing: .leading, stepsOffset: 1) == [801, 601, 401, 201, 1])
    }

    /// The loops' own timesteps (written out in ``PeerScenario``) are Reference's leading list,
    /// and diffusers' fixed stride t − 100 is the list's next element (−1, before the start, after 0).
    @Test("the DDIM loop's timesteps and strides are the leading list's")
    func loopTimesteps() throws {
        let scenario = PeerScenario(sampler: .ddim)
        let list = try Timesteps.make(count: 10, trainingSteps: 1000, spacing: .leading)
        #expect(scenario.timesteps == list)
        #expect(list == [900, 800, 700, 600, 500, 400, 300, 200, 100, 0])
        for t in list.dropLast() {
            #expect(t - scenario.ddimStride == (try Timesteps.previous(after: t, in: list)))
        }
        #expect(0 - scenario.ddimStride < 0)
        #expect(Array(list[8...]) == [100, 0])
        #expect(Array(PeerScenario(sampler: .ddpm).timesteps[998...]) == [1, 0])
    }

    /// The betas handed to implementations that take explicit betas are Reference's linear
    /// schedule, bit for bit, in both precisions (and for the β-from-0.01 rows).
    @Test("the suite's linspace betas are Reference's", arguments: [0.0001, 0.01])
    func betas(betaStart: Double) throws {
        let config = PeerScheduler(betaStart: betaStart)
        #expect(config.betas(Float.self) == (try NoiseSchedule<Float>.linear(timesteps: 1000, betaStart: Float(betaStart))).betas)
        #expect(config.betas(Double.self) == (try NoiseSchedule<Double>.linear(timesteps: 1000, betaStart: betaStart)).betas)
    }
}
