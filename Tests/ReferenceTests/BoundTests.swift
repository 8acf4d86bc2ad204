import Foundation
import Testing
import Reference
import Statistics

@Suite("Variational bound")
struct BoundTests {
    let linear = try! NoiseSchedule<Double>.linear(timesteps: 1000)

    @Test("L_simple: mean and sum reductions")
    func simpleLoss() throws {
        #expect(try VariationalBound.simpleLoss(noise: [1, 2], predictedNoise: [0, 0]) == 2.5)
        #expect(try VariationalBound.simpleLoss(noise: [1, 2], predictedNoise: [0, 0], reduction: .sum) == 5)
        #expect(throws: ReferenceError.self) { try VariationalBound.simpleLoss(noise: [], predictedNoise: []) }
    }

    @Test("Gaussian KL by hand")
    func normalKL() {
        #expect(VariationalBound.normalKL(mean1: 0, logVariance1: 0, mean2: 0, logVariance2: 0) == 0)
        #expect(VariationalBound.normalKL(mean1: 1, logVariance1: 0, mean2: 0, logVariance2: 0) == 0.5)
        // KL(N(0, 4) ‖ N(0, 1)) = ½(−1 − log 4 + 4).
        #expect(abs(VariationalBound.normalKL(mean1: 0, logVariance1: log(4), mean2: 0, logVariance2: 0) - 0.5 * (3 - log(4))) <= 1e-15)
    }

    @Test("log Φ is continuous across its branches and right far out")
    func logCDF() {
        // mpmath, 40 digits: log(ncdf(z)). Relative 1e-14 on values of ~10²–10³ (ulp-level).
        let exact: [(Double, Double)] = [
            (-20, -203.9171553710972639), (-29.999, -454.2912111961238288), (-30, -454.3212439563431971),
            (-30.001, -454.3512777154587939), (-37.5, -707.6689893175071911), (-40, -804.6084420137537882),
        ]
        for (z, value) in exact {
            #expect(abs(StandardNormal.logCDF(z) - value) <= 1e-14 * abs(value), "z = \(z)")
        }
        #expect(abs(StandardNormal.logCDF(0) - log(0.5)) <= 1e-16)
        #expect(StandardNormal.logCDF(10) < 0 && StandardNormal.logCDF(10) > -1e-22)
    }

    @Test("decoder likelihood: a sharp Gaussian on its bin has probability ≈ 1; edge bins are open")
    func decoder() {
        #expect(abs(VariationalBound.discretizedGaussianLogLikelihood(x: 0, mean: 0, logScale: -10)) <= 1e-12)
        // x = 1 with the mean far above: the open top bin holds almost all the mass.
        #expect(abs(VariationalBound.discretizedGaussianLogLikelihood(x: 1, mean: 5, logScale: 0)) <= 1e-4)
        // A moderate interior bin equals log(Φ(b) − Φ(a)) computed directly.
        let a = (0.2 - 0.1 - 1.0 / 255) / 0.5, b = (0.2 - 0.1 + 1.0 / 255) / 0.5
        let direct = log(StandardNormal.cdf(b) - StandardNormal.cdf(a))
        #expect(abs(VariationalBound.discretizedGaussianLogLikelihood(x: 0.2, mean: 0.1, logScale: log(0.5)) - direct) <= 1e-12)
        // Far tail: finite and strongly negative, where a naive difference of CDFs gives log 0 = −∞.
        let far = VariationalBound.discretizedGaussianLogLikelihood(x: 0.5, mean: -2, logScale: -7)
        #expect(far.isFinite && far < -1e6)
    }

    @Test("the prior term L_T (field notes §3)")
    func prior() throws {
        let bits = try VariationalBound.priorKL(x0: [0, 1], schedule: linear).map { $0 / log(2) }
        #expect(close(bits[0], 5.87e-10, rel: 5e-3))
        #expect(close(bits[1], 2.91e-05, rel: 5e-3))
        let zsnr = try linear.rescaledToZeroTerminalSNR()
        #expect(try VariationalBound.priorKL(x0: [3], schedule: zsnr) == [0])
    }

    @Test("VLB floor of σ² = β with a perfect mean: 0.48642 bits per dimension")
    func vlbFloor() throws {
        var total = 0.0
        for t in 1..<1000 {
            let p = try linear.posterior(at: t)
            total += VariationalBound.normalKL(mean1: 0, logVariance1: log(p.variance), mean2: 0, logVariance2: log(linear.betas[t]))
        }
        #expect(close(total / log(2), 0.48642, rel: 1e-5))
    }

    @Test("the whole bound with the true posterior as the model is L_T + L_0 only")
    func perfectModel() throws {
        let s = try NoiseSchedule<Double>.linear(timesteps: 50, scaledForTimesteps: true)
        let x0 = [0.2, -0.6, 1.0]
        let source = GSLNormalSource(seed: 7)
        let terms = try VariationalBound.evaluate(x0: x0, schedule: s, noise: { _ in source.draws(3) }) { xt, t in
            if t == 0 { return (x0, [Double](repeating: -20, count: 3)) }
            return (try s.posteriorMean(x0: x0, xt: xt, at: t), [Double](repeating: try s.posteriorLogVariance(at: t), count: 3))
        }
        for t in 1..<50 { #expect(abs(terms.terms[t]) <= 1e-12) }
        #expect(abs(terms.terms[0]) <= 1e-9, "a decoder with σ = e^-10 centred on the data puts all mass in the bin")
        #expect(terms.bitsPerDimension >= 0)
    }

    @Test("the reference Gaussian source is reproducible and standard")
    func gaussianSource() {
        let a = GSLNormalSource(seed: 42).draws(20_000)
        #expect(a == GSLNormalSource(seed: 42).draws(20_000))
        #expect(a != GSLNormalSource(seed: 43).draws(20_000))
        let mean = a.reduce(0, +) / Double(a.count)
        let variance = a.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(a.count - 1)
        // Fixed seed; 5σ bands: mean ± 5/√n = ±0.035, variance ± 5·√(2/n) = ±0.05.
        #expect(abs(mean) < 0.035 && abs(variance - 1) < 0.05)
    }
}
