import ArgumentParser
import CheckerCore
import RandomSources
import Reference

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Run a DDPM or DDIM sampling loop with a chosen random source, to compare with a PyTorch run.",
        discussion: """
            Prints Σ|x| and mean|x| of the sample after every step (--per-step) and at the end, the \
            figures `x.abs().sum()` and `x.abs().mean()` of a PyTorch loop. Defaults are diffusers' \
            scheduler tests: linear β 1e-4…0.02, T = 1000, clip_sample, ε-prediction, the \
            deterministic sample k/768 on a (4, 3, 8, 8) tensor and the dummy model x·t/(t + 1).

            --rng torch --seed N draws the noise exactly as torch.randn after torch.manual_seed(N) \
            on the CPU (one draw of the sample's shape per DDPM step with t > 0, per DDIM step when \
            η > 0, after the initial latents when --start noise), in float32 as the AVX2 kernel of \
            PyTorch's x86-64 Linux wheels computes it (--torch-kernel scalar for AVX-512 CPUs and ARM \
            builds); --rng numpy as numpy.random.randn \
            after numpy.random.seed(N); --rng philox is DiffusionCheck's own counter-based stream. \
            Example, diffusers' DDPMSchedulerTest.test_full_loop_no_noise:
              checker replay --sampler ddpm --rng torch --seed 0
            Exit 0 on success, 2 for bad options or input files.
            """
    )

    @Option(help: "Sampler: ddpm or ddim.", completion: .list(ReplayConfiguration.Sampler.allCases.map(\.rawValue)))
    var sampler: String = "ddpm"

    @Option(help: "Named schedule: linear, scaled_linear, cosine (squaredcos_cap_v2), sigmoid.",
            completion: .list(OptionSpelling.scheduleCompletions))
    var schedule: String = "linear"

    @Option(name: [.customLong("train-steps"), .customLong("train-timesteps")], help: "T, the number of training timesteps.")
    var trainTimesteps: Int = 1000

    @Option(help: "β at t = 0 (linear, scaled_linear, sigmoid).")
    var betaStart: Double = 0.0001

    @Option(help: "β at t = T − 1 (linear, scaled_linear, sigmoid).")
    var betaEnd: Double = 0.02

    @Option(name: [.customLong("inference-steps"), .customLong("steps")], help: "N, the number of sampling steps (default: T for ddpm, 50 for ddim).")
    var steps: Int?

    @Option(help: "Timestep spacing: linspace, leading or trailing.", completion: .list(TimestepSpacing.allSpellings))
    var spacing: String = "leading"

    @Option(help: "steps_offset added to leading timesteps.")
    var stepsOffset: Int = 0

    @Option(help: "Next timestep: stride (t − T div N, as diffusers) or list (the list's next element).",
            completion: .list(ReplayConfiguration.PreviousRule.allCases.map(\.rawValue)))
    var previous: String = "stride"

    @Option(name: [.customLong("prediction-type"), .customLong("prediction")], help: "epsilon, sample or v_prediction.",
            completion: .list(PredictionType.allSpellings))
    var prediction: String = "epsilon"

    @Option(help: "Clamp x̂₀ to [−1, 1] (clip_sample): true or false, as verify-schedule takes it.")
    var clipSample: Bool?

    /// The earlier spelling of `--clip-sample false`.
    @Flag(name: .customLong("no-clip-sample"), help: .hidden)
    var noClipSample = false

    @Option(name: [.customLong("variance-type"), .customLong("variance")], help: "DDPM variance: fixed_small, fixed_small_log, fixed_large or fixed_large_log.",
            completion: .list(VarianceType.allSpellings))
    var variance: String = "fixed_small"

    @Option(help: "DDIM η.")
    var eta: Double = 0

    @Option(help: "DDIM: ᾱ = 1 before the first step (set_alpha_to_one true) or ᾱ₀ (false).")
    var setAlphaToOne: Bool?

    /// The earlier spelling of `--set-alpha-to-one false`.
    @Flag(name: .customLong("no-set-alpha-to-one"), help: .hidden)
    var noSetAlphaToOne = false

    @Option(help: "Tensor shape, batch first; noise is drawn in its row-major order.")
    var shape: String = "4,3,8,8"

    @Option(help: "Initial sample: fixture (diffusers' deterministic sample) or noise (a first draw of the random source).",
            completion: .list(["fixture", "noise"]))
    var start: String = "fixture"

    @Option(name: .customLong("sample"), help: "Initial sample from a JSON array (nested arrays are read row-major; - reads standard input); overrides --start.",
            completion: .file(extensions: ["json"]))
    var sampleFile: String?

    @Option(help: "diffusers' t_start: add the fixture noise at timesteps[k] and run timesteps[k...].")
    var startIndex: Int?

    @Option(help: "Recorded model outputs: a JSON array with one array per step (default: the dummy model; - reads standard input).",
            completion: .file(extensions: ["json"]))
    var modelOutputs: String?

    @Option(help: "Random source: philox, torch or numpy.", completion: .list(RandomSourceKind.allCases.map(\.rawValue)))
    var rng: String = "philox"

    @Option(help: "PyTorch's float32 normal kernel to match with --rng torch: avx2 (x86-64 wheels on CPUs with AVX2 but not AVX-512; the default) or scalar (AVX-512 CPUs, PyTorch's DEFAULT capability, ARM and Apple silicon; bit-exact on the same C library).",
            completion: .list(TorchNormalKernel.allCases.map(\.rawValue)))
    var torchKernel: String = "avx2"

    @Option(help: "Seed of the random source.")
    var seed: UInt64 = 0

    @Option(help: "Implementation: reference (literal) or optimized (SIMD, multi-core).",
            completion: .list(ReplayConfiguration.Implementation.allCases.map(\.rawValue)))
    var implementation: String = "reference"

    @Option(help: "Arithmetic: float32 or float64.", completion: .list(ReplayConfiguration.Precision.allCases.map(\.rawValue)))
    var precision: String = "float32"

    @Option(help: "dtype of the drawn noise: float32 or float64 (default: --precision).",
            completion: .list(ReplayConfiguration.Precision.allCases.map(\.rawValue)))
    var noisePrecision: String?

    @Flag(help: "Print Σ|x| and mean|x| after every step.")
    var perStep = false

    @Option(help: "Output: text or json.")
    var format: SummaryFormat = .text

    func validate() throws {
        if clipSample != nil && noClipSample {
            throw ValidationError("--clip-sample and --no-clip-sample are both given; expected one")
        }
        if setAlphaToOne != nil && noSetAlphaToOne {
            throw ValidationError("--set-alpha-to-one and --no-set-alpha-to-one are both given; expected one")
        }
        if sampleFile.map(StandardInput.isStandardInput) == true && modelOutputs.map(StandardInput.isStandardInput) == true {
            throw ValidationError("- (standard input) is given to both --sample and --model-outputs; expected it at most once")
        }
    }

    func run() throws {
        let result: ReplayResult
        do throws(ReplayError) {
            result = try ReplayRunner.run(try makeConfiguration())
        } catch {
            printError(error.errorLine.description)
            throw ExitCode(2)
        }
        switch format {
        case .text: print(result.text(perStep: perStep))
        case .json: print(result.json)
        }
    }

    func makeConfiguration() throws(ReplayError) -> ReplayConfiguration {
        var c = ReplayConfiguration()
        c.sampler = try ReplayConfiguration.parseOption(sampler, name: "--sampler", as: ReplayConfiguration.Sampler.self)
        c.schedule = try ReplayConfiguration.parseSchedule(schedule, timesteps: trainTimesteps, betaStart: betaStart, betaEnd: betaEnd)
        c.inferenceSteps = steps
        c.spacing = try ReplayConfiguration.parseOption(spacing, name: "--spacing", as: TimestepSpacing.self)
        c.stepsOffset = stepsOffset
        c.previousRule = try ReplayConfiguration.parseOption(previous, name: "--previous", as: ReplayConfiguration.PreviousRule.self)
        c.predictionType = try ReplayConfiguration.parseOption(prediction, name: "--prediction-type", as: PredictionType.self)
        c.clipSample = clipSample ?? !noClipSample
        c.varianceType = try ReplayConfiguration.parseOption(variance, name: "--variance-type", as: VarianceType.self)
        c.eta = eta
        c.setAlphaToOne = setAlphaToOne ?? !noSetAlphaToOne
        c.shape = try ReplayConfiguration.parseShape(shape)
        if let sampleFile {
            c.start = .values(try ReplayInput.loadValues(path: sampleFile))
        } else {
            switch start {
            case "fixture": c.start = .fixture
            case "noise": c.start = .noise
            default: throw .invalidOption(name: "--start", value: start, expected: "fixture or noise (or --sample FILE)")
            }
        }
        c.startIndex = startIndex
        if let modelOutputs {
            c.model = .recorded(try ReplayInput.loadModelOutputs(path: modelOutputs))
        }
        c.rng = try ReplayConfiguration.parseRandomSource(rng)
        c.seed = seed
        c.torchKernel = try ReplayConfiguration.parseOption(torchKernel, name: "--torch-kernel", as: TorchNormalKernel.self)
        c.precision = try ReplayConfiguration.parseOption(precision, name: "--precision", as: ReplayConfiguration.Precision.self)
        c.implementation = try ReplayConfiguration.parseOption(implementation, name: "--implementation", as: ReplayConfiguration.Implementation.self)
        if let noisePrecision {
            c.noisePrecision = try ReplayConfiguration.parseOption(noisePrecision, name: "--noise-precision", as: ReplayConfiguration.Precision.self)
        }
        return c
    }
}
