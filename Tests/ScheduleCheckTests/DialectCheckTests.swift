import Foundation
import Reference
import Testing
@testable import ScheduleCheck

@Suite("VS601–VS606: dialects and clipping in latent space")
struct DialectCheckTests {
    @Test("VS601: set_alpha_to_one false (Stable Diffusion) is reported with ᾱ₀; true is quiet")
    func finalAlphaBarPrevious() throws {
        let sd = try verifyConfig("sd15_scheduler_config.json")
        #expect(sd.status("VS601") == .fired(.note))
        #expect(sd.outcome("VS601")?.summary == "final ᾱ_prev = ᾱ₀ = 0.99915; √(1 − ᾱ₀) = 0.02915")
        #expect(sd.finding("VS601")?.location?.line == 8)  // the set_alpha_to_one line
        let ddim = try verifyConfig("ddim_every_key_scheduler_config.json")
        #expect(ddim.status("VS601") == .passed)
    }

    @Test("VS602: learned_range at t = 0 uses −46.0517 (diffusers) or log β̃₁ (improved-diffusion)")
    func logVariance() throws {
        let cosine = try verifyConfig("cosine_learned_range_scheduler_config.json")
        #expect(cosine.status("VS602") == .fired(.note))
        #expect(cosine.outcome("VS602")?.summary.contains("diffusers -46.0517") == true)  // log(1e-20)
        let linear = try verify(request("linear") { $0.varianceType = "learned_range" })
        // Field notes §3: log β̃₁ = −9.81672513529567 for the linear schedule.
        #expect(linear.outcome("VS602")?.summary.contains("log β̃₁ = -9.81673") == true)
        #expect(try verify(request("linear") { $0.varianceType = "fixed_small" }).status("VS602") == .passed)
    }

    @Test("VS603: fixed_large at t = 0 is β₀ (diffusers) or β̃₁ (improved-diffusion); quiet for fixed_small")
    func fixedLarge() throws {
        let cifar = try verifyConfig("ddpm_cifar10_scheduler_config.json")
        #expect(cifar.status("VS603") == .fired(.note))
        // Field notes §3: β̃₁ = 5.4531876613e-05 for the linear schedule.
        #expect(cifar.outcome("VS603")?.summary == "fixed-large σ² at t = 0: diffusers β₀ = 0.0001, improved-diffusion β̃₁ = 5.453188e-05")
        #expect(try verify(request("linear") { $0.varianceType = "fixed_small" }).status("VS603") == .passed)
    }

    @Test("VS604: fixed_large_log gives NaN in diffusers (√ of a log-variance); fixed_large does not")
    func fixedLargeLog() throws {
        let bad = try verifyConfig("ddpm_fixed_large_log_scheduler_config.json")
        #expect(bad.status("VS604") == .fired(.error))
        #expect(bad.finding("VS604")?.message.contains("NaN") == true)
        #expect(try verifyConfig("ddpm_cifar10_scheduler_config.json").status("VS604") == .passed)
    }

    @Test("VS605: clip_sample in latent space (a DDIM config for SD without clip_sample=false) is a warning")
    func clipInLatentSpace() throws {
        let bad = try verifyConfig("sd15_clip_sample_true_scheduler_config.json")
        #expect(bad.status("VS605") == .fired(.warning))
        #expect(try verifyConfig("sd15_scheduler_config.json").status("VS605") == .passed)
        #expect(try verifyConfig("ddpm_cifar10_scheduler_config.json").status("VS605") == .passed)  // pixel space
    }

    @Test("VS606: dynamic thresholding in latent space is a warning; in pixel space it is fine")
    func thresholding() throws {
        let path = writeTemporary("t.json", text: "{\"beta_schedule\": \"scaled_linear\", \"beta_start\": 0.00085, \"beta_end\": 0.012, \"clip_sample\": false, \"thresholding\": true}")
        var r = ScheduleRequest()
        r.configPath = path
        #expect(try verify(r).status("VS606") == .fired(.warning))
        let pixel = writeTemporary("p.json", text: "{\"beta_schedule\": \"linear\", \"thresholding\": true}")
        r.configPath = pixel
        #expect(try verify(r).status("VS606") == .passed)
    }
}

@Suite("VS701–VS703: config keys")
struct ConfigKeyCheckTests {
    @Test("VS701: a misspelled key is named with its line; a config of known keys is quiet")
    func unknownKey() throws {
        let bad = try verifyConfig("misspelled_key_scheduler_config.json")
        #expect(bad.status("VS701") == .fired(.note))
        let finding = try #require(bad.finding("VS701"))
        #expect(finding.message.contains("\"prediction_typ\""))
        #expect(finding.location?.line == 5)
        #expect(try verifyConfig("ddim_every_key_scheduler_config.json").status("VS701") == .passed)
    }

    @Test("VS702: a key PNDM does not read (clip_sample) is named with the class; its own skip_prk_steps is not reported")
    func ignoredKey() throws {
        let sd = try verifyConfig("sd15_scheduler_config.json")
        #expect(sd.status("VS702") == .fired(.note))
        #expect(sd.finding("VS702")?.message.contains("clip_sample") == true)
        #expect(sd.finding("VS702")?.message.contains("PNDMScheduler does not read it") == true)
        #expect(!sd.diagnostics.contains { $0.message.contains("skip_prk_steps") })
        #expect(try verifyConfig("ddpm_cifar10_scheduler_config.json").status("VS702") == .passed)
    }

    @Test("VS703: num_train_timesteps must equal the length of trained_betas")
    func trainedBetasLength() throws {
        let bad = try verifyConfig("trained_betas_length_mismatch.json")
        #expect(bad.status("VS703") == .fired(.error))
        let path = writeTemporary("ok.json", text: "{\"num_train_timesteps\": 3, \"trained_betas\": [0.1, 0.2, 0.3]}")
        var r = ScheduleRequest()
        r.configPath = path
        #expect(try verify(r).status("VS703") == .passed)
    }
}
