import Foundation
import Testing
import Reference

@Suite("Forward process and posterior")
struct ForwardAndPosteriorTests {
    let half = try! NoiseSchedule<Double>(betas: [0.5, 0.5])
    let linear = try! NoiseSchedule<Double>.linear(timesteps: 1000)

    @Test("a forward step scales the noise by √β, not β")
    func forwardStep() throws {
        // β = 0.5: x₁ = √0.5·x₀ + √0.5·ε.
        let x = try half.forwardStep(from: [2], noise: [1], at: 0)
        #expect(x == [(0.5).squareRoot() * 2 + (0.5).squareRoot()])
        #expect(half.forwardStepVariance(at: 0) == 0.5)
    }

    @Test("q(xₜ|x₀) and v by hand")
    func closedForm() throws {
        // ᾱ₁ = 0.25: xₜ = 0.5·x₀ + √0.75·ε, v = 0.5·ε − √0.75·x₀.
        #expect(try half.qSample(x0: [1, 2], noise: [0, 1], at: 1) == [0.5, 1 + (0.75).squareRoot()])
        #expect(try half.velocity(x0: [1], noise: [2], at: 1) == [1 - (0.75).squareRoot()])
        #expect(half.marginalMeanCoefficient(at: 1) == 0.5 && half.marginalVariance(at: 1) == 0.75)
    }

    @Test("t single steps compose to the closed form: mean coefficient √ᾱₜ, variance 1 − ᾱₜ", arguments: [0, 1, 10, 499, 999])
    func chainMoments(t: Int) throws {
        let (m, v) = try linear.forwardChainMoments(through: t)
        // t + 1 products and sums of values ≤ 1: ≤ (t + 1) ulps of drift.
        #expect(abs(m - linear.alphaBars[t].squareRoot()) <= 1e-13)
        #expect(abs(v - (1 - linear.alphaBars[t])) <= 1e-13)
    }

    @Test("the literal chain with zero noise is √ᾱₜ·x₀; with noise it is linear in each step's noise")
    func literalChain() throws {
        let t = 20
        let zeros = [[Double]](repeating: [0], count: t + 1)
        let x = try linear.forwardChain(from: [1.5], noises: zeros, through: t)
        #expect(abs(x[0] - 1.5 * linear.alphaBars[t].squareRoot()) <= 1e-14)
        // The last step's noise enters with weight √β_t.
        var noises = zeros
        noises[t] = [1]
        let y = try linear.forwardChain(from: [0], noises: noises, through: t)
        #expect(abs(y[0] - linear.betas[t].squareRoot()) <= 1e-16)
        #expect(throws: ReferenceError.self) { try linear.forwardChain(from: [0], noises: zeros, through: t + 1) }
    }

    @Test("one-step β: the stored βₜ (accurate) or diffusers' 1 − ᾱₜ/ᾱₜ₋₁ (exact x₀ at t = 0 in float32)")
    func oneStepBeta() throws {
        let f = try NoiseSchedule<Float>.linear(timesteps: 1000)
        let ratio = try f.posterior(at: 0, oneStepBeta: .cumulativeRatio)
        #expect(ratio.meanCoefX0 == 1 && ratio.meanCoefXt == 0 && ratio.variance == 0)
        // β₀/(1 − fl(1 − β₀)) in float32: off by ε/β₀ ≈ 1.7e-4.
        let stored = try f.posterior(at: 0)
        #expect(abs(stored.meanCoefX0 - 0.99983406) < 1e-7)
        // In Double both agree to ε/β ≈ 1e-12, and the stored β is the accurate one.
        let d = try linear.posterior(at: 1), dr = try linear.posterior(at: 1, oneStepBeta: .cumulativeRatio)
        #expect(abs(d.variance - dr.variance) <= 1e-11 * d.variance)
        #expect(d.effectiveBeta == linear.betas[1])
    }

    @Test("posterior by hand (β = [0.5, 0.5])")
    func posteriorByHand() throws {
        let p1 = try half.posterior(at: 1)
        // ᾱ₁ = 0.25, ᾱ₀ = 0.5: coef x₀ = √0.5·0.5/0.75, coef xₜ = √0.5·0.5/0.75, β̃ = 0.5/0.75·0.5.
        #expect(abs(p1.meanCoefX0 - (0.5).squareRoot() * 0.5 / 0.75) <= 1e-16)
        #expect(abs(p1.meanCoefXt - (0.5).squareRoot() * 0.5 / 0.75) <= 1e-16)
        #expect(abs(p1.variance - 1.0 / 3.0) <= 1e-16)
        let p0 = try half.posterior(at: 0)
        #expect(p0.meanCoefX0 == 1 && p0.meanCoefXt == 0 && p0.variance == 0)
    }

    @Test("posterior anchors (field notes §3) and diffusers' _get_variance figures")
    func posteriorAnchors() throws {
        #expect(close(try linear.posterior(at: 1).variance, 5.4531876613e-05, rel: 5e-11))
        #expect(close(try linear.posterior(at: 487).variance, 0.00979157199, rel: 5e-9))
        #expect(close(try linear.posterior(at: 999).variance, 0.01999998353, rel: 5e-10))
        #expect(close(try linear.posteriorLogVariance(at: 1), -9.81672513529567, rel: 1e-14))
        // diffusers' test_variance: t = 0 → 0, 487 → 0.00979, 999 → 0.02 within 1e-5.
        #expect(abs(try linear.posterior(at: 0).variance) <= 1e-5)
        #expect(abs(try linear.posterior(at: 487).variance - 0.00979) <= 1e-5)
        #expect(abs(try linear.posterior(at: 999).variance - 0.02) <= 1e-5)
    }

    @Test("log β̃ at t = 0: log β̃₁ (improved-diffusion) or the 1e-20 floor (diffusers)")
    func logVarianceConventions() throws {
        #expect(try linear.posteriorLogVariance(at: 0, convention: .nextStep) == linear.posteriorLogVariance(at: 1))
        #expect(abs(try linear.posteriorLogVariance(at: 0, convention: .floored) - (-46.0517018598809)) <= 1e-12)
        #expect(try linear.posteriorLogVariance(at: 5, convention: .floored) == linear.posteriorLogVariance(at: 5, convention: .nextStep))
    }

    @Test("a jump uses the effective β = 1 − ᾱₜ/ᾱ_s, not βₜ")
    func jumpPosterior() throws {
        let p = try linear.posterior(at: 500, previous: 400)
        #expect(abs(p.effectiveBeta - (1 - linear.alphaBars[500] / linear.alphaBars[400])) <= 1e-16)
        #expect(p.effectiveBeta > 10 * linear.betas[500])
        // The posterior of the jump is the DDPM posterior of the two-point schedule ᾱ_s → ᾱₜ.
        let two = try NoiseSchedule<Double>(betas: [1 - linear.alphaBars[400], 1 - linear.alphaBars[500] / linear.alphaBars[400]])
        let q = try two.posterior(at: 1)
        #expect(close(p.variance, q.variance, rel: 1e-12))
        #expect(close(p.meanCoefX0, q.meanCoefX0, rel: 1e-12))
        #expect(close(p.meanCoefXt, q.meanCoefXt, rel: 1e-12))
        #expect(try linear.posterior(at: 7, previous: 6) == linear.posterior(at: 7))
    }

    @Test("the posterior mean is the exact conditional mean: it reproduces x₀ when xₜ = √ᾱₜ·x₀ and the chain is noiseless")
    func posteriorMeanConsistency() throws {
        // With no noise, x_{t-1} = √ᾱ_{t-1}·x₀ exactly; μ̃(xₜ = √ᾱₜ x₀, x₀) must equal it.
        for t in [1, 100, 999] {
            let x0 = 0.7
            let xt = linear.alphaBars[t].squareRoot() * x0
            let mean = try linear.posteriorMean(x0: [x0], xt: [xt], at: t)[0]
            // The coefficients carry ~ε·ᾱ/(1 − ᾱ) relative error from 1 − ᾱₜ (see posterior(at:)):
            // 16 ulps of that, times |x₀|.
            let bound = 16 * Double.ulpOfOne / (1 - linear.alphaBars[t]) * abs(x0)
            #expect(abs(mean - linear.alphaBars[t - 1].squareRoot() * x0) <= bound)
        }
    }
}
