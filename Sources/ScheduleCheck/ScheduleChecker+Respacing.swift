import CheckerCore
import Reference

extension CheckContext {
    /// VS508: the β of a respaced schedule (N sampling steps) against the effective β of each jump.
    ///
    ///     β'ₖ = 1 − ᾱ_{tₖ}/ᾱ_{tₖ₋₁},   t₀ < t₁ < … ascending, ᾱ before the first = 1
    ///
    /// (improved-diffusion `space_timesteps`/`SpacedDiffusion`; Nichol & Dhariwal 2021, §4). Using
    /// β_{tₖ} instead, the step's variance is that of one training step while the jump covers
    /// many: the bug early diffusers had for N < T.
    func respacingCheck() -> CheckOutcome {
        let rule = ScheduleRules.respacedBetas
        guard let respaced = subject.respacedBetas else { return .notApplicable(rule, "no respaced β given (--respaced-betas)") }
        guard let schedule else { return .notApplicable(rule, "the training schedule is invalid") }
        let n = settings.inferenceSteps ?? respaced.values.count
        let timesteps = settings.timesteps ?? ((try? Timesteps.make(count: n, trainingSteps: count, spacing: settings.timestepSpacing, stepsOffset: settings.stepsOffset)) ?? [])
        let ascending = timesteps.filter { $0 >= 0 && $0 < count }.sorted()
        guard !ascending.isEmpty else { return .notApplicable(rule, "no sampling timesteps in range") }
        var effective: [Double] = []
        var previous = 1.0
        for t in ascending {
            effective.append(1 - schedule.alphaBars[t] / previous)
            previous = schedule.alphaBars[t]
        }
        let single = ascending.map { schedule.betas[$0] }
        let tolerance = ArrayAgreement.tolerance(for: respaced.precision, kind: .betas)
        let agreement = ArrayAgreement.compare(respaced.values, with: effective, relative: tolerance.relative, absolute: tolerance.absolute)
        let summary = "\(respaced.values.count) respaced β vs effective β of \(ascending.count) jumps: max rel. err. \(format(agreement.maxRelativeError, digits: 3))"
        if agreement.agrees { return .passed(rule, summary) }
        let isSingleStep = ArrayAgreement.compare(respaced.values, with: single, relative: tolerance.relative, absolute: tolerance.absolute).agrees
        let k = agreement.firstDisagreement ?? 0
        let message: String
        if isSingleStep {
            let worst = effective.indices.max { effective[$0] / single[$0] < effective[$1] / single[$1] } ?? 0
            message = "the respaced β are β_{tₖ} of single training steps, not the effective β = 1 − ᾱ_{tₖ}/ᾱ_{tₖ₋₁} of each jump: at t = \(ascending[worst]) the jump needs \(format(effective[worst])) but gets \(format(single[worst]))"
        } else if !agreement.lengthMatches {
            message = "\(respaced.values.count) respaced β for \(ascending.count) sampling timesteps"
        } else {
            message = "respaced β[\(k)] = \(format(respaced.values[k])) differs from the effective β of the jump to t = \(ascending[k]): \(format(effective[k]))"
        }
        return .fired(
            rule, message: message, summary: summary,
            details: [.init("firstIndex", "\(k)"), .init("maxRelativeError", format(agreement.maxRelativeError)), .init("singleStepBetas", isSingleStep ? "true" : "false")],
            location: SourceLocation(file: respaced.source, line: k < respaced.positions.count ? respaced.positions[k].line : 1, column: 1),
            fix: "β'ₖ = 1 − ᾱ_{tₖ}/ᾱ_{tₖ₋₁} over the ascending sampling timesteps (improved-diffusion space_timesteps)"
        )
    }
}
