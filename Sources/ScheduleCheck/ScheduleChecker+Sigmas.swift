import CheckerCore
import Foundation

/// The σ-ladder checks (VS801–VS805), shared by the β-ladder samplers that step in σ (Euler,
/// DPM-Solver, UniPC …) and the classes without β (EDM, flow matching).
///
///     σ(t) = √((1 − ᾱₜ)/ᾱₜ),   signal left at σ: 1/√(1 + σ²) = √ᾱ
struct SigmaLadderContext {
    var model: SchedulerModel
    var settings: SamplerSettings
    var plan: SamplingPlan
    /// σ(0) and σ(T − 1) of the schedule (for EDM: sigma_min and sigma_max; flow matching: its ends).
    var scheduleMin: Double
    var scheduleMax: Double
    /// True when the first σ is meant to be 1 (flow matching) rather than σ_max.
    var flow: Bool
    var location: (String) -> SourceLocation?

    /// Signal left in noise of standard deviation σ (variance-preserving view); for flow matching 1 − σ.
    func signal(atSigma sigma: Double) -> Double {
        flow ? 1 - sigma : 1 / (1 + sigma * sigma).squareRoot()
    }

    func checks() -> [CheckOutcome] {
        [overrides(), firstSigma(), ladder(), finalSigma(), zeroSNR()]
    }

    /// VS801
    func overrides() -> CheckOutcome {
        let rule = ScheduleRules.sigmaOverrides
        let o = settings.options
        guard model.ladder == .discreteBetas, let flag = o.ladderFlag else {
            return .notApplicable(rule, model.ladder == .discreteBetas ? "no Karras, exponential or beta ladder: σ interpolated from the schedule" : "\(model.name) has no β schedule to compare with")
        }
        let edmStyle = o.timestepType == "continuous"
        var problems: [String] = []
        var severity: Severity = .note
        if let max = o.sigmaMax, model.keys.contains("sigma_max") {
            if max > scheduleMax * (1 + 1e-6) {
                problems.append("sigma_max = \(format(max)) is above the schedule's σ(T − 1) = \(format(scheduleMax)): sampling starts noisier than training ever was, and the first timesteps clamp to T − 1")
                if !edmStyle { severity = .warning }
            } else if max < scheduleMax * (1 - 1e-6) {
                let left = signal(atSigma: max), terminal = signal(atSigma: scheduleMax)
                problems.append("sigma_max = \(format(max)) is below the schedule's σ(T − 1) = \(format(scheduleMax)): the start keeps √ᾱ = \(format(left, digits: 4)) of the signal (the schedule's own end: \(format(terminal, digits: 4)))")
                if left >= FirstStepThresholds.signal && left >= FirstStepThresholds.overTerminal * terminal { severity = .warning }
            }
        }
        if let min = o.sigmaMin, model.keys.contains("sigma_min"), min < scheduleMin * (1 - 1e-6) {
            problems.append("sigma_min = \(format(min)) is below the schedule's σ(0) = \(format(scheduleMin)): the last timesteps clamp to t = 0")
        }
        let summary = "\(flag): σ from \(format(o.sigmaMax ?? scheduleMax)) to \(format(o.sigmaMin ?? scheduleMin)); schedule σ from \(format(scheduleMax)) to \(format(scheduleMin))"
        guard !problems.isEmpty else { return .passed(rule, summary) }
        return .fired(
            rule, severity: severity,
            message: problems.joined(separator: "; ") + (edmStyle ? " (EDM-style config: timestep_type continuous)" : ""),
            summary: summary,
            details: [.init("sigmaMin", format(o.sigmaMin ?? scheduleMin)), .init("sigmaMax", format(o.sigmaMax ?? scheduleMax)),
                      .init("scheduleSigmaMin", format(scheduleMin)), .init("scheduleSigmaMax", format(scheduleMax))],
            location: location(o.sigmaMax != nil ? "sigma_max" : "sigma_min")
        )
    }

    /// VS802
    func firstSigma() -> CheckOutcome {
        let rule = ScheduleRules.firstSigma
        guard let sigmas = plan.sigmas, let first = sigmas.first else { return .notApplicable(rule, "no σ ladder") }
        let top = flow ? 1.0 : scheduleMax
        let left = signal(atSigma: first), terminal = signal(atSigma: top)
        let summary = "σ₀ = \(format(first)), σ_max = \(format(top)); signal left \(format(left, digits: 4))"
        // Flow matching starts at σ = 1 − O(1/T) by construction: only a start that leaves 1 % of
        // the signal or more is reported.
        let below = flow ? left >= 0.01 : first < top * (1 - 1e-5)
        guard below, first.isFinite else { return .passed(rule, summary) }
        let severe = left >= FirstStepThresholds.signal && left >= FirstStepThresholds.overTerminal * max(terminal, 0)
        return .fired(
            rule, severity: severe ? .warning : .note,
            message: "the ladder starts at σ₀ = \(format(first)), below σ_max = \(format(top)): the starting noise is treated as if \(format(left, digits: 4)) of the signal were left in it",
            summary: summary,
            details: [.init("sigma0", format(first)), .init("sigmaMax", format(top)), .init("signalLeft", format(left))],
            location: location("timestep_spacing"),
            fix: flow ? "start the ladder at σ = 1" : "timestep_spacing = trailing or linspace (start at T − 1)"
        )
    }

    /// VS803
    func ladder() -> CheckOutcome {
        let rule = ScheduleRules.sigmaLadder
        guard let sigmas = plan.sigmas, sigmas.count >= 2 else { return .notApplicable(rule, "no σ ladder") }
        let steps = Array(sigmas.dropLast())
        let shown = describeList(sigmas.map { format($0, digits: 5) })
        if let bad = steps.firstIndex(where: { !$0.isFinite || $0 <= 0 }) {
            return .fired(rule, message: "σ[\(bad)] = \(format(steps[bad])) is not a finite positive number", summary: shown,
                          details: [.init("index", "\(bad)"), .init("sigma", format(steps[bad]))], location: location("use_karras_sigmas"))
        }
        // A σ repeated by clamping at t ≥ T − 1 is a step of size zero: wasted, not wrong. Heun
        // and DPMSolverSDE visit each σ twice by design.
        let repeatsByClamp = plan.clamped || model.name == "HeunDiscreteScheduler" || model.name == "DPMSolverSDEScheduler"
        if let i = sigmas.indices.dropFirst().first(where: {
            (sigmas[$0] > sigmas[$0 - 1] || (sigmas[$0] == sigmas[$0 - 1] && !repeatsByClamp)) && !(sigmas[$0] == 0 && sigmas[$0 - 1] == 0)
        }) {
            let why = sigmas[i] == sigmas[i - 1]
                ? (plan.timesteps.indices.contains(i) && plan.timesteps[i] == plan.timesteps[i - 1]
                    ? ": two timesteps round to t = \(format(plan.timesteps[i])), a step of size zero (a multistep solver divides by the step's λ difference)"
                    : ": a step of size zero")
                : ": the ladder runs backwards"
            return .fired(rule, message: "σ does not decrease: σ[\(i - 1)] = \(format(sigmas[i - 1])), σ[\(i)] = \(format(sigmas[i]))" + why, summary: shown,
                          details: [.init("index", "\(i)"), .init("previous", format(sigmas[i - 1])), .init("sigma", format(sigmas[i]))],
                          location: location(sigmas[i] == sigmas[i - 1] ? "timestep_spacing" : (settings.options.sigmaMin != nil ? "sigma_min" : "use_karras_sigmas")))
        }
        var what = settings.options.ladderFlag.map { "\($0), " } ?? ""
        if settings.options.useKarrasSigmas && model.ladder == .discreteBetas { what = "use_karras_sigmas (Karras ρ = 7), " }
        if model.ladder == .edmSigmas { what = settings.options.sigmaSchedule == "karras" ? "Karras ρ = \(format(settings.options.rho)), " : "exponential, " }
        return .passed(rule, "\(what)\(sigmas.count) σ: \(shown)")
    }

    /// VS804
    func finalSigma() -> CheckOutcome {
        let rule = ScheduleRules.finalSigma
        guard let last = plan.sigmas?.last else { return .notApplicable(rule, "no σ ladder") }
        if last == 0 { return .passed(rule, "final σ = 0") }
        return .fired(
            rule,
            message: "final_sigmas_type sigma_min: the ladder ends at σ = \(format(last)), not 0; the output keeps noise of that standard deviation",
            summary: "final σ = \(format(last))",
            details: [.init("finalSigma", format(last))],
            location: location("final_sigmas_type")
        )
    }

    /// VS805
    func zeroSNR() -> CheckOutcome {
        let rule = ScheduleRules.zeroSNRSigma
        guard model.ladder == .discreteBetas, !flow else { return .notApplicable(rule, "no β schedule") }
        guard settings.rescaleZeroSNR else { return .notApplicable(rule, "rescale_betas_zero_snr is off") }
        if model.patchesZeroSNR {
            return .fired(
                rule, severity: .note,
                message: "rescale_betas_zero_snr: \(model.name) sets ᾱ[T − 1] = 2⁻²⁴, so σ_max = \(format(scheduleMax)) instead of ∞; the first step sees almost pure noise",
                summary: "σ_max = \(format(scheduleMax)) (ᾱ[T − 1] = 2⁻²⁴)",
                details: [.init("sigmaMax", format(scheduleMax))],
                location: location("rescale_betas_zero_snr")
            )
        }
        return .fired(
            rule,
            message: "zero terminal SNR gives σ(T − 1) = ∞ and \(model.name) does not patch it: the ladder starts at an infinite σ",
            summary: "σ(T − 1) = ∞",
            location: location("rescale_betas_zero_snr"),
            fix: "use EulerDiscrete, EulerAncestral, DPMSolverMultistep or UniPC, which clamp ᾱ[T − 1] to 2⁻²⁴"
        )
    }
}

extension CheckContext {
    /// VS801–VS805 for a β-ladder class that steps in σ; n/a for the others.
    func sigmaChecks() -> [CheckOutcome] {
        let rules = [ScheduleRules.sigmaOverrides, ScheduleRules.firstSigma, ScheduleRules.sigmaLadder, ScheduleRules.finalSigma,
                     ScheduleRules.zeroSNRSigma, ScheduleRules.continuousClamp]
        guard let model = settings.model, model.usesSigmas else {
            return rules.map { .notApplicable($0, "\(settings.model?.name ?? "no class"): not a σ-based sampler") }
        }
        guard let n = settings.inferenceSteps, n >= 1, n <= count else {
            return rules.map { .notApplicable($0, "no σ ladder (give --inference-steps N)") }
        }
        guard let plan = try? model.plan(steps: n, alphaBars: alphaBars, settings: settings) else {
            return rules.map { .notApplicable($0, "\(model.name) refuses N = \(n) (VS509)") }
        }
        if let unmodelled = plan.unmodelled {
            return rules.map { .notApplicable($0, "not modelled: \(unmodelled)") }
        }
        let a = model.patchedAlphaBars(alphaBars, settings)
        let sigmaOf = { (x: Double) in ((1 - x) / x).squareRoot() }
        let context = SigmaLadderContext(model: model, settings: settings, plan: plan, scheduleMin: sigmaOf(a[0]), scheduleMax: sigmaOf(a[a.count - 1]),
                                         flow: false, location: { self.location(ofKey: $0) })
        return context.checks() + [.notApplicable(ScheduleRules.continuousClamp, "not Würstchen")]
    }
}
