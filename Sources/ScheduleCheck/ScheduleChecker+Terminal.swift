import CheckerCore
import Foundation
import Reference

/// Thresholds of the terminal-signal checks, with the reason for each.
public enum TerminalThresholds {
    /// √ᾱ_{T−1} from which the leak of x₀ into the starting noise is reported: 1 % of the signal
    /// amplitude. DDPM's linear (0.0064) and the cosine schedule (4.9e-5) stay below; Stable
    /// Diffusion's 0.068 (Lin et al. 2023) is above.
    public static let signalLeak = 0.01
    /// √(1/ᾱ) above which x̂₀ from ε is reported as error-dominated (the cosine schedule's 20291).
    public static let amplification = 1000.0
    /// The 8-bit pixel bin on [−1, 1]: 2/255 = 1/127.5 (Nichol & Dhariwal 2021, §3.2).
    public static let pixelBin = 1 / 127.5
    /// L_T in bits per dimension (at x₀ = 1) above which the schedule does not reach noise.
    public static let priorBits = 0.01
}

extension CheckContext {
    /// VS201–VS206: what is left of the signal at T − 1, and what that implies.
    func terminalChecks() -> [CheckOutcome] {
        var outcomes: [CheckOutcome] = []
        let T = count
        let last = alphaBars[T - 1]
        let rootLast = last >= 0 ? last.squareRoot() : .nan
        let snr = last / (1 - last)
        let terminalSummary = last == 0
            ? "ᾱ[\(T - 1)] = 0: zero terminal SNR"
            : "√ᾱ[\(T - 1)] = \(format(rootLast)), SNR = \(format(snr, digits: 4)), log-SNR = \(format(Double.log(snr), digits: 5))"

        // VS201
        if last.isFinite, rootLast >= TerminalThresholds.signalLeak {
            outcomes.append(.fired(
                ScheduleRules.nonzeroTerminalSNR,
                message: "non-zero terminal SNR: √ᾱ[\(T - 1)] = \(format(rootLast)) of x₀ is left at the last step (SNR \(format(snr, digits: 4))); sampling from pure noise starts from a different distribution than training",
                summary: terminalSummary,
                details: [.init("sqrtAlphaBarLast", format(rootLast)), .init("terminalSNR", format(snr)), .init("threshold", format(TerminalThresholds.signalLeak))],
                location: location(ofKey: "rescale_betas_zero_snr") ?? scheduleLocation,
                fix: "rescale_betas_zero_snr = true with prediction_type v_prediction and timestep_spacing trailing (Lin et al. 2023)"
            ))
        } else {
            outcomes.append(.passed(ScheduleRules.nonzeroTerminalSNR, terminalSummary))
        }

        // VS202
        if last == 0 && settings.predictionType == .epsilon {
            outcomes.append(.fired(
                ScheduleRules.zeroSNREpsilon,
                message: "zero terminal SNR (ᾱ[\(T - 1)] = 0) with ε-prediction: x̂₀ = (xₜ − √(1−ᾱ)·ε̂)/√ᾱ divides by zero at t = \(T - 1)",
                summary: "ᾱ[\(T - 1)] = 0, prediction ε",
                details: [.init("alphaBarLast", "0"), .init("predictionType", "epsilon")],
                location: location(ofKey: "prediction_type") ?? location(ofKey: "rescale_betas_zero_snr"),
                fix: "prediction_type = v_prediction (or sample)"
            ))
        } else if last == 0 {
            outcomes.append(.passed(ScheduleRules.zeroSNREpsilon, "zero terminal SNR with \(settings.predictionType.diffusersName)-prediction"))
        } else {
            outcomes.append(.notApplicable(ScheduleRules.zeroSNREpsilon, "terminal SNR is not zero"))
        }

        // VS203: β at the cap.
        let cap = subject.specification?.kind == .cosine ? subject.specification?.maxBeta ?? 0.999 : 0.999
        let capped = betas.indices.filter { abs(betas[$0] - cap) <= cap * 1e-6 }  // 1e-6: a float32-stored cap
        if let first = capped.first {
            let where_ = capped.count == 1 ? "t = \(first)" : "t = \(first) … \(capped.last ?? first)"
            outcomes.append(.fired(
                ScheduleRules.cappedBetas,
                message: "\(capped.count) β at the cap \(format(cap)) (\(where_)): the schedule departs from its formula there",
                summary: "\(capped.count) capped (\(where_))",
                details: [.init("capped", "\(capped.count)"), .init("cap", format(cap)), .init("first index", "\(first)")],
                location: location(ofIndex: first)
            ))
        } else {
            outcomes.append(.passed(ScheduleRules.cappedBetas, "no β at \(format(cap))"))
        }

        // VS204: largest √(1/ᾱ) where ᾱ > 0.
        let positive = alphaBars.indices.filter { alphaBars[$0] > 0 && alphaBars[$0].isFinite }
        if let worst = positive.min(by: { alphaBars[$0] < alphaBars[$1] }) {
            let factor = (1 / alphaBars[worst]).squareRoot()
            let summary = "largest √(1/ᾱ) = \(format(factor)) at t = \(worst)"
            if settings.predictionType == .epsilon && factor > TerminalThresholds.amplification {
                outcomes.append(.fired(
                    ScheduleRules.x0Amplification,
                    message: "x̂₀ from ε multiplies the model's error by up to √(1/ᾱ) = \(format(factor)) (t = \(worst))",
                    summary: summary,
                    details: [.init("maxInverseSqrtAlphaBar", format(factor)), .init("index", "\(worst)")],
                    location: location(ofIndex: worst),
                    fix: "clip x̂₀, or predict v"
                ))
            } else {
                outcomes.append(.passed(ScheduleRules.x0Amplification, summary + (settings.predictionType == .epsilon ? "" : " (\(settings.predictionType.diffusersName)-prediction)")))
            }
        } else {
            outcomes.append(.notApplicable(ScheduleRules.x0Amplification, "no ᾱ > 0"))
        }

        // VS205: √β₀ against the pixel bin.
        let rootBeta0 = betas[0] >= 0 ? betas[0].squareRoot() : .nan
        let binSummary = "√β₀ = \(format(rootBeta0)), pixel bin 1/127.5 = \(format(TerminalThresholds.pixelBin))"
        if subject.isLatent {
            outcomes.append(.notApplicable(ScheduleRules.firstStepAbovePixelBin, binSummary + " (latent space)"))
        } else if rootBeta0 > TerminalThresholds.pixelBin {
            outcomes.append(.fired(
                ScheduleRules.firstStepAbovePixelBin,
                message: "√β₀ = \(format(rootBeta0)) exceeds the 8-bit pixel bin 1/127.5 = \(format(TerminalThresholds.pixelBin)): the first step already moves x₀ across intensity levels"
                    + (subject.settings.latentSource == nil ? " (pixel space assumed; --latent true if the model works on latents)" : ""),
                summary: binSummary,
                details: [.init("sqrtBeta0", format(rootBeta0)), .init("pixelBin", format(TerminalThresholds.pixelBin))],
                location: location(ofKey: "beta_start") ?? location(ofIndex: 0)
            ))
        } else {
            outcomes.append(.passed(ScheduleRules.firstStepAbovePixelBin, binSummary))
        }

        // VS206: the prior term at x₀ = 1, through Reference.
        if let schedule {
            do {
                let nats = try VariationalBound.priorKL(x0: [1], schedule: schedule)[0]
                let bits = nats / log(2.0)
                let summary = "L_T = \(format(bits, digits: 3)) bits/dim at x₀ = 1"
                if bits > TerminalThresholds.priorBits {
                    outcomes.append(.fired(
                        ScheduleRules.priorTermLarge,
                        message: "the prior term L_T = \(format(bits, digits: 3)) bits per dimension at x₀ = 1: x[\(T - 1)] is far from N(0, I), sampling starts from the wrong distribution",
                        summary: summary,
                        details: [.init("priorBitsPerDim", format(bits)), .init("threshold", format(TerminalThresholds.priorBits))],
                        location: location(ofKey: "num_train_timesteps") ?? scheduleLocation,
                        fix: "more steps or larger β (improved-diffusion scales linear β by 1000/T)"
                    ))
                } else {
                    outcomes.append(.passed(ScheduleRules.priorTermLarge, summary))
                }
            } catch {
                outcomes.append(.notApplicable(ScheduleRules.priorTermLarge, "Reference refused: \(error.message)"))
            }
        } else {
            outcomes.append(.notApplicable(ScheduleRules.priorTermLarge, "the schedule is invalid (VS101/VS102)"))
        }
        return outcomes
    }
}
