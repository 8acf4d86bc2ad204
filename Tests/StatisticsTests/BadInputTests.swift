import Testing
@testable import Statistics

/// Bad input throws typed errors with stable codes, never crashes or returns NaN.
@Test func emptyAndNonFiniteSamplesThrow() throws {
    let normal = NormalDistribution.standard
    #expect(throws: StatisticsError.emptySample(name: "sample")) {
        try KolmogorovSmirnov.oneSample([Double](), cdf: normal.cdf)
    }
    #expect(throws: StatisticsError.nonFiniteValue(name: "sample", index: 2)) {
        try AndersonDarling.test([0.1, 0.2, .nan, 0.3], against: normal)
    }
    #expect(throws: StatisticsError.nonFiniteValue(name: "sample", index: 0)) {
        try MomentTests.mean([Float.infinity, 1], hypothesis: normal)
    }
    #expect(throws: StatisticsError.nonFiniteValue(name: "second", index: 1)) {
        try KolmogorovSmirnov.twoSample([0.1, 0.2], [0.3, -.infinity])
    }
    #expect(throws: StatisticsError.sampleTooSmall(name: "sample", minimum: 8, actual: 5)) {
        try MomentTests.skewness([1, 2, 3, 4, 5.5])
    }
    #expect(throws: StatisticsError.zeroVariance(name: "sample")) {
        try MomentTests.kurtosis([Double](repeating: 2, count: 10))
    }
    #expect(throws: StatisticsError.lengthMismatch(first: 10, second: 9)) {
        try SerialCorrelation.crossCorrelation(sampleA.prefix(10).map { $0 }, sampleB.prefix(9).map { $0 })
    }
}

@Test func invalidParametersThrow() throws {
    let normal = NormalDistribution.standard
    #expect(throws: StatisticsError.self) { try NormalDistribution(mean: 0, standardDeviation: 0) }
    #expect(throws: StatisticsError.self) { try NormalDistribution(mean: .nan, standardDeviation: 1) }
    #expect(throws: StatisticsError.self) { try ChiSquareGoodnessOfFit.test(sampleA, bins: 1, cdf: normal.cdf) }
    #expect(throws: StatisticsError.self) { try TailExceedance.test(sampleA, threshold: -1) }
    #expect(throws: StatisticsError.self) { try SerialCorrelation.autocorrelation(sampleA, lag: 0) }
    #expect(throws: StatisticsError.self) { try MomentTests.variance(sampleA, expectedVariance: 0) }
    #expect(throws: StatisticsError.self) { try KolmogorovDistribution.survival(0.1, sampleSize: 0) }
    #expect(throws: StatisticsError.self) { try AndersonDarlingDistribution.survival(.nan, sampleSize: 3) }
    #expect(throws: StatisticsError.emptySample(name: "family")) { try TestFamily([], familyWiseRate: 0.05) }
    let r = HypothesisTestResult(name: "x", statistic: 0, pValue: 0.5, sampleSize: 1)
    #expect(throws: StatisticsError.self) { try TestFamily([r], familyWiseRate: 0) }
}

@Test func outOfRangeFunctionValuesThrow() {
    #expect(throws: StatisticsError.self) { try KolmogorovSmirnov.oneSample(sampleA) { _ in 1.5 } }
    #expect(throws: StatisticsError.self) { try KolmogorovSmirnov.oneSample(sampleA) { _ in .nan } }
    #expect(throws: StatisticsError.self) { try AndersonDarling.test(sampleA, cdf: { _ in 0.5 }, survival: { _ in -0.1 }) }
    // Decreasing "quantiles".
    #expect(throws: StatisticsError.self) { try ChiSquareGoodnessOfFit.test(sampleA, bins: 4, quantile: { -$0 }) }
}

/// The codes are part of the public contract (reports and JSON diagnostics use them).
@Test func errorCodesAreStable() {
    let cases: [(StatisticsError, String)] = [
        (.emptySample(name: "s"), "stats.empty-sample"),
        (.nonFiniteValue(name: "s", index: 0), "stats.non-finite-value"),
        (.sampleTooSmall(name: "s", minimum: 2, actual: 1), "stats.sample-too-small"),
        (.lengthMismatch(first: 1, second: 2), "stats.length-mismatch"),
        (.invalidParameter(name: "p", value: 0, expected: "> 0"), "stats.invalid-parameter"),
        (.zeroVariance(name: "s"), "stats.zero-variance"),
        (.invalidFunctionValue(name: "cdf", argument: 0, value: 2, expected: "[0, 1]"), "stats.invalid-function-value"),
        (.numericalFailure(routine: "r", status: 1), "stats.numerical-failure"),
    ]
    for (error, code) in cases {
        #expect(error.code == code)
        #expect(error.description.hasPrefix(code + ": "))
    }
    #expect(StatisticsError.nonFiniteValue(name: "sample", index: 7).description.contains("index 7"))
}
