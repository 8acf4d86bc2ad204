import Testing
import Foundation
import Reference

/// Property tests of Reference over random schedules (T from 1 to 10⁵, β near 0 and near 1,
/// zero terminal SNR) and random inputs (±0, subnormals, tiny and large magnitudes).
///
/// The property: an entry point given finite input either refuses it with a stable code or
/// returns finite numbers; it never returns a NaN or an infinity silently. Every draw is seeded,
/// so a failure names its seed and replays.
@Suite("Reference numeric robustness")
struct ReferencePropertyTests {
    /// Samples up to 10⁶ in magnitude cannot overflow anywhere in Double (the largest factor an
    /// equation applies is 1/√ᾱ ≤ 2^537 for a subnormal ᾱ), so every answer must be finite.
    static let modest = 1e6

    @Test("random schedule parameters give a valid schedule or a refusal", arguments: [1, 2, 3, 4] as [UInt64])
    func schedules(seed: UInt64) {
        var r = PropertyRandom(seed: seed)
        var violations: [String] = []
        for _ in 0..<150 {
            let spec = Draw.schedule(&r)
            for precision in ["Double", "Float"] {
                do throws(ReferenceError) {
                    let (betas, alphas, alphaBars): ([Double], [Double], [Double])
                    if precision == "Double" {
                        let s = try spec.make(Double.self)
                        (betas, alphas, alphaBars) = (s.betas, s.alphas, s.alphaBars)
                    } else {
                        let s = try spec.make(Float.self)
                        (betas, alphas, alphaBars) = (s.betas.map(Double.init), s.alphas.map(Double.init), s.alphaBars.map(Double.init))
                    }
                    // αₜ = 1 (and so ᾱ = 1) happens when β is below half an ulp of 1 in the
                    // precision; that is the known issue of `betaBelowResolution`.
                    let valid = betas.count == spec.timesteps
                        && betas.allSatisfy { $0 > 0 && $0 <= 1 }
                        && alphas.allSatisfy { $0 >= 0 && $0 <= 1 }
                        && alphaBars.allSatisfy { $0 >= 0 && $0 <= 1 }
                        && zip(alphaBars, alphaBars.dropFirst()).allSatisfy { $0 >= $1 }
                    if !valid { violations.append("\(precision) \(spec.kind) T=\(spec.timesteps) \(spec.betaStart)…\(spec.betaEnd)") }
                } catch {
                    if !(error.code.hasPrefix("R") && error.code.count == 4) { violations.append("unstable code \(error.code)") }
                }
            }
        }
        #expect(violations.isEmpty, "seed \(seed): \(violations.prefix(5))")
    }

    /// Every entry point at one random (t, s, input), on a schedule that keeps its invariant.
    static func outcomes(_ s: NoiseSchedule<Double>, _ r: inout PropertyRandom) -> [(String, NumericOutcome)] {
        let n = Int.random(in: 1...8, using: &r)
        let t = Int.random(in: 0..<s.count, using: &r)
        let previous = t == 0 ? -1 : r.pick([t - 1, Int.random(in: -1..<t, using: &r)])
        let x = Draw.values(&r, count: n, limit: modest)
        let y = Draw.values(&r, count: n, limit: modest)
        let z = Draw.values(&r, count: n, limit: modest)
        let logs = Draw.values(&r, count: n, limit: 50)
        var results: [(String, NumericOutcome)] = []
        func run(_ label: String, _ body: () throws(ReferenceError) -> [Double]) {
            results.append(("\(label) t=\(t) s=\(previous)", NumericOutcome(body)))
        }
        run("qSample") { () throws(ReferenceError) in try s.qSample(x0: x, noise: y, at: t) }
        run("velocity") { () throws(ReferenceError) in try s.velocity(x0: x, noise: y, at: t) }
        run("posterior") { () throws(ReferenceError) in
            let p = try s.posterior(at: t, previous: previous)
            return [p.meanCoefX0, p.meanCoefXt, p.variance, p.effectiveBeta]
        }
        run("posteriorMean") { () throws(ReferenceError) in try s.posteriorMean(x0: x, xt: y, at: t, previous: previous) }
        for convention in FirstStepLogVariance.allCases {
            run("posteriorLogVariance \(convention)") { () throws(ReferenceError) in [try s.posteriorLogVariance(at: t, convention: convention)] }
        }
        let prediction = r.pick(PredictionType.allCases)
        let clipping = r.pick([SampleClipping.none, .clip(range: 1), .dynamicThreshold(ratio: 0.995, maxValue: 1)])
        for variance in VarianceType.allCases {
            let predictedVariance: [Double] = variance == .learnedRange ? Draw.values(&r, count: n, limit: 1) : Draw.values(&r, count: n, limit: modest).map(abs)
            var options = DDPMOptions(predictionType: prediction, varianceType: variance, clipping: clipping)
            options.firstStepLogVariance = r.pick(FirstStepLogVariance.allCases)
            run("ddpmStep \(prediction) \(variance)") { () throws(ReferenceError) in
                let step = try s.ddpmStep(sample: x, modelOutput: y, predictedVariance: predictedVariance, noise: z, at: t, previous: previous, options: options)
                return step.previous + step.predictedX0 + step.mean + step.standardDeviation
            }
        }
        let eta = r.pick([0, 1, 0.5, Double.leastNonzeroMagnitude, 1e-300])
        let ddim = DDIMOptions(eta: eta, predictionType: prediction, clipping: clipping, setAlphaToOne: r.chance(0.5), useClippedModelOutput: r.chance(0.5))
        run("ddimStep \(prediction) η=\(eta)") { () throws(ReferenceError) in
            let step = try s.ddimStep(sample: x, modelOutput: y, noise: z, at: t, previous: previous, options: ddim)
            return step.previous + step.predictedX0 + step.mean + step.standardDeviation
        }
        if t + 1 < s.count {
            let next = Int.random(in: (t + 1)..<s.count, using: &r)
            run("ddimInversionStep \(prediction) next=\(next)") { () throws(ReferenceError) in
                let step = try s.ddimInversionStep(sample: x, modelOutput: y, at: t, next: next, predictionType: prediction)
                return step.previous + step.predictedX0
            }
        }
        run("normalKL") { () throws(ReferenceError) in try VariationalBound.normalKL(mean1: x, logVariance1: logs, mean2: y, logVariance2: logs.reversed()) }
        // log σ at most 20 here: wider decoders are the known issue of `wideDecoder`.
        let logScales = logs.map { min(max($0, -20), 20) }
        run("discretizedGaussianLogLikelihood") { () throws(ReferenceError) in
            try VariationalBound.discretizedGaussianLogLikelihood(x: Draw.values(&r, count: n, limit: 1), mean: y, logScale: logScales)
        }
        run("simpleLoss") { () throws(ReferenceError) in [try VariationalBound.simpleLoss(noise: x, predictedNoise: y)] }
        run("priorKL") { () throws(ReferenceError) in try VariationalBound.priorKL(x0: x, schedule: s) }
        run("timesteps") { () throws(ReferenceError) in
            try Timesteps.make(count: Int.random(in: 1...s.count, using: &r), trainingSteps: s.count, spacing: r.pick(TimestepSpacing.allCases), stepsOffset: r.pick([0, 1])).map(Double.init)
        }
        return results
    }

    /// A refusal is expected in the modest domain only where the equation itself is undefined:
    /// x̂₀ from ε where ᾱₜ = 0 (zero terminal SNR).
    static func isExpectedRefusal(_ outcome: NumericOutcome, schedule s: NoiseSchedule<Double>, label: String) -> Bool {
        guard case .refused(let code) = outcome else { return false }
        return code == "R007" && s.alphaBars.last == 0
    }

    @Test("finite, modest inputs on a valid schedule give finite outputs", arguments: [11, 12, 13, 14] as [UInt64])
    func modestInputs(seed: UInt64) {
        var r = PropertyRandom(seed: seed)
        var violations: [String] = []
        var evaluated = 0
        for _ in 0..<60 {
            let spec = Draw.schedule(&r)
            guard let s = try? spec.make(Double.self), s.keepsDocumentedInvariant else { continue }
            for _ in 0..<4 {
                for (label, outcome) in Self.outcomes(s, &r) {
                    evaluated += 1
                    if outcome == .finite || Self.isExpectedRefusal(outcome, schedule: s, label: label) { continue }
                    violations.append("\(spec.kind) T=\(s.count) β \(spec.betaStart)…\(spec.betaEnd) zsnr=\(spec.rescaleZeroTerminalSNR): \(label): \(outcome)")
                }
            }
        }
        #expect(evaluated > 1000)
        #expect(violations.isEmpty, "seed \(seed), \(violations.count) of \(evaluated): \(violations.prefix(6).joined(separator: "\n"))")
    }

    @Test("non-finite, mismatched or out-of-range inputs are refused with their code", arguments: [21, 22] as [UInt64])
    func refusals(seed: UInt64) throws {
        var r = PropertyRandom(seed: seed)
        let s = try NoiseSchedule<Double>.linear(timesteps: 1000)
        for _ in 0..<200 {
            let n = Int.random(in: 1...6, using: &r)
            var x = Draw.values(&r, count: n, limit: Self.modest)
            let y = Draw.values(&r, count: n, limit: Self.modest)
            x[Int.random(in: 0..<n, using: &r)] = r.pick([.nan, .infinity, -.infinity, .signalingNaN])
            let t = Int.random(in: 0..<1000, using: &r)
            #expect(NumericOutcome { () throws(ReferenceError) in try s.qSample(x0: x, noise: y, at: t) } == .refused(code: "R003"))
            #expect(NumericOutcome { () throws(ReferenceError) in try s.ddpmStep(sample: y, modelOutput: x, noise: y, at: t).previous } == .refused(code: "R003"))
            #expect(NumericOutcome { () throws(ReferenceError) in try s.ddimStep(sample: x, modelOutput: y, at: t, previous: t - 1).previous } == .refused(code: "R003"))
            #expect(NumericOutcome { () throws(ReferenceError) in try VariationalBound.normalKL(mean1: y, logVariance1: x, mean2: y, logVariance2: y) } == .refused(code: "R003"))
            let outside = r.pick([-1, 1000, 1001, Int.max, Int.min, -1_000_000])
            #expect(NumericOutcome { () throws(ReferenceError) in try s.qSample(x0: y, noise: y, at: outside) } == .refused(code: "R004"))
            #expect(NumericOutcome { () throws(ReferenceError) in try s.ddimStep(sample: y, modelOutput: y, at: outside, previous: 0).previous } == .refused(code: "R004"))
            #expect(NumericOutcome { () throws(ReferenceError) in try s.qSample(x0: y, noise: y + [0], at: t) } == .refused(code: "R005"))
            let badEta = r.pick([-1, -Double.leastNonzeroMagnitude, .nan, .infinity])
            #expect(NumericOutcome { () throws(ReferenceError) in try s.ddimStep(sample: y, modelOutput: y, noise: y, at: max(t, 1), previous: 0, options: DDIMOptions(eta: badEta)).previous } == .refused(code: "R006"))
        }
        for badBeta in [0, -0.0, -1e-300, 1.0000000000000002, 2, .nan, .infinity] {
            #expect(NumericOutcome { () throws(ReferenceError) in try NoiseSchedule<Double>(betas: [0.1, badBeta, 0.2]).betas } != .finite)
        }
        for badCount in [0, -1, Int.min] {
            #expect(NumericOutcome { () throws(ReferenceError) in try NoiseSchedule<Double>.linear(timesteps: badCount).betas } == .refused(code: "R001"))
        }
    }

    // MARK: Where the precision runs out: refused with a code, or answered accurately.
    // These were known issues (a NaN or an infinity returned) until Reference learned to refuse
    // or to compute them without cancellation.

    @Test("β below half an ulp of 1 is refused (R002): ᾱ₀ would be 1 and the posterior at t = 0 0/0")
    func betaBelowResolution() throws {
        // Mathematically β̃₀ = (1 − 1)/(1 − ᾱ₀)·β₀ = 0 and the mean coefficients are finite; in the
        // precision, α₀ = 1 − β₀ rounds to 1 (Double for β < 1.1e−16, Float for β < 6e−8).
        let double = NumericOutcome { () throws(ReferenceError) in try NoiseSchedule<Double>(betas: [1e-17, 0.01, 0.02]).alphaBars }
        #expect(double == .refused(code: "R002"))
        let float = NumericOutcome { () throws(ReferenceError) in try NoiseSchedule<Float>.linear(timesteps: 10, betaStart: 1e-9, betaEnd: 1e-8).alphaBars }
        #expect(float == .refused(code: "R002"))
        let error = try #require(throws: ReferenceError.self) { try NoiseSchedule<Double>(betas: [1e-17, 0.01]) }
        #expect(error.message.contains("resolution"))
        // Just above the resolution the schedule is accepted and its first posterior is finite.
        let smallest = try NoiseSchedule<Double>(betas: [2.3e-16, 0.01, 0.02])
        #expect(smallest.alphaBars[0] < 1)
        let p = try smallest.posterior(at: 0)
        #expect(p.meanCoefX0.isFinite && p.meanCoefXt.isFinite && p.variance.isFinite)
        let step = NumericOutcome { () throws(ReferenceError) in try smallest.ddpmStep(sample: [0.5], modelOutput: [0.1], noise: [0.3], at: 0).previous }
        #expect(step == .finite)
    }

    @Test("ᾱ underflowing to 0 before T − 1 is refused (R011)")
    func alphaBarUnderflow() throws {
        // β = 0.999 for 200 steps: ᾱₜ = 0.001^(t+1) is below 5e−324 from t = 107 on, though every
        // β < 1. A DDIM or posterior jump from t = 150 to s = 120 would compute ᾱₜ/ᾱ_s = 0/0.
        let error = try #require(throws: ReferenceError.self) { try NoiseSchedule<Double>(betas: Array(repeating: 0.999, count: 200)) }
        #expect(error == .alphaBarUnderflow(index: 107, count: 200))
        #expect(error.code == "R011")
        // Underflow at the last index is zero terminal SNR, which both accept.
        let lastOnly = try NoiseSchedule<Double>(betas: Array(repeating: 0.999, count: 107) + [0.999])
        #expect(lastOnly.alphaBars.last == 0)
        let ddim = NumericOutcome { () throws(ReferenceError) in
            try lastOnly.ddimStep(sample: [0.5], modelOutput: [0.1], at: 107, previous: 90, options: DDIMOptions(predictionType: .vPrediction)).previous
        }
        #expect(ddim == .finite)
    }

    @Test("huge magnitudes: results beyond the Double range are refused (R012), never ±∞ or NaN", arguments: [31, 32] as [UInt64])
    func hugeMagnitudes(seed: UInt64) throws {
        var r = PropertyRandom(seed: seed)
        let s = try NoiseSchedule<Double>.linear(timesteps: 1000)
        var nonFinite: [String] = []
        var refusedAsOutOfRange = 0
        for _ in 0..<300 {
            let n = Int.random(in: 1...4, using: &r)
            let x = Draw.values(&r, count: n, limit: .greatestFiniteMagnitude)
            let y = Draw.values(&r, count: n, limit: .greatestFiniteMagnitude)
            let t = Int.random(in: 0..<1000, using: &r)
            let outcomes = [
                ("qSample", NumericOutcome { () throws(ReferenceError) in try s.qSample(x0: x, noise: y, at: t) }),
                ("ddpmStep", NumericOutcome { () throws(ReferenceError) in try s.ddpmStep(sample: x, modelOutput: y, noise: y, at: t).previous }),
                ("ddimStep", NumericOutcome { () throws(ReferenceError) in try s.ddimStep(sample: x, modelOutput: y, at: t, previous: t - 1).previous }),
                ("normalKL", NumericOutcome { () throws(ReferenceError) in try VariationalBound.normalKL(mean1: x, logVariance1: y, mean2: y, logVariance2: x) }),
            ]
            for (label, outcome) in outcomes {
                if outcome.isNonFinite { nonFinite.append("\(label) t=\(t): \(outcome)") }
                if outcome == .refused(code: "R012") { refusedAsOutOfRange += 1 }
            }
        }
        #expect(nonFinite.isEmpty, "seed \(seed), \(nonFinite.count): \(nonFinite.prefix(4))")
        // The draws do reach the edge of the range: the refusal is exercised, not vacuous.
        #expect(refusedAsOutOfRange > 0)
    }

    @Test("a very wide decoder (log σ up to 300) keeps the bin's log-probability finite and accurate")
    func wideDecoder() {
        // The mass of a bin of width 2/255 centred on the mean under N(0, σ²) is
        // (2/255)·φ(0)/σ·(1 + O(1/σ²)): log p = log(2/255) − log σ − ½·log(2π). Φ(b) and Φ(a)
        // agree to the last bit for log σ ≳ 31, so log(Φ(b) − Φ(a)) used to evaluate to log 0.
        for logScale in [20.0, 40.0, 100.0, 300.0] {
            let got = VariationalBound.discretizedGaussianLogLikelihood(x: 0, mean: 0, logScale: logScale)
            let expected = log(2.0 / 255.0) - logScale - 0.5 * log(2 * Double.pi)
            // The midpoint rule is exact to (w/σ)²/24 < 1e−19 here; erf and log round to a few ulps.
            #expect(abs(got - expected) <= 1e-14 * abs(expected), "log σ = \(logScale): \(got) vs \(expected)")
        }
    }
}
