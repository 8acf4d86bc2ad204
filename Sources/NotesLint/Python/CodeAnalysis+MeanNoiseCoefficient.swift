/// The noise coefficient of the DDPM mean written β_t/(1 − ᾱ_t) (or β_t/(1 − α_t)) with no square
/// root: x_t − β_t/(1 − ·)·ε_θ. Ho et al. 2020, Eq. 11 has β_t/√(1 − ᾱ_t); β_t/(1 − ᾱ_t) is the
/// posterior mean's weight on x_0, never a weight on the noise, and β_t/(1 − α_t) = 1. Judged by
/// its form, so the schedule's values need not be known.
extension CodeAnalysis {
    static func meanNoiseCoefficientFindings(_ statements: [PyStatement]) -> [CodeFinding] {
        var findings: [CodeFinding] = []
        for s in statements {
            visitExpressions(s) { e in
                e.walk { node in
                    guard case .binary("-", _, .binary("*", let coefficient, let noise, _), _) = node, isNoisePrediction(noise),
                          case .binary("/", let numerator, .binary("-", .number(1, _), let denominatorTable, _), _) = coefficient,
                          let beta = tableAtStep(numerator), varianceTable(beta) == .beta,
                          let other = tableAtStep(denominatorTable), let role = roleOfLastComponent(other), role == .alphas || role == .alphaBars
                    else { return }
                    findings.append(CodeFinding(
                        rule: .wrongMeanCode, offset: coefficient.offset,
                        message: "the noise coefficient of the DDPM mean is written \(beta)[t]/(1 − \(other)[t]), with no square root: Ho et al. 2020, Eq. 11 has β_t/√(1 − ᾱ_t); without the root it is the posterior mean's weight on x_0 (with ᾱ), or exactly 1 (with α, since 1 − α_t = β_t)",
                        fix: "\(beta)[t] / sqrt(1 - ᾱ[t])"))
                }
            }
        }
        return findings
    }

    static func roleOfLastComponent(_ dotted: String) -> ScheduleRole? {
        var n = lastComponent(dotted)
        while n.hasPrefix("_") { n.removeFirst() }
        return ScheduleRole.of(n)
    }

    /// A name that holds the network's noise prediction.
    static func isNoisePrediction(_ e: PyExpr) -> Bool {
        guard case .name(let n, _) = e else { return false }
        let lower = n.lowercased()
        return predictionNames.contains(lower) || ((lower.contains("noise") || lower.contains("eps")) && lower.contains("pred"))
    }
}
