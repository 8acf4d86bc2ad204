#if arch(x86_64) && !os(Windows) && !os(Android)
import Foundation
import Reference

/// The largest error of one function on one family of schedules, and where it occurred.
struct WorstError: Sendable {
    var ulps = 0.0
    var relative = 0.0
    var point = "—"
}

/// Measures every Reference function against ``ExtendedSchedule`` over the probe grid:
/// every schedule kind, with and without the zero-terminal-SNR rescale, T ∈ {1, 2, 50, 1000, 4000},
/// t ∈ {0, 1, 2, 10, T/2, T − 2, T − 1}, jumps to s ∈ {t − 1, t − 2, t/2, 0, before the start},
/// and sample arrays from 1e−200 to 1e100 in both signs.
///
/// Error measure. A quantity that is one value (β, ᾱ, a coefficient) is measured in ulps of its
/// exact value, |x − x*|/ulp(x*), and relative, |x − x*|/|x*|. An elementwise result formed from
/// several terms (a sample, a step, a log of a ratio) is measured against the magnitude S of its
/// terms (``Measured/scale``): |x − x*|/ulp(S) and |x − x*|/S, since no evaluation in Double is
/// closer than a few ε·S when the terms cancel.
struct AccuracySurvey {
    /// Worst errors by function, then by schedule family.
    private(set) var worst: [String: [String: WorstError]] = [:]
    /// How many values were measured.
    private(set) var measured = 0

    static let counts = [1, 2, 50, 1000, 4000]

    static func points(_ count: Int) -> [Int] {
        Array(Set([0, 1, 2, 10, count / 2, count - 2, count - 1].filter { $0 >= 0 && $0 < count })).sorted()
    }

    static func jumps(_ t: Int) -> [Int] {
        Array(Set([t - 1, t - 2, t / 2, 0, -1].filter { $0 >= -1 && $0 < t })).sorted()
    }

    /// Extreme but valid elementwise inputs.
    static let samples: [Double] = [0.7, -1.3, 3e-3, -2.5, 1e-200, 12, 0, -1e100]
    static let outputs: [Double] = [-0.4, 0.9, 1.7, -3e-3, 0.5, -8, 2e-150, 0.01]
    static let noises: [Double] = [0.3, -1.1, 0.05, 2.2, -0.7, 1e-10, -3, 0.6]
    /// learnedRange's v ∈ [−1, 1]; the learned kind reads |v|/10 + 1e−6 as a variance.
    static let varianceOutputs: [Double] = [0.2, -0.9, 0.99, -1, 0, 0.5, 1, -0.3]

    /// The schedule families of the table.
    struct Family {
        var name: String
        var specification: ScheduleSpecification
        var exactBetas: (Int) -> [Extended]
    }

    static func families() -> [Family] {
        func spec(_ kind: ScheduleSpecification.Kind, _ start: Double, _ end: Double) -> ScheduleSpecification {
            var s = ScheduleSpecification(kind: kind, timesteps: 1)
            s.betaStart = start
            s.betaEnd = end
            return s
        }
        return [
            Family(name: "linear", specification: spec(.linear, 1e-4, 0.02)) { ExactBetas.linear($0, 1e-4, 0.02) },
            Family(name: "scaled linear", specification: spec(.scaledLinear, 0.00085, 0.012)) { ExactBetas.scaledLinear($0, 0.00085, 0.012) },
            Family(name: "cosine", specification: spec(.cosine, 0, 0)) { ExactBetas.cosine($0, 0.008, 0.999) },
            Family(name: "sigmoid", specification: spec(.sigmoid, 1e-4, 0.02)) { ExactBetas.sigmoid($0, 1e-4, 0.02) },
            // Extreme but valid: β near the resolution of 1 − β, and β near 1 (ᾱ down to 1e−150).
            Family(name: "extreme", specification: spec(.linear, 3e-16, 1e-12)) { ExactBetas.linear($0, 3e-16, 1e-12) },
            Family(name: "extreme", specification: spec(.linear, 0.5, 0.999)) { ExactBetas.linear($0, 0.5, 0.999) },
        ]
    }

    /// - Parameter includeOptimized: also measure Optimized<Double> (which has no literal mode).
    init(arithmetic: ScheduleArithmetic, includeOptimized: Bool = false) {
        for family in Self.families() {
            for count in Self.counts {
                if family.specification.betaStart == 0.5 && count > 50 { continue } // ᾱ would underflow: refused (R011)
                for rescale in [false, true] where !rescale || count >= 2 {
                    var spec = family.specification
                    spec.timesteps = count
                    spec.arithmetic = arithmetic
                    guard let base = try? spec.make(Double.self) else { continue }
                    let schedule: NoiseSchedule<Double>
                    let exact: [Extended]
                    if rescale {
                        guard let rescaled = try? base.rescaledToZeroTerminalSNR() else { continue }
                        schedule = rescaled
                        exact = ExactBetas.rescaledToZeroTerminalSNR(ExtendedSchedule(betas: base.betas))
                    } else {
                        schedule = base
                        exact = family.exactBetas(count)
                    }
                    let column = rescale ? "zero SNR" : family.name
                    let label = "\(family.name)\(rescale ? " rescaled" : "") T=\(count)"
                    for t in 0..<count where Self.points(count).contains(t) || count <= 50 {
                        record(rescale ? "β of the zero-SNR rescale" : "β (constructor)", column, Double(schedule.betas[t]), exact[t], "\(label) t=\(t)")
                    }
                    survey(schedule, column: column, label: label)
                    surveyForwardChain(schedule, ExtendedSchedule(betas: schedule.betas), column: column, label: label)
                    if includeOptimized, let (o, exactBetas) = try? Self.optimizedSchedule(spec, rescale: rescale, referenceBase: base) {
                        surveyOptimized(o, exactBetas: exactBetas, column: column, label: label)
                    }
                }
            }
        }
        surveyNormalKL()
        surveyBound()
    }

    // MARK: - Recording

    mutating func record(_ function: String, _ column: String, _ got: Double, _ exact: Extended, _ point: String) {
        let error = abs(Extended(got) - exact)
        let ulp = Double(exact).ulp
        let ulps = error == 0 ? 0 : Double(error) / (ulp > 0 ? ulp : Double.leastNonzeroMagnitude)
        let relative = error == 0 ? 0 : Double(error / abs(exact))
        note(function, column, ulps, relative, point)
    }

    mutating func record(_ function: String, _ column: String, _ got: Double, _ exact: Measured, _ point: String) {
        let error = abs(Extended(got) - exact.value)
        let scale = Double(exact.scale)
        let ulps = error == 0 ? 0 : Double(error) / (scale > 0 ? scale.ulp : Double.leastNonzeroMagnitude)
        let relative = error == 0 ? 0 : Double(error) / scale
        note(function, column, ulps, relative, point)
    }

    private mutating func note(_ function: String, _ column: String, _ ulps: Double, _ relative: Double, _ point: String) {
        measured += 1
        var entry = worst[function, default: [:]][column, default: WorstError()]
        if ulps > entry.ulps || (ulps == entry.ulps && entry.point == "—") {
            entry.ulps = ulps
            entry.point = point
        }
        entry.relative = max(entry.relative, relative)
        worst[function, default: [:]][column] = entry
    }

    // MARK: - The functions

    private mutating func survey(_ s: NoiseSchedule<Double>, column: String, label: String) {
        let x = ExtendedSchedule(betas: s.betas)
        let snr = s.signalToNoiseRatios, logSNR = s.logSignalToNoiseRatios, tildeBetas = s.posteriorVariances
        for t in Self.points(s.count) {
            let at = "\(label) t=\(t)"
            record("ᾱ", column, s.alphaBars[t], x.alphaBars[t], at)
            record("1 − ᾱ", column, s.marginalVariance(at: t), x.oneMinusAlphaBars[t], at)
            if t < s.count - 1 || x.alphaBars[t] > 0 {
                record("SNR", column, snr[t], x.alphaBars[t] / x.oneMinusAlphaBars[t], at)
                let (la, lb) = (Extended.log(x.alphaBars[t]), Extended.log(x.oneMinusAlphaBars[t]))
                record("log SNR", column, logSNR[t], Measured(value: la - lb, scale: abs(la) + abs(lb)), at)
            }
            if t > 0 {
                record("β̃ (posterior variance)", column, tildeBetas[t], x.posterior(at: t, previous: t - 1).variance, at)
                let log = Extended.log(x.posterior(at: t, previous: t - 1).variance)
                record("log β̃", column, (try? s.posteriorLogVariance(at: t)) ?? .nan, Measured(value: log, scale: max(1, abs(log))), at)
            }
            surveyPosterior(s, x, t, column, at)
            surveyForward(s, x, t, column, at)
            surveySteps(s, x, t, column, at)
        }
    }

    private mutating func surveyPosterior(_ s: NoiseSchedule<Double>, _ x: ExtendedSchedule, _ t: Int, _ column: String, _ at: String) {
        for previous in Self.jumps(t) {
            let exact = x.posterior(at: t, previous: previous)
            let conventions: [OneStepBeta] = previous == t - 1 ? [.schedule, .cumulativeRatio] : [.schedule]
            for convention in conventions {
                guard let p = try? s.posterior(at: t, previous: previous, oneStepBeta: convention) else { continue }
                let where_ = "\(at)→\(previous)\(convention == .cumulativeRatio ? " 1−ᾱₜ/ᾱₜ₋₁" : "")"
                record("posterior x₀ coefficient", column, p.meanCoefX0, exact.meanCoefX0, where_)
                record("posterior xₜ coefficient", column, p.meanCoefXt, exact.meanCoefXt, where_)
                if exact.variance > 0 { record("β̃ of a jump", column, p.variance, exact.variance, where_) }
                if previous != t - 1 || convention == .cumulativeRatio {
                    record("effective β 1 − ᾱₜ/ᾱ_s", column, p.effectiveBeta, exact.effectiveBeta, where_)
                }
            }
            for setAlphaToOne in [true, false] {
                let target = previous >= 0 ? previous : (setAlphaToOne ? -1 : 0)
                guard let v = try? s.ddimVariance(at: t, previous: previous, setAlphaToOne: setAlphaToOne) else { continue }
                let exactVariance = x.ddimVariance(at: t, target: target)
                if exactVariance > 0 { record("DDIM σ²", column, v, exactVariance, "\(at)→\(previous)") }
            }
        }
    }

    private mutating func surveyForward(_ s: NoiseSchedule<Double>, _ x: ExtendedSchedule, _ t: Int, _ column: String, _ at: String) {
        let (x0, eps) = (Self.samples, Self.noises)
        if let q = try? s.qSample(x0: x0, noise: eps, at: t) {
            for i in q.indices { record("qSample", column, q[i], x.qSample(x0: x0[i], noise: eps[i], at: t), at) }
        }
        if let v = try? s.velocity(x0: x0, noise: eps, at: t) {
            for i in v.indices { record("velocity", column, v[i], x.velocity(x0: x0[i], noise: eps[i], at: t), at) }
        }
        for type in PredictionType.allCases where type != .epsilon || x.alphaBars[t] > 0 {
            for i in x0.indices {
                guard let got = try? s.interpret(Self.outputs[i], as: type, sample: Self.samples[i], at: t) else { continue }
                let exact = x.interpret(Self.outputs[i], type, sample: Self.samples[i], at: t)
                record("x̂₀ from the model output", column, got.x0, exact.x0, "\(at) \(type)")
                if type != .epsilon, x.oneMinusAlphaBars[t] > 0 { record("ε̂ from the model output", column, got.noise, exact.eps, "\(at) \(type)") }
            }
        }
    }

    private mutating func surveySteps(_ s: NoiseSchedule<Double>, _ x: ExtendedSchedule, _ t: Int, _ column: String, _ at: String) {
        let (xt, out, z) = (Self.samples, Self.outputs, Self.noises)
        for type in PredictionType.allCases where type != .epsilon || x.alphaBars[t] > 0 {
            for varianceType in VarianceType.allCases {
                for clip in [nil, 1.0] as [Double?] {
                    let variances = varianceType == .learned ? Self.varianceOutputs.map { abs($0) / 10 + 1e-6 } : Self.varianceOutputs
                    let options = DDPMOptions(predictionType: type, varianceType: varianceType, clipping: clip.map { .clip(range: $0) } ?? .none)
                    guard let r = try? s.ddpmStep(sample: xt, modelOutput: out, predictedVariance: variances, noise: z, at: t, options: options) else { continue }
                    for i in xt.indices {
                        let e = x.ddpmStep(xt: xt[i], output: out[i], variance: variances[i], noise: z[i], at: t, previous: t - 1,
                                           prediction: type, varianceType: varianceType, clip: clip)
                        record("DDPM step", column, r.previous[i], e.prev, "\(at) \(type) \(varianceType)\(clip == nil ? "" : " clip")")
                    }
                }
            }
            for previous in Self.jumps(t) {
                for eta in [0, 0.5, 1] {
                    for setAlphaToOne in [true, false] {
                        let clip: Double? = type == .sample ? 1 : nil
                        let options = DDIMOptions(eta: eta, predictionType: type, clipping: clip.map { .clip(range: $0) } ?? .none,
                                                  setAlphaToOne: setAlphaToOne, useClippedModelOutput: clip != nil)
                        guard let r = try? s.ddimStep(sample: xt, modelOutput: out, noise: z, at: t, previous: previous, options: options) else { continue }
                        for i in xt.indices {
                            let e = x.ddimStep(xt: xt[i], output: out[i], noise: z[i], at: t, previous: previous, eta: eta, prediction: type,
                                               clip: clip, setAlphaToOne: setAlphaToOne, useClippedModelOutput: clip != nil)
                            record("DDIM step", column, r.previous[i], e.prev, "\(at)→\(previous) η=\(eta) \(type)\(setAlphaToOne ? "" : " ᾱ₀")")
                        }
                    }
                }
            }
            for next in [t + 1, s.count - 1] where next > t && next < s.count {
                guard let r = try? s.ddimInversionStep(sample: xt, modelOutput: out, at: t, next: next, predictionType: type) else { continue }
                for i in xt.indices {
                    record("DDIM inversion", column, r.previous[i], x.ddimInversion(xt: xt[i], output: out[i], at: t, next: next, prediction: type), "\(at)→\(next) \(type)")
                }
            }
        }
    }

    private mutating func surveyNormalKL() {
        let logVariances: [Double] = [-46.05, -9.8, -1e-9, 0, 3e-7, 0.3, 0.9999, 1.5, 40]
        let means: [Double] = [0, 1e-12, -0.4, 2.5]
        for l1 in logVariances {
            for l2 in logVariances {
                for m in means {
                    let kl = VariationalBound.normalKL(mean1: m, logVariance1: l1, mean2: 0.1, logVariance2: l2)
                    record("normal KL", "bound", kl, extendedNormalKL(m, l1, 0.1, l2), "log σ₁² = \(l1), log σ₂² = \(l2), μ₁ = \(m)")
                }
            }
        }
    }
}
#endif
