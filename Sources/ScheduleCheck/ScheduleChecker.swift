import CheckerCore
import Reference
import RealModule

/// Runs every check of `verify-schedule` on a ``ScheduleSubject``.
///
/// The β and ᾱ checks work on the raw numbers (`[Double]`), so they can analyse arrays that
/// Reference refuses (β₀ = 0, β > 1, NaN); everything that needs an equation (posterior
/// variances, the prior term, timesteps) uses Reference on the schedule when it is valid.
public enum ScheduleChecker {
    public static func check(_ subject: ScheduleSubject) throws(ScheduleCheckError) -> ScheduleVerification {
        if let model = subject.settings.model, model.ladder != .discreteBetas || subject.flowSigmas {
            return ContinuousChecks.check(subject)
        }
        let context = try CheckContext(subject)
        var outcomes: [CheckOutcome] = []
        outcomes += context.betaChecks()
        outcomes += context.terminalChecks()
        outcomes += context.presetChecks()
        outcomes += context.precisionChecks()
        outcomes += context.arrayChecks()
        outcomes += context.timestepChecks()
        outcomes.append(context.respacingCheck())
        outcomes += context.dialectChecks()
        outcomes += context.configChecks()
        outcomes += context.sigmaChecks()
        var header = subject.header
        if context.edmStyle {
            // The σ ladder runs between sigma_min and sigma_max and the model sees c_noise = ¼·log σ:
            // the β schedule does not drive sampling, so no verdict on it.
            let reason = "EDM-style config (Karras σ from sigma_min/sigma_max, timestep_type continuous): the β schedule does not drive sampling"
            outcomes = outcomes.map { o in
                let code = o.rule.code
                guard code.hasPrefix("VS1") || code.hasPrefix("VS2") || code.hasPrefix("VS3") || code.hasPrefix("VS4") || code.hasPrefix("VS5") || code == "VS601" else { return o }
                return .notApplicable(o.rule, reason)
            }
            header.append("not checked: \(reason)")
        }
        header.append(subject.spaceStatement)
        if let n = subject.settings.inferenceSteps, let model = subject.settings.model,
           let plan = try? model.plan(steps: n, alphaBars: context.alphaBars, settings: subject.settings) {
            header += plan.remarks
            if let unmodelled = plan.unmodelled {
                header.append("not checked: the sampling timesteps and σ ladder (\(unmodelled) is not modelled)")
            } else if let sigmas = plan.sigmas {
                header.append("σ ladder (N = \(n)): " + describeList(sigmas.map { format($0, digits: 5) }))
            }
        }
        var verification = ScheduleVerification(
            subject: subject.label, outcomes: outcomes.sorted { $0.rule.code < $1.rule.code },
            curves: ScheduleCurves(label: subject.label, betas: context.betas, alphaBars: context.alphaBars)
        )
        verification.header = header
        return verification
    }
}

/// The raw β of a named schedule, by the formulas of Reference but without its validation, for
/// schedules Reference refuses (a zero or negative end): the checks must still see them.
func unvalidatedBetas(_ spec: ScheduleSpecification) -> [Double] {
    let t = max(spec.timesteps, 0)
    switch spec.kind {
    case .linear:
        let scale = spec.linearScaledForTimesteps ? 1000 / Double(max(t, 1)) : 1
        return numpyLinspace(spec.betaStart * scale, spec.betaEnd * scale, count: t)
    case .scaledLinear:
        return numpyLinspace(spec.betaStart.squareRoot(), spec.betaEnd.squareRoot(), count: t).map { $0 * $0 }
    case .sigmoid:
        return numpyLinspace(-6.0, 6, count: t).map { 1 / (1 + Double.exp(-$0)) * (spec.betaEnd - spec.betaStart) + spec.betaStart }
    case .cosine:
        return cosineBetas(timesteps: t, s: spec.cosineS, cap: spec.maxBeta, square: true, shifted: false)
    case .explicit:
        return spec.betas ?? []
    }
}

/// The cosine schedule's β, and two wrong forms seen in the wild: computed with cos instead of
/// cos² (`square: false`), and shifted by one index (`shifted: true`: ᾱₜ = f(t)/f(0), β₀ = 0).
func cosineBetas(timesteps: Int, s: Double, cap: Double, square: Bool, shifted: Bool) -> [Double] {
    func f(_ tau: Double) -> Double {
        let c = Double.cos((tau / Double(timesteps) + s) / (1 + s) * .pi / 2)
        return square ? c * c : c
    }
    return (0..<timesteps).map { t in
        if shifted { return t == 0 ? 0 : min(1 - f(Double(t)) / f(Double(t - 1)), cap) }
        return min(1 - f(Double(t + 1)) / f(Double(t)), cap)
    }
}

/// ᾱ as the literal sequential product of 1 − β (as Reference computes it).
func cumulativeAlphaBars(_ betas: [Double]) -> [Double] {
    var product = 1.0
    return betas.map { beta in
        product *= 1 - beta
        return product
    }
}

/// β recovered from ᾱ: βₜ = 1 − ᾱₜ/ᾱₜ₋₁, with ᾱ₋₁ = 1.
func betasFromAlphaBars(_ alphaBars: [Double]) -> [Double] {
    alphaBars.indices.map { t in 1 - alphaBars[t] / (t == 0 ? 1 : alphaBars[t - 1]) }
}

/// What every check needs: the raw schedule, the valid Reference schedule when there is one,
/// and where things are in the input files.
struct CheckContext {
    let subject: ScheduleSubject
    /// β under test (from the array when one is given).
    let betas: [Double]
    /// ᾱ under test (the array itself when it holds ᾱ).
    let alphaBars: [Double]
    /// The Reference schedule of these betas, when they are valid.
    let schedule: NoiseSchedule<Double>?
    /// Why Reference refused the betas, when it did.
    let refusal: String?
    /// The named schedule recomputed by Reference, when an array is compared with it.
    let recomputed: NoiseSchedule<Double>?
    let recomputeRefusal: String?

    var count: Int { betas.count }
    var settings: SamplerSettings { subject.settings }

    /// Euler with sigma_min/sigma_max, a Karras (or exponential, beta) ladder and continuous
    /// timesteps: the EDM recipe on a β-scheduler class.
    var edmStyle: Bool {
        let o = settings.options
        return settings.model?.name == "EulerDiscreteScheduler" && o.timestepType == "continuous" && o.ladderFlag != nil
            && o.sigmaMin != nil && o.sigmaMax != nil
    }

    init(_ subject: ScheduleSubject) throws(ScheduleCheckError) {
        self.subject = subject
        var recomputed: NoiseSchedule<Double>?
        var recomputeRefusal: String?
        if let array = subject.array {
            if array.kind == .betas {
                betas = array.values
                alphaBars = cumulativeAlphaBars(array.values)
            } else {
                alphaBars = array.values
                betas = betasFromAlphaBars(array.values)
            }
            if let spec = subject.specification, spec.kind != .explicit {
                do {
                    recomputed = try spec.make(Double.self)
                } catch {
                    recomputeRefusal = error.description
                }
            }
        } else if let spec = subject.specification {
            guard spec.timesteps >= 1 else {
                throw .invalidOption(name: "num_train_timesteps", value: "\(spec.timesteps)", expected: "T ≥ 1")
            }
            do {
                let made = try spec.make(Double.self)
                betas = made.betas
                alphaBars = made.alphaBars
            } catch {
                switch error {
                case .betaOutOfRange, .nonFiniteInput:
                    // Refused betas (β₀ = 0, β > 1, NaN): check the raw formula's betas instead.
                    betas = unvalidatedBetas(spec)
                    alphaBars = cumulativeAlphaBars(betas)
                default:
                    throw .scheduleRefused(what: ScheduleSubject.describe(spec), reason: error.description)
                }
            }
        } else {
            throw .noSchedule
        }
        self.recomputed = recomputed
        self.recomputeRefusal = recomputeRefusal
        do {
            schedule = try NoiseSchedule(betas: betas)
            refusal = nil
        } catch {
            schedule = nil
            refusal = error.description
        }
    }

    /// Where element `t` of the schedule is written, if it came from a text array.
    func location(ofIndex t: Int) -> SourceLocation? {
        guard let array = subject.array else { return scheduleLocation }
        if t >= 0, t < array.positions.count {
            let p = array.positions[t]
            return SourceLocation(file: array.source, line: p.line, column: p.column)
        }
        return SourceLocation(file: array.source, line: 1, column: 1)
    }

    /// Where the schedule is defined: the config's beta_schedule key, or the array file.
    var scheduleLocation: SourceLocation? {
        if let array = subject.array { return SourceLocation(file: array.source, line: 1, column: 1) }
        if let config = subject.config { return config.location(of: config.positions["$.beta_schedule"] != nil ? "beta_schedule" : "trained_betas") }
        return nil
    }

    /// Where a sampler setting is written in the config, or the schedule's location.
    func location(ofKey key: String) -> SourceLocation? {
        if let config = subject.config, config.positions["$.\(key)"] != nil { return config.location(of: key) }
        return scheduleLocation
    }
}
