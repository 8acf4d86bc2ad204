import Foundation
import CheckerCore

/// The checks of `verify-schedule`, each with a stable code and slug (never reused), a default
/// severity, a one-line summary and an explanation for `--explain` and SARIF.
public enum ScheduleRules {
    // β and ᾱ
    public static let betaOutOfRange = RuleDescriptor(code: "VS101", slug: "beta-out-of-range", defaultSeverity: .error,
        summary: "every β must be finite and in (0, 1]",
        explanation: "βₜ is the variance added by forward step t (Ho et al. 2020, Eq. 2): it must be finite and in (0, 1]. β = 1 is allowed only at t = T − 1 (zero terminal SNR); before that it makes ᾱ zero for the rest of the schedule.")
    public static let firstStepNoiseless = RuleDescriptor(code: "VS102", slug: "first-step-noiseless", defaultSeverity: .error,
        summary: "β₀ > 0 and ᾱ₀ < 1 (the cosine off-by-one)",
        explanation: "The first forward step must add noise: β₀ > 0 and ᾱ₀ = 1 − β₀ < 1. An ᾱ array that starts at f(0)/f(0) = 1 (the cosine schedule shifted by one index) has β₀ = 0; the correct cosine ᾱ₀ is 0.999958716 for T = 1000.")
    public static let betaNotMonotone = RuleDescriptor(code: "VS103", slug: "beta-not-monotone", defaultSeverity: .warning,
        summary: "β should not decrease with t",
        explanation: "Every published schedule (linear, scaled linear, cosine, sigmoid, zero-SNR rescaled) has non-decreasing β. A decrease is a transcription or indexing error, or two schedules concatenated.")
    public static let alphaBarNotDecreasing = RuleDescriptor(code: "VS104", slug: "alpha-bar-not-decreasing", defaultSeverity: .error,
        summary: "ᾱ must decrease strictly with t",
        explanation: "ᾱₜ = ∏(1 − β_s) decreases strictly when every β > 0. An increase means β < 0 somewhere, or an ᾱ array that is not a cumulative product.")
    public static let scheduleReversed = RuleDescriptor(code: "VS105", slug: "schedule-reversed", defaultSeverity: .error,
        summary: "start and end of the schedule are swapped",
        explanation: "β must be small at t = 0 and large at t = T − 1 (ᾱ near 1 at t = 0, near 0 at the end). A schedule that runs the other way has beta_start and beta_end swapped or the array reversed.")
    // Terminal signal
    public static let nonzeroTerminalSNR = RuleDescriptor(code: "VS201", slug: "nonzero-terminal-snr", defaultSeverity: .warning,
        summary: "the last step leaves signal: √ᾱ_{T−1} ≥ 0.01",
        explanation: "At t = T − 1 the sample should be pure noise, but training sees x_{T−1} = √ᾱ·x₀ + √(1−ᾱ)·ε and sampling starts from ε alone. Stable Diffusion's √ᾱ₉₉₉ = 0.068 leaks the low frequencies of x₀ (Lin et al. 2023): the model cannot generate very bright or dark images. Reported from 1 % of the signal amplitude up; use rescale_betas_zero_snr with v-prediction and trailing spacing.")
    public static let zeroSNREpsilon = RuleDescriptor(code: "VS202", slug: "zero-snr-epsilon-prediction", defaultSeverity: .error,
        summary: "zero terminal SNR needs v- or x₀-prediction",
        explanation: "With ᾱ_{T−1} = 0, x̂₀ = (xₜ − √(1−ᾱ)·ε̂)/√ᾱ divides by zero at the first sampling step: an ε-prediction carries no information about x₀ there. Use prediction_type v_prediction (Lin et al. 2023, §3.2) or sample.")
    public static let cappedBetas = RuleDescriptor(code: "VS203", slug: "capped-betas", defaultSeverity: .note,
        summary: "β reaches the cap (0.999)",
        explanation: "The cosine schedule caps β at 0.999 to avoid the singularity at τ = T (Nichol & Dhariwal 2021, §3.2). The capped steps are where the schedule departs from its formula; ᾱ there is tiny.")
    public static let x0Amplification = RuleDescriptor(code: "VS204", slug: "x0-amplification", defaultSeverity: .note,
        summary: "x̂₀ from ε amplifies errors by √(1/ᾱ) > 1000",
        explanation: "With ε-prediction, x̂₀ = (xₜ − √(1−ᾱ)·ε̂)/√ᾱ multiplies the error of ε̂ by √((1−ᾱ)/ᾱ) ≈ √(1/ᾱ). Above 1000 (cosine: 20291 at t = 999), x̂₀ at the first sampling steps is dominated by the model's error: clip x̂₀ or predict v.")
    public static let firstStepAbovePixelBin = RuleDescriptor(code: "VS205", slug: "first-step-above-pixel-bin", defaultSeverity: .note,
        summary: "√β₀ exceeds the 8-bit pixel bin 1/127.5",
        explanation: "For 8-bit images scaled to [−1, 1], one intensity level is 2/255 = 1/127.5. If the first step's noise √β₀ is larger, x₀ is already blurred across levels after one step, and the decoder L₀ cannot be sharp (Nichol & Dhariwal 2021 chose s so that √β₀ is just below 1/127.5). Not applicable in latent space.")
    public static let priorTermLarge = RuleDescriptor(code: "VS206", slug: "prior-term-large", defaultSeverity: .error,
        summary: "the prior term L_T exceeds 0.01 bits per dimension",
        explanation: "L_T = KL(q(x_{T−1} | x₀) ‖ N(0, I)) measures how far the last step is from the prior sampling starts from; DDPM's linear schedule gives 2.9e-5 bits per dimension at x₀ = 1. Above 0.01 bits the schedule does not reach noise (e.g. T reduced without scaling β), and samples start from the wrong distribution.")
    public static let presetEndsOtherT = RuleDescriptor(code: "VS207", slug: "preset-ends-other-t", defaultSeverity: .warning,
        summary: "β ends of a T = 1000 preset used with another T",
        explanation: "The linear (1e-4 → 0.02) and scaled-linear (0.00085 → 0.012) ends were tuned for T = 1000. With the same ends and another T, every ᾱₜ changes (linear ends: √ᾱ at the middle step is 0.28 for T = 1000, 0.078 for T = 2000, 0.53 for T = 500, where √ᾱ[T − 1] = 0.080 does not reach noise). Scale β by 1000/T (improved-diffusion) or give the ends the model was trained with.")
    public static let unrecognisedPreset = RuleDescriptor(code: "VS208", slug: "unrecognised-preset", defaultSeverity: .note,
        summary: "the β ends match no known preset",
        explanation: "Published models use a few β ends: linear 1e-4 → 0.02 (DDPM), scaled linear or linear 0.00085 → 0.012 (latent diffusion, Kandinsky), and the cosine schedule. Other ends are legitimate when the model was trained with them, and a typo otherwise: check them against the training config.")
    // Precision
    public static let float16PrecisionLoss = RuleDescriptor(code: "VS301", slug: "float16-precision-loss", defaultSeverity: .error,
        summary: "the schedule held in float16 loses β (1 − β₀ rounds to 1)",
        explanation: "float16 has 11 significant bits: 1 − β rounds to 1 for β < 2.44e-4, so ᾱ₀ = 1 and β₀ = 0 (DDPM's β₀ = 1e-4 and cosine's 4.1e-5 both vanish), and ᾱ drifts by percent. Keep the schedule in float32 or float64 and cast at use. Reported when the schedule is float16 (a float16 array, or --precision float16).")
    public static let float32PrecisionLoss = RuleDescriptor(code: "VS302", slug: "float32-precision-loss", defaultSeverity: .warning,
        summary: "the schedule held in float32 loses more than 1 % of some β",
        explanation: "In float32, 1 − β rounds to 1 for β < 3e-8 and β recovered from ᾱ as 1 − ᾱₜ/ᾱₜ₋₁ loses relative precision as 6e-8/β. Standard schedules lose at most 5e-4 (cosine β₀); more than 1 % means β is too small to be represented against 1.")
    // Provided arrays
    public static let arrayMismatch = RuleDescriptor(code: "VS401", slug: "array-mismatch", defaultSeverity: .error,
        summary: "the array differs from the named schedule",
        explanation: "The provided β or ᾱ array is compared elementwise with the schedule Reference recomputes from the name and parameters, with a tolerance set by the array's precision (float64: 1e-12 relative, plus 1.8e-15 absolute for β; float32: 1e-6 for β, 1e-4 for ᾱ; float16: 1e-3 plus 6e-8 absolute).")
    public static let arrayUnrecognised = RuleDescriptor(code: "VS402", slug: "array-unrecognised", defaultSeverity: .note,
        summary: "the array matches none of the named schedules",
        explanation: "The array was compared with linear, scaled linear, sigmoid (ends taken from the array), cosine and their zero-SNR rescaled forms; none agrees within the array's precision. The closest one is named.")
    public static let knownBuggyVariant = RuleDescriptor(code: "VS403", slug: "known-buggy-schedule", defaultSeverity: .error,
        summary: "the array is a known miscomputed schedule",
        explanation: "The array matches, within its precision, a known wrong form: the cosine schedule shifted by one index (ᾱ₀ = 1, β₀ = 0) or computed with cos instead of cos² (ᾱ(τ) = cos(…) instead of cos²(…)).")
    // Sampling timesteps
    public static let timestepOutOfRange = RuleDescriptor(code: "VS501", slug: "timestep-out-of-range", defaultSeverity: .error,
        summary: "sampling timesteps must be in [0, T − 1]",
        explanation: "Every sampling timestep indexes the training schedule: 0 ≤ t ≤ T − 1. An index T reads past the end (or wraps around in Python).")
    public static let timestepsNotDescending = RuleDescriptor(code: "VS502", slug: "timesteps-not-descending", defaultSeverity: .error,
        summary: "sampling timesteps must be strictly descending",
        explanation: "Sampling runs from noise to data: each timestep must be smaller than the one before. A repeat or an increase runs a step twice or backwards.")
    public static let timestepCount = RuleDescriptor(code: "VS503", slug: "timestep-count", defaultSeverity: .error,
        summary: "exactly N sampling timesteps",
        explanation: "N inference steps need N timesteps. ermongroup's \"uniform\" skip gives N + 1 when N does not divide T.")
    public static let lateFirstTimestep = RuleDescriptor(code: "VS504", slug: "first-timestep-not-last", defaultSeverity: .note,
        summary: "sampling does not start at t = T − 1",
        explanation: "Sampling starts from pure noise, which matches the schedule only at t = T − 1. Leading spacing starts at (N − 1)·(T div N) + offset (901 for T = 1000, N = 10); ermongroup's \"quad\" starts at 0.8·T. Graded by the signal the schedule says is left at the first step: a warning when √ᾱ there is at least 0.1 and at least twice √ᾱ[T − 1] (cosine, N = 10, leading: 0.154), a note otherwise (Lin et al. 2023, §3.3: use trailing spacing).")
    public static let fixedStridePrevious = RuleDescriptor(code: "VS505", slug: "fixed-stride-previous", defaultSeverity: .warning,
        summary: "the step t → t − T div N disagrees with the timestep list",
        explanation: "diffusers' DDIM and PNDM go from t to t − T div N, not to the next timestep of the list (DDPM, LCM and the σ samplers follow the list). For linspace spacing, and trailing spacing when N does not divide T, the two differ: the sampler then denoises to a timestep it never visits. Reported only where the ᾱ the step lands on differs: with set_alpha_to_one = false the final step lands on ᾱ₀ either way.")
    public static let leadingOffsetOverflow = RuleDescriptor(code: "VS506", slug: "leading-offset-overflow", defaultSeverity: .warning,
        summary: "leading spacing plus steps_offset reaches t ≥ T",
        explanation: "Leading spacing gives (N − 1)·(T div N) + steps_offset as the first timestep; with steps_offset = 1 and N = T it is T, one past the end of ᾱ. A warning: it happens only at N = T, a setting nobody samples with on purpose. Classes that interpolate σ (the Euler family) clamp there and are not reported.")
    public static let classRefusesSteps = RuleDescriptor(code: "VS509", slug: "class-refuses-steps", defaultSeverity: .error,
        summary: "the scheduler class refuses this N or spacing",
        explanation: "diffusers raises for these settings: N > T; LCM and TCD with N above original_inference_steps (their timesteps are picked from that grid); DDIMInverse with linspace spacing.")
    public static let roundingHalfAway = RuleDescriptor(code: "VS507", slug: "rounding-half-away", defaultSeverity: .warning,
        summary: "timesteps rounded half away from zero, not half to even",
        explanation: "NumPy (and diffusers) round linspace and trailing timesteps half to even; Swift's rounded() and C's round() round halves away from zero. T = 1000, N = 7 linspace: 166.5 and 832.5 become 166 and 832 in NumPy, 167 and 833 in a port.")
    public static let respacedBetas = RuleDescriptor(code: "VS508", slug: "respaced-betas", defaultSeverity: .error,
        summary: "respaced β must be the effective β of each jump, 1 − ᾱₜ/ᾱ_prev",
        explanation: "Sampling with N < T steps jumps over timesteps; the β of a jump from t to the previous sampling timestep s is 1 − ᾱₜ/ᾱ_s, not βₜ of one training step (improved-diffusion's space_timesteps; early diffusers used βₜ and sampled with far too little variance).")
    // Dialects
    public static let finalAlphaBarPrevious = RuleDescriptor(code: "VS601", slug: "final-alpha-bar-prev", defaultSeverity: .note,
        summary: "the last DDIM step uses ᾱ_prev = ᾱ₀, not 1",
        explanation: "With set_alpha_to_one = false, the final DDIM step lands on ᾱ_prev = ᾱ₀ instead of 1: at η = 0 its output is √ᾱ₀·x̂₀ + √(1 − ᾱ₀)·ε̂, not x̂₀. Stable Diffusion's configs do this; improved-diffusion and ermongroup/ddim use 1.")
    public static let firstStepLogVariance = RuleDescriptor(code: "VS602", slug: "log-variance-first-step", defaultSeverity: .note,
        summary: "log β̃ at t = 0 differs between dialects",
        explanation: "β̃₀ = 0. diffusers uses log(max(β̃, 1e−20)) = −46.05 (the lower end of learned_range and fixed_small_log); improved-diffusion uses log β̃₁. A model trained in one dialect and sampled in the other gets a different variance at the last step.")
    public static let fixedLargeFirstStep = RuleDescriptor(code: "VS603", slug: "fixed-large-first-step", defaultSeverity: .note,
        summary: "the fixed-large variance at t = 0 differs between dialects",
        explanation: "fixed_large uses σ² = βₜ; at t = 0 diffusers uses β₀, improved-diffusion β̃₁ (so that the decoder's likelihood stays finite).")
    public static let fixedLargeLogNaN = RuleDescriptor(code: "VS604", slug: "fixed-large-log-nan", defaultSeverity: .error,
        summary: "diffusers' fixed_large_log takes √ of a log-variance (NaN)",
        explanation: "DDPMScheduler computes log βₜ for fixed_large_log and then multiplies the noise by its square root: √(log β) of a negative number is NaN, so every sample is NaN. Use fixed_large, or σ = exp(½·log β).")
    public static let clipInLatentSpace = RuleDescriptor(code: "VS605", slug: "clip-in-latent-space", defaultSeverity: .warning,
        summary: "x̂₀ clipped to [−r, r] in latent space",
        explanation: "clip_sample clamps x̂₀ to the data range of pixels. Latents (Stable Diffusion: scaled-linear schedule) are not bounded by 1: clipping them distorts every sample. Stable Diffusion configs set clip_sample = false.")
    public static let thresholdingInLatentSpace = RuleDescriptor(code: "VS606", slug: "thresholding-in-latent-space", defaultSeverity: .warning,
        summary: "dynamic thresholding in latent space",
        explanation: "Dynamic thresholding (Imagen) rescales x̂₀ to a pixel range; it is meant for pixel-space models and distorts latents.")
    // Config keys
    public static let unknownConfigKey = RuleDescriptor(code: "VS701", slug: "unknown-config-key", defaultSeverity: .note,
        summary: "a config key that no known scheduler defines",
        explanation: "diffusers ignores keys it does not know, silently. A misspelled key (prediction_typ) therefore has no effect: check its spelling.")
    public static let ignoredConfigKey = RuleDescriptor(code: "VS702", slug: "ignored-config-key", defaultSeverity: .note,
        summary: "a key the declared class ignores",
        explanation: "diffusers passes every key of the config to the class's constructor and ignores the ones it does not take: use_karras_sigmas on DDIMScheduler, set_alpha_to_one on DDPMScheduler, variance_type on DDIMScheduler. Some keys the class takes have no effect in context: beta_start and beta_end under the cosine schedule, clip_sample under thresholding, steps_offset without leading spacing, sigma_min and sigma_max without a Karras, exponential or beta ladder. Each is reported with the class named.")
    public static let classRefusesValue = RuleDescriptor(code: "VS704", slug: "class-refuses-value", defaultSeverity: .error,
        summary: "a value the declared class does not support",
        explanation: "diffusers raises when the class is built or stepped with these values: a beta_schedule the class does not implement (sigmoid outside DDPMScheduler), a timestep_spacing it does not support (linspace for DDIMInverseScheduler), a prediction_type it refuses (PNDMScheduler with sample), final_sigmas_type zero with DPM-Solver's first-order algorithm types.")
    public static let configLengthMismatch = RuleDescriptor(code: "VS703", slug: "trained-betas-length", defaultSeverity: .error,
        summary: "num_train_timesteps differs from the length of trained_betas",
        explanation: "diffusers uses trained_betas as given and ignores num_train_timesteps for the schedule, but other code (timestep spacing) uses num_train_timesteps: the two must agree.")

    // σ ladders
    public static let sigmaOverrides = RuleDescriptor(code: "VS801", slug: "sigma-overrides", defaultSeverity: .warning,
        summary: "sigma_min and sigma_max against the schedule's own σ range",
        explanation: "With use_karras_sigmas (or the exponential or beta ladder), sigma_min and sigma_max replace the ends of the schedule's σ = √((1 − ᾱ)/ᾱ). A sigma_max below σ(T − 1) starts sampling with signal left; one above it starts with more noise than training ever added, and the timesteps there clamp to T − 1. A sigma_min below σ(0) clamps to t = 0. EDM-style configs (timestep_type continuous) set them deliberately: a note there.")
    public static let firstSigma = RuleDescriptor(code: "VS802", slug: "first-sigma", defaultSeverity: .note,
        summary: "the first σ of the ladder against σ_max of the schedule",
        explanation: "A σ-based sampler starts from noise of standard deviation σ₀ (scaled by √(σ₀² + 1) for leading spacing). If σ₀ is below σ(T − 1), the start still holds signal 1/√(1 + σ₀²) that pure noise does not have: graded like VS504 (a warning from 0.1 and twice the schedule's own terminal signal).")
    public static let sigmaLadder = RuleDescriptor(code: "VS803", slug: "sigma-ladder", defaultSeverity: .error,
        summary: "σ must be finite, positive and strictly decreasing along the ladder",
        explanation: "Every σ of the ladder must be finite and larger than the next: a repeated or increasing σ makes a step of zero or negative size. The Karras ladder (ρ = 7 in diffusers, rho for EDM) runs from σ_max down to σ_min; sigma_min above sigma_max reverses it.")
    public static let finalSigma = RuleDescriptor(code: "VS804", slug: "final-sigma", defaultSeverity: .note,
        summary: "the σ after the last step: zero or σ_min",
        explanation: "final_sigmas_type zero ends the ladder at σ = 0, a clean sample. sigma_min ends it at the smallest σ, so the output keeps noise of that standard deviation (σ(0) = 0.029 for Stable Diffusion's schedule).")
    public static let zeroSNRSigma = RuleDescriptor(code: "VS805", slug: "zero-snr-sigma", defaultSeverity: .error,
        summary: "zero terminal SNR gives σ = ∞ at T − 1",
        explanation: "σ = √((1 − ᾱ)/ᾱ) is infinite where ᾱ = 0. EulerDiscrete, EulerAncestral, DPMSolverMultistep and UniPC patch ᾱ[T − 1] = 2⁻²⁴ under rescale_betas_zero_snr, so their σ_max is 4096 (a note); any other ladder that reaches ᾱ = 0 starts at σ = ∞ (an error).")
    public static let continuousClamp = RuleDescriptor(code: "VS806", slug: "continuous-alpha-clamp", defaultSeverity: .note,
        summary: "Würstchen's continuous ᾱ(t) is clamped to [1e-4, 0.9999]",
        explanation: "DDPMWuerstchenScheduler computes ᾱ(t) = cos²((t + s)/(1 + s)·π/2)/cos²(s/(1 + s)·π/2) for t in [0, 1] and clamps it to [1e-4, 0.9999]: at t = 1 √ᾱ = 0.01 of the signal is left, and near t = 0 the model never sees less noise than √(1 − 0.9999) = 0.01.")

    public static let all: [RuleDescriptor] = [
        betaOutOfRange, firstStepNoiseless, betaNotMonotone, alphaBarNotDecreasing, scheduleReversed,
        nonzeroTerminalSNR, zeroSNREpsilon, cappedBetas, x0Amplification, firstStepAbovePixelBin, priorTermLarge,
        presetEndsOtherT, unrecognisedPreset,
        float16PrecisionLoss, float32PrecisionLoss,
        arrayMismatch, arrayUnrecognised, knownBuggyVariant,
        timestepOutOfRange, timestepsNotDescending, timestepCount, lateFirstTimestep, fixedStridePrevious,
        leadingOffsetOverflow, roundingHalfAway, respacedBetas, classRefusesSteps,
        finalAlphaBarPrevious, firstStepLogVariance, fixedLargeFirstStep, fixedLargeLogNaN, clipInLatentSpace,
        thresholdingInLatentSpace,
        unknownConfigKey, ignoredConfigKey, configLengthMismatch, classRefusesValue,
        sigmaOverrides, firstSigma, sigmaLadder, finalSigma, zeroSNRSigma, continuousClamp,
    ]

    /// The rule with this code or slug.
    public static func rule(_ codeOrSlug: String) -> RuleDescriptor? {
        all.first { $0.code.caseInsensitiveCompare(codeOrSlug) == .orderedSame || $0.slug == codeOrSlug }
    }

    /// The tool as SARIF names it.
    public static let tool = ToolDescriptor(name: "checker verify-schedule", rules: all)
}
