import Reference
import Testing
@testable import ScheduleCheck

@Suite("Reading diffusers scheduler configs")
struct ConfigReadingTests {
    @Test("Stable Diffusion 1.5: scaled linear 0.00085–0.012, offset 1, no clipping, ᾱ_prev = ᾱ₀")
    func stableDiffusion15() throws {
        let subject = try SchedulerConfig.load(path: configPath("sd15_scheduler_config.json"))
        let spec = try #require(subject.specification)
        #expect(spec.kind == .scaledLinear && spec.betaStart == 0.00085 && spec.betaEnd == 0.012 && spec.timesteps == 1000)
        #expect(subject.settings.stepsOffset == 1)
        #expect(subject.settings.clipSample == false)
        #expect(subject.settings.setAlphaToOne == false)
        #expect(subject.settings.predictionType == .epsilon)
        #expect(subject.settings.schedulerClass == "PNDMScheduler")
        // skip_prk_steps is PNDM's own key; clip_sample is one PNDM does not read.
        #expect(subject.config?.ignoredKeys == ["clip_sample"])
        #expect(subject.config?.unknownKeys == [])
        #expect(subject.isLatent)
    }

    @Test("every DDIM key is mapped; variance_type, which DDIMScheduler does not take, is reported as ignored")
    func everyKey() throws {
        let subject = try SchedulerConfig.load(path: configPath("ddim_every_key_scheduler_config.json"))
        #expect(subject.config?.unknownKeys == [])
        #expect(subject.config?.ignoredKeys == ["variance_type"])
        #expect(subject.config?.ineffective.first?.reason.contains("DDIMScheduler does not read it") == true)
        #expect(subject.settings.clipSample && subject.settings.setAlphaToOne == true)
        #expect(subject.settings.varianceType == nil)
        #expect(subject.settings.timestepSpacing == .leading)
    }

    @Test("class defaults: DDPM and DDIM clip by default, PNDM does not")
    func classDefaults() throws {
        let ddim = try SchedulerConfig.load(path: configPath("sd15_clip_sample_true_scheduler_config.json"))
        #expect(ddim.settings.clipSample)  // DDIMScheduler without clip_sample: diffusers' default true
        #expect(ddim.settings.setAlphaToOne == false)
        let pndm = try SchedulerConfig.parse("{\"_class_name\": \"PNDMScheduler\"}", path: "p.json")
        #expect(!pndm.settings.clipSample)
        #expect(pndm.settings.setAlphaToOne == false)
    }

    @Test("trained_betas become an explicit array; with rescale they are the rescaled schedule")
    func trainedBetas() throws {
        let subject = try SchedulerConfig.parse("{\"trained_betas\": [0.1, 0.2, 0.3]}", path: "t.json")
        #expect(subject.array?.values == [0.1, 0.2, 0.3])
        #expect(subject.specification == nil)
        let rescaled = try SchedulerConfig.parse("{\"trained_betas\": [0.1, 0.2, 0.3], \"rescale_betas_zero_snr\": true}", path: "t.json")
        #expect(rescaled.array == nil)
        #expect(rescaled.specification?.kind == .explicit && rescaled.specification?.rescaleZeroTerminalSNR == true)
    }

    @Test("an unknown beta_schedule names the file, line, column and the known names")
    func unknownSchedule() {
        let path = configPath("unknown_beta_schedule.json")
        #expect(throws: ScheduleCheckError.unknownSchedule(name: "quadratic", place: "\(path):3:20 beta_schedule", known: ["linear", "scaled_linear", "sigmoid", "squaredcos_cap_v2"])) {
            try SchedulerConfig.load(path: path)
        }
    }

    @Test("a value of the wrong kind names the key and where it is")
    func wrongType() {
        let path = configPath("wrong_type.json")
        #expect(throws: ScheduleCheckError.invalidConfigValue(path: path, key: "num_train_timesteps", line: 4, column: 26, expected: "an integer ≥ 1", found: "\"1000\"")) {
            try SchedulerConfig.load(path: path)
        }
    }

    @Test("malformed JSON is reported with its position")
    func truncatedJSON() {
        do {
            _ = try SchedulerConfig.load(path: configPath("truncated_config.json"))
            Issue.record("a truncated config must be refused")
        } catch {
            #expect(error.code == "VS006")
            #expect(error.message.contains("truncated_config.json:4:"))
        }
    }

    @Test("an unknown --schedule name and a missing config file are refused")
    func badFlags() {
        #expect(throws: ScheduleCheckError.self) { try request("quadratic").subject() }
        do {
            _ = try request("quadratic").subject()
        } catch {
            #expect(error.code == "VS005" && error.message.contains("\"quadratic\"") && error.message.contains("--schedule"))
        }
        var r = ScheduleRequest()
        r.configPath = "/nonexistent/scheduler_config.json"
        #expect(throws: ScheduleCheckError.fileNotFound(path: "/nonexistent/scheduler_config.json")) { try r.subject() }
        #expect(throws: ScheduleCheckError.noSchedule) { try ScheduleRequest().subject() }
        #expect(throws: ScheduleCheckError.self) { try request("linear") { $0.inferenceSteps = 1001 }.subject() }
    }

    @Test("a schedule Reference refuses for its parameters (not its betas) is bad input, with Reference's reason")
    func refused() throws {
        let subject = try request("linear", steps: 1) { $0.rescaleZeroSNR = true }.subject()
        do {
            _ = try ScheduleChecker.check(subject)
            Issue.record("a zero-SNR rescale of T = 1 must be refused")
        } catch {
            #expect(error.code == "VS011")
            #expect(error.message.contains("R006") && error.message.contains("T ≥ 2"))
        }
        // Refused betas are not bad input: they are what the checks are for.
        #expect(try verify(request("linear", start: 0)).fired("VS102"))
    }
}
