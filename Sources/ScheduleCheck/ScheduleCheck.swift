/// # ScheduleCheck: what is wrong with a noise schedule or a scheduler config
///
/// The logic of `checker verify-schedule`. Input: a named schedule with its parameters, a
/// diffusers `scheduler_config.json` or model folder (``SchedulerConfig``, ``ModelFolder``), read
/// as the scheduler class it names (``SchedulerModel``: defaults, keys, timesteps and σ for N
/// steps), an explicit β or ᾱ array
/// (``ArrayFile``: `.npy`, `.json`, `.csv`, text), sampling settings (``SamplerSettings``).
/// ``ScheduleRequest`` resolves command-line options into a ``ScheduleSubject``;
/// ``ScheduleChecker/check(_:)`` runs every check of ``ScheduleRules`` and returns a
/// ``ScheduleVerification``: one ``CheckOutcome`` per check, with its numbers, and the findings
/// as CheckerCore `Diagnostic`s, rendered as text, JSON, SARIF 2.1.0 or GitHub annotations.
/// ``SchedulePlot`` draws β, ᾱ and log-SNR; ``ScheduleComparison`` shows where two schedules
/// differ; ``ScheduleCommand`` is the whole command apart from argument parsing.
///
/// Index convention: t = 0 … T − 1 is the paper's step t + 1, as everywhere in DiffusionCheck.
///
/// The β and ᾱ checks work on the raw numbers, so that arrays Reference refuses (β₀ = 0, β > 1,
/// NaN) are analysed, not rejected; everything that needs an equation uses Reference.
public enum ScheduleCheckInfo {
    /// The stable code prefixes: VS0xx bad input (exit 2), VS1xx β and ᾱ, VS2xx terminal signal,
    /// VS3xx precision, VS4xx provided arrays, VS5xx sampling timesteps, VS6xx dialects,
    /// VS7xx config keys, VS8xx σ ladders.
    public static let codePrefixes = ["VS0", "VS1", "VS2", "VS3", "VS4", "VS5", "VS6", "VS7", "VS8"]
}
