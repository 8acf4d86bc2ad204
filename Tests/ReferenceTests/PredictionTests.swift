import Foundation
import Testing
import Reference

@Suite("ε, x₀ and v conversions")
struct PredictionTests {
    let s = try! NoiseSchedule<Double>.cosine(timesteps: 1000)

    @Test("v round trip: x₀ = √ᾱ·xₜ − √(1−ᾱ)·v and ε = √ᾱ·v + √(1−ᾱ)·xₜ invert v", arguments: [0, 1, 500, 998, 999])
    func velocityRoundTrip(t: Int) throws {
        let x0 = 0.3, eps = -1.2
        let xt = try s.qSample(x0: [x0], noise: [eps], at: t)[0]
        let v = s.velocity(noise: eps, x0: x0, at: t)
        // Two products and a sum of O(1) values: a few ulps.
        #expect(abs(s.predictedX0(fromVelocity: v, sample: xt, at: t) - x0) <= 1e-14)
        #expect(abs(s.predictedNoise(fromVelocity: v, sample: xt, at: t) - eps) <= 1e-14)
    }

    @Test("ε ↔ x₀ round trip", arguments: [0, 1, 500, 990])
    func noiseRoundTrip(t: Int) throws {
        let x0 = -0.8, eps = 0.4
        let xt = try s.qSample(x0: [x0], noise: [eps], at: t)[0]
        // Dividing by √ᾱ amplifies rounding by 1/√ᾱ (≤ 1e3 here): bound 1e-12.
        #expect(abs(try s.predictedX0(fromNoise: eps, sample: xt, at: t) - x0) <= 1e-12)
        #expect(abs(s.predictedNoise(fromX0: x0, sample: xt, at: t) - eps) <= 1e-12)
    }

    @Test("every prediction type yields the same (x̂₀, ε̂) for consistent outputs")
    func interpretations() throws {
        let t = 321, x0 = 0.25, eps = 0.9
        let xt = try s.qSample(x0: [x0], noise: [eps], at: t)[0]
        let v = s.velocity(noise: eps, x0: x0, at: t)
        for (output, type) in [(eps, PredictionType.epsilon), (x0, .sample), (v, .vPrediction)] {
            let r = try s.interpret(output, as: type, sample: xt, at: t)
            #expect(abs(r.x0 - x0) <= 1e-13 && abs(r.noise - eps) <= 1e-13, "\(type)")
        }
    }
}
