import CheckerCore
import Foundation

/// The checks of a class without a β ladder: EDM σ (EDMEuler, EDMDPMSolver, CosineDPMSolver),
/// flow matching (FlowMatchEulerDiscrete, and DPM-Solver/UniPC/DEIS with flow σ) and Würstchen's
/// continuous cosine. They check what the class has (its σ ladder, its keys) and say what they
/// did not check; no β or ᾱ verdict is given, because there is no β schedule in the input.
enum ContinuousChecks {
    static let notChecked = "not checked: β, ᾱ, terminal SNR of a β ladder, precision and DDPM/DDIM dialects (no β schedule drives this sampler)"

    static func check(_ subject: ScheduleSubject) -> ScheduleVerification {
        let settings = subject.settings
        let model = settings.model ?? SchedulerModel.flowMatchEuler
        var outcomes = configOutcomes(subject)
        var header = subject.header
        let location: (String) -> SourceLocation? = { key in
            guard let config = subject.config else { return nil }
            return config.positions["$.\(key)"] != nil ? config.location(of: key) : config.location(of: "_class_name")
        }
        let sigmaRules = [ScheduleRules.sigmaOverrides, ScheduleRules.firstSigma, ScheduleRules.sigmaLadder, ScheduleRules.finalSigma, ScheduleRules.zeroSNRSigma]
        if model.ladder == .continuousCosine {
            let o = settings.options
            let f0 = Double.cos(o.wuerstchenS / (1 + o.wuerstchenS) * .pi / 2)
            let f1 = Double.cos((1 + o.wuerstchenS) / (1 + o.wuerstchenS) * .pi / 2)
            let raw = f1 * f1 / (f0 * f0)
            outcomes.append(.fired(
                ScheduleRules.continuousClamp,
                message: "ᾱ(t) is clamped to [1e-4, 0.9999]: at t = 1 the formula gives \(format(raw)), the clamp keeps ᾱ = 1e-4 (√ᾱ = 0.01 of the signal); s = \(format(o.wuerstchenS)), scaler = \(format(o.wuerstchenScaler))",
                summary: "ᾱ(1) = 1e-4 after the clamp, √ᾱ = 0.01",
                details: [.init("s", format(o.wuerstchenS)), .init("scaler", format(o.wuerstchenScaler))],
                location: location("s")
            ))
            outcomes += sigmaRules.map { .notApplicable($0, "the pipeline passes Würstchen's timesteps; the config has no ladder") }
            header.append("not checked: the sampling timesteps (Würstchen's pipeline chooses them), β and ᾱ ladders, precision and DDPM/DDIM dialects (the schedule is continuous)")
        } else {
            outcomes.append(.notApplicable(ScheduleRules.continuousClamp, "not Würstchen"))
            if let n = settings.inferenceSteps {
                let flow = model.ladder == .flowMatching || subject.flowSigmas
                do {
                    let plan = try model.plan(steps: n, alphaBars: flow && model.ladder == .discreteBetas ? flowAlphaBars(settings) : [], settings: settings)
                    let lo: Double, hi: Double
                    if flow { lo = plan.sigmas?.dropLast().last ?? 0; hi = 1 } else {
                        lo = settings.options.sigmaMin ?? 0.002
                        hi = settings.options.sigmaMax ?? 80
                    }
                    header += plan.remarks
                    if let unmodelled = plan.unmodelled {
                        outcomes += sigmaRules.map { .notApplicable($0, "not modelled: \(unmodelled)") }
                        header.append("not checked: the σ ladder (\(unmodelled) is not modelled)")
                    } else {
                        let context = SigmaLadderContext(model: model, settings: settings, plan: plan, scheduleMin: lo, scheduleMax: hi, flow: flow, location: location)
                        outcomes += context.checks()
                        header.append("σ ladder (N = \(n)): " + describeList((plan.sigmas ?? []).map { format($0, digits: 5) }))
                    }
                } catch {
                    outcomes += sigmaRules.map { .notApplicable($0, error.message) }
                }
            } else {
                outcomes += sigmaRules.map { .notApplicable($0, "no σ ladder (give --inference-steps N)") }
            }
        }
        if model.ladder != .continuousCosine { header.append(notChecked) }
        let covered = Set(outcomes.map(\.rule.code))
        outcomes += ScheduleRules.all.filter { !covered.contains($0.code) }.map { .notApplicable($0, "no β schedule in \(model.name)") }
        var verification = ScheduleVerification(subject: subject.label, outcomes: outcomes.sorted { $0.rule.code < $1.rule.code },
                                                curves: ScheduleCurves(label: subject.label, betas: [], alphaBars: []))
        verification.header = header
        return verification
    }

    /// DPM-Solver, UniPC and DEIS with flow σ read N through their own plan, which takes T from ᾱ's length.
    static func flowAlphaBars(_ settings: SamplerSettings) -> [Double] {
        Array(repeating: 0.5, count: max(settings.trainSteps, 1))
    }
}
