import CheckerCore
import Reference

/// The bound an implementation that is correct in its declared precision is held to
/// (docs/conform-protocol.md, "The float32 bound"), derived for float32 (u = 2⁻²⁴) and applied
/// with u = 2⁻⁵³ to float64, where a literal float64 cumulative product cancels as well (at t = 1
/// of the cosine schedule its βₜ is 2·10⁻¹² off relatively). Three parts, added elementwise per
/// output key:
///
/// 1. **Evaluation**: the case's tolerance; for float32 at least Optimized<Float>'s documented bound (``OptimizedGoldenImplementation/floatFloor``,
///    scaled by max(1, (1/√ᾱₜ)/150) for steps). Optimized<Float> forms ᾱ accurately and rounds it
///    once, so this part covers rounding the inputs, the coefficients and the step's operations to
///    24 bits — with an exact schedule.
/// 2. **Schedule**: what a float32 ᾱ does to the result. With u = 2⁻²⁴, βᵢ rounded to float32
///    within c_β·u relatively, αᵢ = fl(1 − βᵢ) and ᾱₛ = α₀·…·αₛ formed by float32 multiplications,
///    first-order error analysis gives the relative error of ᾱₛ
///
///        e(s) = (2s + 2)·u + c_β·u·Σ_{i ≤ s} βᵢ/αᵢ
///
///    (s multiplications and s + 1 roundings of αᵢ, each ≤ u; a β error δβᵢ moves αᵢ by δβᵢ/αᵢ
///    relatively). At T = 1000 of the linear schedule e(999) = 2,040·u = 1.2·10⁻⁴. Neighbours share
///    all but one rounding: a running product (torch.cumprod, numpy.cumprod) has
///    ᾱₜ = fl(ᾱₜ₋₁·αₜ), so ᾱₜ/ᾱₜ₋₁ is αₜ within e_ratio = u + c_β·u·βₜ/αₜ.
///    Reference evaluates the case again with the schedule perturbed in two independent
///    directions — every ᾱ from the previous index on scaled by 1 ± e(prev) (the shared error), and
///    ᾱₜ alone by 1 ± (e(t) − e(prev) + e_ratio) — and the largest change of each output element in
///    each direction is added. The perturbations are ≤ 1.3·10⁻⁴ relative, so first order holds; a
///    cancelling quantity such as 1 − ᾱₜ near t = 0 gets its large relative error this way.
/// 3. **βₜ on its own** (DDPM step, posterior): see ``betaRounding(_:spec:t:xt:)``.
///
/// c_β = 8 covers a linspace in float32 (≤ 2 ulps), its square for the scaled-linear schedule (≤ 5)
/// and a value computed in float64 and rounded once (½). A parallel-scan cumulative product (on a
/// GPU) has errors of neighbours that do not cancel in the ratio; such an implementation can exceed
/// the bound at the first steps of a schedule whose β₀ is small.
public struct PrecisionBound: Sendable {
    public var unitRoundoff: Double
    public static let betaRoundingUlps = 8.0

    public static let float32 = PrecisionBound(unitRoundoff: 0x1p-24)
    public static let float64 = PrecisionBound(unitRoundoff: 0x1p-53)

    public init(unitRoundoff: Double) {
        self.unitRoundoff = unitRoundoff
    }

    public init(_ precision: ImplementationProfile.Precision) {
        self = precision == .float32 ? .float32 : .float64
    }

    /// The relative error bound e(s) of ᾱₛ formed as a product in this precision, for every s.
    public func alphaBarErrors(betas: [Double]) -> [Double] {
        let u = unitRoundoff
        var sum = 0.0
        return betas.enumerated().map { s, beta in
            if beta < 1 { sum += beta / (1 - beta) }
            return (2 * Double(s) + 2) * u + Self.betaRoundingUlps * u * sum
        }
    }

    /// The relative error bound of αₜ recovered as ᾱₜ/ᾱₜ₋₁ from a running product (or used directly).
    public func ratioError(betas: [Double], t: Int) -> Double {
        let beta = betas[t]
        return unitRoundoff + (beta < 1 ? Self.betaRoundingUlps * unitRoundoff * beta / (1 - beta) : 0)
    }

    /// The schedule part of the bound, per output key and element; empty when the operation does
    /// not depend on a schedule (timesteps, the bound's terms) or Reference refuses it.
    public func scheduleAllowance(_ operation: GoldenOperation) -> [String: [Double]] {
        switch operation {
        case .schedule(let spec):
            guard let schedule = try? spec.make(Double.self) else { return [:] }
            let errors = alphaBarErrors(betas: schedule.betas)
            let u = unitRoundoff
            return [
                "betas": schedule.betas.map { Self.betaRoundingUlps * u * $0 },
                "alphas": schedule.betas.map { u + Self.betaRoundingUlps * u * $0 },
                "alphaBars": zip(errors, schedule.alphaBars).map { $0 * $1 },
            ]
        case let .qSample(spec, t, _, _), let .velocity(spec, t, _, _):
            return perturbed(operation, spec: spec, t: t, previous: t - 1)
        case let .posterior(spec, t):
            return Self.adding(perturbed(operation, spec: spec, t: t, previous: t - 1), betaRounding(operation, spec: spec, t: t, xt: []))
        case let .ddpmStep(spec, inputs, _):
            return Self.adding(perturbed(operation, spec: spec, t: inputs.t, previous: inputs.t - 1), betaRounding(operation, spec: spec, t: inputs.t, xt: inputs.xt))
        case let .ddimStep(spec, inputs, _):
            return perturbed(operation, spec: spec, t: inputs.t, previous: inputs.prevT < 0 ? min(0, inputs.t - 1) : inputs.prevT)
        default:
            return [:]
        }
    }

    /// Σ over the two directions of the largest |f(perturbed) − f|, elementwise.
    func perturbed(_ operation: GoldenOperation, spec: ScheduleSpecification, t: Int, previous: Int) -> [String: [Double]] {
        guard let schedule = try? spec.make(Double.self), t >= 0, t < schedule.count else { return [:] }
        let betas = schedule.betas
        let errors = alphaBarErrors(betas: betas)
        let reference = ReferenceGoldenImplementation()
        func evaluate(_ betas: [Double]) -> [String: [Double]]? {
            var explicit = ScheduleSpecification(kind: .explicit, timesteps: betas.count)
            explicit.betas = betas
            guard case .success(let outputs) = reference.evaluate(Self.replacingSchedule(operation, explicit)) else { return nil }
            return outputs
        }
        guard let base = evaluate(betas) else { return [:] }
        // (index whose α is scaled, relative size): scaling αₖ scales every ᾱₛ with s ≥ k.
        var directions: [(Int, Double)] = []
        let commonError = previous >= 0 ? errors[previous] : 0
        if previous >= 0 && previous < t { directions.append((previous, commonError)) }
        directions.append((t, errors[t] - (previous >= 0 && previous < t ? commonError : 0) + ratioError(betas: betas, t: t)))
        var allowance = base.mapValues { [Double](repeating: 0, count: $0.count) }
        for (index, size) in directions {
            var largest = base.mapValues { [Double](repeating: 0, count: $0.count) }
            for sign in [1.0, -1.0] {
                var changed = betas
                let alpha = (1 - betas[index]) * (1 + sign * size)
                guard alpha > 0, alpha < 1 else { continue }
                changed[index] = 1 - alpha
                guard let outputs = evaluate(changed) else { continue }
                for (key, values) in base {
                    guard let other = outputs[key], other.count == values.count else { continue }
                    for i in values.indices where values[i].isFinite && other[i].isFinite {
                        largest[key]![i] = max(largest[key]![i], Swift.abs(other[i] - values[i]))
                    }
                }
            }
            for key in allowance.keys { allowance[key] = zip(allowance[key]!, largest[key]!).map(+) }
        }
        return allowance
    }

    /// The DDPM step's βₜ rounded on its own: an implementation that forms βₜ = 1 − fl(ᾱₜ/ᾱₜ₋₁)
    /// (diffusers) or reads its stored βₜ has an error δβ ≤ u·αₜ + c_β·u·βₜ that the stored ᾱ do
    /// not share, so the posterior's terms no longer cancel. With ωₛ = 1 − ᾱₛ, p = t − 1:
    ///
    ///     ∂c₀/∂β = √ᾱₚ/ωₜ,  ∂cₜ/∂β = −½·ωₚ/(ωₜ·√αₜ),  ∂σ/∂β = ½·σ/β  (every variance type),
    ///
    /// so |Δprev| ≤ δβ·(√ᾱₚ/ωₜ·|x̂₀| + ½·ωₚ/(ωₜ√αₜ)·|xₜ| + ½·σ|z|/βₜ), and x̂₀ does not involve βₜ.
    /// σ|z| is |prev − μ|, μ the step with z = 0.
    func betaRounding(_ operation: GoldenOperation, spec: ScheduleSpecification, t: Int, xt: [Double]) -> [String: [Double]] {
        guard let schedule = try? spec.make(Double.self), t >= 0, t < schedule.count else { return [:] }
        let beta = schedule.betas[t], alpha = 1 - beta
        guard beta > 0, alpha > 0 else { return [:] }
        let u = unitRoundoff
        let deltaBeta = u * alpha + Self.betaRoundingUlps * u * beta
        let alphaBarPrevious = t > 0 ? schedule.alphaBars[t - 1] : 1
        let omega = schedule.oneMinusAlphaBars[t], omegaPrevious = t > 0 ? schedule.oneMinusAlphaBars[t - 1] : 0
        guard omega > 0 else { return [:] }
        let dMeanCoefX0 = alphaBarPrevious.squareRoot() / omega
        let dMeanCoefXt = 0.5 * omegaPrevious / (omega * alpha.squareRoot())
        let reference = ReferenceGoldenImplementation()
        if case .posterior = operation {
            return ["meanCoefX0": [deltaBeta * dMeanCoefX0], "meanCoefXt": [deltaBeta * dMeanCoefXt],
                    "variance": [deltaBeta * omegaPrevious / omega], "logVarianceClipped": [t > 0 ? deltaBeta / beta : 0]]
        }
        guard case .success(let outputs) = reference.evaluate(operation), let prev = outputs["prev"], let predicted = outputs["predX0"],
              case .success(let mean) = reference.evaluate(GoldenRequest.withNoise(operation, [Double](repeating: 0, count: xt.count))),
              let mu = mean["prev"], prev.count == xt.count, predicted.count == xt.count, mu.count == xt.count
        else { return [:] }
        return ["prev": xt.indices.map { i in
            deltaBeta * (dMeanCoefX0 * Swift.abs(predicted[i]) + dMeanCoefXt * Swift.abs(xt[i]) + 0.5 * Swift.abs(prev[i] - mu[i]) / beta)
        }]
    }

    static func adding(_ a: [String: [Double]], _ b: [String: [Double]]) -> [String: [Double]] {
        a.merging(b) { x, y in x.count == y.count ? zip(x, y).map(+) : x }
    }

    /// The operation with another schedule.
    static func replacingSchedule(_ operation: GoldenOperation, _ spec: ScheduleSpecification) -> GoldenOperation {
        switch operation {
        case .schedule: return .schedule(spec)
        case let .qSample(_, t, x0, noise): return .qSample(spec, t: t, x0: x0, noise: noise)
        case let .velocity(_, t, x0, noise): return .velocity(spec, t: t, x0: x0, noise: noise)
        case let .posterior(_, t): return .posterior(spec, t: t)
        case let .ddpmStep(_, inputs, options): return .ddpmStep(spec, inputs, options)
        case let .ddimStep(_, inputs, options): return .ddimStep(spec, inputs, options)
        default: return operation
        }
    }
}
