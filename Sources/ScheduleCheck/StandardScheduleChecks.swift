import CheckerCore
import Reference

/// The standard schedules and the real scheduler configs they ship with, each with exactly the
/// findings a specialist expects. `checker verify` runs them: a change to a check that adds or
/// removes one of these findings fails it.
public enum StandardScheduleChecks {
    public struct Case: Sendable {
        public var name: String
        /// A scheduler config in diffusers' format.
        public var config: String
        public var inferenceSteps: Int?
        /// The expected findings, as "CODE severity".
        public var expected: [String]
        /// Numbers that must appear in the named check's summary.
        public var expectedNumbers: [(code: String, text: String)]
    }

    /// Stable Diffusion 1.5's `scheduler/scheduler_config.json` (runwayml/stable-diffusion-v1-5).
    public static let stableDiffusion15 = """
        {
          "_class_name": "PNDMScheduler",
          "_diffusers_version": "0.6.0",
          "beta_end": 0.012,
          "beta_schedule": "scaled_linear",
          "beta_start": 0.00085,
          "num_train_timesteps": 1000,
          "set_alpha_to_one": false,
          "skip_prk_steps": true,
          "steps_offset": 1,
          "trained_betas": null,
          "clip_sample": false
        }
        """
    /// Stable Diffusion 2's (768, v-prediction) scheduler config (stabilityai/stable-diffusion-2).
    public static let stableDiffusion2 = """
        {
          "_class_name": "DDIMScheduler",
          "_diffusers_version": "0.8.0",
          "beta_end": 0.012,
          "beta_schedule": "scaled_linear",
          "beta_start": 0.00085,
          "clip_sample": false,
          "num_train_timesteps": 1000,
          "prediction_type": "v_prediction",
          "set_alpha_to_one": false,
          "skip_prk_steps": true,
          "steps_offset": 1,
          "trained_betas": null
        }
        """
    /// DDPM on CIFAR-10 (google/ddpm-cifar10-32).
    public static let ddpmCIFAR10 = """
        {
          "_class_name": "DDPMScheduler",
          "_diffusers_version": "0.1.1",
          "beta_end": 0.02,
          "beta_schedule": "linear",
          "beta_start": 0.0001,
          "clip_sample": true,
          "num_train_timesteps": 1000,
          "trained_betas": null,
          "variance_type": "fixed_large"
        }
        """
    /// An improved-diffusion style model: cosine schedule, learned-range variance, ε-prediction.
    public static let cosineLearnedRange = """
        {
          "_class_name": "DDPMScheduler",
          "beta_schedule": "squaredcos_cap_v2",
          "clip_sample": true,
          "num_train_timesteps": 1000,
          "prediction_type": "epsilon",
          "variance_type": "learned_range"
        }
        """
    /// The sigmoid schedule with diffusers' default ends.
    public static let sigmoid = """
        {
          "_class_name": "DDPMScheduler",
          "beta_schedule": "sigmoid",
          "beta_start": 0.0001,
          "beta_end": 0.02,
          "clip_sample": true,
          "num_train_timesteps": 1000
        }
        """
    /// Stable Diffusion's schedule rescaled to zero terminal SNR, as Lin et al. 2023 recommend:
    /// v-prediction and trailing spacing.
    public static let zeroSNR = """
        {
          "_class_name": "DDIMScheduler",
          "beta_end": 0.012,
          "beta_schedule": "scaled_linear",
          "beta_start": 0.00085,
          "clip_sample": false,
          "num_train_timesteps": 1000,
          "prediction_type": "v_prediction",
          "rescale_betas_zero_snr": true,
          "set_alpha_to_one": false,
          "steps_offset": 0,
          "timestep_spacing": "trailing"
        }
        """

    /// Stable Diffusion XL's scheduler config (stabilityai/stable-diffusion-xl-base-1.0).
    public static let stableDiffusionXL = """
        {
          "_class_name": "EulerDiscreteScheduler",
          "_diffusers_version": "0.19.0.dev0",
          "beta_end": 0.012,
          "beta_schedule": "scaled_linear",
          "beta_start": 0.00085,
          "clip_sample": false,
          "interpolation_type": "linear",
          "num_train_timesteps": 1000,
          "prediction_type": "epsilon",
          "sample_max_value": 1.0,
          "set_alpha_to_one": false,
          "skip_prk_steps": true,
          "steps_offset": 1,
          "timestep_spacing": "leading",
          "trained_betas": null,
          "use_karras_sigmas": false
        }
        """

    public static let cases: [Case] = [
        Case(name: "DDPM CIFAR-10 (linear, fixed_large)", config: ddpmCIFAR10, inferenceSteps: 1000,
             expected: ["VS205 note", "VS603 note"],
             expectedNumbers: [("VS201", "√ᾱ[999] = 0.006352818"), ("VS206", "L_T = 2.91e-05 bits/dim")]),
        Case(name: "Stable Diffusion 1.5 (scaled linear, PNDM)", config: stableDiffusion15, inferenceSteps: 50,
             expected: ["VS201 warning", "VS504 note", "VS601 note", "VS702 note"],
             expectedNumbers: [("VS201", "√ᾱ[999] = 0.06826491"), ("VS504", "first timestep 981"), ("VS601", "ᾱ₀ = 0.99915")]),
        Case(name: "Stable Diffusion 2 (scaled linear, v-prediction, DDIM)", config: stableDiffusion2, inferenceSteps: 50,
             expected: ["VS201 warning", "VS504 note", "VS601 note", "VS702 note"],
             expectedNumbers: [("VS201", "√ᾱ[999] = 0.06826491"), ("VS204", "v_prediction")]),
        Case(name: "cosine, learned range (improved-diffusion)", config: cosineLearnedRange, inferenceSteps: 100,
             expected: ["VS203 note", "VS204 note", "VS504 note", "VS602 note"],
             expectedNumbers: [("VS204", "20291.17"), ("VS102", "ᾱ₀ = 0.9999587158"), ("VS203", "t = 999"), ("VS504", "first timestep 990")]),
        Case(name: "sigmoid", config: sigmoid, inferenceSteps: nil,
             expected: ["VS205 note"],
             expectedNumbers: [("VS101", "β from 0.0001492052 to 0.01995079")]),
        Case(name: "zero terminal SNR (rescaled SD, v-prediction, trailing)", config: zeroSNR, inferenceSteps: 50,
             expected: ["VS601 note"],
             expectedNumbers: [("VS201", "ᾱ[999] = 0"), ("VS202", "v_prediction")]),
        // N = T: the leading offset reaches t = T, a warning for the classes that index ᾱ; Euler clamps.
        Case(name: "Stable Diffusion 1.5 at N = T (PNDM)", config: stableDiffusion15, inferenceSteps: 1000,
             expected: ["VS201 warning", "VS506 warning", "VS601 note", "VS702 note"],
             expectedNumbers: [("VS506", "first timestep 1000 ≥ T = 1000"), ("VS505", "every step of the list is t − 1")]),
        Case(name: "Stable Diffusion 2 at N = T (DDIM)", config: stableDiffusion2, inferenceSteps: 1000,
             expected: ["VS201 warning", "VS506 warning", "VS601 note", "VS702 note"],
             expectedNumbers: [("VS505", "land on the same ᾱ")]),
        Case(name: "Stable Diffusion XL (Euler, leading)", config: stableDiffusionXL, inferenceSteps: 50,
             expected: ["VS201 warning", "VS702 note", "VS802 note"],
             expectedNumbers: [("VS802", "σ₀ = 13.12041, σ_max = 14.61464")]),
        Case(name: "Stable Diffusion XL at N = T (Euler clamps)", config: stableDiffusionXL, inferenceSteps: 1000,
             expected: ["VS201 warning", "VS702 note"],
             expectedNumbers: [("VS803", "14.615, 14.615")]),
    ]

    /// Runs one case: the findings, as "CODE severity", sorted.
    public static func findings(of c: Case) throws(ScheduleCheckError) -> (findings: [String], verification: ScheduleVerification) {
        var subject = try SchedulerConfig.parse(c.config, path: "\(c.name).json")
        subject.settings.inferenceSteps = c.inferenceSteps
        let verification = try ScheduleChecker.check(subject)
        let findings = Set(verification.diagnostics.map { "\($0.code) \($0.severity.rawValue)" }).sorted()
        return (findings, verification)
    }

    /// Every case must produce exactly its expected findings and numbers.
    public static func verify() -> VerificationPart {
        var failures: [String] = []
        for c in cases {
            do {
                let (found, verification) = try findings(of: c)
                if found != c.expected.sorted() {
                    failures.append("\(c.name): findings \(found.joined(separator: ", ")), expected \(c.expected.sorted().joined(separator: ", "))")
                }
                for (code, text) in c.expectedNumbers {
                    let summary = verification.outcome(code)?.summary ?? ""
                    if !summary.contains(text) {
                        failures.append("\(c.name): \(code) says \"\(summary)\", expected it to contain \"\(text)\"")
                    }
                }
            } catch {
                failures.append("\(c.name): \(error.description)")
            }
        }
        return VerificationPart(
            name: "verify-schedule on standard configs", passed: failures.isEmpty,
            summary: "\(cases.count - Set(failures.map { $0.prefix { $0 != ":" } }).count)/\(cases.count) configs (DDPM CIFAR-10, SD 1.5, SD 2, SDXL, cosine learned-range, sigmoid, zero-SNR; SD and SDXL also at N = T) give exactly the expected findings",
            details: failures
        )
    }
}

/// `checker verify`'s entry point for the schedule checks: runs ``StandardScheduleChecks/verify()``.
public func verifyStandardSchedules() -> (passed: Bool, summary: String, details: [String]) {
    let part = StandardScheduleChecks.verify()
    return (part.passed, part.summary, part.details)
}
