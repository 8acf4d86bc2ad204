import CheckerCore
import Foundation
import Reference

extension CheckContext {
    /// VS601–VS606: where diffusers and improved-diffusion differ, and clipping in latent space.
    func dialectChecks() -> [CheckOutcome] {
        var outcomes: [CheckOutcome] = []
        let T = count

        // VS601: ᾱ_prev of the final DDIM step.
        if settings.hasFinalAlphaSetting, let setAlphaToOne = settings.setAlphaToOne, let schedule {
            let final = schedule.ddimAlphaBar(at: -1, setAlphaToOne: setAlphaToOne)
            if setAlphaToOne {
                outcomes.append(.passed(ScheduleRules.finalAlphaBarPrevious, "final ᾱ_prev = 1: the last DDIM output at η = 0 is x̂₀"))
            } else {
                let left = (1 - final).squareRoot()
                outcomes.append(.fired(
                    ScheduleRules.finalAlphaBarPrevious,
                    message: "set_alpha_to_one = false: the final DDIM step uses ᾱ_prev = ᾱ₀ = \(format(final, digits: 10)), so at η = 0 the output is √ᾱ₀·x̂₀ + \(format(left, digits: 4))·ε̂, not x̂₀",
                    summary: "final ᾱ_prev = ᾱ₀ = \(format(final, digits: 10)); √(1 − ᾱ₀) = \(format(left, digits: 4))",
                    details: [.init("finalAlphaBarPrevious", format(final, digits: 17)), .init("noiseLeft", format(left))],
                    location: location(ofKey: "set_alpha_to_one"),
                    fix: "set_alpha_to_one = true for an output equal to x̂₀ (a deliberate choice in Stable Diffusion's configs)"
                ))
            }
        } else {
            outcomes.append(.notApplicable(ScheduleRules.finalAlphaBarPrevious, !settings.hasFinalAlphaSetting || settings.setAlphaToOne == nil ? "\(settings.model?.name ?? "the sampler") has no final-step ᾱ_prev setting" : "the schedule is invalid"))
        }

        // VS602, VS603, VS604: variance dialects at t = 0.
        let variance = settings.varianceType
        if let schedule, T >= 2, let floored = try? schedule.posteriorLogVariance(at: 0, convention: .floored),
           let nextStep = try? schedule.posteriorLogVariance(at: 0, convention: .nextStep) {
            let summary = "log β̃ at t = 0: diffusers \(format(floored, digits: 6)), improved-diffusion log β̃₁ = \(format(nextStep, digits: 6))"
            if variance == .fixedSmallLog || variance == .learnedRange {
                outcomes.append(.fired(
                    ScheduleRules.firstStepLogVariance,
                    message: "\(variance?.configName ?? "") at t = 0 uses log β̃₀: diffusers floors it at log 1e−20 = \(format(floored, digits: 6)), improved-diffusion uses log β̃₁ = \(format(nextStep, digits: 6)); the last step's variance depends on the dialect",
                    summary: summary,
                    details: [.init("diffusers", format(floored)), .init("improvedDiffusion", format(nextStep))],
                    location: location(ofKey: "variance_type")
                ))
            } else {
                outcomes.append(variance == nil ? .notApplicable(ScheduleRules.firstStepLogVariance, summary) : .passed(ScheduleRules.firstStepLogVariance, summary + " (not used by \(variance?.configName ?? ""))"))
            }
            let posterior1 = schedule.posteriorVariances[1]
            let largeSummary = "fixed-large σ² at t = 0: diffusers β₀ = \(format(schedule.betas[0])), improved-diffusion β̃₁ = \(format(posterior1))"
            if variance == .fixedLarge || variance == .fixedLargeLog {
                outcomes.append(.fired(
                    ScheduleRules.fixedLargeFirstStep,
                    message: "fixed_large at t = 0: diffusers uses β₀ = \(format(schedule.betas[0])), improved-diffusion β̃₁ = \(format(posterior1)) (\(format(posterior1 / schedule.betas[0], digits: 3))×)",
                    summary: largeSummary,
                    details: [.init("diffusers", format(schedule.betas[0])), .init("improvedDiffusion", format(posterior1))],
                    location: location(ofKey: "variance_type")
                ))
            } else {
                outcomes.append(variance == nil ? .notApplicable(ScheduleRules.fixedLargeFirstStep, largeSummary) : .passed(ScheduleRules.fixedLargeFirstStep, largeSummary + " (not used)"))
            }
        } else {
            outcomes.append(.notApplicable(ScheduleRules.firstStepLogVariance, "the schedule is invalid or T < 2"))
            outcomes.append(.notApplicable(ScheduleRules.fixedLargeFirstStep, "the schedule is invalid or T < 2"))
        }
        if variance == .fixedLargeLog {
            let logBeta = log(betas[T - 1])
            outcomes.append(.fired(
                ScheduleRules.fixedLargeLogNaN,
                message: "variance_type fixed_large_log: diffusers' DDPMScheduler multiplies the noise by √(log β) = √(\(format(logBeta, digits: 4))), which is NaN: every sample becomes NaN",
                summary: "√(log β[\(T - 1)]) = √(\(format(logBeta, digits: 4))) = NaN",
                details: [.init("logBeta", format(logBeta))],
                location: location(ofKey: "variance_type"),
                fix: "variance_type fixed_large; or σ = exp(½·log β)"
            ))
        } else {
            outcomes.append(variance == nil ? .notApplicable(ScheduleRules.fixedLargeLogNaN, "no variance type") : .passed(ScheduleRules.fixedLargeLogNaN, "variance_type \(variance?.configName ?? "")"))
        }

        // VS605, VS606: clipping in latent space.
        let space = subject.isLatent ? "latent space" : "pixel space"
        if settings.clipSample && subject.isLatent {
            outcomes.append(.fired(
                ScheduleRules.clipInLatentSpace,
                message: "clip_sample = true clamps x̂₀ to [−\(format(settings.clipSampleRange)), \(format(settings.clipSampleRange))] in latent space (\(subject.specification.map { $0.kind == .scaledLinear ? "scaled-linear schedule" : "latent model" } ?? "latent model")): latents are not bounded by 1",
                summary: "clip_sample on, \(space)",
                details: [.init("clipSampleRange", format(settings.clipSampleRange))],
                location: location(ofKey: "clip_sample"),
                fix: "clip_sample = false for latent diffusion"
            ))
        } else {
            outcomes.append(.passed(ScheduleRules.clipInLatentSpace, "clip_sample \(settings.clipSample ? "on" : "off"), \(space)"))
        }
        if settings.thresholding && subject.isLatent {
            outcomes.append(.fired(
                ScheduleRules.thresholdingInLatentSpace,
                message: "thresholding = true (ratio \(format(settings.dynamicThresholdingRatio))) rescales x̂₀ to a pixel range in latent space",
                summary: "thresholding on, \(space)",
                location: location(ofKey: "thresholding"),
                fix: "thresholding = false for latent diffusion"
            ))
        } else {
            outcomes.append(.passed(ScheduleRules.thresholdingInLatentSpace, "thresholding \(settings.thresholding ? "on" : "off"), \(space)"))
        }
        return outcomes
    }

    /// VS701–VS704: keys of the config that are unknown, ignored, inconsistent or refused.
    func configChecks() -> [CheckOutcome] {
        configOutcomes(subject)
    }
}

/// VS701–VS704 for any subject (with or without a β schedule).
func configOutcomes(_ subject: ScheduleSubject) -> [CheckOutcome] {
    let rules = [ScheduleRules.unknownConfigKey, ScheduleRules.ignoredConfigKey, ScheduleRules.configLengthMismatch, ScheduleRules.classRefusesValue]
    guard let config = subject.config else { return rules.map { .notApplicable($0, "no config") } }
    let className = subject.settings.model?.name ?? "the declared class"
    var outcomes: [CheckOutcome] = []
    func keyOutcome(_ rule: RuleDescriptor, _ remarks: [ConfigSource.KeyRemark], severity: Severity? = nil) -> CheckOutcome {
        guard !remarks.isEmpty else { return .passed(rule, "none") }
        let diagnostics = remarks.map { remark in
            Diagnostic(code: rule.code, slug: rule.slug, severity: severity ?? rule.defaultSeverity, message: "\"\(remark.key)\": \(remark.reason)",
                       location: config.location(of: remark.key), details: [.init("key", remark.key), .init("class", className)])
        }
        return CheckOutcome(rule: rule, status: .fired(severity ?? rule.defaultSeverity), summary: remarks.map(\.key).joined(separator: ", "), diagnostics: diagnostics)
    }
    outcomes.append(keyOutcome(ScheduleRules.unknownConfigKey, config.unknownKeys.map {
        .init(key: $0, reason: "unknown key: no diffusers scheduler defines it, and \(className) ignores it silently (a misspelling has no effect)")
    }))
    outcomes.append(keyOutcome(ScheduleRules.ignoredConfigKey, config.ineffective))
    if let declared = config.declaredTimesteps, let array = subject.array, declared != array.values.count {
        outcomes.append(.fired(
            ScheduleRules.configLengthMismatch,
            message: "num_train_timesteps = \(declared) but trained_betas has \(array.values.count) values",
            summary: "num_train_timesteps \(declared), trained_betas \(array.values.count)",
            details: [.init("numTrainTimesteps", "\(declared)"), .init("trainedBetas", "\(array.values.count)")],
            location: config.location(of: "num_train_timesteps")
        ))
    } else {
        outcomes.append(.passed(ScheduleRules.configLengthMismatch, config.declaredTimesteps == nil ? "no trained_betas length to check" : "lengths agree"))
    }
    outcomes.append(keyOutcome(ScheduleRules.classRefusesValue, config.refusals))
    return outcomes
}
