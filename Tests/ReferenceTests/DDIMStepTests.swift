import Foundation
import Testing
import Reference

@Suite("DDIM step")
struct DDIMStepTests {
    let s = try! NoiseSchedule<Double>.linear(timesteps: 1000)

    @Test("η = 1 is the DDPM posterior step of the same jump (σ² = β̃, same mean)", arguments: [(999, 998), (500, 480), (100, 0), (20, -1)])
    func etaOneIsDDPM(t: Int, prev: Int) throws {
        let xt = [0.7, -0.3], eps = [0.1, 1.4], z = [0.5, -2]
        let ddim = try s.ddimStep(sample: xt, modelOutput: eps, noise: z, at: t, previous: prev, options: DDIMOptions(eta: 1))
        let ddpm = try s.ddpmStep(sample: xt, modelOutput: eps, noise: z, at: t, previous: prev)
        // Field notes §5: agreement to ~1e-13 in float64. DDPM's fixed-small σ is floored at
        // √1e-20 = 1e-10 where β̃ = 0 (the jump to before the start), as diffusers clamps it.
        for i in xt.indices {
            #expect(abs(ddim.mean[i] - ddpm.mean[i]) <= 1e-13)
            #expect(abs(ddim.previous[i] - ddpm.previous[i]) <= 1e-13 + 1e-10 * abs(z[i]))
        }
        #expect(abs(try s.ddimVariance(at: t, previous: prev) - s.posterior(at: t, previous: prev).variance) <= 1e-15)
    }

    @Test("diffusers' DDIM _get_variance figures (tolerance 1e-5, the peer's)", arguments: [
        (0, 0, 0.0), (420, 400, 0.14771), (980, 960, 0.32460), (487, 486, 0.00979), (999, 998, 0.02),
    ])
    func diffusersVariance(t: Int, prev: Int, expected: Double) throws {
        let v = t == prev ? 0 : try s.ddimVariance(at: t, previous: prev)
        #expect(abs(v - expected) <= 1e-5)
    }

    @Test("η = 0 is deterministic and lands on x̂₀ at the end with setAlphaToOne")
    func deterministic() throws {
        let r = try s.ddimStep(sample: [0.2], modelOutput: [0.5], at: 0, previous: -1)
        #expect(r.previous == r.predictedX0)
        let r2 = try s.ddimStep(sample: [0.2], modelOutput: [0.5], at: 0, previous: -1, options: DDIMOptions(setAlphaToOne: false))
        // ᾱ_prev = ᾱ₀: x = √ᾱ₀·x̂₀ + √(1 − ᾱ₀)·ε̂ = xₜ itself.
        #expect(abs(r2.previous[0] - 0.2) <= 1e-16)
    }

    @Test("the direction term uses σ², not σ (η where η² belongs)")
    func etaSquared() throws {
        let t = 600, prev = 500, eta = 0.5
        let r = try s.ddimStep(sample: [0.3], modelOutput: [0.6], noise: [0], at: t, previous: prev, options: DDIMOptions(eta: eta))
        let x0 = try s.predictedX0(fromNoise: 0.6, sample: 0.3, at: t)
        let sigma2 = eta * eta * (try s.ddimVariance(at: t, previous: prev))
        let expected = s.alphaBars[prev].squareRoot() * x0 + (1 - s.alphaBars[prev] - sigma2).squareRoot() * 0.6
        #expect(abs(r.previous[0] - expected) <= 1e-15)
    }

    @Test("useClippedModelOutput re-derives ε̂ from the clipped x̂₀")
    func clippedModelOutput() throws {
        var o = DDIMOptions(predictionType: .sample, clipping: .clip(range: 1))
        let a = try s.ddimStep(sample: [0.5], modelOutput: [3], at: 300, previous: 200, options: o)
        o.useClippedModelOutput = true
        let b = try s.ddimStep(sample: [0.5], modelOutput: [3], at: 300, previous: 200, options: o)
        #expect(a.predictedX0 == [1] && b.predictedX0 == [1])
        let epsClipped = s.predictedNoise(fromX0: 1, sample: 0.5, at: 300)
        #expect(abs(b.previous[0] - (s.alphaBars[200].squareRoot() + (1 - s.alphaBars[200]).squareRoot() * epsClipped)) <= 1e-15)
        // Without it, ε̂ comes from the unclipped x̂₀ (= 3): a different result.
        #expect(a.previous != b.previous)
    }

    @Test("inversion undoes a deterministic step for a fixed ε")
    func inversion() throws {
        let xt = [0.4, -0.9], eps = [0.3, 0.3]
        let down = try s.ddimStep(sample: xt, modelOutput: eps, at: 700, previous: 650)
        // A constant-ε model: the same ε̂ at the lower index gives the same x̂₀, so inversion returns xₜ.
        let up = try s.ddimInversionStep(sample: down.previous, modelOutput: eps, at: 650, next: 700)
        for i in xt.indices { #expect(abs(up.previous[i] - xt[i]) <= 1e-13) }
        #expect(throws: ReferenceError.self) { try s.ddimInversionStep(sample: [0], modelOutput: [0], at: 700, next: 650) }
    }
}
