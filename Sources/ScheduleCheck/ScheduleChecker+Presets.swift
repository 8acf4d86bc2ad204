import CheckerCore
import Reference

/// The β ends published models use, with the T they were tuned for.
enum BetaPresets {
    struct Preset {
        var kind: ScheduleSpecification.Kind
        var start: Double
        var end: Double
        var name: String
    }

    static let all: [Preset] = [
        Preset(kind: .linear, start: 0.0001, end: 0.02, name: "DDPM's linear"),
        Preset(kind: .scaledLinear, start: 0.00085, end: 0.012, name: "latent diffusion's scaled linear"),
        Preset(kind: .linear, start: 0.00085, end: 0.012, name: "the linear 0.00085 → 0.012 of Kandinsky and unCLIP"),
        Preset(kind: .sigmoid, start: 0.0001, end: 0.02, name: "the sigmoid with DDPM's ends"),
    ]

    /// The T the presets were tuned for.
    static let tunedTimesteps = 1000

    /// Relative agreement of ends written in a config (they are decimal literals; 1e-9 allows
    /// float32 round trips of the literal without matching a different preset).
    static func matching(_ spec: ScheduleSpecification) -> Preset? {
        all.first { $0.kind == spec.kind && abs(spec.betaStart - $0.start) <= 1e-6 * $0.start && abs(spec.betaEnd - $0.end) <= 1e-6 * $0.end }
    }
}

extension CheckContext {
    /// VS207, VS208: preset ends with another T, and ends that match no preset.
    func presetChecks() -> [CheckOutcome] {
        guard let spec = subject.specification, spec.kind != .explicit, spec.kind != .cosine, subject.array == nil else {
            return [.notApplicable(ScheduleRules.presetEndsOtherT, "no named β ends (cosine, an array or trained_betas)"),
                    .notApplicable(ScheduleRules.unrecognisedPreset, "no named β ends (cosine, an array or trained_betas)")]
        }
        let ends = "\(format(spec.betaStart)) → \(format(spec.betaEnd))"
        guard let preset = BetaPresets.matching(spec) else {
            guard subject.config != nil else {
                return [.notApplicable(ScheduleRules.presetEndsOtherT, "\(ends) is not a preset"),
                        .notApplicable(ScheduleRules.unrecognisedPreset, "ends given on the command line")]
            }
            return [.notApplicable(ScheduleRules.presetEndsOtherT, "\(ends) is not a preset"),
                    .fired(ScheduleRules.unrecognisedPreset,
                           message: "β \(ends) (\(ScheduleSubject.describe(spec))) matches no published preset: check it against the model's training config",
                           summary: "β \(ends)", details: [.init("betaStart", format(spec.betaStart)), .init("betaEnd", format(spec.betaEnd))],
                           location: location(ofKey: "beta_end"))]
        }
        let recognised = CheckOutcome.passed(ScheduleRules.unrecognisedPreset, "\(preset.name) (\(ends))")
        guard spec.timesteps != BetaPresets.tunedTimesteps, !spec.linearScaledForTimesteps else {
            return [.passed(ScheduleRules.presetEndsOtherT, "T = \(spec.timesteps)" + (spec.linearScaledForTimesteps ? " (β scaled by 1000/T)" : "")), recognised]
        }
        let middle = spec.timesteps / 2 - 1
        let rootMiddle = middle >= 0 && middle < alphaBars.count ? alphaBars[middle].squareRoot() : .nan
        let rootLast = alphaBars.last.map { $0.squareRoot() } ?? .nan
        return [.fired(
            ScheduleRules.presetEndsOtherT,
            message: "\(preset.name) ends \(ends) were tuned for T = 1000, but T = \(spec.timesteps): √ᾱ at the middle step is \(format(rootMiddle, digits: 4)) and √ᾱ[\(spec.timesteps - 1)] = \(format(rootLast, digits: 4)) (T = 1000 with these ends: the schedule the model family was trained on)",
            summary: "T = \(spec.timesteps) with \(ends)",
            details: [.init("T", "\(spec.timesteps)"), .init("sqrtAlphaBarMiddle", format(rootMiddle)), .init("sqrtAlphaBarLast", format(rootLast))],
            location: location(ofKey: "num_train_timesteps"),
            fix: "num_train_timesteps = 1000, or β scaled by 1000/T (improved-diffusion), or the ends the model was trained with"
        ), recognised]
    }
}
