import Foundation
import Reference
import Testing
@testable import ScheduleCheck

@Suite("VS301–VS302: the schedule held in float16 and float32")
struct PrecisionCheckTests {
    @Test("VS301: a float16 .npy of DDPM's linear β loses β₀ (1 − 0.0001 rounds to 1); float32 is quiet")
    func float16() throws {
        let betas = referenceBetas(spec(.linear))
        let half = writeTemporary("betas16.npy", npyBytes(betas, dtype: "<f2"))
        var r = ScheduleRequest()
        r.betasPath = half
        let bad = try verify(r)
        #expect(bad.status("VS301") == .fired(.error))
        // The float16 β₀ is Float16(0.0001) = 0.0001000166.
        #expect(bad.finding("VS301")?.message.contains("1 − β₀ = 1 − 0.0001000166 rounds to 1") == true)
        let single = writeTemporary("betas32.npy", npyBytes(betas, dtype: "<f4"))
        r.betasPath = single
        let good = try verify(r)
        #expect(good.status("VS301") == .passed)
        #expect(good.status("VS302") == .passed)
        // --precision float16 on a named schedule says the same.
        #expect(try verify(request("cosine") { $0.precision = "float16" }).status("VS301") == .fired(.error))
    }

    @Test("the float16 and float32 losses of the standard schedules")
    func measuredLosses() throws {
        let linear = try spec(.linear).make(Double.self)
        let half = PrecisionLoss.measure(betas: linear.betas, alphaBars: linear.alphaBars, precision: .float16)
        #expect(half.firstStepLost)
        let single = PrecisionLoss.measure(betas: linear.betas, alphaBars: linear.alphaBars, precision: .float32)
        #expect(!single.firstStepLost && single.lostSteps == 0)
        // numpy: np.cumprod(1 - b.astype(np.float32), dtype=np.float32) against float64 gives a
        // max relative error 7.13e-07; β recovered as 1 − ᾱₜ/ᾱₜ₋₁ in float32, 1.66e-04 at t = 0.
        #expect(abs(single.alphaBarRelativeError - 7.13e-07) < 0.05e-07)
        #expect(abs(single.recoveredBetaRelativeError - 1.66e-04) < 0.01e-04)
        #expect(single.recoveredBetaWorstIndex == 0)
    }

    @Test("VS302: β = 1e-8 cannot be held against 1 in float32; DDPM's β can")
    func float32() throws {
        let tiny = try verify(request("linear", start: 1e-8))
        #expect(tiny.status("VS302") == .fired(.warning))
        #expect(tiny.finding("VS302")?.message.contains("1 − β₀ = 1 − 1e-08 rounds to 1") == true)
        #expect(try verify(request("linear")).status("VS302") == .passed)
        #expect(try verify(request("linear", start: 1e-8) { $0.precision = "float64" }).status("VS302") == .passed)
    }
}
