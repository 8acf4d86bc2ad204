import Foundation
import Testing
@testable import Optimized
import Reference

/// The DDPM and DDIM steps against Reference, element by element, in Double and in Float.
///
/// Bound per element: 16 ulps (of the kernel's precision) of the magnitude of the terms that form
/// it: a·|x̂₀| + b·|y| + |σ·z|, where |x̂₀| is bounded by its own terms (e.g. (|xₜ| + √(1−ᾱ)|ε̂|)/√ᾱ
/// for ε-prediction, which carries the 1/√ᾱ amplification at large t). Two terms get an extra
/// factor for Reference's own rounding, stated where used: σ from a log-variance (exp(½·log)
/// amplifies the log's absolute error by |log|/2, at most 50 here) and DDIM's σ and direction
/// coefficient (the literal 1 − ᾱₜ/ᾱ_prev cancels).
@Suite struct StepKernelTests {
    enum Clip: String, CaseIterable { case none, clip, threshold }

    static func clipping(_ c: Clip) -> SampleClipping {
        switch c {
        case .none: .none
        case .clip: .clip(range: 1)
        case .threshold: .dynamicThreshold(ratio: 0.9, maxValue: 1.5)
        }
    }

    /// diffusers' and improved-diffusion's conventions, and each of improved-diffusion's four
    /// choices alone on top of diffusers' (the two implementations take them one by one).
    enum Dialect: String, CaseIterable {
        case diffusers, improvedDiffusion, logVarianceOutput, nextStepLogVariance, nextPosteriorLargeVariance, noNoiseOnLastStep

        func options(_ p: PredictionType, _ v: VarianceType, _ clipping: SampleClipping) -> DDPMOptions {
            var o = DDPMOptions(predictionType: p, varianceType: v, clipping: clipping)
            switch self {
            case .diffusers: break
            case .improvedDiffusion: o = .improvedDiffusion(predictionType: p, varianceType: v, clipping: clipping)
            case .logVarianceOutput: o.learnedVarianceMeaning = .logVariance
            case .nextStepLogVariance: o.firstStepLogVariance = .nextStep
            case .nextPosteriorLargeVariance: o.firstStepLargeVariance = .nextPosterior
            case .noNoiseOnLastStep: o.finalStepNoise = .neverOnLastStep
            }
            return o
        }
    }

    /// |x̂₀| bound and |ε̂| bound from the prediction's own terms.
    static func magnitudes(_ p: PredictionType, x: Double, m: Double, sa: Double, s1: Double) -> (x0: Double, eps: Double, epsFromX0: Double) {
        let x0: Double
        let eps: Double
        switch p {
        case .epsilon: x0 = (abs(x) + s1 * abs(m)) / sa; eps = abs(m)
        case .sample: x0 = abs(m); eps = (abs(x) + sa * x0) / s1
        case .vPrediction: x0 = sa * abs(x) + s1 * abs(m); eps = sa * abs(m) + s1 * abs(x)
        }
        return (x0, eps, (abs(x) + sa * x0) / s1)
    }

    static func predictedVariance(_ v: VarianceType, _ meaning: LearnedVarianceMeaning, _ rng: inout SplitMix64, _ n: Int) -> [Float] {
        switch (v, meaning) {
        case (.learned, .variance): rng.floats(n, 1e-4, 2e-2)
        case (.learned, .logVariance): rng.floats(n, -10, -3)
        default: rng.floats(n, -1, 1)
        }
    }

    @Test(arguments: PredictionType.allCases, VarianceType.allCases)
    func ddpmAgainstReference(prediction: PredictionType, variance: VarianceType) throws {
        let n = 300
        for (reference, schedule) in [TestSchedules.linear(), TestSchedules.zeroTerminalSNR()] {
            for dialect in Dialect.allCases {
                for (t, s) in [(0, -1), (1, 0), (500, 499), (999, 998), (500, 200), (999, -1)] {
                    if prediction == .epsilon && reference.alphaBars[t] == 0 { continue }
                    for clip in Clip.allCases {
                        var rng = SplitMix64(state: UInt64(t * 31 + s + 7))
                        let xt = rng.floats(n), model = rng.floats(n), z = rng.floats(n)
                        // One options value for both implementations.
                        let options = dialect.options(prediction, variance, Self.clipping(clip))
                        let pv = Self.predictedVariance(variance, options.learnedVarianceMeaning, &rng, n)
                        let want = try reference.ddpmStep(sample: xt.map(Double.init), modelOutput: model.map(Double.init),
                                                          predictedVariance: pv.map(Double.init), noise: z.map(Double.init),
                                                          at: t, previous: s, options: options)
                        let gotD = try schedule.ddpmStep(xt: xt.map(Double.init), modelOutput: model.map(Double.init),
                                                         predictedVariance: pv.map(Double.init), noise: .values(z.map(Double.init)),
                                                         at: t, previous: s, options: options, execution: twoThreads)
                        let gotF = try schedule.ddpmStep(xt: xt, modelOutput: model, predictedVariance: pv, noise: .values(z),
                                                         at: t, previous: s, options: options)
                        let post = try reference.posterior(at: t, previous: s)
                        let sa = reference.alphaBars[t].squareRoot(), s1 = (1 - reference.alphaBars[t]).squareRoot()
                        let logAmplification: Double = [.learned, .learnedRange, .fixedSmallLog, .fixedLargeLog].contains(variance) ? 50 : 1
                        var scale = [Double](), scaleX0 = [Double]()
                        for i in 0..<n {
                            let mags = Self.magnitudes(prediction, x: Double(xt[i]), m: Double(model[i]), sa: sa, s1: s1)
                            scaleX0.append(mags.x0)
                            scale.append(post.meanCoefX0 * mags.x0 + post.meanCoefXt * abs(Double(xt[i]))
                                         + logAmplification * abs(want.standardDeviation[i] * Double(z[i])))
                        }
                        let label = "t=\(t) s=\(s) \(dialect) \(clip) ᾱ_T=\(reference.alphaBars[999])"
                        #expect(violations(gotD.prev, want.previous, scale: scale, ulps: 16).isEmpty, "Double prev \(label)")
                        #expect(violations(gotD.predX0, want.predictedX0, scale: scaleX0, ulps: 16).isEmpty, "Double predX0 \(label)")
                        #expect(violations(gotF.prev, want.previous, scale: scale, ulps: 16).isEmpty, "Float prev \(label)")
                        #expect(violations(gotF.predX0, want.predictedX0, scale: scaleX0, ulps: 16).isEmpty, "Float predX0 \(label)")
                    }
                }
            }
        }
    }

    @Test(arguments: PredictionType.allCases, [0.0, 0.5, 1.0])
    func ddimAgainstReference(prediction: PredictionType, eta: Double) throws {
        let n = 300
        for (reference, schedule) in [TestSchedules.linear(), TestSchedules.cosine(), TestSchedules.zeroTerminalSNR()] {
            for (t, prevT) in [(999, 899), (500, 499), (100, 0), (50, -1), (0, -1)] {
                if prediction == .epsilon && reference.alphaBars[t] == 0 { continue }
                for setAlphaToOne in [true, false] {
                    for useClipped in [false, true] {
                        for clip in Clip.allCases {
                            var rng = SplitMix64(state: UInt64(t * 7 + prevT + 3))
                            let xt = rng.floats(n), model = rng.floats(n), z = rng.floats(n)
                            let options = DDIMOptions(eta: eta, predictionType: prediction, clipping: Self.clipping(clip),
                                                      setAlphaToOne: setAlphaToOne, useClippedModelOutput: useClipped)
                            let want = try reference.ddimStep(sample: xt.map(Double.init), modelOutput: model.map(Double.init),
                                                              noise: z.map(Double.init), at: t, previous: prevT, options: options)
                            let gotD = try schedule.ddimStep(xt: xt.map(Double.init), modelOutput: model.map(Double.init),
                                                             noise: .values(z.map(Double.init)), at: t, prevT: prevT, options: options,
                                                             execution: twoThreads)
                            let gotF = try schedule.ddimStep(xt: xt, modelOutput: model, noise: .values(z), at: t, prevT: prevT, options: options)
                            let abT = reference.alphaBars[t]
                            let abPrev = reference.ddimAlphaBar(at: prevT, setAlphaToOne: setAlphaToOne)
                            let sa = abT.squareRoot(), s1 = (1 - abT).squareRoot()
                            let sigma2 = try reference.ddimVariance(at: t, previous: prevT, setAlphaToOne: setAlphaToOne)
                            let std = eta * sigma2.squareRoot()
                            let b2 = max(1 - abPrev - std * std, 0)
                            // The literal 1 − ᾱₜ/ᾱ_prev cancels: σ² is known to c·ε relative, and √b² then to
                            // c·ε·σ²/(2b²) relative (b² = 1 − ᾱ_prev − σ²).
                            let cancellation = 4 + 1 / max(1 - abT / abPrev, .leastNormalMagnitude)
                            let bTerm = b2.squareRoot() + cancellation * std * std / max(b2.squareRoot(), 1e-300)
                            var scale = [Double](), scaleX0 = [Double]()
                            for i in 0..<n {
                                let mags = Self.magnitudes(prediction, x: Double(xt[i]), m: Double(model[i]), sa: sa, s1: s1)
                                scaleX0.append(mags.x0)
                                let eps = useClipped ? mags.epsFromX0 : mags.eps
                                scale.append(abPrev.squareRoot() * mags.x0 + min(bTerm, 1e300) * eps + cancellation * abs(std * Double(z[i])))
                            }
                            let label = "t=\(t) prev=\(prevT) one=\(setAlphaToOne) clipped=\(useClipped) \(clip) ᾱ_T=\(reference.alphaBars[999])"
                            #expect(violations(gotD.prev, want.previous, scale: scale, ulps: 16).isEmpty, "Double prev \(label)")
                            #expect(violations(gotD.predX0, want.predictedX0, scale: scaleX0, ulps: 16).isEmpty, "Double predX0 \(label)")
                            #expect(violations(gotF.prev, want.previous, scale: scale, ulps: 16).isEmpty, "Float prev \(label)")
                            #expect(violations(gotF.predX0, want.predictedX0, scale: scaleX0, ulps: 16).isEmpty, "Float predX0 \(label)")
                        }
                    }
                }
            }
        }
    }

    @Test(arguments: PredictionType.allCases)
    func ddimInversionAgainstReference(prediction: PredictionType) throws {
        let (reference, schedule) = TestSchedules.linear()
        var rng = SplitMix64(state: 77)
        let xt = rng.floats(300), model = rng.floats(300)
        for (t, next) in [(0, 1), (100, 200), (500, 999)] {
            let want = try reference.ddimInversionStep(sample: xt.map(Double.init), modelOutput: model.map(Double.init),
                                                       at: t, next: next, predictionType: .init(rawValue: prediction.rawValue)!)
            let got = try schedule.ddimStep(xt: xt.map(Double.init), modelOutput: model.map(Double.init), at: t, prevT: next,
                                            options: DDIMOptions(predictionType: prediction))
            let sa = reference.alphaBars[t].squareRoot(), s1 = (1 - reference.alphaBars[t]).squareRoot()
            let an = reference.alphaBars[next].squareRoot(), bn = (1 - reference.alphaBars[next]).squareRoot()
            let scale = (0..<300).map { i -> Double in
                let m = Self.magnitudes(prediction, x: Double(xt[i]), m: Double(model[i]), sa: sa, s1: s1)
                return an * m.x0 + bn * m.eps
            }
            #expect(violations(got.prev, want.previous, scale: scale, ulps: 16).isEmpty, "t=\(t) next=\(next)")
        }
    }

    /// The identity of the field notes, §5: DDIM with η = 1 from t to s is the DDPM posterior step
    /// (same mean, σ² = β̃ of the jump) for ε-prediction.
    @Test func ddimAtEtaOneIsTheDDPMPosterior() throws {
        let (_, schedule) = TestSchedules.linear()
        var rng = SplitMix64(state: 3)
        let xt = rng.floats(1000).map(Double.init), model = rng.floats(1000).map(Double.init), z = rng.floats(1000).map(Double.init)
        let ddim = try schedule.ddimStep(xt: xt, modelOutput: model, noise: .values(z), at: 600, prevT: 400, options: .init(eta: 1))
        let ddpm = try schedule.ddpmStep(xt: xt, modelOutput: model, noise: .values(z), at: 600, previous: 400)
        for i in 0..<1000 { #expect(abs(ddim.prev[i] - ddpm.prev[i]) <= 1e-12 * (1 + abs(ddpm.prev[i]))) }
    }

    /// A planted error: the DDPM plan with meanCoefX0 off by 1e−9 relative must fail the Double
    /// bound, and off by 1e−5 the Float bound.
    @Test func plantedCoefficientErrorIsCaught() throws {
        let (reference, schedule) = TestSchedules.linear()
        var rng = SplitMix64(state: 21)
        let xt = rng.floats(500), model = rng.floats(500), z = rng.floats(500)
        let want = try reference.ddpmStep(sample: xt.map(Double.init), modelOutput: model.map(Double.init), noise: z.map(Double.init), at: 700)
        let post = try reference.posterior(at: 700)
        let sa = reference.alphaBars[700].squareRoot(), s1 = (1 - reference.alphaBars[700]).squareRoot()
        let scale = (0..<500).map { i in
            post.meanCoefX0 * (abs(Double(xt[i])) + s1 * abs(Double(model[i]))) / sa + post.meanCoefXt * abs(Double(xt[i]))
                + abs(want.standardDeviation[i] * Double(z[i]))
        }
        var planD: StepPlan<Double> = try schedule.ddpmPlan(t: 700, s: nil, options: .init(), hasVariance: false)
        planD.a *= 1 + 1e-9
        var outD = StepOutput<Double>()
        try schedule.runStep(planD, xt: xt.map(Double.init), modelOutput: model.map(Double.init), predictedVariance: nil,
                             noise: .values(z.map(Double.init)), into: &outD, execution: .serial)
        #expect(!violations(outD.prev, want.previous, scale: scale, ulps: 16).isEmpty)
        var planF: StepPlan<Float> = try schedule.ddpmPlan(t: 700, s: nil, options: .init(), hasVariance: false)
        planF.a *= 1 + 1e-5
        var outF = StepOutput<Float>()
        try schedule.runStep(planF, xt: xt, modelOutput: model, predictedVariance: nil, noise: .values(z), into: &outF, execution: .serial)
        #expect(!violations(outF.prev, want.previous, scale: scale, ulps: 16).isEmpty)
    }
}
