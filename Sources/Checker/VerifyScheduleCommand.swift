import ArgumentParser
import CheckerCore
import Foundation
import Reference
import ScheduleCheck

struct VerifyScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-schedule",
        abstract: "Find what is wrong with a noise schedule or a diffusers scheduler config.",
        discussion: """
            Give a named schedule (--schedule with its parameters), a scheduler_config.json or a model \
            folder with model_index.json (--config), an explicit β or ᾱ array (--betas/--alpha-bars: \
            .npy, .json, .csv or one number per line), or an array together with a schedule to compare \
            them. - reads a config or an array from standard input (one of them). A config is read as the diffusers class it names (--list-classes), with that class's \
            defaults, keys, timesteps and σ ladder; a config that names no modelled class is refused. \
            Add --inference-steps N to check the sampling timesteps and σ ladder.

            Exit status: 0 clean, 1 a finding at or above --fail-on (or --compare finds a difference), \
            2 bad input. Timestep indices are 0-based. --explain CODE describes a check.
            """
    )

    @Option(help: "Named schedule: linear, scaled_linear, cosine (squaredcos_cap_v2), sigmoid.",
            completion: .list(OptionSpelling.scheduleCompletions))
    var schedule: String?
    @Option(name: .customLong("train-steps"), help: "T, the number of training timesteps (default 1000).")
    var trainSteps: Int?
    @Option(help: "β at t = 0 (default: linear and sigmoid 0.0001, scaled_linear 0.00085).")
    var betaStart: Double?
    @Option(help: "β at t = T − 1 (default: linear and sigmoid 0.02, scaled_linear 0.012).")
    var betaEnd: Double?
    @Option(help: "s of the cosine schedule (default 0.008).")
    var cosineS: Double?
    @Option(help: "The cap of the cosine schedule's β (default 0.999).")
    var maxBeta: Double?
    @Flag(name: .customLong("rescale-zero-snr"), help: "Rescale to zero terminal SNR (Lin et al. 2023).")
    var rescaleZeroSNR = false
    @Flag(help: "Scale linear β by 1000/T, as improved-diffusion does.")
    var improvedDiffusionScaling = false
    @Option(help: "A diffusers scheduler_config.json, a model folder (model_index.json with scheduler/), or - for standard input.",
            completion: .file(extensions: ["json"]))
    var config: String?
    @Option(help: "An explicit β array (.npy, .json, .csv, or one number per line; - for standard input).",
            completion: .file(extensions: ["npy", "json", "csv", "txt"]))
    var betas: String?
    @Option(help: "An explicit ᾱ (alphas_cumprod) array.", completion: .file(extensions: ["npy", "json", "csv", "txt"]))
    var alphaBars: String?
    @Option(help: "The β of a respaced N-step schedule, checked against the effective β 1 − ᾱₜ/ᾱ_prev of each jump.",
            completion: .file(extensions: ["npy", "json", "csv", "txt"]))
    var respacedBetas: String?
    @Option(help: "N, the number of sampling steps: checks the sampling timesteps.")
    var inferenceSteps: Int?
    @Option(help: "Timestep spacing: linspace, leading, trailing (default: the config's, else leading).",
            completion: .list(TimestepSpacing.allSpellings))
    var spacing: String?
    @Option(help: "steps_offset added to leading timesteps.")
    var stepsOffset: Int?
    @Option(help: "An explicit descending list of sampling timesteps, comma-separated.")
    var timesteps: String?
    @Option(help: "epsilon, sample or v_prediction (default: the config's, else epsilon).",
            completion: .list(PredictionType.allSpellings))
    var predictionType: String?
    @Option(help: "fixed_small, fixed_small_log, fixed_large, fixed_large_log, learned, learned_range.",
            completion: .list(VarianceType.allSpellings))
    var varianceType: String?
    @Option(help: "Clamp x̂₀ to [−1, 1]: true or false.")
    var clipSample: Bool?
    @Option(help: "DDIM's final ᾱ_prev = 1 (true) or ᾱ₀ (false).")
    var setAlphaToOne: Bool?
    @Option(help: "Whether the model works in a latent space: true or false (default: a model folder's vae, else the class or scaled_linear; stated in the report).")
    var latent: Bool?
    @Option(help: "The scheduler class (DDIMScheduler, EulerDiscreteScheduler, …): names the class when the config does not, or replaces it; its defaults apply. --list-classes shows them.",
            completion: .list(SchedulerModel.all.map(\.name)))
    var scheduler: String?
    @Option(help: "The precision the pipeline holds the schedule in: float16, float32 (default), float64.",
            completion: .list(["float16", "float32", "float64"]))
    var precision: String?
    @Option(help: "Output: text, json, sarif, github.", completion: .list(ReportFormat.allCases.map(\.rawValue)))
    var format: String = "text"
    @Option(help: "Exit 1 when a finding is at least: note, warning, error.", completion: .list(Severity.allCases.map(\.rawValue)))
    var failOn: String = "error"
    @Option(help: "Write β, ᾱ and log-SNR against t to this SVG file.", completion: .file(extensions: ["svg"]))
    var plot: String?
    @Option(parsing: .upToNextOption, help: "Compare two schedules: configs, array files (- for one of them on standard input) or NAME[:START:END][:T][+zero-snr].")
    var compare: [String] = []
    @Option(help: "Explain a check (code or slug) and exit.",
            completion: .list(ScheduleRules.all.map(\.code) + ScheduleCheckError.catalogue.map(\.code)))
    var explain: String?
    @Flag(help: "List the checks and exit.")
    var listRules = false
    @Flag(help: "List the modelled scheduler classes and exit.")
    var listClasses = false
    @Flag(help: "Also list the checks that do not apply to this input.")
    var verbose = false
    @Flag(name: .customLong("exit-zero"), help: "Exit 0 even when there are findings (bad input still exits 2).")
    var exitZero = false

    func validate() throws {
        guard ReportFormat(rawValue: format) != nil else {
            throw ValidationError("--format \(format): expected text, json, sarif or github")
        }
        guard Severity(rawValue: failOn) != nil else {
            throw ValidationError("--fail-on \(failOn): expected note, warning or error")
        }
        // Standard input is read once: one of the files may be `-`, not two (a --compare side
        // may carry an `alpha-bars:` or `betas:` prefix before the `-`).
        let compared = compare.map { side in
            ["alpha-bars:", "betas:"].first(where: side.hasPrefix).map { String(side.dropFirst($0.count)) } ?? side
        }
        let fromStandardInput = ([config, betas, alphaBars, respacedBetas].compactMap { $0 } + compared).filter(StandardInput.isStandardInput)
        if fromStandardInput.count > 1 {
            throw ValidationError("- (standard input) is given to more than one of --config, --betas, --alpha-bars, --respaced-betas, --compare; expected it at most once")
        }
    }

    func run() throws {
        if listRules {
            print(ScheduleCommand.ruleList())
            return
        }
        if listClasses {
            print(ScheduleCommand.classList())
            return
        }
        if let explain {
            guard let text = ScheduleCommand.explain(explain) else {
                printError(ErrorLine(message: "--explain \(explain): no such check; expected a code or slug that --list-rules lists", code: "VS008").description)
                throw ExitCode(2)
            }
            print(text)
            return
        }
        let reportFormat = ReportFormat(rawValue: format) ?? .text
        let threshold = Severity(rawValue: failOn) ?? .error
        var request = ScheduleRequest()
        request.scheduleName = schedule
        request.trainSteps = trainSteps
        request.betaStart = betaStart
        request.betaEnd = betaEnd
        request.cosineS = cosineS
        request.maxBeta = maxBeta
        request.rescaleZeroSNR = rescaleZeroSNR
        request.improvedDiffusionScaling = improvedDiffusionScaling
        request.configPath = config
        request.betasPath = betas
        request.alphaBarsPath = alphaBars
        request.respacedBetasPath = respacedBetas
        request.inferenceSteps = inferenceSteps
        request.spacing = spacing
        request.stepsOffset = stepsOffset
        request.timesteps = timesteps
        request.predictionType = predictionType
        request.varianceType = varianceType
        request.clipSample = clipSample
        request.setAlphaToOne = setAlphaToOne
        request.latent = latent
        request.schedulerClass = scheduler
        request.precision = precision
        let result = ScheduleCommand.run(request, format: reportFormat, failOn: threshold, plotPath: plot, compare: compare, verbose: verbose)
        if !result.output.isEmpty { print(result.output) }
        if !result.errorOutput.isEmpty { FileHandle.standardError.write(Data((result.errorOutput + "\n").utf8)) }
        let status = exitZero && result.exitCode == 1 ? 0 : result.exitCode
        if status != 0 { throw ExitCode(status) }
    }
}
