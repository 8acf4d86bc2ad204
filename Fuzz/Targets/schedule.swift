// Targets `config`, `npy` and `csv`: the inputs of `checker verify-schedule` (diffusers scheduler
// configs, .npy arrays, CSV and whitespace-separated text arrays), then every schedule check on
// what they accept. The properties are in Tests/RobustnessTests/Checks/ScheduleInputChecks.swift.

extension FuzzTarget {
    static let config = FuzzTarget(name: "config", mutator: .json(names: configNames)) { ScheduleInputChecks.config($0) }
    static let npy = FuzzTarget(name: "npy", mutator: .bytes) { ScheduleInputChecks.npy($0) }
    static let csv = FuzzTarget(name: "csv", mutator: .bytes) { ScheduleInputChecks.textArray($0) }
}

/// Keys and values of diffusers scheduler configs, for the structure-aware mutator.
private let configNames = [
    "_class_name", "DDPMScheduler", "DDIMScheduler", "PNDMScheduler", "EulerDiscreteScheduler", "_diffusers_version",
    "num_train_timesteps", "beta_start", "beta_end", "beta_schedule", "linear", "scaled_linear", "squaredcos_cap_v2",
    "sigmoid", "trained_betas", "variance_type", "fixed_small", "fixed_small_log", "fixed_large", "fixed_large_log",
    "learned", "learned_range", "clip_sample", "clip_sample_range", "prediction_type", "epsilon", "sample",
    "v_prediction", "thresholding", "dynamic_thresholding_ratio", "sample_max_value", "timestep_spacing", "leading",
    "linspace", "trailing", "steps_offset", "rescale_betas_zero_snr", "set_alpha_to_one", "skip_prk_steps",
    "use_karras_sigmas",
]
