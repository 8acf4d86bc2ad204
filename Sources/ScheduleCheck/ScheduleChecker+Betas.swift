import CheckerCore
import Reference

extension CheckContext {
    /// VS101–VS105: the range of β, β₀ and ᾱ₀, monotonicity, and reversed ends.
    func betaChecks() -> [CheckOutcome] {
        var outcomes: [CheckOutcome] = []
        let T = count
        let beta0 = betas[0]
        let alphaBar0 = alphaBars[0]
        let firstNoiseless = beta0 == 0 || alphaBar0 == 1

        // VS101: every β finite and in (0, 1]; β = 1 only at T − 1. β₀ = 0 exactly is VS102's.
        let bad = betas.indices.filter { t in
            let b = betas[t]
            if t == 0 && firstNoiseless && b == 0 { return false }
            return !b.isFinite || b <= 0 || b > 1 || (b == 1 && t < T - 1)
        }
        let range = "β from \(format(betas.filter(\.isFinite).min() ?? .nan)) to \(format(betas.filter(\.isFinite).max() ?? .nan)), T = \(T)"
        if let first = bad.first {
            let b = betas[first]
            let what = !b.isFinite ? "is not finite" : (b == 1 ? "= 1 before the last index" : "is outside (0, 1]")
            outcomes.append(.fired(
                ScheduleRules.betaOutOfRange,
                message: "\(bad.count) of \(T) β invalid: β[\(first)] = \(format(b)) \(what)",
                summary: "\(bad.count) invalid, first β[\(first)] = \(format(b)); \(range)",
                details: [.init("invalid", "\(bad.count)"), .init("first index", "\(first)"), .init("value", format(b, digits: 17))],
                location: location(ofIndex: first),
                fix: "every βₜ in (0, 1]; only β[T−1] may be 1"
            ))
        } else {
            outcomes.append(.passed(ScheduleRules.betaOutOfRange, range))
        }

        // VS102: β₀ > 0 and ᾱ₀ < 1.
        let firstSummary = "β₀ = \(format(beta0)), ᾱ₀ = \(format(alphaBar0, digits: 10))"
        if firstNoiseless {
            outcomes.append(.fired(
                ScheduleRules.firstStepNoiseless,
                message: "β₀ = \(format(beta0)) and ᾱ₀ = \(format(alphaBar0)): the first step adds no noise (an ᾱ array that starts at f(0)/f(0) = 1 is the cosine schedule off by one)",
                summary: firstSummary,
                details: [.init("beta0", format(beta0, digits: 17)), .init("alphaBar0", format(alphaBar0, digits: 17))],
                location: location(ofIndex: 0),
                fix: "ᾱₜ = f(t + 1)/f(0) for t = 0 … T − 1 (cosine: ᾱ₀ = 0.999958716 for T = 1000)"
            ))
        } else {
            outcomes.append(.passed(ScheduleRules.firstStepNoiseless, firstSummary))
        }

        // VS105: reversed ends (checked first: it explains VS103/VS104).
        let reversed: Bool
        if T < 2 {
            reversed = false
        } else if subject.array?.kind == .alphaBars {
            reversed = alphaBars[0] < alphaBars[T - 1]
        } else {
            reversed = betas[0].isFinite && betas[T - 1].isFinite && betas[0] > betas[T - 1]
        }
        let endsSummary = "β₀ = \(format(beta0)), β[T−1] = \(format(betas[T - 1])); ᾱ₀ = \(format(alphaBar0)), ᾱ[T−1] = \(format(alphaBars[T - 1]))"
        if reversed {
            let message = subject.array?.kind == .alphaBars
                ? "the ᾱ array increases from \(format(alphaBar0)) to \(format(alphaBars[T - 1])): it is reversed (ᾱ must start near 1 and end near 0)"
                : "β decreases from \(format(beta0)) at t = 0 to \(format(betas[T - 1])) at t = \(T - 1): beta_start and beta_end are swapped (or the array is reversed)"
            outcomes.append(.fired(
                ScheduleRules.scheduleReversed, message: message, summary: endsSummary,
                details: [.init("first", format(subject.array?.kind == .alphaBars ? alphaBar0 : beta0)), .init("last", format(subject.array?.kind == .alphaBars ? alphaBars[T - 1] : betas[T - 1]))],
                location: location(ofKey: "beta_start") ?? location(ofIndex: 0),
                fix: "β small at t = 0 and large at t = T − 1 (beta_start < beta_end)"
            ))
        } else {
            outcomes.append(.passed(ScheduleRules.scheduleReversed, endsSummary))
        }

        // VS103: β non-decreasing (a reversed schedule is reported once, by VS105).
        let decreases = T >= 2 ? (1..<T).filter { betas[$0] < betas[$0 - 1] } : []
        if reversed {
            outcomes.append(.notApplicable(ScheduleRules.betaNotMonotone, "see VS105 (reversed)"))
        } else if let first = decreases.first {
            outcomes.append(.fired(
                ScheduleRules.betaNotMonotone,
                message: "β decreases at \(decreases.count) of \(T - 1) steps, first at t = \(first): β[\(first - 1)] = \(format(betas[first - 1])) > β[\(first)] = \(format(betas[first]))",
                summary: "\(decreases.count) decreases, first at t = \(first)",
                details: [.init("decreases", "\(decreases.count)"), .init("first index", "\(first)")],
                location: location(ofIndex: first)
            ))
        } else {
            outcomes.append(.passed(ScheduleRules.betaNotMonotone, "β non-decreasing over \(T) steps"))
        }

        // VS104: ᾱ strictly decreasing.
        let increases = T >= 2 ? (1..<T).filter { !(alphaBars[$0] < alphaBars[$0 - 1]) && !(alphaBars[$0] == 0 && alphaBars[$0 - 1] == 0) } : []
        if reversed {
            outcomes.append(.notApplicable(ScheduleRules.alphaBarNotDecreasing, "see VS105 (reversed)"))
        } else if let first = increases.first {
            outcomes.append(.fired(
                ScheduleRules.alphaBarNotDecreasing,
                message: "ᾱ does not decrease at \(increases.count) of \(T - 1) steps, first at t = \(first): ᾱ[\(first - 1)] = \(format(alphaBars[first - 1], digits: 10)), ᾱ[\(first)] = \(format(alphaBars[first], digits: 10))",
                summary: "\(increases.count) non-decreasing steps, first at t = \(first)",
                details: [.init("steps", "\(increases.count)"), .init("first index", "\(first)")],
                location: location(ofIndex: first)
            ))
        } else {
            outcomes.append(.passed(ScheduleRules.alphaBarNotDecreasing, "ᾱ strictly decreasing from \(format(alphaBar0)) to \(format(alphaBars[T - 1]))"))
        }
        return outcomes
    }
}
