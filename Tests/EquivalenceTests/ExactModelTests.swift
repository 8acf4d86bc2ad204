import Foundation
import Reference
import Testing
@testable import Equivalence

/// The gate's exact model: the recursion for whole runs, the bound and the mixture, against
/// values recomputed independently with NumPy/SciPy.
@Suite struct ExactModelTests {
    let schedule = try! NoiseSchedule<Double>.linear(timesteps: 1000)

    /// KL(exact output ‖ N(0.5, 0.5²)) in nats, from the same recursion written in NumPy
    /// (float64, np.linspace betas, np.cumprod).
    static let discretisation: [(SamplingRun.Kind, Int, TimestepSpacing, Double)] = [
        (.ddpm(.fixedSmall), 1000, .linspace, 6.068384723934346e-05),
        (.ddpm(.fixedLarge), 1000, .linspace, 2.2579909289034034e-06),
        (.ddpm(.fixedSmall), 10, .trailing, 0.12745124632199156),
        (.ddpm(.fixedLarge), 10, .trailing, 0.00014940839487387325),
        (.ddpm(.fixedSmallLog), 50, .trailing, 0.01300791731191625),
        (.ddpm(.fixedLargeLog), 50, .trailing, 0.0005451583891112887),
        (.ddim(eta: 0), 10, .linspace, 0.08556576613919248),
        (.ddim(eta: 0.5), 10, .linspace, 0.09443112606362063),
        (.ddim(eta: 1), 10, .linspace, 0.14591146971013527),
        (.ddim(eta: 0), 50, .linspace, 0.00322121732014215),
        (.ddim(eta: 0.5), 50, .linspace, 0.0047182139112201035),
        (.ddim(eta: 1), 50, .linspace, 0.013442716398984589),
    ]

    @Test func recursionMatchesNumPy() throws {
        for (kind, steps, spacing, expected) in Self.discretisation {
            let run = Gate.makeRun(kind, steps: steps, spacing: spacing)
            let kl = try run.discretisationError(data: .gate, schedule: schedule)
            // Relative 1e-9: two float64 evaluations of the same ~1000-term recursion, KL formed
            // from a variance ratio near 1 (cancellation of up to ~4 digits at 2e-6 nats).
            #expect(abs(kl - expected) <= 1e-9 * expected + 1e-15, "\(run.name): \(kl) vs \(expected)")
        }
    }

    @Test func fullDDPMReturnsTheDataAndFewStepsDoNot() throws {
        for type in [SamplerVariance.fixedSmall, .fixedLarge] {
            let run = Gate.makeRun(.ddpm(type), steps: 1000, spacing: .linspace)
            #expect(try run.discretisationError(data: .gate, schedule: schedule) <= Gate.fullRunDiscretisationBound)
        }
        // The discretisation error the end-to-end test must account for is large for 10 steps.
        let short = Gate.makeRun(.ddim(eta: 0), steps: 10, spacing: .linspace)
        #expect(try short.discretisationError(data: .gate, schedule: schedule) > 0.05)
    }

    @Test func noiseOnTheLastStepChangesTheExactOutput() throws {
        // DDPM fixedLarge, trailing 10 steps: the last jump 99 → −1 has β_eff = 1 − ᾱ₉₉.
        let run = Gate.makeRun(.ddpm(.fixedLarge), steps: 10, spacing: .trailing)
        let (_, v) = try run.exactOutput(data: .gate, schedule: schedule)
        // NumPy: 0.24393806569518073 without, 0.34691992002022076 with noise on the last step.
        #expect(abs(v - 0.24393806569518073) < 1e-12)
    }

    @Test func boundIsAtLeastTheEntropy() throws {
        // NumPy, the same sum: E[L] = 0.7268886527416867; H = ½·log(2πe·0.25) = 0.7257913526447274.
        let bound = try Gate.expectedBound(data: .gate, schedule: schedule)
        #expect(abs(bound - 0.7268886527416867) < 1e-11)
        #expect(abs(GaussianData.gate.entropy - 0.7257913526447274) < 1e-15)
        #expect(bound >= GaussianData.gate.entropy)
    }

    @Test func mixtureCDFAndOptimalNoise() {
        // scipy: Σ wₖ·norm.cdf((x − mₖ)/sₖ).
        let expected: [(Double, Double)] = [
            (-1.0, 0.006825240240554074), (0.0, 0.3330482771814812), (0.3, 0.47674375698090854), (1.2, 0.9931292699599483),
        ]
        for (x, f) in expected {
            #expect(abs(GaussianMixture.gate.cdf(x) - f) < 1e-14)
            #expect(abs(GaussianMixture.gate.survival(x) - (1 - f)) < 1e-14)
        }
        // One component: the posterior-weighted form is the Gaussian formula.
        let single = GaussianMixture(weights: [1], means: [0.5], standardDeviations: [0.5])
        for (x, a) in [(0.2, 0.9), (-1.5, 0.3), (2.0, 0.01)] {
            #expect(abs(single.optimalNoise(x, alphaBar: a) - GaussianData.gate.optimalNoise(x, alphaBar: a)) < 1e-14)
        }
    }
}

extension ExactModelTests {
    @Test func predictorsAgreeWithTheDirectFormulas() {
        for a in [0.9999, 0.5, 0.01] {
            let gaussian = GaussianData.gate.optimalNoisePredictor(alphaBar: a)
            let mixture = GaussianMixture.gate.optimalNoisePredictor(alphaBar: a)
            for x in [-2.0, -0.3, 0.0, 0.7, 3.1] {
                // Same formula, different association: a few ulps of values of order 1–10.
                #expect(abs(gaussian(x) - GaussianData.gate.optimalNoise(x, alphaBar: a)) < 1e-13)
                #expect(abs(mixture(x) - GaussianMixture.gate.optimalNoise(x, alphaBar: a)) < 1e-13)
            }
        }
    }
}
