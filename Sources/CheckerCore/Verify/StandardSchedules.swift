import Foundation
import Reference

/// Published anchor values of the standard schedules (T = 1000), recomputed by Reference.
///
/// Each anchor carries the precision it was published with: the tolerance is half a unit in
/// its last printed digit, relative to the value.
public enum StandardSchedules {
    public struct Anchor: Sendable {
        public var name: String
        public var expected: Double
        /// Relative tolerance: half a unit of the last printed digit.
        public var relativeTolerance: Double
        public var compute: @Sendable () throws -> Double
    }

    public static let anchors: [Anchor] = {
        let linear = { @Sendable () throws -> NoiseSchedule<Double> in try .linear(timesteps: 1000) }
        let sd = { @Sendable () throws -> NoiseSchedule<Double> in try .scaledLinear(timesteps: 1000, betaStart: 0.00085, betaEnd: 0.012) }
        let cosine = { @Sendable () throws -> NoiseSchedule<Double> in try .cosine(timesteps: 1000) }
        let sigmoid = { @Sendable () throws -> NoiseSchedule<Double> in try .sigmoid(timesteps: 1000) }
        func digits(_ x: Double, _ significant: Int) -> Double {
            0.5 * pow(10, -Double(significant - 1))
        }
        return [
            Anchor(name: "linear ᾱ[999]", expected: 4.03582976538e-05, relativeTolerance: digits(0, 12)) { try linear().alphaBars[999] },
            Anchor(name: "linear √ᾱ[999]", expected: 0.006352818, relativeTolerance: digits(0, 7)) { try linear().alphaBars[999].squareRoot() },
            Anchor(name: "linear ᾱ[499]", expected: 0.07858724288, relativeTolerance: digits(0, 10)) { try linear().alphaBars[499] },
            Anchor(name: "linear logSNR[0]", expected: 9.21024, relativeTolerance: digits(0, 6)) { try linear().logSignalToNoiseRatios[0] },
            Anchor(name: "linear logSNR[999]", expected: -10.11767, relativeTolerance: digits(0, 7)) { try linear().logSignalToNoiseRatios[999] },
            Anchor(name: "linear β̃[1]", expected: 5.4531876613e-05, relativeTolerance: digits(0, 11)) { try linear().posterior(at: 1).variance },
            Anchor(name: "linear β̃[487]", expected: 0.00979157199, relativeTolerance: digits(0, 9)) { try linear().posterior(at: 487).variance },
            Anchor(name: "linear β̃[999]", expected: 0.01999998353, relativeTolerance: digits(0, 10)) { try linear().posterior(at: 999).variance },
            Anchor(name: "linear log β̃[1]", expected: -9.81672513529567, relativeTolerance: 1e-14) { try linear().posteriorLogVariance(at: 1) },
            Anchor(name: "scaled linear ᾱ[0]", expected: 0.99915, relativeTolerance: 1e-15) { try sd().alphaBars[0] },
            Anchor(name: "scaled linear ᾱ[999]", expected: 0.00466009851, relativeTolerance: digits(0, 9)) { try sd().alphaBars[999] },
            Anchor(name: "scaled linear √ᾱ[999]", expected: 0.06826491, relativeTolerance: digits(0, 7)) { try sd().alphaBars[999].squareRoot() },
            Anchor(name: "cosine β[0]", expected: 4.128422e-05, relativeTolerance: digits(0, 7)) { try cosine().betas[0] },
            Anchor(name: "cosine ᾱ[0]", expected: 0.999958716, relativeTolerance: digits(0, 9)) { try cosine().alphaBars[0] },
            Anchor(name: "cosine ᾱ[499]", expected: 0.49384359, relativeTolerance: digits(0, 8)) { try cosine().alphaBars[499] },
            Anchor(name: "cosine β[998]", expected: 0.7499994, relativeTolerance: digits(0, 7)) { try cosine().betas[998] },
            Anchor(name: "cosine β[999] (capped)", expected: 0.999, relativeTolerance: 1e-15) { try cosine().betas[999] },
            Anchor(name: "cosine ᾱ[999]", expected: 2.42877e-09, relativeTolerance: digits(0, 6)) { try cosine().alphaBars[999] },
            Anchor(name: "cosine √(1/ᾱ[999])", expected: 20291.17, relativeTolerance: digits(0, 7)) { try (1 / cosine().alphaBars[999]).squareRoot() },
            Anchor(name: "sigmoid β[0]", expected: 1.492052e-04, relativeTolerance: digits(0, 7)) { try sigmoid().betas[0] },
            Anchor(name: "sigmoid β[999]", expected: 0.0199508, relativeTolerance: digits(0, 6)) { try sigmoid().betas[999] },
            Anchor(name: "sigmoid ᾱ[999]", expected: 3.96818e-05, relativeTolerance: digits(0, 6)) { try sigmoid().alphaBars[999] },
            Anchor(name: "zero-SNR scaled linear ᾱ[999]", expected: 0, relativeTolerance: 0) { try sd().rescaledToZeroTerminalSNR().alphaBars[999] },
            Anchor(name: "zero-SNR scaled linear β[999]", expected: 1, relativeTolerance: 0) { try sd().rescaledToZeroTerminalSNR().betas[999] },
            Anchor(name: "zero-SNR scaled linear ᾱ[0] unchanged", expected: 0.99915, relativeTolerance: 1e-15) { try sd().rescaledToZeroTerminalSNR().alphaBars[0] },
            Anchor(name: "linear L_T at x₀ = 0 (bits)", expected: 5.87e-10, relativeTolerance: digits(0, 3)) {
                try VariationalBound.priorKL(x0: [0], schedule: linear())[0] / log(2.0)
            },
            Anchor(name: "linear L_T at x₀ = 1 (bits)", expected: 2.91e-05, relativeTolerance: digits(0, 3)) {
                try VariationalBound.priorKL(x0: [1], schedule: linear())[0] / log(2.0)
            },
            Anchor(name: "linear VLB floor of σ² = β (bits/dim)", expected: 0.48642, relativeTolerance: digits(0, 5)) {
                let s = try linear()
                var total = 0.0
                for t in 1..<s.count {
                    let p = try s.posterior(at: t)
                    total += VariationalBound.normalKL(mean1: 0, logVariance1: log(p.variance), mean2: 0, logVariance2: log(s.betas[t]))
                }
                return total / log(2.0)
            },
        ]
    }()

    /// Checks every anchor; a failure names the anchor, its value and the published one.
    public static func verify() -> VerificationPart {
        var failures: [String] = []
        for anchor in anchors {
            do {
                let got = try anchor.compute()
                let bound = anchor.relativeTolerance * abs(anchor.expected)
                if !(abs(got - anchor.expected) <= bound) {
                    failures.append("\(anchor.name): got \(got), published \(anchor.expected) (tolerance ±\(bound))")
                }
            } catch {
                failures.append("\(anchor.name): refused: \(error)")
            }
        }
        return VerificationPart(
            name: "standard schedules", passed: failures.isEmpty,
            summary: "\(anchors.count - failures.count)/\(anchors.count) anchor values of the linear, scaled linear, cosine, sigmoid and zero-SNR schedules",
            details: failures
        )
    }
}
