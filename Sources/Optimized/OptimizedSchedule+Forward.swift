/// The forward process and the conversions between ε, x₀ and v, as elementwise kernels.
///
///     qSample:   xₜ = √ᾱₜ·x₀ + √(1−ᾱₜ)·ε                       (Ho et al. 2020, Eq. 4)
///     velocity:  v  = √ᾱₜ·ε − √(1−ᾱₜ)·x₀                      (Salimans & Ho 2022, §4)
///     x₀ from ε: x̂₀ = (xₜ − √(1−ᾱₜ)·ε̂)/√ᾱₜ                   (refused when ᾱₜ = 0)
///     x₀ from v: x̂₀ = √ᾱₜ·xₜ − √(1−ᾱₜ)·v̂
///     ε from x₀: ε̂ = (xₜ − √ᾱₜ·x̂₀)/√(1−ᾱₜ)
///     ε from v:  ε̂ = √ᾱₜ·v̂ + √(1−ᾱₜ)·xₜ
///
/// Accuracy: each element is the literal formula evaluated once in the element type with the
/// coefficients rounded once (see `OptimizedSchedule`): a few ulps of the largest term.
extension OptimizedSchedule {
    enum ForwardOp {
        case qSample, velocity, x0FromEpsilon, x0FromVelocity, epsilonFromX0, epsilonFromVelocity
    }

    /// `first` and `second` are (x₀, ε) for qSample and velocity, (ε̂ or v̂ or x̂₀, xₜ) for the
    /// conversions, in the order of the public labels.
    func forward<T: KernelScalar>(_ op: ForwardOp, _ first: [T], _ second: [T]?, noise: (seed: UInt64, offset: UInt64)?,
                                  at t: Int, into out: inout [T], execution: Execution,
                                  names: (String, String)) throws(OptimizedError) {
        try checkTimestep(t)
        if let second { try checkLengths([(names.0, first.count), (names.1, second.count)]) }
        let sa = T(sqrtAlphaBars[t]), s1 = T(sqrtOneMinusAlphaBars[t])
        switch op {
        case .qSample:
            runBinary(.combine, p: sa, q: s1, a: first, b: second, noise: noise, into: &out, execution: execution)
        case .velocity:
            runBinary(.velocity, p: sa, q: s1, a: first, b: second, noise: noise, into: &out, execution: execution)
        case .x0FromEpsilon:
            guard alphaBars[t] > 0 else {
                throw OptimizedError(.epsilonPredictionAtZeroAlphaBar,
                                     "expected alphaBar[\(t)] > 0 to recover x0 from epsilon, got 0 (zero terminal SNR needs v or sample prediction)")
            }
            runBinary(.removeScaled, p: sa, q: s1, a: first, b: second, noise: nil, into: &out, execution: execution)
        case .x0FromVelocity:
            // x̂₀ = √ᾱ·xₜ − √(1−ᾱ)·v̂ with (a, b) = (v̂, xₜ).
            runBinary(.x0FromVelocity, p: sa, q: s1, a: first, b: second, noise: nil, into: &out, execution: execution)
        case .epsilonFromX0:
            runBinary(.epsilonFromX0, p: sa, q: s1, a: first, b: second, noise: nil, into: &out, execution: execution)
        case .epsilonFromVelocity:
            // ε̂ = √ᾱ·v̂ + √(1−ᾱ)·xₜ with (a, b) = (v̂, xₜ).
            runBinary(.epsilonFromVelocity, p: sa, q: s1, a: first, b: second, noise: nil, into: &out, execution: execution)
        }
    }
}

extension OptimizedSchedule.ForwardOp {
    /// The name of what the operation returns, for a refusal of its result.
    var resultName: String {
        switch self {
        case .qSample: return "xt"
        case .velocity: return "v"
        case .x0FromEpsilon, .x0FromVelocity: return "x0"
        case .epsilonFromX0, .epsilonFromVelocity: return "epsilon"
        }
    }
}

extension OptimizedSchedule {
    /// The array-returning forms: `forward` into a new array, then the result check
    /// (``checkResult(_:_:inputs:)``) that the `into:` forms skip.
    func checkedForward<T: KernelScalar>(_ op: ForwardOp, _ first: [T], _ second: [T], at t: Int, execution: Execution,
                                         names: (String, String)) throws(OptimizedError) -> [T] {
        var out = [T]()
        try forward(op, first, second, noise: nil, at: t, into: &out, execution: execution, names: names)
        try Self.checkResult(out, op.resultName, inputs: [(names.0, first), (names.1, second)])
        return out
    }
}

// MARK: - Float

extension OptimizedSchedule {
    /// xₜ = √ᾱₜ·x₀ + √(1−ᾱₜ)·ε, elementwise (q(xₜ | x₀), Ho et al. 2020, Eq. 4).
    public func qSample(x0: [Float], noise: [Float], at t: Int, execution: Execution = .default) throws(OptimizedError) -> [Float] {
        try checkedForward(.qSample, x0, noise, at: t, execution: execution, names: ("x0", "noise"))
    }

    /// `qSample` into a caller-owned buffer (resized to the input's length if needed).
    public func qSample(x0: [Float], noise: [Float], at t: Int, into out: inout [Float], execution: Execution = .default) throws(OptimizedError) {
        try forward(.qSample, x0, noise, noise: nil, at: t, into: &out, execution: execution, names: ("x0", "noise"))
    }

    /// `qSample` with ε drawn inside the loop: element i uses normal `noiseOffset + i` of the
    /// Float Gaussian stream of `noiseSeed`.
    public func qSample(x0: [Float], noiseSeed: UInt64, noiseOffset: UInt64 = 0, at t: Int, into out: inout [Float],
                        execution: Execution = .default) throws(OptimizedError) {
        try forward(.qSample, x0, nil as [Float]?, noise: (noiseSeed, noiseOffset), at: t, into: &out, execution: execution, names: ("x0", "noise"))
    }

    /// v = √ᾱₜ·ε − √(1−ᾱₜ)·x₀, elementwise.
    public func velocity(x0: [Float], noise: [Float], at t: Int, execution: Execution = .default) throws(OptimizedError) -> [Float] {
        try checkedForward(.velocity, x0, noise, at: t, execution: execution, names: ("x0", "noise"))
    }

    public func velocity(x0: [Float], noise: [Float], at t: Int, into out: inout [Float], execution: Execution = .default) throws(OptimizedError) {
        try forward(.velocity, x0, noise, noise: nil, at: t, into: &out, execution: execution, names: ("x0", "noise"))
    }

    /// x̂₀ = (xₜ − √(1−ᾱₜ)·ε̂)/√ᾱₜ. Throws `.epsilonPredictionAtZeroAlphaBar` when ᾱₜ = 0.
    public func predictedX0(fromEpsilon epsilon: [Float], xt: [Float], at t: Int, execution: Execution = .default) throws(OptimizedError) -> [Float] {
        try checkedForward(.x0FromEpsilon, epsilon, xt, at: t, execution: execution, names: ("epsilon", "xt"))
    }

    /// x̂₀ = √ᾱₜ·xₜ − √(1−ᾱₜ)·v̂.
    public func predictedX0(fromVelocity velocity: [Float], xt: [Float], at t: Int, execution: Execution = .default) throws(OptimizedError) -> [Float] {
        try checkedForward(.x0FromVelocity, velocity, xt, at: t, execution: execution, names: ("velocity", "xt"))
    }

    /// ε̂ = (xₜ − √ᾱₜ·x̂₀)/√(1−ᾱₜ).
    public func predictedEpsilon(fromX0 x0: [Float], xt: [Float], at t: Int, execution: Execution = .default) throws(OptimizedError) -> [Float] {
        try checkedForward(.epsilonFromX0, x0, xt, at: t, execution: execution, names: ("x0", "xt"))
    }

    /// ε̂ = √ᾱₜ·v̂ + √(1−ᾱₜ)·xₜ.
    public func predictedEpsilon(fromVelocity velocity: [Float], xt: [Float], at t: Int, execution: Execution = .default) throws(OptimizedError) -> [Float] {
        try checkedForward(.epsilonFromVelocity, velocity, xt, at: t, execution: execution, names: ("velocity", "xt"))
    }
}

// MARK: - Double

extension OptimizedSchedule {
    /// xₜ = √ᾱₜ·x₀ + √(1−ᾱₜ)·ε, elementwise.
    public func qSample(x0: [Double], noise: [Double], at t: Int, execution: Execution = .default) throws(OptimizedError) -> [Double] {
        try checkedForward(.qSample, x0, noise, at: t, execution: execution, names: ("x0", "noise"))
    }

    public func qSample(x0: [Double], noise: [Double], at t: Int, into out: inout [Double], execution: Execution = .default) throws(OptimizedError) {
        try forward(.qSample, x0, noise, noise: nil, at: t, into: &out, execution: execution, names: ("x0", "noise"))
    }

    /// `qSample` with ε drawn inside the loop from the Double Gaussian stream.
    public func qSample(x0: [Double], noiseSeed: UInt64, noiseOffset: UInt64 = 0, at t: Int, into out: inout [Double],
                        execution: Execution = .default) throws(OptimizedError) {
        try forward(.qSample, x0, nil as [Double]?, noise: (noiseSeed, noiseOffset), at: t, into: &out, execution: execution, names: ("x0", "noise"))
    }

    public func velocity(x0: [Double], noise: [Double], at t: Int, execution: Execution = .default) throws(OptimizedError) -> [Double] {
        try checkedForward(.velocity, x0, noise, at: t, execution: execution, names: ("x0", "noise"))
    }

    public func velocity(x0: [Double], noise: [Double], at t: Int, into out: inout [Double], execution: Execution = .default) throws(OptimizedError) {
        try forward(.velocity, x0, noise, noise: nil, at: t, into: &out, execution: execution, names: ("x0", "noise"))
    }

    public func predictedX0(fromEpsilon epsilon: [Double], xt: [Double], at t: Int, execution: Execution = .default) throws(OptimizedError) -> [Double] {
        try checkedForward(.x0FromEpsilon, epsilon, xt, at: t, execution: execution, names: ("epsilon", "xt"))
    }

    public func predictedX0(fromVelocity velocity: [Double], xt: [Double], at t: Int, execution: Execution = .default) throws(OptimizedError) -> [Double] {
        try checkedForward(.x0FromVelocity, velocity, xt, at: t, execution: execution, names: ("velocity", "xt"))
    }

    public func predictedEpsilon(fromX0 x0: [Double], xt: [Double], at t: Int, execution: Execution = .default) throws(OptimizedError) -> [Double] {
        try checkedForward(.epsilonFromX0, x0, xt, at: t, execution: execution, names: ("x0", "xt"))
    }

    public func predictedEpsilon(fromVelocity velocity: [Double], xt: [Double], at t: Int, execution: Execution = .default) throws(OptimizedError) -> [Double] {
        try checkedForward(.epsilonFromVelocity, velocity, xt, at: t, execution: execution, names: ("velocity", "xt"))
    }
}

// MARK: - Conversions into caller-owned buffers (Float)

extension OptimizedSchedule {
    /// `predictedX0(fromEpsilon:xt:at:)` into a caller-owned buffer (resized if needed).
    public func predictedX0(fromEpsilon epsilon: [Float], xt: [Float], at t: Int, into out: inout [Float], execution: Execution = .default) throws(OptimizedError) {
        try forward(.x0FromEpsilon, epsilon, xt, noise: nil, at: t, into: &out, execution: execution, names: ("epsilon", "xt"))
    }

    /// `predictedX0(fromVelocity:xt:at:)` into a caller-owned buffer.
    public func predictedX0(fromVelocity velocity: [Float], xt: [Float], at t: Int, into out: inout [Float], execution: Execution = .default) throws(OptimizedError) {
        try forward(.x0FromVelocity, velocity, xt, noise: nil, at: t, into: &out, execution: execution, names: ("velocity", "xt"))
    }

    /// `predictedEpsilon(fromX0:xt:at:)` into a caller-owned buffer.
    public func predictedEpsilon(fromX0 x0: [Float], xt: [Float], at t: Int, into out: inout [Float], execution: Execution = .default) throws(OptimizedError) {
        try forward(.epsilonFromX0, x0, xt, noise: nil, at: t, into: &out, execution: execution, names: ("x0", "xt"))
    }

    /// `predictedEpsilon(fromVelocity:xt:at:)` into a caller-owned buffer.
    public func predictedEpsilon(fromVelocity velocity: [Float], xt: [Float], at t: Int, into out: inout [Float], execution: Execution = .default) throws(OptimizedError) {
        try forward(.epsilonFromVelocity, velocity, xt, noise: nil, at: t, into: &out, execution: execution, names: ("velocity", "xt"))
    }
}

// MARK: - Conversions into caller-owned buffers (Double)

extension OptimizedSchedule {
    /// `predictedX0(fromEpsilon:xt:at:)` into a caller-owned buffer (resized if needed).
    public func predictedX0(fromEpsilon epsilon: [Double], xt: [Double], at t: Int, into out: inout [Double], execution: Execution = .default) throws(OptimizedError) {
        try forward(.x0FromEpsilon, epsilon, xt, noise: nil, at: t, into: &out, execution: execution, names: ("epsilon", "xt"))
    }

    /// `predictedX0(fromVelocity:xt:at:)` into a caller-owned buffer.
    public func predictedX0(fromVelocity velocity: [Double], xt: [Double], at t: Int, into out: inout [Double], execution: Execution = .default) throws(OptimizedError) {
        try forward(.x0FromVelocity, velocity, xt, noise: nil, at: t, into: &out, execution: execution, names: ("velocity", "xt"))
    }

    /// `predictedEpsilon(fromX0:xt:at:)` into a caller-owned buffer.
    public func predictedEpsilon(fromX0 x0: [Double], xt: [Double], at t: Int, into out: inout [Double], execution: Execution = .default) throws(OptimizedError) {
        try forward(.epsilonFromX0, x0, xt, noise: nil, at: t, into: &out, execution: execution, names: ("x0", "xt"))
    }

    /// `predictedEpsilon(fromVelocity:xt:at:)` into a caller-owned buffer.
    public func predictedEpsilon(fromVelocity velocity: [Double], xt: [Double], at t: Int, into out: inout [Double], execution: Execution = .default) throws(OptimizedError) {
        try forward(.epsilonFromVelocity, velocity, xt, noise: nil, at: t, into: &out, execution: execution, names: ("velocity", "xt"))
    }
}
