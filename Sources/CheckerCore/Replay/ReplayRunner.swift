import RandomSources
import Reference

/// One step of a replayed loop and the sample it produced.
public struct ReplayStep: Sendable, Equatable {
    /// 1-based position in the loop.
    public var number: Int
    /// The timestep t of the step and the one it goes to.
    public var timestep: Int
    public var previous: Int
    /// Whether the step drew noise from the random source.
    public var drewNoise: Bool
    /// Σ|x| and mean|x| of the sample after the step (`torch.sum(torch.abs(x))`, `torch.mean(…)`),
    /// summed in Double.
    public var sumAbs: Double
    public var meanAbs: Double
}

/// The outcome of a replay.
public struct ReplayResult: Sendable {
    public var configuration: ReplayConfiguration
    /// Every step, in order.
    public var steps: [ReplayStep]
    /// The final sample, row-major in the shape.
    public var finalSample: [Double]
    public var sumAbs: Double
    public var meanAbs: Double
}

/// Runs a DDPM or DDIM sampling loop through Reference, drawing noise from a chosen random
/// source, so that its figures can be compared step by step with a PyTorch run.
///
/// Draw order, as diffusers draws it: the initial latents first (``ReplayConfiguration/Start/noise``),
/// then one draw of the sample's size per DDPM step with t > 0 (`randn_tensor(model_output.shape)`),
/// or per DDIM step when η > 0.
public enum ReplayRunner {
    public static func run(_ configuration: ReplayConfiguration) throws(ReplayError) -> ReplayResult {
        switch (configuration.implementation, configuration.precision) {
        case (.reference, .float32):
            try loop(configuration, ReferenceReplayStepper(schedule: makeSchedule(configuration, Float.self), configuration: configuration))
        case (.reference, .float64):
            try loop(configuration, ReferenceReplayStepper(schedule: makeSchedule(configuration, Double.self), configuration: configuration))
        case (.optimized, .float32):
            try loop(configuration, OptimizedReplayStepper<Float>(configuration, betas: makeSchedule(configuration, Float.self).betas.map(Double.init)))
        case (.optimized, .float64):
            try loop(configuration, OptimizedReplayStepper<Double>(configuration, betas: makeSchedule(configuration, Double.self).betas))
        }
    }

    static func makeSchedule<Scalar>(_ c: ReplayConfiguration, _: Scalar.Type) throws(ReplayError) -> NoiseSchedule<Scalar>
    where NoiseSchedule<Scalar>: Sendable {
        do {
            return try c.schedule.make(Scalar.self)
        } catch {
            throw .reference(error)
        }
    }

    static func loop<Stepper: ReplayStepper>(_ c: ReplayConfiguration, _ stepper: Stepper) throws(ReplayError) -> ReplayResult {
        let n = c.count
        guard !c.shape.isEmpty, c.shape.allSatisfy({ $0 >= 1 }) else {
            throw .invalidShape(c.shape.map(String.init).joined(separator: ","))
        }
        if c.varianceType == .learned || c.varianceType == .learnedRange {
            throw .invalidOption(name: "variance type", value: c.varianceType.rawValue, expected: "a fixed variance type (the replay has no variance output)")
        }
        var timesteps = try c.timesteps()
        let stride = c.schedule.timesteps / timesteps.count
        var source: any GaussianSource
        do {
            source = try c.rng.makeSource(seed: c.seed, torchFloatKernel: c.torchKernel)
        } catch {
            throw .randomSource(error)
        }
        let noisePrecision = c.noisePrecision ?? c.precision
        func draw() throws(ReplayError) -> [Stepper.Scalar] {
            do {
                switch noisePrecision {
                case .float32: return try source.nextGaussianFloats(count: n).map { Stepper.Scalar($0) }
                case .float64: return try source.nextGaussianDoubles(count: n).map { Stepper.Scalar($0) }
                }
            } catch {
                throw .randomSource(error)
            }
        }

        var x: [Stepper.Scalar]
        switch c.start {
        case .fixture:
            x = ReplayFixture.sample(shape: c.shape).map { Stepper.Scalar($0) }
        case .noise:
            x = try draw()
        case .values(let values):
            guard values.count == n else { throw .lengthMismatch(what: "the initial sample", expected: n, actual: values.count) }
            x = values.map { Stepper.Scalar($0) }
        }
        if let k = c.startIndex {
            guard k >= 0, k < timesteps.count else { throw .startIndexOutOfRange(index: k, count: timesteps.count) }
            timesteps = Array(timesteps[k...])
            let noise = ReplayFixture.noise(shape: c.shape).map { Stepper.Scalar($0) }
            x = try stepper.addNoise(x, noise: noise, at: timesteps[0])
        }
        if case .recorded(let outputs) = c.model {
            guard outputs.count == timesteps.count else { throw .stepCountMismatch(expected: timesteps.count, actual: outputs.count) }
            for output in outputs where output.count != n {
                throw .lengthMismatch(what: "a recorded model output", expected: n, actual: output.count)
            }
        }

        let zeros = [Stepper.Scalar](repeating: 0, count: n)
        var steps: [ReplayStep] = []
        for (i, t) in timesteps.enumerated() {
            let previous: Int = switch c.previousRule {
            case .stride: t - stride
            case .list: i + 1 < timesteps.count ? timesteps[i + 1] : -1
            }
            let output: [Stepper.Scalar] = switch c.model {
            case .dummy: dummyModel(x, t)
            case .recorded(let outputs): outputs[i].map { Stepper.Scalar($0) }
            }
            let drew: Bool
            switch c.sampler {
            case .ddpm:
                drew = t > 0
                x = try stepper.ddpmStep(x, modelOutput: output, noise: drew ? try draw() : zeros, at: t, previous: previous)
            case .ddim:
                drew = c.eta > 0
                x = try stepper.ddimStep(x, modelOutput: output, noise: drew ? try draw() : nil, at: t, previous: previous)
            }
            let (sum, mean) = absoluteSumAndMean(x)
            steps.append(ReplayStep(number: i + 1, timestep: t, previous: previous, drewNoise: drew, sumAbs: sum, meanAbs: mean))
        }
        let (sum, mean) = absoluteSumAndMean(x)
        return ReplayResult(configuration: c, steps: steps, finalSample: x.map { Double($0) }, sumAbs: sum, meanAbs: mean)
    }

    /// diffusers' `dummy_model`: `sample * t / (t + 1)`, the product rounded before the quotient.
    static func dummyModel<Scalar: BinaryFloatingPoint>(_ x: [Scalar], _ t: Int) -> [Scalar] {
        let time = Scalar(t)
        let next = Scalar(t + 1)
        return x.map { $0 * time / next }
    }

    static func absoluteSumAndMean<Scalar: BinaryFloatingPoint>(_ x: [Scalar]) -> (Double, Double) {
        let sum = x.reduce(0.0) { $0 + Double(abs($1)) }
        return (sum, x.isEmpty ? 0 : sum / Double(x.count))
    }
}
