import Foundation
import Reference
import Testing
@testable import ScheduleCheck

@Suite("VS101–VS105: β range, β₀ and ᾱ₀, monotonicity, reversed ends")
struct BetaCheckTests {
    static let linear = referenceBetas(spec(.linear))
    static let cosine = referenceBetas(spec(.cosine))

    @Test("VS101 fires on β > 1, β < 0 and NaN, naming the first index; quiet on DDPM's linear")
    func betaOutOfRange() throws {
        var betas = Self.linear
        betas[10] = 1.5
        betas[20] = .nan
        let bad = try verifyArray(betas)
        #expect(bad.status("VS101") == .fired(.error))
        #expect(bad.finding("VS101")?.message.contains("2 of 1000 β invalid: β[10] = 1.5") == true)
        var negative = Self.linear
        negative[500] = -0.001
        #expect(try verifyArray(negative).fired("VS101"))
        var early = Self.linear
        early[998] = 1  // β = 1 before the last index
        #expect(try verifyArray(early).fired("VS101"))
        #expect(try verifyArray(Self.linear).status("VS101") == .passed)
        #expect(try verify(request("linear")).status("VS101") == .passed)
    }

    @Test("VS102 fires on the cosine off by one (ᾱ from f(0)/f(0) = 1); quiet on the correct cosine")
    func cosineOffByOne() throws {
        // The wrong ᾱ array: ᾱₜ = f(t)/f(0) for t = 0 … T − 1, so ᾱ₀ = 1 and β₀ = 0.
        func f(_ t: Double) -> Double { let c = cos((t / 1000 + 0.008) / 1.008 * .pi / 2); return c * c }
        let wrong = (0..<1000).map { f(Double($0)) / f(0) }
        let bad = try verifyArray(wrong, kind: .alphaBars)
        #expect(bad.status("VS102") == .fired(.error))
        #expect(bad.status("VS101") == .passed)  // β₀ = 0 is reported once, as VS102
        let good = try verify(request("cosine"))
        #expect(good.status("VS102") == .passed)
        #expect(good.outcome("VS102")?.summary.contains("ᾱ₀ = 0.9999587158") == true)  // field notes: 0.999958716
        #expect(try verify(request("linear", start: 0)).fired("VS102"))
    }

    @Test("VS103 fires when β decreases somewhere; quiet on every standard schedule")
    func monotone() throws {
        var betas = Self.linear
        betas.swapAt(300, 301)
        let bad = try verifyArray(betas)
        #expect(bad.status("VS103") == .fired(.warning))
        #expect(bad.finding("VS103")?.message.contains("first at t = 301") == true)
        for name in ["linear", "scaled_linear", "cosine", "sigmoid"] {
            #expect(try verify(request(name)).status("VS103") == .passed)
        }
        #expect(try verify(request("scaled_linear") { $0.rescaleZeroSNR = true }).status("VS103") == .passed)
    }

    @Test("VS104 fires when an ᾱ array increases; quiet on a cumulative product")
    func alphaBarDecreasing() throws {
        var alphaBars = cumulativeAlphaBars(Self.linear)
        alphaBars[400] = alphaBars[398]
        let bad = try verifyArray(alphaBars, kind: .alphaBars)
        #expect(bad.status("VS104") == .fired(.error))
        #expect(bad.finding("VS104")?.message.contains("first at t = 400") == true)
        #expect(try verifyArray(cumulativeAlphaBars(Self.linear), kind: .alphaBars).status("VS104") == .passed)
    }

    @Test("VS105 fires on swapped beta_start/beta_end and on a reversed ᾱ array; quiet otherwise")
    func reversed() throws {
        let swapped = try verify(request("linear", start: 0.02, end: 0.0001))
        #expect(swapped.status("VS105") == .fired(.error))
        #expect(swapped.status("VS103") == .notApplicable)  // explained by VS105, not repeated
        let reversedAlphaBars = try verifyArray(Array(cumulativeAlphaBars(Self.linear).reversed()), kind: .alphaBars)
        #expect(reversedAlphaBars.fired("VS105"))
        #expect(try verify(request("linear")).status("VS105") == .passed)
        #expect(try verify(request("scaled_linear") { $0.rescaleZeroSNR = true }).status("VS105") == .passed)
    }
}
