import Statistics

extension Gate {
    /// (a) The Gaussian noise source, Double and Float: n draws against N(0, 1).
    ///
    /// KS, χ² on 100 equiprobable bins, Anderson–Darling, mean, variance, skewness, kurtosis,
    /// the counts beyond 3.5σ and 4.5σ (truncation or heavy tails), lag-1, lag-2 and lag-8
    /// autocorrelation, the cross-correlation of SIMD lanes 0 and 1 and of lanes 3 and 4 (the
    /// stream cut into 8 interleaved lanes, as an 8-wide generator writes it), and a two-sample KS
    /// test against the independent generator.
    static var noiseChecks: [Check] {
        [
            Check(name: "noise.double", plannedTests: 15, load: .noise) { context in
                let n = context.configuration.samples
                let seed = context.configuration.derivedSeed("noise.double")
                let values = try context.sampler.doubleNoise(seed, 0, n)
                return try noiseOutcome("noise.double", values, context: context)
            },
            Check(name: "noise.float", plannedTests: 15, load: .noise) { context in
                let n = context.configuration.samples
                let seed = context.configuration.derivedSeed("noise.float")
                let values = try context.sampler.floatNoise(seed, 0, n).map(Double.init)
                return try noiseOutcome("noise.float", values, context: context)
            },
        ]
    }

    static func noiseOutcome(_ name: String, _ values: [Double], context: Context) throws -> GateCheckOutcome {
        let n = values.count
        var (tests, sorted) = try sortedNormalBattery(values)
        tests.append(try ChiSquareGoodnessOfFit.test(values, bins: 100, against: .standard))
        tests.append(try MomentTests.skewness(values))
        tests.append(try MomentTests.kurtosis(values))
        tests.append(try TailExceedance.test(values, threshold: 3.5))
        tests.append(try TailExceedance.test(values, threshold: 4.5))
        for lag in [1, 2, 8] {
            tests.append(try SerialCorrelation.autocorrelation(values, lag: lag))
        }
        let lanes = 8
        let perLane = n / lanes
        func lane(_ l: Int) -> [Double] { (0..<perLane).map { values[$0 * lanes + l] } }
        tests.append(contentsOf: labelled([try SerialCorrelation.crossCorrelation(lane(0), lane(1))], "lanes 0, 1"))
        tests.append(contentsOf: labelled([try SerialCorrelation.crossCorrelation(lane(3), lane(4))], "lanes 3, 4"))
        let independent = try SortedSample(independentNormals(n, seed: context.configuration.derivedSeed(name + ".independent")))
        tests.append(contentsOf: labelled([try KolmogorovSmirnov.twoSample(sorted, independent)], "vs GSL"))
        return GateCheckOutcome(name: name, sampleSize: n, tests: tests, exact: [])
    }
}
