import Foundation
import Testing
@testable import Optimized
import Reference

@Suite struct ScheduleTablesTests {
    /// ᾱ by the double-double product against the same product in Float80 (64-bit significand,
    /// error ≤ (t + 1)·2⁻⁶⁴ relative: far below a Double ulp): within 1 Double ulp.
    @Test func alphaBarsAgainstFloat80() throws {
        let reference = try Reference.NoiseSchedule<Double>.cosine(timesteps: 1000)
        let schedule = try OptimizedSchedule(betas: reference.betas)
        var product: Float80 = 1
        for t in 0..<schedule.count {
            product *= 1 - Float80(reference.betas[t])
            let want = Double(product)
            #expect(abs(schedule.alphaBars[t] - want) <= want.ulp, "t = \(t)")
        }
    }

    /// Against Reference's literal Double product: it drifts by at most about one ulp per factor,
    /// so the bound at index t is (t + 2) ulps of ᾱₜ.
    @Test func alphaBarsAgainstReference() throws {
        let reference = try Reference.NoiseSchedule<Double>.linear(timesteps: 1000)
        let schedule = try OptimizedSchedule(betas: reference.betas)
        for t in 0..<schedule.count {
            let bound = Double(t + 2) * reference.alphaBars[t].ulp
            #expect(abs(schedule.alphaBars[t] - reference.alphaBars[t]) <= bound, "t = \(t)")
        }
        // Field-note anchors (linear, float64): ᾱ₉₉₉ = 4.03582976538e−05, ᾱ₄₉₉ = 0.07858724288,
        // β̃₁ = 5.4531876613e−05, log β̃₁ = −9.81672513529567.
        #expect(abs(schedule.alphaBars[999] - 4.03582976538e-05) < 1e-15)
        #expect(abs(schedule.alphaBars[499] - 0.07858724288) < 1e-11)
        #expect(abs(schedule.posteriorVariance[1] - 5.4531876613e-05) < 1e-15)
        #expect(abs(schedule.posteriorLogVarianceClipped[0] - -9.81672513529567) < 1e-12)
        #expect(schedule.posteriorVariance[0] == 0)
    }

    /// Posterior coefficients of single steps and jumps against Reference, given the same ᾱ:
    /// each is a short product/quotient, 8 ulps.
    @Test(arguments: [(1, 0), (500, 499), (999, 998), (0, -1), (500, 300), (999, -1), (10, 2)])
    func posteriorAgainstReference(t: Int, s: Int) throws {
        let (reference, schedule) = TestSchedules.linear()
        let want = try reference.posterior(at: t, previous: s)
        let got = schedule.posterior(t: t, s: s)
        // A jump's β_eff = 1 − ᾱₜ/ᾱ_s loses log₂(1/β_eff) bits to cancellation in the literal form
        // (a single step uses βₜ itself); the coefficients proportional to β_eff inherit that.
        let cancellation = s == t - 1 ? 1 : max(1, 1 / want.effectiveBeta)
        #expect(abs(got.meanCoefX0 - want.meanCoefX0) <= 8 * cancellation * want.meanCoefX0.ulp)
        #expect(abs(got.meanCoefXt - want.meanCoefXt) <= 8 * max(want.meanCoefXt.ulp, Double.leastNormalMagnitude))
        #expect(abs(got.variance - want.variance) <= 8 * cancellation * max(want.variance.ulp, Double.leastNormalMagnitude))
        #expect(abs(got.effectiveBeta - want.effectiveBeta) <= 8 * cancellation * want.effectiveBeta.ulp)
    }

    /// A one-step schedule has no β̃₁ to stand at t = 0 of the clipped log-variance: the table
    /// takes the 1e−20 floor there, as Reference's `posteriorLogVariance(at: 0)` does, in Double
    /// and in Float, and never −∞ (a fuzz input once found −∞ there).
    @Test func clippedLogVarianceOfOneStepSchedule() throws {
        let schedule = try OptimizedSchedule(betas: [0.00085])
        let reference = try Reference.NoiseSchedule<Double>(betas: [0.00085])
        #expect(schedule.posteriorVariance[0] == 0)
        #expect(schedule.posteriorLogVarianceClipped[0] == Foundation.log(1e-20))
        #expect(schedule.posteriorLogVarianceClipped[0] == (try reference.posteriorLogVariance(at: 0)))
        #expect(schedule.float.posteriorLogVarianceClipped[0] == Float(Foundation.log(1e-20)))
        // With a second step the value at t = 0 is log β̃₁, not the floor.
        let two = try OptimizedSchedule(betas: [0.00085, 0.0012])
        #expect(two.posteriorLogVarianceClipped[0] == Foundation.log(two.posteriorVariance[1]))
    }

    @Test func refusesBadSchedules() {
        #expect(throws: OptimizedError.self) { try OptimizedSchedule(betas: []) }
        #expect(throws: OptimizedError.self) { try OptimizedSchedule(betas: [0.1, 0]) }
        #expect(throws: OptimizedError.self) { try OptimizedSchedule(betas: [0.1, 1.5]) }
        #expect(throws: OptimizedError.self) { try OptimizedSchedule(betas: [0.1], alphaBars: [0.9, 0.8]) }
        do {
            _ = try OptimizedSchedule(betas: [0.1, .nan])
            Issue.record("expected a refusal")
        } catch {
            #expect(error.code == .invalidSchedule)
        }
    }
}
