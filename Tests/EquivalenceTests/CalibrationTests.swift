import Statistics
import Testing
@testable import Equivalence

/// Calibration: on the correct sampler the gate's p-values are uniform, so a level-α test rejects
/// a fraction α of seeds and the family-wise rate is what the report says.
@Suite struct CalibrationTests {
    /// 60 seeds × the tests of four checks (noise, a forward sample at small t, a DDPM step and a
    /// whole DDIM run) at n = 2000: 60 × 29 = 1740 p-values, pooled.
    @Test func pValuesOfTheCorrectSamplerAreUniform() throws {
        let sampler = try SamplerUnderTest.correct(betas: Gate.betas)
        let checks = ["noise.double", "forward.qSample t=1", "ddpm.step fixedLarge t=500→480", "run DDIM η=0.5 linspace N=10"]
        var pValues: [Double] = []
        for seed in 1...60 {
            let report = try Gate.run(sampler, configuration: GateConfiguration(samples: 2000, seed: UInt64(seed)), only: checks)
            // The tail counts are discrete (conservative p-values, atoms at 1): keep the continuous tests.
            pValues += report.tests.filter { !$0.result.name.contains("tail") }.map(\.result.pValue)
        }
        #expect(pValues.count == 60 * 29)
        // Tests within one seed share data, so the pool is not independent; the KS test of
        // uniformity is still a fair calibration check at a strict level.
        let uniformity = try KolmogorovSmirnov.oneSample(pValues, cdf: { min(max($0, 0), 1) })
        print("calibration: \(uniformity)")
        #expect(uniformity.pValue > 1e-4)
        // Rejections at 1 %: expected 17.4 of 1740; Poisson(17.4) puts 99.99 % at or below 35
        // (scipy.stats.poisson.ppf(0.9999, 17.4) = 35).
        let rejected = pValues.filter { $0 <= 0.01 }.count
        print("calibration: \(rejected) of \(pValues.count) p-values ≤ 0.01")
        #expect(rejected <= 35)
    }

    /// The planted bugs' tests have power at small n too: at n = 2000 a noise bug is already
    /// rejected in every one of 10 seeds (uniform noise: kurtosis 1.8 against 3).
    @Test func powerAtSmallSamples() throws {
        let sampler = try PlantedBug.uniformNoise.plant(into: try SamplerUnderTest.correct(betas: Gate.betas), betas: Gate.betas)
        for seed in 1...10 {
            let report = try Gate.run(sampler, configuration: GateConfiguration(samples: 2000, seed: UInt64(seed)), only: ["noise.double"])
            #expect(!report.passed)
        }
    }
}
