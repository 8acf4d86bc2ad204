import CheckerCore
import Foundation
import Reference
import Testing
@testable import ScheduleCheck

/// The findings of real scheduler configs, as "CODE severity", sorted.
func findingList(_ v: ScheduleVerification) -> [String] {
    Set(v.diagnostics.map { "\($0.code) \($0.severity.rawValue)" }).sorted()
}

@Suite("Real scheduler configs give the findings a specialist expects")
struct RealConfigTests {
    @Test("Stable Diffusion 1.5: non-zero terminal SNR is a warning, not an error; it passes CI by default")
    func stableDiffusion15() throws {
        let v = try verifyConfig("sd15_scheduler_config.json", inferenceSteps: 50)
        #expect(findingList(v) == ["VS201 warning", "VS504 note", "VS601 note", "VS702 note"])
        #expect(v.passes(failOn: .error))
        #expect(!v.passes(failOn: .warning))
        #expect(v.outcome("VS501")?.summary.hasPrefix("PNDMScheduler: leading spacing, N = 50, offset 1: 981, 961") == true)
    }

    @Test("Stable Diffusion 2 (v-prediction): the same findings; no x̂₀ amplification")
    func stableDiffusion2() throws {
        let v = try verifyConfig("sd2_v_scheduler_config.json", inferenceSteps: 50)
        #expect(findingList(v) == ["VS201 warning", "VS504 note", "VS601 note", "VS702 note"])
        #expect(v.outcome("VS204")?.summary.contains("v_prediction") == true)
    }

    @Test("DDPM CIFAR-10 (linear, fixed_large, 1000 steps): the pixel-bin and fixed-large notes only")
    func ddpmCIFAR10() throws {
        let v = try verifyConfig("ddpm_cifar10_scheduler_config.json", inferenceSteps: 1000)
        #expect(findingList(v) == ["VS205 note", "VS603 note"])
        #expect(v.outcome("VS501")?.summary.contains("999, 998, 997") == true)
    }

    @Test("cosine with learned range: capped β, amplification and the log-variance dialect")
    func cosineLearnedRange() throws {
        let v = try verifyConfig("cosine_learned_range_scheduler_config.json", inferenceSteps: 100)
        // VS702: beta_start and beta_end have no effect under squaredcos_cap_v2.
        #expect(findingList(v) == ["VS203 note", "VS204 note", "VS504 note", "VS602 note", "VS702 note"])
        #expect(v.finding("VS702")?.message.contains("squaredcos_cap_v2") == true)
    }

    @Test("zero terminal SNR with v-prediction and trailing spacing: clean but for the ᾱ_prev note")
    func zeroSNRv() throws {
        let v = try verifyConfig("sd_zero_snr_v_trailing_scheduler_config.json", inferenceSteps: 50)
        #expect(findingList(v) == ["VS601 note"])
        #expect(v.outcome("VS501")?.summary.hasPrefix("DDIMScheduler: trailing spacing, N = 50, offset 0: 999, 979") == true)
    }

    @Test("zero terminal SNR with ε-prediction: an error")
    func zeroSNREpsilon() throws {
        let v = try verifyConfig("sd_zero_snr_epsilon_scheduler_config.json", inferenceSteps: 50)
        // VS204: with ε, x̂₀ at t = 998 is divided by √ᾱ₉₉₈ as well.
        #expect(findingList(v) == ["VS202 error", "VS204 note", "VS504 note", "VS601 note"])
        #expect(!v.passes(failOn: .error))
    }

    @Test("checker verify's standard-config part passes, and its expectations match these files")
    func standardChecks() throws {
        let part = StandardScheduleChecks.verify()
        #expect(part.passed, "\(part.details)")
        let result = verifyStandardSchedules()
        #expect(result.passed)
        // The embedded configs are the test files' contents.
        let sd = try String(contentsOfFile: configPath("sd15_scheduler_config.json"), encoding: .utf8)
        #expect(try JSONValue.parse(sd) == JSONValue.parse(StandardScheduleChecks.stableDiffusion15))
        let cifar = try String(contentsOfFile: configPath("ddpm_cifar10_scheduler_config.json"), encoding: .utf8)
        #expect(try JSONValue.parse(cifar) == JSONValue.parse(StandardScheduleChecks.ddpmCIFAR10))
    }

    @Test("the standard-config part fails when an expectation is wrong")
    func standardChecksCanFail() throws {
        var c = StandardScheduleChecks.cases[1]
        c.expected = ["VS201 error"]  // a planted wrong expectation
        let (found, _) = try StandardScheduleChecks.findings(of: c)
        #expect(found != c.expected)
    }
}
