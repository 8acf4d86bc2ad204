import RandomSources

/// A scheduler configuration of the peer's tests (`get_scheduler_config` plus a row's overrides).
struct PeerScheduler: Sendable, Equatable {
    enum Prediction: String, Sendable { case epsilon, vPrediction }

    /// `num_train_timesteps`.
    var trainingSteps = 1000
    /// `beta_start`, `beta_end` of the linear schedule (`torch.linspace` in float32).
    var betaStart = 0.0001
    var betaEnd = 0.02
    var prediction = Prediction.epsilon
    /// `clip_sample`, with `clip_sample_range` 1.
    var clipSample = true
    /// DDIM's `set_alpha_to_one`.
    var setAlphaToOne = true

    /// The linear betas in `Scalar`, as NumPy's `linspace` computes them: β[i] = i·δ + start with
    /// δ = (end − start)/(T − 1), and β[T − 1] = end. (The peer's `torch.linspace` computes the
    /// upper half from the end; the two differ by an ulp in some entries, far below the rows'
    /// tolerances.) For implementations that take their betas as given.
    func betas<Scalar: BinaryFloatingPoint>(_: Scalar.Type) -> [Scalar] {
        let start = Scalar(betaStart), end = Scalar(betaEnd)
        guard trainingSteps > 1 else { return [start] }
        let step = (end - start) / Scalar(trainingSteps - 1)
        var betas = (0..<trainingSteps).map { Scalar($0) * step + start }
        betas[trainingSteps - 1] = end
        return betas
    }
}

/// What the peer's loops ask of a scheduler, in one precision: `add_noise` and the two `step`s.
/// Implemented once over Reference and once over Optimized.
protocol PeerKernels {
    associatedtype Scalar: BinaryFloatingPoint & Sendable
    init(_ config: PeerScheduler) throws
    /// `add_noise(x0, noise, t)`: √ᾱₜ·x₀ + √(1 − ᾱₜ)·ε.
    func addNoise(_ x0: [Scalar], noise: [Scalar], at t: Int) throws -> [Scalar]
    /// `DDIMScheduler.step(model_output, t, x, eta=0)` to the timestep `previous` (< 0: before
    /// the start, ᾱ by `set_alpha_to_one`).
    func ddimStep(_ x: [Scalar], modelOutput: [Scalar], at t: Int, previous: Int) throws -> [Scalar]
    /// `DDPMScheduler.step(model_output, t, x)` to t − 1, fixed_small variance; `noise` is read
    /// only when t > 0.
    func ddpmStep(_ x: [Scalar], modelOutput: [Scalar], noise: [Scalar], at t: Int) throws -> [Scalar]
}

/// One loop of the peer's tests.
struct PeerScenario: Sendable, Equatable {
    enum Sampler: String, Sendable { case ddim, ddpm }

    var sampler: Sampler
    var scheduler = PeerScheduler()
    /// `nil`: the full loop from `sample`. k: the peer's `t_start`, an index into the timestep
    /// list: x = add_noise(sample, noise, timesteps[k]), then the steps timesteps[k...].
    var startIndex: Int?

    /// DDIM: `num_inference_steps = 10`; DDPM runs every training timestep.
    static let ddimInferenceSteps = 10

    /// The timesteps the peer's loop visits, before `startIndex` is applied.
    /// DDIM, leading spacing: `arange(N) * (T // N)` reversed (900, 800, …, 0); DDPM:
    /// `arange(T)` reversed.
    var timesteps: [Int] {
        switch sampler {
        case .ddim:
            let stride = scheduler.trainingSteps / Self.ddimInferenceSteps
            return (0..<Self.ddimInferenceSteps).reversed().map { $0 * stride }
        case .ddpm:
            return Array((0..<scheduler.trainingSteps).reversed())
        }
    }

    /// diffusers' DDIM goes from t to t − T div N, a fixed stride (for leading spacing it is the
    /// next element of the list, and below 0 after the last).
    var ddimStride: Int { scheduler.trainingSteps / Self.ddimInferenceSteps }
}

/// A scenario with the knobs that the planted failures turn.
struct PeerRun: Sendable {
    /// How the 768 values of one `randn` are put on the (4, 3, 8, 8) tensor.
    enum RandomLayout: Sendable {
        /// As the peer draws them: `randn(4, 3, 8, 8)`, row-major.
        case drawnInShape
        /// A planted mistake: drawn as (3, 8, 8, 4) and transposed like the fixture.
        case drawnChannelsFirstThenTransposed
    }

    var scenario: PeerScenario
    /// `torch.manual_seed(seed)` before the loop (the peer: 0).
    var seed: UInt64 = 0
    /// The layout of the fixture noise of `add_noise` (the sample is always transposed).
    var noiseLayout = DiffusersFixture.Layout.transposed
    var randomLayout = RandomLayout.drawnInShape

    init(_ scenario: PeerScenario, seed: UInt64 = 0) {
        self.scenario = scenario
        self.seed = seed
    }
}

/// The peer's loops, written once over ``PeerKernels``.
enum PeerLoop {
    /// Runs the loop and returns the final sample.
    ///
    /// DDPM noise: a fresh `TorchGenerator(seed:)` (`torch.manual_seed(seed)`), one float32
    /// `randn` of 768 values per step with t > 0, in step order, as diffusers' `randn_tensor` of
    /// the model output's shape draws it. A Double loop uses those same float32 values, widened:
    /// it replays the peer's noise, not a float64 stream.
    static func finalSample<K: PeerKernels>(_ run: PeerRun, _ kernels: K) throws -> [K.Scalar] {
        let scenario = run.scenario
        var timesteps = scenario.timesteps
        var x = DiffusersFixture.sample(K.Scalar.self)
        if let start = scenario.startIndex {
            timesteps = Array(timesteps[start...])
            let noise = DiffusersFixture.noise(K.Scalar.self, layout: run.noiseLayout)
            x = try kernels.addNoise(x, noise: noise, at: timesteps[0])
        }
        switch scenario.sampler {
        case .ddim:
            for t in timesteps {
                let output = DiffusersFixture.model(x, t)
                x = try kernels.ddimStep(x, modelOutput: output, at: t, previous: t - scenario.ddimStride)
            }
        case .ddpm:
            var generator = TorchGenerator(seed: run.seed)
            let zeros = [K.Scalar](repeating: 0, count: x.count)
            for t in timesteps {
                let output = DiffusersFixture.model(x, t)
                var noise = zeros
                if t > 0 {
                    let drawn = try generator.randn(count: x.count).map { K.Scalar($0) }
                    switch run.randomLayout {
                    case .drawnInShape:
                        noise = drawn
                    case .drawnChannelsFirstThenTransposed:
                        noise = permuted(drawn, shape: DiffusersFixture.storedShape, permutation: DiffusersFixture.permutation)
                    }
                }
                x = try kernels.ddpmStep(x, modelOutput: output, noise: noise, at: t)
            }
        }
        return x
    }

    /// Σ|x| and mean|x| of ``finalSample(_:_:)``.
    static func summary<K: PeerKernels>(_ run: PeerRun, _ kernels: K) throws -> SampleSummary {
        SampleSummary(try finalSample(run, kernels))
    }
}
