/// Public DDPM and DDIM step entry points, in Float and in Double.

// MARK: - Float

extension OptimizedSchedule {
    /// One DDPM step from t to `previous` (t − 1 by default; a jump when lower), elementwise.
    ///
    ///     x̂₀ from the prediction type, clipped or thresholded;
    ///     prev = meanCoefX0·x̂₀ + meanCoefXt·xₜ + σ·z   (σ·z only when t > 0)
    ///
    /// See `DDPMOptions` for the variance types and dialects. `predictedVariance` is the model's
    /// extra output, needed for `.learned` and `.learnedRange` only.
    ///
    /// - Throws: `OptimizedError` for a bad t or previous timestep, mismatched lengths, a missing
    ///   predicted variance, ε-prediction where ᾱₜ = 0, or an invalid option.
    public func ddpmStep(xt: [Float], modelOutput: [Float], predictedVariance: [Float]? = nil, noise: StepNoise<Float>,
                         at t: Int, previous: Int? = nil, options: DDPMOptions = DDPMOptions(),
                         execution: Execution = .default) throws(OptimizedError) -> StepOutput<Float> {
        var out = StepOutput<Float>()
        try ddpmStep(xt: xt, modelOutput: modelOutput, predictedVariance: predictedVariance, noise: noise, at: t,
                     previous: previous, options: options, into: &out, execution: execution)
        try Self.checkResult(out, inputs: [("xt", xt), ("modelOutput", modelOutput), ("predictedVariance", predictedVariance ?? []), ("noise", noise.values)])
        return out
    }

    /// `ddpmStep` into caller-owned buffers (resized to the input's length if needed).
    public func ddpmStep(xt: [Float], modelOutput: [Float], predictedVariance: [Float]? = nil, noise: StepNoise<Float>,
                         at t: Int, previous: Int? = nil, options: DDPMOptions = DDPMOptions(),
                         into out: inout StepOutput<Float>, execution: Execution = .default) throws(OptimizedError) {
        let plan: StepPlan<Float> = try ddpmPlan(t: t, s: previous, options: options, hasVariance: predictedVariance != nil)
        try runStep(plan, xt: xt, modelOutput: modelOutput, predictedVariance: predictedVariance, noise: noise,
                    into: &out, execution: execution)
    }

    /// One DDIM step from t to `prevT` (Song et al. 2021, Eq. 12), or DDIM inversion when
    /// `prevT > t`. The noise is used only when η > 0 (and never for inversion).
    ///
    /// - Throws: `OptimizedError` for bad timesteps, mismatched lengths, ε-prediction where
    ///   ᾱₜ = 0, η < 0, or an η so large that 1 − ᾱ_prev − (ησ)² < 0.
    public func ddimStep(xt: [Float], modelOutput: [Float], noise: StepNoise<Float> = .none, at t: Int, prevT: Int,
                         options: DDIMOptions = DDIMOptions(), execution: Execution = .default) throws(OptimizedError) -> StepOutput<Float> {
        var out = StepOutput<Float>()
        try ddimStep(xt: xt, modelOutput: modelOutput, noise: noise, at: t, prevT: prevT, options: options,
                     into: &out, execution: execution)
        try Self.checkResult(out, inputs: [("xt", xt), ("modelOutput", modelOutput), ("noise", noise.values)])
        return out
    }

    /// `ddimStep` into caller-owned buffers.
    public func ddimStep(xt: [Float], modelOutput: [Float], noise: StepNoise<Float> = .none, at t: Int, prevT: Int,
                         options: DDIMOptions = DDIMOptions(), into out: inout StepOutput<Float>,
                         execution: Execution = .default) throws(OptimizedError) {
        let plan: StepPlan<Float> = try ddimPlan(t: t, prevT: prevT, options: options)
        try runStep(plan, xt: xt, modelOutput: modelOutput, predictedVariance: nil, noise: noise,
                    into: &out, execution: execution)
    }
}

// MARK: - Double

extension OptimizedSchedule {
    /// One DDPM step from t to `previous` (t − 1 by default; a jump when lower), elementwise.
    ///
    ///     x̂₀ from the prediction type, clipped or thresholded;
    ///     prev = meanCoefX0·x̂₀ + meanCoefXt·xₜ + σ·z   (σ·z only when t > 0)
    ///
    /// See `DDPMOptions` for the variance types and dialects. `predictedVariance` is the model's
    /// extra output, needed for `.learned` and `.learnedRange` only.
    ///
    /// - Throws: `OptimizedError` for a bad t or previous timestep, mismatched lengths, a missing
    ///   predicted variance, ε-prediction where ᾱₜ = 0, or an invalid option.
    public func ddpmStep(xt: [Double], modelOutput: [Double], predictedVariance: [Double]? = nil, noise: StepNoise<Double>,
                         at t: Int, previous: Int? = nil, options: DDPMOptions = DDPMOptions(),
                         execution: Execution = .default) throws(OptimizedError) -> StepOutput<Double> {
        var out = StepOutput<Double>()
        try ddpmStep(xt: xt, modelOutput: modelOutput, predictedVariance: predictedVariance, noise: noise, at: t,
                     previous: previous, options: options, into: &out, execution: execution)
        try Self.checkResult(out, inputs: [("xt", xt), ("modelOutput", modelOutput), ("predictedVariance", predictedVariance ?? []), ("noise", noise.values)])
        return out
    }

    /// `ddpmStep` into caller-owned buffers (resized to the input's length if needed).
    public func ddpmStep(xt: [Double], modelOutput: [Double], predictedVariance: [Double]? = nil, noise: StepNoise<Double>,
                         at t: Int, previous: Int? = nil, options: DDPMOptions = DDPMOptions(),
                         into out: inout StepOutput<Double>, execution: Execution = .default) throws(OptimizedError) {
        let plan: StepPlan<Double> = try ddpmPlan(t: t, s: previous, options: options, hasVariance: predictedVariance != nil)
        try runStep(plan, xt: xt, modelOutput: modelOutput, predictedVariance: predictedVariance, noise: noise,
                    into: &out, execution: execution)
    }

    /// One DDIM step from t to `prevT` (Song et al. 2021, Eq. 12), or DDIM inversion when
    /// `prevT > t`. The noise is used only when η > 0 (and never for inversion).
    ///
    /// - Throws: `OptimizedError` for bad timesteps, mismatched lengths, ε-prediction where
    ///   ᾱₜ = 0, η < 0, or an η so large that 1 − ᾱ_prev − (ησ)² < 0.
    public func ddimStep(xt: [Double], modelOutput: [Double], noise: StepNoise<Double> = .none, at t: Int, prevT: Int,
                         options: DDIMOptions = DDIMOptions(), execution: Execution = .default) throws(OptimizedError) -> StepOutput<Double> {
        var out = StepOutput<Double>()
        try ddimStep(xt: xt, modelOutput: modelOutput, noise: noise, at: t, prevT: prevT, options: options,
                     into: &out, execution: execution)
        try Self.checkResult(out, inputs: [("xt", xt), ("modelOutput", modelOutput), ("noise", noise.values)])
        return out
    }

    /// `ddimStep` into caller-owned buffers.
    public func ddimStep(xt: [Double], modelOutput: [Double], noise: StepNoise<Double> = .none, at t: Int, prevT: Int,
                         options: DDIMOptions = DDIMOptions(), into out: inout StepOutput<Double>,
                         execution: Execution = .default) throws(OptimizedError) {
        let plan: StepPlan<Double> = try ddimPlan(t: t, prevT: prevT, options: options)
        try runStep(plan, xt: xt, modelOutput: modelOutput, predictedVariance: nil, noise: noise,
                    into: &out, execution: execution)
    }
}
