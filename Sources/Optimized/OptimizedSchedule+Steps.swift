import Foundation

/// Plans and runs the DDPM and DDIM steps (the generic core of the public entry points).
extension OptimizedSchedule {
    /// The DDPM step from t to s (s = t − 1 by default; s < 0 means "before the first step").
    ///
    ///     mean = meanCoefX0(t→s)·x̂₀ + meanCoefXt(t→s)·xₜ,   prev = mean + σ·z (t > 0)
    ///
    /// (Ho et al. 2020, Eq. 7 and Algorithm 2; the jump coefficients use β_eff = 1 − ᾱₜ/ᾱ_s.)
    func ddpmPlan<T: KernelScalar>(t: Int, s: Int?, options: DDPMOptions, hasVariance: Bool) throws(OptimizedError) -> StepPlan<T> {
        try checkTimestep(t)
        let s = s ?? (t - 1)
        guard s < t else { throw OptimizedError(.timestepOutOfRange, "expected the previous timestep below t = \(t), got \(s)") }
        let prevIndex = max(s, -1)
        if options.predictionType == .epsilon && alphaBars[t] == 0 {
            throw OptimizedError(.epsilonPredictionAtZeroAlphaBar,
                                 "expected alphaBar[\(t)] > 0 for epsilon prediction, got 0 (zero terminal SNR needs v or sample prediction)")
        }
        let post = posterior(t: t, s: prevIndex)
        // β̃₁, which improved-diffusion uses at t = 0 (fixedLarge and the clipped log-variance);
        // with T = 1 there is no β̃₁ and the t = 0 values stay β₀ and the floored log β̃.
        let hasNextPosterior = count > 1
        let smallVariance = max(post.variance, Self.logVarianceFloor)
        let largeVariance = (t == 0 && options.firstStepLargeVariance == .nextPosterior && hasNextPosterior)
            ? posteriorVariance[1] : post.effectiveBeta
        // The lower log-variance: log β̃₁ at t = 0 (improved-diffusion's clipped log β̃), else the
        // floored log(max(β̃, 1e−20)).
        let smallLogVariance = (t == 0 && options.firstStepLogVariance == .nextStep && hasNextPosterior)
            ? Foundation.log(posteriorVariance[1]) : Foundation.log(smallVariance)
        var std: Double = 0
        var learned: StepPlan<T>.LearnedStd?
        switch options.varianceType {
        case .fixedSmall: std = smallVariance.squareRoot()
        case .fixedSmallLog: std = Foundation.exp(smallLogVariance / 2)
        case .fixedLarge: std = largeVariance.squareRoot()
        case .fixedLargeLog: std = Foundation.exp(Foundation.log(largeVariance) / 2)
        case .learned:
            learned = options.learnedVarianceMeaning == .logVariance ? .logVariance : .variance
        case .learnedRange:
            learned = .range(maxLog: T(Foundation.log(post.effectiveBeta)), minLog: T(smallLogVariance))
        }
        if learned != nil && !hasVariance {
            throw OptimizedError(.missingPredictedVariance,
                                 "expected predictedVariance for varianceType \(options.varianceType.rawValue), got none")
        }
        var plan = StepPlan<T>(kind: .ddpm, prediction: options.predictionType,
                               sqrtAlphaBar: T(sqrtAlphaBars[t]), sqrtOneMinusAlphaBar: T(sqrtOneMinusAlphaBars[t]),
                               a: T(post.meanCoefX0), b: T(post.meanCoefXt), std: T(std),
                               addsNoise: options.finalStepNoise == .neverOnLastStep ? prevIndex >= 0 : t > 0, learned: learned)
        try plan.setClipping(options.clipping)
        return plan
    }

    /// The DDIM step from t to prevT (Song et al. 2021, Eq. 12), or DDIM inversion when prevT > t:
    ///
    ///     σ² = (1 − ᾱ_prev)/(1 − ᾱₜ)·(1 − ᾱₜ/ᾱ_prev),  std = η·σ
    ///     prev = √ᾱ_prev·x̂₀ + √(1 − ᾱ_prev − std²)·ε̂ + std·z
    ///
    /// (the direction's variance by a form that does not cancel at η = 1, see below)
    ///     inversion: x_next = √ᾱ_next·x̂₀ + √(1 − ᾱ_next)·ε̂
    ///
    /// prevT < 0: ᾱ_prev = 1 with `setAlphaToOne`, else ᾱ₀.
    func ddimPlan<T: KernelScalar>(t: Int, prevT: Int, options: DDIMOptions) throws(OptimizedError) -> StepPlan<T> {
        try checkTimestep(t)
        guard options.eta >= 0 && options.eta.isFinite else {
            throw OptimizedError(.invalidOption, "expected eta >= 0, got \(options.eta)")
        }
        guard prevT != t else {
            throw OptimizedError(.timestepOutOfRange, "expected prevT below t = \(t) (a step) or above it (inversion), got \(prevT)")
        }
        if prevT > t { try checkTimestep(prevT, name: "prevT") }
        if options.predictionType == .epsilon && alphaBars[t] == 0 {
            throw OptimizedError(.epsilonPredictionAtZeroAlphaBar,
                                 "expected alphaBar[\(t)] > 0 for epsilon prediction, got 0 (zero terminal SNR needs v or sample prediction)")
        }
        let abT = alphaBarsDD[t]
        let abPrev = prevT >= 0 ? alphaBarsDD[prevT] : (options.setAlphaToOne ? DoubleDouble.one : alphaBarsDD[0])
        var a: Double, b: Double, std: Double = 0
        if prevT > t {
            a = abPrev.squareRoot().value
            b = (DoubleDouble.one - abPrev).squareRoot().value
        } else {
            let ratio = abPrev.hi == 0 ? DoubleDouble(0) : abT / abPrev
            let oneMinusPrev = DoubleDouble.one - abPrev, oneMinusT = DoubleDouble.one - abT
            let variance = oneMinusPrev / oneMinusT * (DoubleDouble.one - ratio)
            std = options.eta * max(variance.value, 0).squareRoot()
            // 1 − ᾱ_prev − η²σ² cancels at η = 1 (σ² is then most of 1 − ᾱ_prev), beyond what
            // double-double keeps when ᾱₜ is tiny. With r = (1 − ᾱₜ/ᾱ_prev)/(1 − ᾱₜ) and
            // 1 − r = ᾱₜ(1 − ᾱ_prev)/(ᾱ_prev(1 − ᾱₜ)) it is (1 − ᾱ_prev)·((1 − r) + (1 − η)(1 + η)·r):
            // two non-negative terms for η ≤ 1.
            let r = (DoubleDouble.one - ratio) / oneMinusT
            let keep = abPrev.hi == 0 ? DoubleDouble(0) : abT * oneMinusPrev / (abPrev * oneMinusT)
            let etaFactor = DoubleDouble.twoProduct(1 - options.eta, 1 + options.eta)
            var radicand = oneMinusPrev * (keep + etaFactor * r)
            if radicand.hi < 0 {
                // Only rounding can make it negative for η ≤ 1: (1 − ᾱ_prev)·(1 − σ²/(1 − ᾱ_prev)) ≥ 0.
                guard radicand.hi > -8 * Double.ulpOfOne else {
                    throw OptimizedError(.invalidOption,
                                         "expected 1 - alphaBarPrev - (eta*sigma)^2 >= 0, got \(radicand.value) for eta = \(options.eta) from t = \(t) to \(prevT)")
                }
                radicand = DoubleDouble(0)
            }
            a = abPrev.squareRoot().value
            b = radicand.squareRoot().value
        }
        var plan = StepPlan<T>(kind: .ddim(useClippedModelOutput: options.useClippedModelOutput),
                               prediction: options.predictionType,
                               sqrtAlphaBar: T(sqrtAlphaBars[t]), sqrtOneMinusAlphaBar: T(sqrtOneMinusAlphaBars[t]),
                               a: T(a), b: T(b), std: T(std), addsNoise: prevT < t && options.eta > 0, learned: nil)
        try plan.setClipping(options.clipping)
        return plan
    }

    /// Runs a planned step over arrays: checks lengths, thresholds when asked, splits the work.
    @inline(__always)
    func runStep<T: KernelScalar>(_ plan: StepPlan<T>, xt: [T], modelOutput: [T], predictedVariance: [T]?,
                                  noise: StepNoise<T>, into out: inout StepOutput<T>, execution: Execution) throws(OptimizedError) {
        let n = xt.count
        var lengths = [("xt", n), ("modelOutput", modelOutput.count)]
        if let predictedVariance, plan.learned != nil { lengths.append(("predictedVariance", predictedVariance.count)) }
        if case .values(let z) = noise, plan.addsNoise { lengths.append(("noise", z.count)) }
        try checkLengths(lengths)
        if case .variance? = plan.learned, plan.addsNoise, let predictedVariance {
            if let i = predictedVariance.firstIndex(where: { !($0 >= 0) }) {
                throw OptimizedError(.invalidInput, "expected predictedVariance[\(i)] >= 0 (a variance), got \(predictedVariance[i])")
            }
        }
        if out.prev.count != n { out.prev = [T](repeating: 0, count: n) }
        let keepsX0 = out.keepsPredX0 || plan.thresholding != nil
        if keepsX0 && out.predX0.count != n { out.predX0 = [T](repeating: 0, count: n) }
        if !keepsX0 && !out.predX0.isEmpty { out.predX0 = [] }
        var plan = plan
        let noiseArray: [T]? = if case .values(let z) = noise { z } else { nil }
        xt.withUnsafeBufferPointer { xb in
            modelOutput.withUnsafeBufferPointer { mb in
                withOptionalPointer(plan.learned != nil ? predictedVariance : nil) { vp in
                    withOptionalPointer(plan.addsNoise ? noiseArray : nil) { zp in
                        out.prev.withUnsafeMutableBufferPointer { pb in
                            out.predX0.withUnsafeMutableBufferPointer { x0b in
                                guard let x = xb.baseAddress, let m = mb.baseAddress, let pr = pb.baseAddress else { return }
                                let x0 = keepsX0 ? x0b.baseAddress : nil
                                let pointers = StepPointers(xt: x, model: m, predictedVariance: vp, prev: pr, predX0: x0)
                                let source: NoiseSource<T>
                                switch noise {
                                case .values: source = zp.map { .pointer($0) } ?? .none
                                case .philox(let seed, let offset): source = .philox(seed: seed, offset: offset)
                                case .none: source = .none
                                }
                                nonisolated(unsafe) let src = source
                                if let threshold = plan.thresholding {
                                    let first = plan
                                    execution.forEachChunk(count: n, grain: blockSize) { range in
                                        first.runRawX0(pointers, range)
                                    }
                                    let q = Quantile.ofAbsoluteValues(UnsafePointer(x0!), count: n, q: threshold.ratio)
                                    let s = min(max(q, 1), threshold.maxValue)
                                    plan.clipLow = T(-s)
                                    plan.clipHigh = T(s)
                                    plan.divisor = T(s)
                                }
                                let final = plan
                                var computeBound = plan.learned != nil
                                if case .philox = noise, plan.addsNoise { computeBound = true }
                                execution.forEachChunk(count: n, grain: blockSize, computeBound: computeBound) { range in
                                    final.run(pointers, src, range)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

extension StepPlan {
    /// The clamp bounds of clipping, or the thresholding parameters (the bounds then come from
    /// x̂₀'s quantile when the step runs). Refuses what ``SampleClipping/problem`` refuses.
    mutating func setClipping(_ clipping: SampleClipping) throws(OptimizedError) {
        if let problem = clipping.problem {
            throw OptimizedError(.invalidOption, "expected \(problem.field) to be \(problem.expected), got \(problem.value)")
        }
        switch clipping {
        case .none:
            break
        case .clip(let range):
            clipLow = T(-range)
            clipHigh = T(range)
        case let .dynamicThreshold(ratio, maxValue):
            thresholding = (ratio, maxValue)
        }
    }
}
