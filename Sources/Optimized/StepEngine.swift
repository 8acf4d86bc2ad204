import OptimizedKernels

/// The elementwise engine of the DDPM and DDIM steps.
///
/// Every step is, per element, with x = xₜ and m = the model output:
///
///     x̂₀ = post(pred(x, m))                  pred by prediction type; post = clamp, then ÷ s
///     y  = x (DDPM)  or  ε̂(x, m, x̂₀) (DDIM)
///     prev = a·x̂₀ + b·y + σ·z                 (the noise term only when the step adds noise)
///
/// `a`, `b` and σ are per-call scalars, or σ is per element for the learned variances. The loop
/// itself is C (`OptimizedKernels`, ElementwiseLoops.h), vectorized per kernel set with the prediction and
/// ε̂ rules chosen outside it; the dynamic threshold's quantile pass stays here.
struct StepPlan<T: KernelScalar> {
    enum Kind { case ddpm, ddim(useClippedModelOutput: Bool) }
    enum LearnedStd { case variance, logVariance, range(maxLog: T, minLog: T) }

    var kind: Kind
    var prediction: PredictionType
    var sqrtAlphaBar: T
    var sqrtOneMinusAlphaBar: T
    var a: T
    var b: T
    var std: T
    var addsNoise: Bool
    var learned: LearnedStd?
    var clipLow: T = -.infinity
    var clipHigh: T = .infinity
    var divisor: T = 1
    /// Dynamic thresholding's quantile and maximum, when the step thresholds instead of clipping.
    var thresholding: (ratio: Double, maxValue: Double)?
}

/// Pointers of one step call; `predictedVariance` only for the learned variance types.
struct StepPointers<T: KernelScalar>: @unchecked Sendable {
    var xt: UnsafePointer<T>
    var model: UnsafePointer<T>
    var predictedVariance: UnsafePointer<T>?
    var prev: UnsafeMutablePointer<T>
    /// nil when the caller does not keep x̂₀: it then goes to a per-block scratch buffer.
    var predX0: UnsafeMutablePointer<T>?
}

/// Only x̂₀ before clipping (the first pass of dynamic thresholding).
@inline(__always)
func rawX0Loop<T: KernelScalar>(_ n: Int, _ x: UnsafePointer<T>, _ m: UnsafePointer<T>,
                                _ x0Out: UnsafeMutablePointer<T>, pred: (T, T) -> T) {
    for j in 0..<n { x0Out[j] = pred(x[j], m[j]) }
}

extension StepPlan {
    /// The prediction and y rules of the C step loop for this plan's prediction type and step.
    var rules: StepRules {
        let prediction: dck_prediction_rule
        switch self.prediction {
        case .epsilon: prediction = DCK_PREDICT_EPSILON
        case .sample: prediction = DCK_PREDICT_SAMPLE
        case .vPrediction: prediction = DCK_PREDICT_VELOCITY
        }
        let y: dck_y_rule
        switch (self.prediction, kind) {
        case (_, .ddpm): y = DCK_Y_SAMPLE
        case (.epsilon, .ddim(false)): y = DCK_Y_MODEL_OUTPUT
        case (.sample, .ddim(false)): y = DCK_Y_EPSILON_FROM_RAW_X0
        case (.vPrediction, .ddim(false)): y = DCK_Y_EPSILON_FROM_VELOCITY
        case (_, .ddim(true)): y = DCK_Y_EPSILON_FROM_X0
        }
        return StepRules(prediction: prediction, y: y)
    }

    /// The per-call scalars of the C loop, with σ = `sigma`.
    func scalars(sigma: T) -> StepScalars<T> {
        StepScalars(sqrtAlphaBar: sqrtAlphaBar, sqrtOneMinusAlphaBar: sqrtOneMinusAlphaBar, a: a, b: b, sigma: sigma,
                    clipLow: clipLow, clipHigh: clipHigh, divisor: divisor)
    }

    /// x̂₀ before clipping over `range` (for the threshold's quantile).
    func runRawX0(_ p: StepPointers<T>, _ range: Range<Int>) {
        let sa = sqrtAlphaBar, s1 = sqrtOneMinusAlphaBar
        let n = range.count, x = p.xt + range.lowerBound, m = p.model + range.lowerBound, o = p.predX0! + range.lowerBound
        switch prediction {
        case .epsilon: rawX0Loop(n, x, m, o) { x, m in (x - s1 * m) / sa }
        case .sample: rawX0Loop(n, x, m, o) { _, m in m }
        case .vPrediction: rawX0Loop(n, x, m, o) { x, m in sa * x - s1 * m }
        }
    }

    /// Runs the plan over `range`: the elementwise loop in the C kernels of the selected set,
    /// fed block by block with drawn noise when the noise is not an array.
    func run(_ p: StepPointers<T>, _ noise: NoiseSource<T>, _ range: Range<Int>) {
        let rules = self.rules
        let source: NoiseSource<T> = addsNoise ? noise : .none
        var drawsNoise = true
        if case .none = source { drawsNoise = false }
        let std = self.std
        withUnsafeTemporaryAllocation(of: T.self, capacity: 2 * blockSize + 8) { buffer in
            let scaled = buffer.baseAddress!, x0Scratch = buffer.baseAddress! + blockSize + 8
            // Without an x̂₀ array the loop runs block by block and writes x̂₀ to the scratch block.
            let keepsX0 = p.predX0 != nil
            if let learned, drawsNoise {
                // σ per element: σⱼ·zⱼ is formed block by block, then added with coefficient 1.
                forEachNoiseBlock(range, source, forceBlocks: true) { start, n, z in
                    guard let z, let v = p.predictedVariance else { return }
                    Self.learnedStd(learned, v + start, n, into: scaled)
                    for j in 0..<n { scaled[j] = scaled[j] * z[j] }
                    T.step(rules, scalars(sigma: 1), n, p.xt + start, p.model + start, UnsafePointer(scaled), p.prev + start,
                           keepsX0 ? p.predX0! + start : x0Scratch)
                }
                return
            }
            forEachNoiseBlock(range, source, forceBlocks: !keepsX0) { start, n, z in
                T.step(rules, scalars(sigma: std), n, p.xt + start, p.model + start, z, p.prev + start,
                       keepsX0 ? p.predX0! + start : x0Scratch)
            }
        }
    }

    /// σⱼ for the learned variance types, from the model's extra output vⱼ:
    /// variance → √v; log-variance → exp(½v); range → exp(½(frac·maxLog + (1 − frac)·minLog)),
    /// frac = (v + 1)/2 (Nichol & Dhariwal 2021, Eq. 15).
    static func learnedStd(_ kind: LearnedStd, _ v: UnsafePointer<T>, _ n: Int, into out: UnsafeMutablePointer<T>) {
        switch kind {
        case .variance:
            for j in 0..<n { out[j] = v[j].squareRoot() }
        case .logVariance:
            for j in 0..<n { out[j] = v[j] / 2 }
            for j in n..<((n + 7) & ~7) { out[j] = 0 }
            T.expInPlace(out, count: n)
        case .range(let maxLog, let minLog):
            for j in 0..<n {
                let frac = (v[j] + 1) / 2
                out[j] = (frac * maxLog + (1 - frac) * minLog) / 2
            }
            for j in n..<((n + 7) & ~7) { out[j] = 0 }
            T.expInPlace(out, count: n)
        }
    }
}
