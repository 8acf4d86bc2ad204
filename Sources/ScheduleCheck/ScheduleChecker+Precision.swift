import CheckerCore
import Reference

/// The error of a schedule held and computed in a narrower precision.
public struct PrecisionLoss: Sendable, Equatable {
    public var precision: StoragePrecision
    /// 1 − β₀ rounds to exactly 1 (β₀ is lost).
    public var firstStepLost: Bool
    /// Indices where 1 − β rounds to 1.
    public var lostSteps: Int
    /// max |ᾱ − ᾱ_exact| / ᾱ_exact over ᾱ > 0, ᾱ computed as the running product in this precision.
    public var alphaBarRelativeError: Double
    /// max |β̂ − β| / β, β̂ = 1 − ᾱₜ/ᾱₜ₋₁ recovered from the rounded ᾱ, and where.
    public var recoveredBetaRelativeError: Double
    public var recoveredBetaWorstIndex: Int

    /// The threshold on the recovered-β error: 1 %, i.e. β is no longer represented against 1.
    public static let recoveredBetaThreshold = 0.01

    public var isSignificant: Bool {
        firstStepLost || lostSteps > 0 || recoveredBetaRelativeError > PrecisionLoss.recoveredBetaThreshold
    }

    /// Simulates the pipeline: β stored in `precision`, 1 − β and the running product rounded
    /// after every operation (a Double operation rounded once to a narrower format is the
    /// correctly rounded narrow result for +, −, ×, ÷).
    public static func measure(betas: [Double], alphaBars: [Double], precision p: StoragePrecision) -> PrecisionLoss {
        var product = 1.0
        var rounded: [Double] = []
        var lost = 0
        for beta in betas {
            let alpha = p.round(1 - p.round(beta))
            if alpha == 1 && beta > 0 { lost += 1 }
            product = p.round(product * alpha)
            rounded.append(product)
        }
        var alphaError = 0.0
        for (a, exact) in zip(rounded, alphaBars) where exact > 0 && exact.isFinite {
            alphaError = max(alphaError, abs(a - exact) / exact)
        }
        var betaError = 0.0
        var worst = 0
        for t in rounded.indices where betas[t] > 0 && betas[t].isFinite {
            let previous = t == 0 ? 1 : rounded[t - 1]
            guard previous > 0 else { continue }
            let recovered = p.round(1 - p.round(rounded[t] / previous))
            let error = abs(recovered - betas[t]) / betas[t]
            if error > betaError { betaError = error; worst = t }
        }
        let firstLost = betas.first.map { $0 > 0 && p.round(1 - p.round($0)) == 1 } ?? false
        return PrecisionLoss(precision: p, firstStepLost: firstLost, lostSteps: lost, alphaBarRelativeError: alphaError,
                             recoveredBetaRelativeError: betaError, recoveredBetaWorstIndex: worst)
    }

    var summary: String {
        var s = "\(precision.rawValue): ᾱ rel. err. \(format(alphaBarRelativeError, digits: 2)), β from ᾱ rel. err. \(format(recoveredBetaRelativeError, digits: 2)) (t = \(recoveredBetaWorstIndex))"
        if lostSteps > 0 { s += ", 1 − β = 1 at \(lostSteps) steps\(firstStepLost ? " incl. t = 0" : "")" }
        return s
    }
}

extension CheckContext {
    /// VS301–VS302: the schedule held in float16 and in float32.
    func precisionChecks() -> [CheckOutcome] {
        var outcomes: [CheckOutcome] = []
        for (rule, p) in [(ScheduleRules.float16PrecisionLoss, StoragePrecision.float16), (ScheduleRules.float32PrecisionLoss, .float32)] {
            let loss = PrecisionLoss.measure(betas: betas, alphaBars: alphaBars, precision: p)
            let applies = subject.precision == p
            if applies && loss.isSignificant {
                var message = "the schedule is held in \(p.rawValue)"
                if loss.firstStepLost {
                    message += ": 1 − β₀ = 1 − \(format(betas[0])) rounds to 1, so β₀ = 0 and ᾱ₀ = 1"
                } else if loss.lostSteps > 0 {
                    message += ": 1 − β rounds to 1 at \(loss.lostSteps) steps"
                }
                message += "; β recovered from ᾱ is off by \(format(loss.recoveredBetaRelativeError * 100, digits: 3)) % at t = \(loss.recoveredBetaWorstIndex), ᾱ by up to \(format(loss.alphaBarRelativeError * 100, digits: 3)) %"
                outcomes.append(.fired(
                    rule, message: message, summary: loss.summary,
                    details: [
                        .init("precision", p.rawValue), .init("oneMinusBeta0RoundsToOne", loss.firstStepLost ? "true" : "false"),
                        .init("alphaBarRelativeError", format(loss.alphaBarRelativeError)),
                        .init("recoveredBetaRelativeError", format(loss.recoveredBetaRelativeError)),
                        .init("worstIndex", "\(loss.recoveredBetaWorstIndex)"),
                    ],
                    location: subject.array.map { SourceLocation(file: $0.source, line: 1, column: 1) } ?? scheduleLocation,
                    fix: "store the schedule in float64 (or float32) and cast at use"
                ))
            } else {
                outcomes.append(.passed(rule, loss.summary + (applies ? "" : " (if held in \(p.rawValue); the schedule is \(subject.precision.rawValue))")))
            }
        }
        return outcomes
    }
}
