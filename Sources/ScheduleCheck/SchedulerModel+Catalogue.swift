/// The diffusers scheduler classes `verify-schedule` models, with the defaults and keys of each
/// class's constructor (diffusers' scheduler sources).
extension SchedulerModel {
    static let betaKeys: Set<String> = ["num_train_timesteps", "beta_start", "beta_end", "beta_schedule", "trained_betas"]
    static let thresholdKeys: Set<String> = ["thresholding", "dynamic_thresholding_ratio", "sample_max_value"]
    static let sigmaFlagKeys: Set<String> = ["use_karras_sigmas", "use_exponential_sigmas", "use_beta_sigmas"]
    static let threeSchedules: Set<String> = ["linear", "scaled_linear", "squaredcos_cap_v2"]
    static let threeSpacings: Set<String> = ["linspace", "leading", "trailing"]
    static let basicPredictions: Set<String> = ["epsilon", "sample", "v_prediction"]
    static let flowPredictions: Set<String> = ["epsilon", "sample", "v_prediction", "flow_prediction"]

    /// Defaults shared by the classes whose constructor starts like DDPM's.
    static func betaDefaults(start: Double = 0.0001, end: Double = 0.02, schedule: String = "linear",
                             spacing: String?, extra: [String: DefaultValue] = [:]) -> [String: DefaultValue] {
        var d: [String: DefaultValue] = [
            "num_train_timesteps": .number(1000), "beta_start": .number(start), "beta_end": .number(end),
            "beta_schedule": .string(schedule), "prediction_type": .string("epsilon"), "steps_offset": .number(0),
        ]
        if let spacing { d["timestep_spacing"] = .string(spacing) }
        d.merge(extra) { _, new in new }
        return d
    }

    static let ddpm = SchedulerModel(
        name: "DDPMScheduler", aliases: ["DDPMParallelScheduler", "FlaxDDPMScheduler"],
        ladder: .discreteBetas, timestepRule: .spacing, stepping: .followsList,
        keys: betaKeys.union(thresholdKeys).union(["variance_type", "clip_sample", "prediction_type", "clip_sample_range",
                                                   "timestep_spacing", "steps_offset", "rescale_betas_zero_snr"]),
        betaSchedules: threeSchedules.union(["sigmoid", "laplace"]), spacings: threeSpacings, predictionTypes: basicPredictions,
        defaults: betaDefaults(spacing: "leading", extra: ["variance_type": .string("fixed_small"), "clip_sample": .bool(true), "thresholding": .bool(false)]),
        usesSigmas: false, patchesZeroSNR: false, latentByDefault: false)

    static let ddim = SchedulerModel(
        name: "DDIMScheduler", aliases: ["DDIMParallelScheduler", "FlaxDDIMScheduler"],
        ladder: .discreteBetas, timestepRule: .spacing, stepping: .fixedStride,
        keys: betaKeys.union(thresholdKeys).union(["clip_sample", "set_alpha_to_one", "steps_offset", "prediction_type",
                                                   "clip_sample_range", "timestep_spacing", "rescale_betas_zero_snr"]),
        betaSchedules: threeSchedules, spacings: threeSpacings, predictionTypes: basicPredictions,
        defaults: betaDefaults(spacing: "leading", extra: ["clip_sample": .bool(true), "set_alpha_to_one": .bool(true), "thresholding": .bool(false)]),
        usesSigmas: false, patchesZeroSNR: false, latentByDefault: false)

    static let ddimInverse = SchedulerModel(
        name: "DDIMInverseScheduler", aliases: [],
        ladder: .discreteBetas, timestepRule: .inverse, stepping: .fixedStride,
        keys: betaKeys.union(["clip_sample", "set_alpha_to_one", "steps_offset", "prediction_type", "clip_sample_range",
                              "timestep_spacing", "rescale_betas_zero_snr"]),
        betaSchedules: threeSchedules, spacings: ["leading", "trailing"], predictionTypes: basicPredictions,
        defaults: betaDefaults(spacing: "leading", extra: ["clip_sample": .bool(true), "set_alpha_to_one": .bool(true)]),
        usesSigmas: false, patchesZeroSNR: false, latentByDefault: false)

    static let pndm = SchedulerModel(
        name: "PNDMScheduler", aliases: ["FlaxPNDMScheduler"],
        ladder: .discreteBetas, timestepRule: .pndm, stepping: .fixedStride,
        keys: betaKeys.union(["skip_prk_steps", "set_alpha_to_one", "prediction_type", "timestep_spacing", "steps_offset"]),
        betaSchedules: threeSchedules, spacings: threeSpacings, predictionTypes: ["epsilon", "v_prediction"],
        defaults: betaDefaults(spacing: "leading", extra: ["skip_prk_steps": .bool(false), "set_alpha_to_one": .bool(false)]),
        usesSigmas: false, patchesZeroSNR: false, latentByDefault: false)

    static let euler = SchedulerModel(
        name: "EulerDiscreteScheduler", aliases: ["FlaxEulerDiscreteScheduler"],
        ladder: .discreteBetas, timestepRule: .sigmaInterpolated, stepping: .followsList,
        keys: betaKeys.union(sigmaFlagKeys).union(["prediction_type", "interpolation_type", "sigma_min", "sigma_max", "timestep_spacing",
                                                   "timestep_type", "steps_offset", "rescale_betas_zero_snr", "final_sigmas_type"]),
        betaSchedules: threeSchedules, spacings: threeSpacings, predictionTypes: basicPredictions,
        defaults: betaDefaults(spacing: "linspace", extra: ["interpolation_type": .string("linear"), "timestep_type": .string("discrete"),
                                                            "final_sigmas_type": .string("zero"), "use_karras_sigmas": .bool(false)]),
        usesSigmas: true, patchesZeroSNR: true, latentByDefault: false)

    static let eulerAncestral = SchedulerModel(
        name: "EulerAncestralDiscreteScheduler", aliases: [],
        ladder: .discreteBetas, timestepRule: .sigmaInterpolated, stepping: .followsList,
        keys: betaKeys.union(["prediction_type", "timestep_spacing", "steps_offset", "rescale_betas_zero_snr"]),
        betaSchedules: threeSchedules, spacings: threeSpacings, predictionTypes: basicPredictions,
        defaults: betaDefaults(spacing: "linspace"),
        usesSigmas: true, patchesZeroSNR: true, latentByDefault: false)

    static let heun = SchedulerModel(
        name: "HeunDiscreteScheduler", aliases: [],
        ladder: .discreteBetas, timestepRule: .sigmaInterpolated, stepping: .followsList,
        keys: betaKeys.union(sigmaFlagKeys).union(["prediction_type", "clip_sample", "clip_sample_range", "timestep_spacing", "steps_offset"]),
        betaSchedules: threeSchedules.union(["exp"]), spacings: threeSpacings, predictionTypes: basicPredictions,
        defaults: betaDefaults(start: 0.00085, end: 0.012, spacing: "linspace", extra: ["clip_sample": .bool(false), "use_karras_sigmas": .bool(false)]),
        usesSigmas: true, patchesZeroSNR: false, latentByDefault: false)

    static let lms = SchedulerModel(
        name: "LMSDiscreteScheduler", aliases: ["FlaxLMSDiscreteScheduler"],
        ladder: .discreteBetas, timestepRule: .sigmaInterpolated, stepping: .followsList,
        keys: betaKeys.union(sigmaFlagKeys).union(["prediction_type", "timestep_spacing", "steps_offset"]),
        betaSchedules: threeSchedules, spacings: threeSpacings, predictionTypes: basicPredictions,
        defaults: betaDefaults(spacing: "linspace", extra: ["use_karras_sigmas": .bool(false)]),
        usesSigmas: true, patchesZeroSNR: false, latentByDefault: false)

    static let kdpm2 = SchedulerModel(
        name: "KDPM2DiscreteScheduler", aliases: ["KDPM2AncestralDiscreteScheduler"],
        ladder: .discreteBetas, timestepRule: .sigmaInterpolated, stepping: .followsList,
        keys: betaKeys.union(sigmaFlagKeys).union(["prediction_type", "timestep_spacing", "steps_offset"]),
        betaSchedules: threeSchedules, spacings: threeSpacings, predictionTypes: basicPredictions,
        defaults: betaDefaults(start: 0.00085, end: 0.012, spacing: "linspace", extra: ["use_karras_sigmas": .bool(false)]),
        usesSigmas: true, patchesZeroSNR: false, latentByDefault: false)

    static let dpmSolverSDE = SchedulerModel(
        name: "DPMSolverSDEScheduler", aliases: [],
        ladder: .discreteBetas, timestepRule: .sigmaInterpolated, stepping: .followsList,
        keys: betaKeys.union(sigmaFlagKeys).union(["prediction_type", "noise_sampler_seed", "timestep_spacing", "steps_offset"]),
        betaSchedules: threeSchedules, spacings: threeSpacings, predictionTypes: basicPredictions,
        defaults: betaDefaults(start: 0.00085, end: 0.012, spacing: "linspace", extra: ["use_karras_sigmas": .bool(false)]),
        usesSigmas: true, patchesZeroSNR: false, latentByDefault: false)

    static let multistepKeys: Set<String> = betaKeys.union(thresholdKeys).union(sigmaFlagKeys).union([
        "solver_order", "prediction_type", "lower_order_final", "use_flow_sigmas", "flow_shift", "timestep_spacing", "steps_offset",
        "use_dynamic_shifting", "time_shift_type", "solver_type",
    ])

    static let dpmSolverMultistep = SchedulerModel(
        name: "DPMSolverMultistepScheduler", aliases: ["FlaxDPMSolverMultistepScheduler"],
        ladder: .discreteBetas, timestepRule: .spacingDropLast, stepping: .followsList,
        keys: multistepKeys.union(["algorithm_type", "euler_at_final", "use_lu_lambdas", "final_sigmas_type", "lambda_min_clipped",
                                   "variance_type", "rescale_betas_zero_snr"]),
        betaSchedules: threeSchedules, spacings: threeSpacings, predictionTypes: flowPredictions,
        defaults: betaDefaults(spacing: "linspace", extra: ["final_sigmas_type": .string("zero"), "algorithm_type": .string("dpmsolver++"),
                                                            "use_karras_sigmas": .bool(false), "thresholding": .bool(false)]),
        usesSigmas: true, patchesZeroSNR: true, latentByDefault: false)

    static let dpmSolverSinglestep = SchedulerModel(
        name: "DPMSolverSinglestepScheduler", aliases: [],
        ladder: .discreteBetas, timestepRule: .spacingDropLast, stepping: .followsList,
        keys: betaKeys.union(thresholdKeys).union(sigmaFlagKeys).union([
            "solver_order", "prediction_type", "algorithm_type", "solver_type", "lower_order_final", "use_flow_sigmas", "flow_shift",
            "final_sigmas_type", "lambda_min_clipped", "variance_type", "use_dynamic_shifting", "time_shift_type",
        ]),
        betaSchedules: threeSchedules, spacings: [], predictionTypes: flowPredictions,
        defaults: betaDefaults(spacing: nil, extra: ["final_sigmas_type": .string("zero"), "algorithm_type": .string("dpmsolver++"),
                                                     "use_karras_sigmas": .bool(false), "thresholding": .bool(false)]),
        usesSigmas: true, patchesZeroSNR: false, latentByDefault: false)

    static let uniPC = SchedulerModel(
        name: "UniPCMultistepScheduler", aliases: [],
        ladder: .discreteBetas, timestepRule: .spacingDropLast, stepping: .followsList,
        keys: multistepKeys.union(["predict_x0", "disable_corrector", "solver_p", "final_sigmas_type", "rescale_betas_zero_snr",
                                   "sigma_min", "sigma_max", "shift_terminal"]),
        betaSchedules: threeSchedules, spacings: threeSpacings, predictionTypes: flowPredictions,
        defaults: betaDefaults(spacing: "linspace", extra: ["final_sigmas_type": .string("zero"), "use_karras_sigmas": .bool(false),
                                                            "thresholding": .bool(false)]),
        usesSigmas: true, patchesZeroSNR: true, latentByDefault: false)

    static let deis = SchedulerModel(
        name: "DEISMultistepScheduler", aliases: [],
        ladder: .discreteBetas, timestepRule: .spacingDropLast, stepping: .followsList,
        keys: multistepKeys.union(["algorithm_type"]),
        betaSchedules: threeSchedules, spacings: threeSpacings, predictionTypes: flowPredictions,
        defaults: betaDefaults(spacing: "linspace", extra: ["use_karras_sigmas": .bool(false), "thresholding": .bool(false)]),
        usesSigmas: true, patchesZeroSNR: false, latentByDefault: false)

    static let consistencyKeys: Set<String> = betaKeys.union(thresholdKeys).union([
        "original_inference_steps", "clip_sample", "clip_sample_range", "set_alpha_to_one", "steps_offset", "prediction_type",
        "timestep_spacing", "timestep_scaling", "rescale_betas_zero_snr",
    ])

    static let lcm = SchedulerModel(
        name: "LCMScheduler", aliases: [],
        ladder: .discreteBetas, timestepRule: .consistency, stepping: .followsList,
        keys: consistencyKeys,
        betaSchedules: threeSchedules, spacings: threeSpacings, predictionTypes: basicPredictions,
        defaults: betaDefaults(start: 0.00085, end: 0.012, schedule: "scaled_linear", spacing: "leading",
                               extra: ["original_inference_steps": .number(50), "clip_sample": .bool(false), "set_alpha_to_one": .bool(true),
                                       "thresholding": .bool(false)]),
        usesSigmas: false, patchesZeroSNR: false, latentByDefault: true)

    static let tcd = SchedulerModel(
        name: "TCDScheduler", aliases: [],
        ladder: .discreteBetas, timestepRule: .consistency, stepping: .followsList,
        keys: consistencyKeys,
        betaSchedules: threeSchedules, spacings: threeSpacings, predictionTypes: basicPredictions,
        defaults: lcm.defaults, usesSigmas: false, patchesZeroSNR: false, latentByDefault: true)

    static let edmEuler = SchedulerModel(
        name: "EDMEulerScheduler", aliases: [],
        ladder: .edmSigmas, timestepRule: .sigmaOnly, stepping: .followsList,
        keys: ["sigma_min", "sigma_max", "sigma_data", "sigma_schedule", "num_train_timesteps", "prediction_type", "rho", "final_sigmas_type"],
        betaSchedules: [], spacings: [], predictionTypes: ["epsilon", "v_prediction"],
        defaults: ["sigma_min": .number(0.002), "sigma_max": .number(80), "sigma_data": .number(0.5), "sigma_schedule": .string("karras"),
                   "num_train_timesteps": .number(1000), "prediction_type": .string("epsilon"), "rho": .number(7), "final_sigmas_type": .string("zero")],
        usesSigmas: true, patchesZeroSNR: false, latentByDefault: false)

    static let edmDPMSolver = SchedulerModel(
        name: "EDMDPMSolverMultistepScheduler", aliases: [],
        ladder: .edmSigmas, timestepRule: .sigmaOnly, stepping: .followsList,
        keys: edmEuler.keys.union(thresholdKeys).union(["solver_order", "algorithm_type", "solver_type", "lower_order_final", "euler_at_final"]),
        betaSchedules: [], spacings: [], predictionTypes: basicPredictions,
        defaults: edmEuler.defaults, usesSigmas: true, patchesZeroSNR: false, latentByDefault: false)

    static let cosineDPMSolver = SchedulerModel(
        name: "CosineDPMSolverMultistepScheduler", aliases: [],
        ladder: .edmSigmas, timestepRule: .sigmaOnly, stepping: .followsList,
        keys: ["sigma_min", "sigma_max", "sigma_data", "sigma_schedule", "num_train_timesteps", "solver_order", "prediction_type", "rho",
               "solver_type", "lower_order_final", "euler_at_final", "final_sigmas_type"],
        betaSchedules: [], spacings: [], predictionTypes: basicPredictions,
        defaults: ["sigma_min": .number(0.3), "sigma_max": .number(500), "sigma_data": .number(1), "sigma_schedule": .string("exponential"),
                   "num_train_timesteps": .number(1000), "prediction_type": .string("v_prediction"), "rho": .number(7),
                   "final_sigmas_type": .string("zero")],
        usesSigmas: true, patchesZeroSNR: false, latentByDefault: false)

    static let flowMatchEuler = SchedulerModel(
        name: "FlowMatchEulerDiscreteScheduler", aliases: [],
        ladder: .flowMatching, timestepRule: .sigmaOnly, stepping: .followsList,
        keys: sigmaFlagKeys.union(["num_train_timesteps", "shift", "use_dynamic_shifting", "base_shift", "max_shift", "base_image_seq_len",
                                   "max_image_seq_len", "invert_sigmas", "shift_terminal", "time_shift_type", "stochastic_sampling"]),
        betaSchedules: [], spacings: [], predictionTypes: ["flow_prediction"],
        defaults: ["num_train_timesteps": .number(1000), "shift": .number(1), "use_dynamic_shifting": .bool(false),
                   "base_shift": .number(0.5), "max_shift": .number(1.15), "base_image_seq_len": .number(256),
                   "max_image_seq_len": .number(4096), "invert_sigmas": .bool(false), "time_shift_type": .string("exponential")],
        usesSigmas: true, patchesZeroSNR: false, latentByDefault: true)

    static let wuerstchen = SchedulerModel(
        name: "DDPMWuerstchenScheduler", aliases: [],
        ladder: .continuousCosine, timestepRule: .sigmaOnly, stepping: .followsList,
        keys: ["scaler", "s"], betaSchedules: [], spacings: [], predictionTypes: [],
        defaults: ["scaler": .number(1), "s": .number(0.008)],
        usesSigmas: false, patchesZeroSNR: false, latentByDefault: true)

    /// Every modelled class.
    public static let all: [SchedulerModel] = [
        ddpm, ddim, ddimInverse, pndm, euler, eulerAncestral, heun, lms, kdpm2, dpmSolverSDE, dpmSolverMultistep,
        dpmSolverSinglestep, uniPC, deis, lcm, tcd, edmEuler, edmDPMSolver, cosineDPMSolver, flowMatchEuler, wuerstchen,
    ]

    /// Every key some modelled class reads: a key outside it is unknown to every class.
    public static let everyKey: Set<String> = all.reduce(into: Set<String>()) { $0.formUnion($1.keys) }
        .union(["clip_sample", "variance_type", "set_alpha_to_one", "eta", "num_inference_steps", "timestep_values", "sigma_schedule"])

    /// The classes that read `key`, for messages ("a key of PNDMScheduler").
    public static func owners(of key: String) -> [String] {
        all.filter { $0.keys.contains(key) }.map(\.name)
    }
}
