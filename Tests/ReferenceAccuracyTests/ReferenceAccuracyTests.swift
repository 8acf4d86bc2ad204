#if arch(x86_64) && !os(Windows) && !os(Android)
import Foundation
import Reference
import Testing

/// Every Reference function against its extended-precision value at every probed point.
///
/// `ACCURACY_TABLE=1 swift test --filter ReferenceAccuracyTests` prints the measured table of the
/// README's accuracy contract (after: accurate arithmetic; before: literal arithmetic, the forms
/// the equations are written in).
@Suite("Reference accuracy against extended precision")
struct ReferenceAccuracyTests {
    static let accurate = AccuracySurvey(arithmetic: .accurate, includeOptimized: true)
    static let literal = AccuracySurvey(arithmetic: .literal)

    @Test("every function is within its stated tolerance at every probed point")
    func everyFunctionWithinTolerance() {
        let survey = Self.accurate
        #expect(survey.measured > 100_000)
        for (function, columns) in survey.worst {
            guard let bound = AccuracyContract.bound(function) else {
                Issue.record("\(function) has no stated tolerance")
                continue
            }
            for (column, worst) in columns {
                #expect(worst.ulps <= bound.ulps, "\(function) on \(column): \(worst.ulps) ulps > \(bound.ulps) at \(worst.point)")
            }
        }
        #expect(Set(survey.worst.keys) == Set(AccuracyContract.bounds.map(\.function)), "every function of the contract is measured")
    }

    @Test("the literal forms are caught: the same survey fails them where they cancel")
    func literalFormsFail() {
        let worst = Self.literal.worst
        for (function, column) in [("β (constructor)", "cosine"), ("1 − ᾱ", "cosine"), ("posterior x₀ coefficient", "cosine"),
                                   ("effective β 1 − ᾱₜ/ᾱ_s", "linear"), ("β of the zero-SNR rescale", "zero SNR"), ("DDIM step", "cosine")] {
            let bound = AccuracyContract.bound(function)!.ulps
            #expect((worst[function]?[column]?.ulps ?? 0) > 10 * bound, "literal \(function) on \(column) should miss its bound")
        }
    }

    /// Issue 14's figures: the cosine schedule at t = 0, 1, 2 within a few ulps in β, ᾱ, 1 − ᾱ and
    /// the posterior coefficients (literal: 2·10⁴ ulps in β₀).
    @Test("cosine schedule near t = 0: a few ulps", arguments: [50, 1000, 4000])
    func cosineNearStart(count: Int) throws {
        let schedule = try NoiseSchedule<Double>.cosine(timesteps: count)
        let exact = ExtendedSchedule(betas: ExactBetas.cosine(count, 0.008, 0.999))
        let own = ExtendedSchedule(betas: schedule.betas)
        func ulps(_ got: Double, _ want: Extended) -> Double { Double(abs(Extended(got) - want)) / Double(want).ulp }
        for t in 0...2 {
            #expect(ulps(schedule.betas[t], exact.betas[t]) <= 4, "β\(t)")
            #expect(ulps(schedule.alphaBars[t], exact.alphaBars[t]) <= 4, "ᾱ\(t)")
            #expect(ulps(schedule.marginalVariance(at: t), exact.oneMinusAlphaBars[t]) <= 4, "1 − ᾱ\(t)")
            let p = try schedule.posterior(at: t), e = own.posterior(at: t, previous: t - 1)
            #expect(ulps(p.meanCoefX0, e.meanCoefX0) <= 4, "posterior x₀ coefficient at \(t)")
            #expect(ulps(p.meanCoefXt, e.meanCoefXt) <= 4 || e.meanCoefXt == 0, "posterior xₜ coefficient at \(t)")
            if t > 0 { #expect(ulps(p.variance, e.variance) <= 4, "β̃\(t)") }
        }
        let literal = try NoiseSchedule<Double>.cosine(timesteps: count, arithmetic: .literal)
        #expect(ulps(literal.betas[0], exact.betas[0]) > 100, "the literal β₀ cancels")
    }

    @Test("the measured table", .enabled(if: ProcessInfo.processInfo.environment["ACCURACY_TABLE"] != nil))
    func printTable() {
        print(AccuracyTable.markdown(after: Self.accurate, before: Self.literal))
    }
}
#endif
