import Testing
@testable import Statistics

private func results(_ pValues: [Double]) -> [HypothesisTestResult] {
    pValues.enumerated().map { HypothesisTestResult(name: "t\($0.offset)", statistic: 0, pValue: $0.element, sampleSize: 1) }
}

/// Holm and Bonferroni adjusted p-values against `statsmodels`-style hand computation:
/// p = [0.01, 0.04, 0.03, 0.005], m = 4. Bonferroni: 4p = [0.04, 0.16, 0.12, 0.02].
/// Holm (sorted 0.005, 0.01, 0.03, 0.04 × 4, 3, 2, 1 = 0.02, 0.03, 0.06, 0.04 → running max
/// 0.02, 0.03, 0.06, 0.06): in input order [0.03, 0.06, 0.06, 0.02]. Exact to rounding (1e-15).
@Test func holmAndBonferroniAdjustments() throws {
    let p = [0.01, 0.04, 0.03, 0.005]
    let bonferroni = try TestFamily(results(p), familyWiseRate: 0.05, procedure: .bonferroni)
    for (member, expected) in zip(bonferroni.members, [0.04, 0.16, 0.12, 0.02]) {
        #expect(abs(member.adjustedPValue - expected) < 1e-15)
    }
    #expect(bonferroni.members.map(\.rejected) == [true, false, false, true])
    let holm = try TestFamily(results(p), familyWiseRate: 0.05, procedure: .holm)
    for (member, expected) in zip(holm.members, [0.03, 0.06, 0.06, 0.02]) {
        #expect(abs(member.adjustedPValue - expected) < 1e-15)
    }
    #expect(holm.members.map(\.rejected) == [true, false, false, true])
    #expect(holm.rejectsAny)
    #expect(holm.tightestMember.result.name == "t3")
    #expect(abs(holm.smallestMargin - 0.4) < 1e-14)

    let passing = try TestFamily(results([0.5, 0.2, 0.9]), familyWiseRate: 0.01)
    #expect(!passing.rejectsAny)
    // Holm: 3·0.2 = 0.6 is the smallest adjusted p; margin 0.6/0.01 = 60.
    #expect(abs(passing.smallestMargin - 60) < 1e-12)
    #expect(passing.tightestMember.result.name == "t1")
}

/// Family-wise error control under the null: with 5 independent uniform p-values per family and
/// α = 0.05, Holm must reject a family at most 5 % of the time; for independent tests its exact
/// family-wise rate is 1 − 0.99⁵ = 0.0490. Over 2000 families from mt19937 seed 99 the
/// rejection count must be ≤ 138: P(Binomial(2000, 0.049) > 138) = 3.6e-5 is this assertion's
/// false-alarm rate; an uncorrected family (rate 0.226, ~452 rejections) fails it.
@Test func holmControlsFamilyWiseRate() throws {
    let generator = try GSLRandomGenerator(seed: 99)
    var rejections = 0
    for _ in 0..<2000 {
        let family = try TestFamily(results(generator.uniforms(count: 5)), familyWiseRate: 0.05)
        if family.rejectsAny { rejections += 1 }
    }
    #expect(rejections <= 138)
    #expect(rejections >= 60)  // P(Binomial(2000, 0.049) < 60) = 1e-5: the test is not vacuous.
}
