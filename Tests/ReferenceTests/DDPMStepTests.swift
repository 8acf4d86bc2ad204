import Foundation
import Testing
import Reference

@Suite("DDPM step")
struct DDPMStepTests {
    let s = try! NoiseSchedule<Double>.linear(timesteps: 1000)

    @Test("ε-prediction mean equals Algorithm 2: 1/√αₜ·(xₜ − βₜ/√(1−ᾱₜ)·ε̂)", arguments: [1, 17, 500, 999])
    func algorithmTwo(t: Int) throws {
        let xt = [0.3, -1.1, 2.0], eps = [0.5, 0.2, -0.7]
        let r = try s.ddpmStep(sample: xt, modelOutput: eps, noise: [0, 0, 0], at: t)
        for i in xt.indices {
            let expected = (xt[i] - s.betas[t] / (1 - s.alphaBars[t]).squareRoot() * eps[i]) / s.alphas[t].squareRoot()
            // Two algebraically equal forms: the x̂₀ route divides by √ᾱₜ (≥ 0.0063), so ~1e3 ulps.
            #expect(abs(r.mean[i] - expected) <= 1e-12 * max(1, abs(expected)))
        }
    }

    @Test("noise is scaled by σ and added only when t > 0")
    func noiseRule() throws {
        let r = try s.ddpmStep(sample: [0.1], modelOutput: [0.2], noise: [1], at: 10)
        #expect(abs(r.previous[0] - (r.mean[0] + (try s.posterior(at: 10)).variance.squareRoot())) <= 1e-16)
        let last = try s.ddpmStep(sample: [0.1], modelOutput: [0.2], noise: [1], at: 0)
        #expect(last.previous == last.mean && last.standardDeviation == [0])
    }

    @Test("improved-diffusion's rule: no noise on the last respaced step even when t > 0")
    func finalStepNoise() throws {
        var options = DDPMOptions()
        let diffusers = try s.ddpmStep(sample: [0.1], modelOutput: [0.2], noise: [1], at: 1, previous: -1, options: options)
        #expect(diffusers.standardDeviation[0] > 0)
        options.finalStepNoise = .neverOnLastStep
        let improved = try s.ddpmStep(sample: [0.1], modelOutput: [0.2], noise: [1], at: 1, previous: -1, options: options)
        #expect(improved.standardDeviation == [0] && improved.previous == improved.mean)
    }

    @Test("every variance type gives a finite σ of the right size (fixedLargeLog is not NaN)")
    func varianceTypes() throws {
        let t = 487
        let p = try s.posterior(at: t)
        func sigma(_ type: VarianceType, _ v: Double? = nil, meaning: LearnedVarianceMeaning = .variance) throws -> Double {
            var o = DDPMOptions(varianceType: type)
            o.learnedVarianceMeaning = meaning
            return try s.ddpmStep(sample: [0], modelOutput: [0], predictedVariance: v.map { [$0] }, noise: [0], at: t, options: o).standardDeviation[0]
        }
        #expect(abs(try sigma(.fixedSmall) - p.variance.squareRoot()) <= 1e-17)
        #expect(abs(try sigma(.fixedSmallLog) - p.variance.squareRoot()) <= 1e-16)
        #expect(p.effectiveBeta == s.betas[t])
        #expect(abs(try sigma(.fixedLarge) - s.betas[t].squareRoot()) <= 1e-17)
        #expect(abs(try sigma(.fixedLargeLog) - s.betas[t].squareRoot()) <= 1e-16)
        #expect(try sigma(.learned, 0.04) == 0.2)
        #expect(abs(try sigma(.learned, log(0.04), meaning: .logVariance) - 0.2) <= 1e-16)
        // learnedRange interpolates log-variances: v = 1 gives β, v = −1 gives β̃, v = 0 the geometric mean.
        #expect(abs(try sigma(.learnedRange, 1) - p.effectiveBeta.squareRoot()) <= 1e-16)
        #expect(abs(try sigma(.learnedRange, -1) - p.variance.squareRoot()) <= 1e-16)
        #expect(abs(try sigma(.learnedRange, 0) - pow(p.effectiveBeta * p.variance, 0.25)) <= 1e-16)
    }

    @Test("fixed large at t = 0: β₀ (diffusers) or β̃₁ (improved-diffusion)")
    func fixedLargeAtZero() throws {
        var o = DDPMOptions(varianceType: .fixedLarge)
        o.finalStepNoise = .whenTimestepPositive
        let p = try s.posterior(at: 0)
        #expect(try s.reverseStandardDeviation(posterior: p, at: 0, predictedVariance: nil, options: o) == s.betas[0].squareRoot())
        o.firstStepLargeVariance = .nextPosterior
        #expect(try s.reverseStandardDeviation(posterior: p, at: 0, predictedVariance: nil, options: o) == s.posterior(at: 1).variance.squareRoot())
    }

    @Test("a jump over skipped steps uses the jump's posterior")
    func jump() throws {
        let r = try s.ddpmStep(sample: [0.4], modelOutput: [0.1], noise: [1], at: 500, previous: 480)
        let p = try s.posterior(at: 500, previous: 480)
        let x0 = try s.predictedX0(fromNoise: 0.1, sample: 0.4, at: 500)
        #expect(abs(r.mean[0] - (p.meanCoefX0 * x0 + p.meanCoefXt * 0.4)) <= 1e-15)
        #expect(abs(r.standardDeviation[0] - p.variance.squareRoot()) <= 1e-17)
    }

    @Test("clipping and dynamic thresholding of x̂₀")
    func clipping() throws {
        let out = [3.0, -0.5, 0.2, -2.0]
        let sample = try s.ddpmStep(sample: [0, 0, 0, 0], modelOutput: out, noise: [0, 0, 0, 0], at: 5, options: DDPMOptions(predictionType: .sample, clipping: .clip(range: 1)))
        #expect(sample.predictedX0 == [1, -0.5, 0.2, -1])
        // Quantile 0.5 of |x| = {0.2, 0.5, 2, 3}: position 1.5 → 1.25; s = 1.25 → clamp then divide.
        let thresholded = SampleClipping.dynamicThreshold(ratio: 0.5, maxValue: 2).apply(to: out)
        #expect(thresholded == [1, -0.5 / 1.25, 0.2 / 1.25, -1])
        // s is clamped to ≥ 1: small values pass unchanged.
        #expect(SampleClipping.dynamicThreshold(ratio: 0.995, maxValue: 1).apply(to: [0.3, -0.2]) == [0.3, -0.2])
    }
}
