import CheckerCore
import Reference

extension CheckContext {
    /// VS401–VS403: a provided array against the named schedule, and which schedule it is.
    func arrayChecks() -> [CheckOutcome] {
        guard let array = subject.array else {
            return [
                .notApplicable(ScheduleRules.arrayMismatch, "no array given"),
                .notApplicable(ScheduleRules.arrayUnrecognised, "no array given"),
                .notApplicable(ScheduleRules.knownBuggyVariant, "no array given"),
            ]
        }
        var outcomes: [CheckOutcome] = []
        let identification = ScheduleIdentification.identify(array)
        let identified = identification.map { "\($0.name) (max rel. err. \(format($0.agreement.maxRelativeError, digits: 2)))" } ?? "too short to identify"
        let tolerance = ArrayAgreement.tolerance(for: array.precision, kind: array.kind)
        let what = array.kind == .betas ? "β" : "ᾱ"

        // VS401
        if let recomputed {
            let expected = array.kind == .betas ? recomputed.betas : recomputed.alphaBars
            let agreement = ArrayAgreement.compare(array.values, with: expected, relative: tolerance.relative, absolute: tolerance.absolute)
            let summary = "vs \(subject.specification.map(ScheduleSubject.describe) ?? "named schedule"): max abs. err. \(format(agreement.maxAbsoluteError, digits: 3)), max rel. err. \(format(agreement.maxRelativeError, digits: 3)), tolerance \(format(tolerance.relative)) rel. (\(array.precision.rawValue))"
            if let first = agreement.firstDisagreement {
                let message: String
                if !agreement.lengthMatches {
                    message = "the \(what) array has \(array.values.count) values, the named schedule has T = \(expected.count)"
                } else {
                    message = "the \(what) array differs from the named schedule from index \(first): \(format(array.values[first], digits: 10)) vs \(format(expected[first], digits: 10)) (max rel. err. \(format(agreement.maxRelativeError, digits: 3)), tolerance \(format(tolerance.relative))); it looks like \(identified)"
                }
                outcomes.append(.fired(
                    ScheduleRules.arrayMismatch, message: message, summary: summary,
                    details: [
                        .init("maxAbsoluteError", format(agreement.maxAbsoluteError)), .init("maxRelativeError", format(agreement.maxRelativeError)),
                        .init("firstIndex", "\(first)"), .init("relativeTolerance", format(tolerance.relative)), .init("closest", identified),
                    ],
                    location: location(ofIndex: first)
                ))
            } else {
                outcomes.append(.passed(ScheduleRules.arrayMismatch, summary))
            }
        } else if let recomputeRefusal {
            outcomes.append(.notApplicable(ScheduleRules.arrayMismatch, "the named schedule was refused: \(recomputeRefusal)"))
        } else {
            outcomes.append(.notApplicable(ScheduleRules.arrayMismatch, "no named schedule to compare with"))
        }

        // VS402 and VS403
        guard let identification else {
            outcomes.append(.notApplicable(ScheduleRules.arrayUnrecognised, identified))
            outcomes.append(.notApplicable(ScheduleRules.knownBuggyVariant, identified))
            return outcomes
        }
        if identification.agreement.agrees && identification.isKnownBug {
            outcomes.append(.passed(ScheduleRules.arrayUnrecognised, "matches \(identified)"))
            outcomes.append(.fired(
                ScheduleRules.knownBuggyVariant,
                message: "the \(what) array is the \(identification.name) (max rel. err. \(format(identification.agreement.maxRelativeError, digits: 2)))",
                summary: "matches \(identified)",
                details: [.init("identified", identification.name), .init("maxRelativeError", format(identification.agreement.maxRelativeError))],
                location: location(ofIndex: 0),
                fix: "ᾱ(τ) = cos²((τ/T + s)/(1 + s)·π/2)/f(0), ᾱₜ = ᾱ(t + 1) for t = 0 … T − 1"
            ))
        } else if identification.agreement.agrees {
            outcomes.append(.passed(ScheduleRules.arrayUnrecognised, "matches \(identified)"))
            outcomes.append(.passed(ScheduleRules.knownBuggyVariant, "matches \(identification.name)"))
        } else {
            if recomputed == nil {
                outcomes.append(.fired(
                    ScheduleRules.arrayUnrecognised,
                    message: "the \(what) array matches no named schedule within its \(array.precision.rawValue) tolerance; closest: \(identified)",
                    summary: "closest: \(identified)",
                    details: [.init("closest", identification.name), .init("maxRelativeError", format(identification.agreement.maxRelativeError))],
                    location: location(ofIndex: identification.agreement.firstDisagreement ?? 0)
                ))
            } else {
                outcomes.append(.notApplicable(ScheduleRules.arrayUnrecognised, "compared with the named schedule (VS401); closest: \(identified)"))
            }
            outcomes.append(.passed(ScheduleRules.knownBuggyVariant, "no known wrong form matches"))
        }
        return outcomes
    }
}
