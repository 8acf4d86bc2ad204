/// The elementwise engine of the DDPM and DDIM steps.
///
/// Every step is, per element, with x = xₜ and m = the model output:
///
///     x̂₀ = post(pred(x, m))                  pred by prediction type; post = clamp, then ÷ s
///     y  = x (DDPM)  or  ε̂(x, m, x̂₀) (DDIM)
///     prev = a·x̂₀ + b·y + σ·z                 (the noise term only when the step adds noise)
///
/// `a`, `b` and σ are per-call scalars, or σ is per element for the learned variances. The
/// prediction and ε̂ rules are chosen outside the loop, so each loop body is straight-line code
/// that the compiler vectorizes.
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

@inline(__always)
func stepLoop<T: KernelScalar>(_ n: Int, _ x: UnsafePointer<T>, _ m: UnsafePointer<T>, _ z: UnsafePointer<T>?,
                               _ prev: UnsafeMutablePointer<T>, _ x0Out: UnsafeMutablePointer<T>,
                               a: T, b: T, std: T, lo: T, hi: T, div: T,
                               pred: (T, T) -> T, y: (T, T, T, T) -> T) {
    if let z {
        for j in 0..<n {
            let xv = x[j], mv = m[j]
            let raw = pred(xv, mv)
            let c = raw < lo ? lo : (raw > hi ? hi : raw)
            let x0 = c / div
            x0Out[j] = x0
            prev[j] = a * x0 + b * y(xv, mv, raw, x0) + std * z[j]
        }
    } else {
        for j in 0..<n {
            let xv = x[j], mv = m[j]
            let raw = pred(xv, mv)
            let c = raw < lo ? lo : (raw > hi ? hi : raw)
            let x0 = c / div
            x0Out[j] = x0
            prev[j] = a * x0 + b * y(xv, mv, raw, x0)
        }
    }
}

/// Only x̂₀ before clipping (the first pass of dynamic thresholding).
@inline(__always)
func rawX0Loop<T: KernelScalar>(_ n: Int, _ x: UnsafePointer<T>, _ m: UnsafePointer<T>,
                                _ x0Out: UnsafeMutablePointer<T>, pred: (T, T) -> T) {
    for j in 0..<n { x0Out[j] = pred(x[j], m[j]) }
}

extension StepPlan {
    /// Runs the plan over `range` with the prediction and ε̂ rules fixed at compile time.
    @inline(__always)
    func run(_ p: StepPointers<T>, _ noise: NoiseSource<T>, _ range: Range<Int>) {
        let sa = sqrtAlphaBar, s1 = sqrtOneMinusAlphaBar
        switch (prediction, kind) {
        case (.epsilon, .ddpm):
            runWith(p, noise, range, pred: { x, m in (x - s1 * m) / sa }, y: { x, _, _, _ in x })
        case (.sample, .ddpm):
            runWith(p, noise, range, pred: { _, m in m }, y: { x, _, _, _ in x })
        case (.vPrediction, .ddpm):
            runWith(p, noise, range, pred: { x, m in sa * x - s1 * m }, y: { x, _, _, _ in x })
        case (.epsilon, .ddim(false)):
            runWith(p, noise, range, pred: { x, m in (x - s1 * m) / sa }, y: { _, m, _, _ in m })
        case (.sample, .ddim(false)):
            runWith(p, noise, range, pred: { _, m in m }, y: { x, _, raw, _ in (x - sa * raw) / s1 })
        case (.vPrediction, .ddim(false)):
            runWith(p, noise, range, pred: { x, m in sa * x - s1 * m }, y: { x, m, _, _ in sa * m + s1 * x })
        case (.epsilon, .ddim(true)):
            runWith(p, noise, range, pred: { x, m in (x - s1 * m) / sa }, y: { x, _, _, x0 in (x - sa * x0) / s1 })
        case (.sample, .ddim(true)):
            runWith(p, noise, range, pred: { _, m in m }, y: { x, _, _, x0 in (x - sa * x0) / s1 })
        case (.vPrediction, .ddim(true)):
            runWith(p, noise, range, pred: { x, m in sa * x - s1 * m }, y: { x, _, _, x0 in (x - sa * x0) / s1 })
        }
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

    @inline(__always)
    func runWith(_ p: StepPointers<T>, _ noise: NoiseSource<T>, _ range: Range<Int>,
                 pred: (T, T) -> T, y: (T, T, T, T) -> T) {
        let a = self.a, b = self.b, lo = clipLow, hi = clipHigh, div = divisor
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
                    stepLoop(n, p.xt + start, p.model + start, UnsafePointer(scaled), p.prev + start,
                             keepsX0 ? p.predX0! + start : x0Scratch,
                             a: a, b: b, std: 1, lo: lo, hi: hi, div: div, pred: pred, y: y)
                }
                return
            }
            forEachNoiseBlock(range, source, forceBlocks: !keepsX0) { start, n, z in
                stepLoop(n, p.xt + start, p.model + start, z, p.prev + start,
                         keepsX0 ? p.predX0! + start : x0Scratch,
                         a: a, b: b, std: std, lo: lo, hi: hi, div: div, pred: pred, y: y)
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
