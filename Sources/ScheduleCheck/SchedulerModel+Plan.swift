import Foundation
import Reference

/// The sampling timesteps and σ ladder a scheduler class builds for N inference steps.
public struct SamplingPlan: Sendable, Equatable {
    /// The timesteps in the order the sampler visits them (integers for index-based classes;
    /// fractional for the Euler family and the σ-only classes).
    public var timesteps: [Double]
    /// σ of each step plus the σ after the last one (N + 1 values) for σ-based classes; nil otherwise.
    public var sigmas: [Double]?
    /// True when the timesteps index the training schedule (DDPM, DDIM, PNDM, LCM, DPM-Solver …).
    public var indexesSchedule: Bool
    /// What the plan did that a reader should know ("PLMS repeats t = 961", "σ clamped at t ≥ T").
    public var remarks: [String] = []
    /// A setting the model does not reproduce (`use_lu_lambdas`, Euler's
    /// `log_linear` interpolation, FlowMatch's σ-ladder flags): the timesteps and σ shown are not
    /// the class's, and no timestep or σ check is made.
    public var unmodelled: String?
    /// σ interpolated beyond T − 1 was clamped to σ(T − 1) (leading spacing at N = T): the repeated
    /// σ is a zero-size step, not an error.
    public var clamped = false
}

/// Why a class refuses N: diffusers raises for these settings.
public struct PlanRefusal: Error, Sendable, Equatable {
    public var message: String
    /// The config key responsible, for the location of the finding.
    public var key: String
}

/// NumPy's round: halves to even.
func roundHalfEven(_ x: Double) -> Double { x.rounded(.toNearestOrEven) }

extension SchedulerModel {
    /// The timesteps (and σ) for N steps over a schedule with these ᾱ (T = alphaBars.count), as
    /// the class's `set_timesteps` builds them; ᾱ is unused by the σ-only classes.
    public func plan(steps n: Int, alphaBars: [Double], settings: SamplerSettings) throws(PlanRefusal) -> SamplingPlan {
        var plan = try basePlan(steps: n, alphaBars: alphaBars, settings: settings)
        plan.unmodelled = unmodelledSetting(settings)
        return plan
    }

    /// The setting of this config that ``plan(steps:alphaBars:settings:)`` does not reproduce, if any.
    public func unmodelledSetting(_ settings: SamplerSettings) -> String? {
        let o = settings.options
        if keys.contains("use_lu_lambdas") && o.useLuLambdas { return "use_lu_lambdas (a ladder uniform in λ)" }
        if keys.contains("interpolation_type") && o.interpolationType != "linear" { return "interpolation_type \(o.interpolationType)" }
        if ladder == .flowMatching {
            if let flag = o.ladderFlag { return "\(flag) on flow-matching σ" }
            if o.invertSigmas { return "invert_sigmas" }
        }
        return nil
    }

    func basePlan(steps n: Int, alphaBars: [Double], settings: SamplerSettings) throws(PlanRefusal) -> SamplingPlan {
        let o = settings.options
        let t = ladder == .discreteBetas ? alphaBars.count : settings.trainSteps
        guard n >= 1 else { throw PlanRefusal(message: "N = \(n): at least one step is needed", key: "num_inference_steps") }
        switch timestepRule {
        case .spacing:
            if n > t { throw PlanRefusal(message: "N = \(n) > T = \(t): \(name) refuses more steps than training timesteps", key: "num_train_timesteps") }
            return SamplingPlan(timesteps: spacedTimesteps(n: n, t: t, spacing: settings.timestepSpacing, offset: settings.stepsOffset).map(Double.init),
                                sigmas: nil, indexesSchedule: true)
        case .inverse:
            if n > t { throw PlanRefusal(message: "N = \(n) > T = \(t): \(name) refuses more steps than training timesteps", key: "num_train_timesteps") }
            let ratio = t / n
            let list: [Int]
            switch settings.timestepSpacing {
            case .leading: list = (0..<n).map { $0 * ratio + settings.stepsOffset }
            case .trailing: list = numpyArange(start: Double(t), stop: 0, step: -Double(t) / Double(n)).reversed().map { Int(roundHalfEven($0)) - 1 }
            case .linspace:
                throw PlanRefusal(message: "\(name) supports leading and trailing spacing only; diffusers raises for linspace", key: "timestep_spacing")
            }
            return SamplingPlan(timesteps: list.map(Double.init), sigmas: nil, indexesSchedule: true,
                                remarks: ["\(name) runs the timesteps upwards (inversion): \(list.first ?? 0) → \(list.last ?? 0)"])
        case .pndm:
            return pndmPlan(n: n, t: t, settings: settings)
        case .consistency:
            return try consistencyPlan(n: n, t: t, originalSteps: o.originalInferenceSteps)
        case .spacingDropLast:
            return dropLastPlan(n: n, alphaBars: patchedAlphaBars(alphaBars, settings), settings: settings)
        case .sigmaInterpolated:
            return interpolatedPlan(n: n, alphaBars: patchedAlphaBars(alphaBars, settings), settings: settings)
        case .sigmaOnly:
            return sigmaOnlyPlan(n: n, t: t, settings: settings)
        }
    }

    /// ᾱ as the class holds it: classes that patch zero SNR set ᾱ_{T−1} = 2⁻²⁴ so that σ_max is finite.
    func patchedAlphaBars(_ alphaBars: [Double], _ settings: SamplerSettings) -> [Double] {
        guard patchesZeroSNR, settings.rescaleZeroSNR, !alphaBars.isEmpty else { return alphaBars }
        var patched = alphaBars
        patched[patched.count - 1] = 0x1p-24
        return patched
    }

    /// DDPM/DDIM spacing: N integer timesteps, descending.
    func spacedTimesteps(n: Int, t: Int, spacing: TimestepSpacing, offset: Int) -> [Int] {
        switch spacing {
        case .linspace: return numpyLinspace(0.0, Double(t - 1), count: n).map { Int(roundHalfEven($0)) }.reversed()
        case .leading: return (0..<n).reversed().map { $0 * (t / n) + offset }
        case .trailing: return numpyArange(start: Double(t), stop: 0, step: -Double(t) / Double(n)).map { Int(roundHalfEven($0)) - 1 }
        }
    }

    func pndmPlan(n: Int, t: Int, settings: SamplerSettings) -> SamplingPlan {
        // The base list, ascending, as PNDM builds it before the PLMS/PRK arrangement.
        let ascending: [Int] = spacedTimesteps(n: n, t: t, spacing: settings.timestepSpacing, offset: settings.stepsOffset).reversed()
        if settings.options.skipPRKSteps {
            guard ascending.count >= 2 else {
                return SamplingPlan(timesteps: ascending.map(Double.init), sigmas: nil, indexesSchedule: true)
            }
            var plms = Array(ascending.dropLast())
            plms.append(ascending[ascending.count - 2])
            plms.append(ascending[ascending.count - 1])
            let list = plms.reversed().map(Double.init)
            return SamplingPlan(timesteps: list, sigmas: nil, indexesSchedule: true,
                                remarks: ["PLMS visits t = \(ascending[ascending.count - 2]) twice (its warm-up step): N + 1 = \(list.count) model calls"])
        }
        // Runge–Kutta warm-up on the last four base timesteps, each with a half-stride midpoint.
        let order = 4
        let half = t / n / 2
        let tail = ascending.suffix(order)
        var prk: [Int] = []
        for v in tail { prk.append(v); prk.append(v + half) }
        prk.removeLast()
        var doubled: [Int] = []
        for v in prk { doubled.append(v); doubled.append(v) }
        let warmUp = Array(doubled.dropFirst().dropLast()).reversed()
        let plms = ascending.count > 3 ? Array(ascending.dropLast(3)).reversed() : []
        let list = (Array(warmUp) + plms).map(Double.init)
        return SamplingPlan(timesteps: list, sigmas: nil, indexesSchedule: true,
                            remarks: ["skip_prk_steps = false: \(warmUp.count) Runge–Kutta warm-up calls, then PLMS (\(list.count) model calls for N = \(n))"])
    }

    func consistencyPlan(n: Int, t: Int, originalSteps: Int) throws(PlanRefusal) -> SamplingPlan {
        guard originalSteps >= 1, originalSteps <= t else {
            throw PlanRefusal(message: "original_inference_steps = \(originalSteps) must be in 1…T = \(t); diffusers raises", key: "original_inference_steps")
        }
        if n > t { throw PlanRefusal(message: "N = \(n) > T = \(t): \(name) refuses more steps than training timesteps", key: "num_train_timesteps") }
        guard n <= originalSteps else {
            throw PlanRefusal(message: "N = \(n) > original_inference_steps = \(originalSteps): \(name) picks its timesteps from the \(originalSteps)-step distillation grid, and diffusers raises for more", key: "original_inference_steps")
        }
        let k = t / originalSteps
        let grid = (1...originalSteps).map { $0 * k - 1 }.reversed().map { $0 }
        let indices = (0..<n).map { Int((Double($0) * Double(grid.count) / Double(n)).rounded(.down)) }
        let list = indices.map { Double(grid[$0]) }
        return SamplingPlan(timesteps: list, sigmas: nil, indexesSchedule: true,
                            remarks: ["timesteps from the original_inference_steps = \(originalSteps) grid (stride T div \(originalSteps) = \(k))"])
    }

    /// σ = √((1 − ᾱ)/ᾱ) of each training timestep.
    static func sigmas(_ alphaBars: [Double]) -> [Double] {
        alphaBars.map { ((1 - $0) / $0).squareRoot() }
    }

    /// NumPy's interp over 0 … T − 1: linear between neighbours, clamped at the ends.
    static func interpolate(_ values: [Double], at x: Double) -> Double {
        guard let last = values.indices.last else { return .nan }
        if x <= 0 { return values[0] }
        if x >= Double(last) { return values[last] }
        let i = Int(x.rounded(.down))
        let w = x - Double(i)
        return w == 0 ? values[i] : values[i] + w * (values[i + 1] - values[i])
    }

    /// The fractional timestep of σ, by linear interpolation of log σ (diffusers' `_sigma_to_t`).
    static func timestep(ofSigma sigma: Double, logSigmas: [Double]) -> Double {
        let logSigma = Double.log(max(sigma, 1e-10))
        let count = logSigmas.count
        guard count >= 2 else { return 0 }
        // The last index whose log σ is ≤ log σ (ascending ladder), kept below the end.
        var low = 0
        var seen = 0
        for (i, value) in logSigmas.enumerated() where logSigma - value >= 0 { seen += 1; low = i }
        if seen == 0 { low = 0 }
        low = min(low, count - 2)
        let lo = logSigmas[low], hi = logSigmas[low + 1]
        let w = min(max((lo - logSigma) / (lo - hi), 0), 1)
        return (1 - w) * Double(low) + w * Double(low + 1)
    }

    /// Karras et al. 2022, Eq. 5: σᵢ = (σ_max^{1/ρ} + i/(N−1)·(σ_min^{1/ρ} − σ_max^{1/ρ}))^ρ.
    static func karras(min: Double, max: Double, count n: Int, rho: Double) -> [Double] {
        let ramp = numpyLinspace(0.0, 1, count: n)
        let a = Double.pow(max, 1 / rho), b = Double.pow(min, 1 / rho)
        return ramp.map { Double.pow(a + $0 * (b - a), rho) }
    }

    /// σ at the quantiles of Beta(0.6, 0.6): σᵢ = σ_min + F⁻¹(1 − i/(N − 1))·(σ_max − σ_min).
    static func betaLadder(min: Double, max: Double, count n: Int) -> [Double] {
        numpyLinspace(0.0, 1, count: n).map { min + BetaDistribution.quantile(1 - $0, a: 0.6, b: 0.6) * (max - min) }
    }

    /// σ evenly spaced in log σ from σ_max down to σ_min.
    static func exponential(min: Double, max: Double, count n: Int) -> [Double] {
        numpyLinspace(Double.log(max), Double.log(min), count: n).map { Double.exp($0) }
    }

    /// DPM-Solver, UniPC, DEIS.
    func dropLastPlan(n: Int, alphaBars: [Double], settings: SamplerSettings) -> SamplingPlan {
        let o = settings.options
        let t = alphaBars.count
        var remarks: [String] = []
        // λ = log √ᾱ − log √(1 − ᾱ); lambda_min_clipped drops the timesteps whose λ is below it.
        var clipped = 0
        if o.lambdaMinClipped > -.infinity {
            clipped = alphaBars.filter { 0.5 * (Double.log($0) - Double.log(1 - $0)) < o.lambdaMinClipped }.count
            if clipped > 0 { remarks.append("lambda_min_clipped = \(format(o.lambdaMinClipped)) drops the last \(clipped) training timesteps") }
        }
        let last = t - clipped
        var list: [Double]
        let spacing: TimestepSpacing = spacings.isEmpty ? .linspace : settings.timestepSpacing
        switch spacing {
        case .linspace:
            list = Array(numpyLinspace(0.0, Double(last - 1), count: n + 1).map(roundHalfEven).reversed().dropLast())
        case .leading:
            let ratio = last / (n + 1)
            list = (1...n).reversed().map { Double($0 * ratio + settings.stepsOffset) }
        case .trailing:
            list = numpyArange(start: Double(last), stop: 0, step: -Double(t) / Double(n)).map { roundHalfEven($0) - 1 }
        }
        let schedule = SchedulerModel.sigmas(alphaBars)
        let logSigmas = schedule.map { Double.log($0) }
        var sigmas: [Double]
        // Karras timesteps are rounded, except DPMSolverMultistep's under the cosine schedule (truncated).
        let roundsKarras = settings.betaScheduleName != "squaredcos_cap_v2" || name != "DPMSolverMultistepScheduler"
        let sigmaMin = (keys.contains("sigma_min") ? o.sigmaMin : nil) ?? schedule[0]
        let sigmaMax = (keys.contains("sigma_max") ? o.sigmaMax : nil) ?? schedule[t - 1]
        if o.useFlowSigmas {
            let shift = { (s: Double) in o.flowShift * s / (1 + (o.flowShift - 1) * s) }
            if name == "UniPCMultistepScheduler" {
                // UniPC: σ from 1 down to 1/T (N points of N + 1), shifted; σ₀ = 1 nudged below 1 by 1e-6.
                sigmas = Array(numpyLinspace(1.0, 1 / Double(t), count: n + 1).dropLast()).map(shift)
                if let first = sigmas.first, abs(first - 1) < 1e-6 { sigmas[0] = first - 1e-6 }
            } else {
                // DPM-Solver, DEIS: σ = 1 − α for α from 1 to 1/T, shifted, reversed, the final 0 dropped.
                let base = numpyLinspace(1.0, 1 / Double(t), count: n + 1).map { 1 - $0 }
                sigmas = Array(base.map(shift).reversed().dropLast())
            }
            list = sigmas.map { $0 * Double(t) }
            remarks.append("use_flow_sigmas: flow-matching σ with flow_shift = \(format(o.flowShift)); the β schedule is not used")
        } else if o.useKarrasSigmas {
            sigmas = SchedulerModel.karras(min: sigmaMin, max: sigmaMax, count: n, rho: 7)
            list = sigmas.map { SchedulerModel.timestep(ofSigma: $0, logSigmas: logSigmas) }.map { roundsKarras ? roundHalfEven($0) : $0.rounded(.towardZero) }
        } else if o.useExponentialSigmas || o.useBetaSigmas {
            sigmas = o.useExponentialSigmas ? SchedulerModel.exponential(min: sigmaMin, max: sigmaMax, count: n)
                : SchedulerModel.betaLadder(min: sigmaMin, max: sigmaMax, count: n)
            list = sigmas.map { SchedulerModel.timestep(ofSigma: $0, logSigmas: logSigmas).rounded(.towardZero) }
        } else {
            sigmas = list.map { SchedulerModel.interpolate(schedule, at: $0) }
        }
        let final: Double
        if name == "DEISMultistepScheduler" {
            // DEIS has no final_sigmas_type: it always ends at the ladder's last σ, or σ(0).
            final = (o.useKarrasSigmas || o.useExponentialSigmas || o.useBetaSigmas || o.useFlowSigmas) ? (sigmas.last ?? 0) : schedule[0]
        } else if o.finalSigmasType == "sigma_min" {
            final = (o.useKarrasSigmas || o.useExponentialSigmas || o.useBetaSigmas || o.useFlowSigmas) && name == "UniPCMultistepScheduler" ? (sigmas.last ?? 0) : schedule[0]
        } else {
            final = 0
        }
        return SamplingPlan(timesteps: list, sigmas: sigmas + [final], indexesSchedule: true, remarks: remarks)
    }

    /// The Euler family: fractional timesteps, σ interpolated at them (or a Karras/exponential ladder).
    func interpolatedPlan(n: Int, alphaBars: [Double], settings: SamplerSettings) -> SamplingPlan {
        let o = settings.options
        let t = alphaBars.count
        var remarks: [String] = []
        var list: [Double]
        switch settings.timestepSpacing {
        case .linspace:
            // float32 timesteps, as diffusers holds them.
            list = numpyLinspace(0.0, Double(t - 1), count: n).reversed().map { Double(Float($0)) }
        case .leading:
            list = (0..<n).reversed().map { Double($0 * (t / n) + settings.stepsOffset) }
            if let first = list.first, first > Double(t - 1) {
                remarks.append("leading spacing reaches t = \(Int(first)) ≥ T; \(name) interpolates σ there and clamps it to σ(T − 1): no index is read past the end")
            }
        case .trailing:
            list = numpyArange(start: Double(t), stop: 0, step: -Double(t) / Double(n)).map { roundHalfEven($0) - 1 }
        }
        let schedule = SchedulerModel.sigmas(alphaBars)
        let logSigmas = schedule.map { Double.log($0) }
        var sigmas = list.map { SchedulerModel.interpolate(schedule, at: $0) }
        let sigmaMin = (keys.contains("sigma_min") ? o.sigmaMin : nil) ?? (sigmas.last ?? schedule[0])
        let sigmaMax = (keys.contains("sigma_max") ? o.sigmaMax : nil) ?? (sigmas.first ?? schedule[t - 1])
        if o.useKarrasSigmas && keys.contains("use_karras_sigmas") {
            sigmas = SchedulerModel.karras(min: sigmaMin, max: sigmaMax, count: n, rho: 7)
            list = sigmas.map { SchedulerModel.timestep(ofSigma: $0, logSigmas: logSigmas) }
        } else if o.useExponentialSigmas && keys.contains("use_exponential_sigmas") {
            sigmas = SchedulerModel.exponential(min: sigmaMin, max: sigmaMax, count: n)
            list = sigmas.map { SchedulerModel.timestep(ofSigma: $0, logSigmas: logSigmas) }
        } else if o.useBetaSigmas && keys.contains("use_beta_sigmas") {
            sigmas = SchedulerModel.betaLadder(min: sigmaMin, max: sigmaMax, count: n)
            list = sigmas.map { SchedulerModel.timestep(ofSigma: $0, logSigmas: logSigmas) }
        }
        if name == "EulerDiscreteScheduler" && o.timestepType == "continuous" && settings.predictionTypeName == "v_prediction" {
            list = sigmas.map { 0.25 * Double.log($0) }
            remarks.append("timestep_type continuous with v-prediction: the model sees c_noise = ¼·log σ, not a training index")
        }
        let final = o.finalSigmasType == "sigma_min" && keys.contains("final_sigmas_type") ? schedule[0] : 0
        var ladder = sigmas + [final]
        if name == "HeunDiscreteScheduler" || name == "DPMSolverSDEScheduler" {
            // Second-order: every σ after the first is visited twice (predictor and corrector),
            // so 2N − 1 model calls over the N timesteps.
            ladder = Array(ladder.prefix(1)) + ladder.dropFirst().dropLast().flatMap { [$0, $0] } + Array(ladder.suffix(1))
            list = Array(list.prefix(1)) + list.dropFirst().flatMap { [$0, $0] }
            remarks.append("\(name) evaluates every σ after the first twice: \(list.count) model calls for N = \(n)")
        } else if name == "KDPM2DiscreteScheduler" {
            remarks.append("KDPM2 also evaluates at the log-midpoint of each pair of σ; the ladder shown is its N + 1 main σ")
        }
        var plan = SamplingPlan(timesteps: list, sigmas: ladder, indexesSchedule: false, remarks: remarks)
        plan.clamped = settings.timestepSpacing == .leading && (list.first ?? 0) > Double(t - 1) && o.ladderFlag == nil
        return plan
    }

    /// EDM, flow matching and Würstchen: σ from the class's own parameters.
    func sigmaOnlyPlan(n: Int, t: Int, settings: SamplerSettings) -> SamplingPlan {
        let o = settings.options
        switch ladder {
        case .edmSigmas:
            let lo = o.sigmaMin ?? defaultNumber("sigma_min") ?? 0.002
            let hi = o.sigmaMax ?? defaultNumber("sigma_max") ?? 80
            // The EDM classes space log σ upwards from σ_min and reverse (N = 1 gives σ_min).
            let sigmas = o.sigmaSchedule == "exponential"
                ? numpyLinspace(Double.log(lo), Double.log(hi), count: n).map { Double.exp($0) }.reversed()
                : SchedulerModel.karras(min: lo, max: hi, count: n, rho: o.rho)
            let list = name == "CosineDPMSolverMultistepScheduler" ? sigmas.map { Double.atan($0) / .pi * 2 } : sigmas.map { 0.25 * Double.log($0) }
            let final = o.finalSigmasType == "sigma_min" ? (sigmas.last ?? lo) : 0
            return SamplingPlan(timesteps: list, sigmas: sigmas + [final], indexesSchedule: false)
        case .flowMatching:
            var remarks: [String] = []
            let shift: (Double) -> Double
            if o.useDynamicShifting {
                let mu = o.maxShift
                shift = o.timeShiftType == "linear" ? { mu / (mu + (1 / $0 - 1)) } : { Double.exp(mu) / (Double.exp(mu) + (1 / $0 - 1)) }
                remarks.append("use_dynamic_shifting: the shift depends on the image size; shown for the largest images (μ = max_shift = \(format(o.maxShift)))")
            } else {
                let s = o.shift
                shift = { s * $0 / (1 + (s - 1) * $0) }
            }
            let initialMin = o.useDynamicShifting ? 1 / Double(t) : shift(1 / Double(t))
            var sigmas = numpyLinspace(Double(t), initialMin * Double(t), count: n).map { shift($0 / Double(t)) }
            if let terminal = o.shiftTerminal, terminal > 0, terminal < 1, let lastSigma = sigmas.last {
                let scale = (1 - lastSigma) / (1 - terminal)
                sigmas = sigmas.map { 1 - (1 - $0) / scale }
                remarks.append("shift_terminal = \(format(terminal)) stretches the ladder to end at σ = \(format(terminal))")
            }
            let list = sigmas.map { $0 * Double(t) }
            return SamplingPlan(timesteps: list, sigmas: sigmas + [0], indexesSchedule: false, remarks: remarks)
        case .continuousCosine, .discreteBetas:
            return SamplingPlan(timesteps: [], sigmas: nil, indexesSchedule: false)
        }
    }
}
