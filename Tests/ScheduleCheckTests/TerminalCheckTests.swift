import Foundation
import Reference
import Testing
@testable import ScheduleCheck

@Suite("VS201–VS206: terminal signal, zero SNR, caps, amplification, pixel bin, prior term")
struct TerminalCheckTests {
    @Test("VS201: Stable Diffusion's √ᾱ₉₉₉ = 0.068 is a warning; DDPM linear and zero-SNR are quiet")
    func terminalSNR() throws {
        let sd = try verify(request("scaled_linear"))
        #expect(sd.status("VS201") == .fired(.warning))
        #expect(sd.outcome("VS201")?.summary.contains("√ᾱ[999] = 0.06826491") == true)  // field notes §3
        let linear = try verify(request("linear"))
        #expect(linear.status("VS201") == .passed)
        #expect(linear.outcome("VS201")?.summary.contains("√ᾱ[999] = 0.006352818") == true)  // field notes §3
        let zero = try verify(request("scaled_linear") { $0.rescaleZeroSNR = true; $0.predictionType = "v_prediction" })
        #expect(zero.status("VS201") == .passed)
        #expect(zero.outcome("VS201")?.summary.contains("ᾱ[999] = 0: zero terminal SNR") == true)
    }

    @Test("VS202: zero terminal SNR with ε-prediction is an error; with v-prediction it is not")
    func zeroSNREpsilon() throws {
        let bad = try verify(request("scaled_linear") { $0.rescaleZeroSNR = true })
        #expect(bad.status("VS202") == .fired(.error))
        let good = try verify(request("scaled_linear") { $0.rescaleZeroSNR = true; $0.predictionType = "v_prediction" })
        #expect(good.status("VS202") == .passed)
        #expect(try verify(request("linear")).status("VS202") == .notApplicable)
    }

    @Test("VS203 and VS204: the cosine schedule's capped β₉₉₉ and √(1/ᾱ₉₉₉) = 20291.17; quiet for linear")
    func capAndAmplification() throws {
        let cosine = try verify(request("cosine"))
        #expect(cosine.status("VS203") == .fired(.note))
        #expect(cosine.outcome("VS203")?.summary == "1 capped (t = 999)")
        #expect(cosine.status("VS204") == .fired(.note))
        #expect(cosine.outcome("VS204")?.summary.contains("20291.17") == true)  // field notes §3
        let vPrediction = try verify(request("cosine") { $0.predictionType = "v_prediction" })
        #expect(vPrediction.status("VS204") == .passed)  // no division by √ᾱ
        let linear = try verify(request("linear"))
        #expect(linear.status("VS203") == .passed)
        #expect(linear.status("VS204") == .passed)
        #expect(linear.outcome("VS204")?.summary.contains("157.4105") == true)  // 1/√(4.03582976538e-05)
    }

    @Test("VS205: √β₀ = 0.01 of DDPM's linear exceeds 1/127.5; the cosine's 0.0064 does not; n/a in latent space")
    func pixelBin() throws {
        #expect(try verify(request("linear")).status("VS205") == .fired(.note))
        #expect(try verify(request("cosine")).status("VS205") == .passed)
        #expect(try verify(request("scaled_linear")).status("VS205") == .notApplicable)
        #expect(try verify(request("scaled_linear") { $0.latent = false }).status("VS205") == .fired(.note))
    }

    @Test("VS206: T = 100 with DDPM's unscaled β never reaches noise; scaled by 1000/T it does")
    func priorTerm() throws {
        let short = try verify(request("linear", steps: 100))
        #expect(short.status("VS206") == .fired(.error))
        #expect(short.status("VS201") == .fired(.warning))
        let scaled = try verify(request("linear", steps: 100) { $0.improvedDiffusionScaling = true })
        #expect(scaled.status("VS206") == .passed)
        let linear = try verify(request("linear"))
        // Field notes §3: L_T = 2.91e-05 bits per dimension at x₀ = 1 for the linear schedule.
        #expect(linear.outcome("VS206")?.summary == "L_T = 2.91e-05 bits/dim at x₀ = 1")
    }
}
