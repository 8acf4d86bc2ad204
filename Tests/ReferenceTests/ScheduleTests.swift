import Foundation
import Testing
@testable import Reference

/// Relative closeness: |a − b| ≤ rel·|b|.
func close(_ a: Double, _ b: Double, rel: Double) -> Bool {
    abs(a - b) <= rel * abs(b)
}

@Suite("Schedules")
struct ScheduleTests {
    @Test("explicit betas give α and ᾱ by hand")
    func explicitByHand() throws {
        let s = try NoiseSchedule<Double>(betas: [0.5, 0.5, 0.2])
        #expect(s.alphas == [0.5, 0.5, 0.8])
        #expect(s.alphaBars == [0.5, 0.25, 0.2])
        #expect(s.alphaBarsPrevious == [1, 0.5, 0.25])
        #expect(s.signalToNoiseRatios == [1, 1.0 / 3.0, 0.25])
        #expect(s.count == 3)
    }

    @Test("linear 1e-4…0.02 anchors (field notes §3), to the printed digits")
    func linearAnchors() throws {
        let s = try NoiseSchedule<Double>.linear(timesteps: 1000)
        #expect(s.betas[0] == 0.0001 && s.betas[999] == 0.02)
        // Published to 12 significant digits: half a unit in the last place.
        #expect(close(s.alphaBars[999], 4.03582976538e-05, rel: 5e-12))
        #expect(close(s.alphaBars[499], 0.07858724288, rel: 5e-10))
        #expect(close(s.alphaBars[999].squareRoot(), 0.006352818, rel: 5e-7))
        #expect(close(s.logSignalToNoiseRatios[0], 9.21024, rel: 5e-6))
        #expect(close(s.logSignalToNoiseRatios[999], -10.11767, rel: 5e-7))
    }

    @Test("linear of T = 1 is [start]; linspace matches NumPy's formula")
    func linearEdges() throws {
        #expect(try NoiseSchedule<Double>.linear(timesteps: 1).betas == [0.0001])
        #expect(numpyLinspace(0.0, 1.0, count: 5) == [0, 0.25, 0.5, 0.75, 1])
        // numpy.linspace(0.02, 0.0001, 1000)[1] == 0.019980080080080082 (NumPy 2.4, to the bit).
        #expect(try NoiseSchedule<Double>.linear(timesteps: 1000, betaStart: 0.02, betaEnd: 0.0001).betas[1] == 0.019980080080080082)
    }

    @Test("improved-diffusion scales the linear ends by 1000/T")
    func scaledForTimesteps() throws {
        let s = try NoiseSchedule<Double>.linear(timesteps: 4000, scaledForTimesteps: true)
        #expect(close(s.betas[0], 0.000025, rel: 1e-15))
        #expect(close(s.betas[3999], 0.005, rel: 1e-15))
        let unscaled = try NoiseSchedule<Double>.linear(timesteps: 4000)
        #expect(unscaled.betas[3999] == 0.02)
    }

    @Test("scaled linear (Stable Diffusion) has a non-zero terminal SNR")
    func scaledLinear() throws {
        let s = try NoiseSchedule<Double>.scaledLinear(timesteps: 1000, betaStart: 0.00085, betaEnd: 0.012)
        #expect(close(s.alphaBars[0], 0.99915, rel: 1e-15))
        #expect(close(s.alphaBars[999], 0.00466009851, rel: 5e-9))
        #expect(close(s.alphaBars[999].squareRoot(), 0.06826491, rel: 5e-7))
        // Linear in √β: the midpoint of √β is the mean of the ends' square roots.
        let mid = ((0.00085).squareRoot() + (0.012).squareRoot()) / 2
        let t = try NoiseSchedule<Double>.scaledLinear(timesteps: 3, betaStart: 0.00085, betaEnd: 0.012)
        #expect(close(t.betas[1], mid * mid, rel: 1e-15))
    }

    @Test("cosine: β₀ > 0 and ᾱ₀ < 1 (no off-by-one), the cap, and the anchors")
    func cosine() throws {
        let s = try NoiseSchedule<Double>.cosine(timesteps: 1000)
        #expect(s.betas[0] > 0 && s.alphaBars[0] < 1)
        #expect(close(s.betas[0], 4.128422e-05, rel: 5e-7))
        #expect(close(s.alphaBars[0], 0.999958716, rel: 5e-9))
        #expect(close(s.alphaBars[499], 0.49384359, rel: 5e-8))
        #expect(close(s.betas[998], 0.7499994, rel: 5e-7))
        #expect(s.betas[999] == 0.999)
        #expect(s.betas.filter { $0 == 0.999 }.count == 1, "only the last β is capped")
        #expect(close(s.alphaBars[999], 2.42877e-09, rel: 5e-6))
        #expect(close((1 / s.alphaBars[999]).squareRoot(), 20291.17, rel: 5e-7))
    }

    @Test("cosine ᾱ follows f(t+1)/f(0) where β is not capped (Nichol & Dhariwal Eq. 17)")
    func cosineClosedForm() throws {
        let s = try NoiseSchedule<Double>.cosine(timesteps: 1000)
        func f(_ tau: Double) -> Double {
            let c = cos((tau / 1000 + 0.008) / 1.008 * .pi / 2)
            return c * c
        }
        for t in [0, 1, 250, 500, 900, 998] {
            #expect(close(s.alphaBars[t], f(Double(t + 1)) / f(0), rel: 1e-12))
        }
    }

    @Test("sigmoid anchors")
    func sigmoid() throws {
        let s = try NoiseSchedule<Double>.sigmoid(timesteps: 1000)
        #expect(close(s.betas[0], 1.492052e-04, rel: 5e-7))
        #expect(close(s.betas[999], 0.0199508, rel: 5e-6))
        #expect(close(s.alphaBars[999], 3.96818e-05, rel: 5e-6))
    }

    @Test("zero-terminal-SNR rescale: ᾱ[T−1] = 0, β[T−1] = 1, ᾱ₀ unchanged, √ᾱ affine in the old √ᾱ")
    func zeroTerminalSNR() throws {
        let sd = try NoiseSchedule<Double>.scaledLinear(timesteps: 1000, betaStart: 0.00085, betaEnd: 0.012)
        let z = try sd.rescaledToZeroTerminalSNR()
        #expect(z.alphaBars[999] == 0)
        #expect(z.betas[999] == 1)
        #expect(close(z.alphaBars[0], sd.alphaBars[0], rel: 1e-15))
        #expect(z.signalToNoiseRatios[999] == 0)
        #expect(z.logSignalToNoiseRatios[999] == -.infinity)
        // Lin et al. Alg. 1: a' = (a − a_T)·a₀/(a₀ − a_T) for a = √ᾱ.
        let a = sd.alphaBars.map { $0.squareRoot() }
        let expected = (a[500] - a[999]) * a[0] / (a[0] - a[999])
        #expect(close(z.alphaBars[500].squareRoot(), expected, rel: 1e-12))
        // Rescaling is idempotent: a zero-SNR schedule maps to itself (up to rounding).
        let again = try z.rescaledToZeroTerminalSNR()
        #expect(again.alphaBars[999] == 0)
        #expect(zip(again.alphaBars, z.alphaBars).allSatisfy { abs($0 - $1) <= 1e-15 })
        #expect(throws: ReferenceError.self) { try NoiseSchedule<Double>(betas: [0.5]).rescaledToZeroTerminalSNR() }
    }

    @Test("schedules are built in Float too (float32 pipelines)")
    func floatSchedule() throws {
        let f = try NoiseSchedule<Float>.linear(timesteps: 1000)
        let d = try NoiseSchedule<Double>.linear(timesteps: 1000)
        // float32 cumulative product of 1000 factors: relative error ~1e-4 (field notes §3).
        #expect(close(Double(f.alphaBars[999]), d.alphaBars[999], rel: 1e-4))
        #expect(!close(Double(f.alphaBars[999]), d.alphaBars[999], rel: 1e-12), "Float really is Float")
    }

    @Test("a specification builds the same schedule as the constructors")
    func specification() throws {
        var spec = ScheduleSpecification(kind: .scaledLinear, timesteps: 1000)
        spec.betaStart = 0.00085
        spec.betaEnd = 0.012
        spec.rescaleZeroTerminalSNR = true
        let s: NoiseSchedule<Double> = try spec.make()
        #expect(s == (try NoiseSchedule<Double>.scaledLinear(timesteps: 1000).rescaledToZeroTerminalSNR()))
        var explicit = ScheduleSpecification(kind: .explicit, timesteps: 2)
        explicit.betas = [0.1, 0.2, 0.3]
        #expect(throws: ReferenceError.lengthMismatch(name: "betas", expected: 2, actual: 3)) { try explicit.make(Double.self) }
    }
}
