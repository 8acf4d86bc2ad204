import CheckerCore
import Foundation
import Reference
import Testing
@testable import ScheduleCheck

/// A config of Configs/classes (values of public models' scheduler configs; MANIFEST.md says where
/// each comes from), checked with N steps.
func classConfig(_ name: String, steps: Int? = 50, configure: (inout ScheduleRequest) -> Void = { _ in }) throws -> ScheduleVerification {
    try verifyConfig("classes/\(name)", inferenceSteps: steps, configure: configure)
}

/// What the command does with a config of Configs/classes: its output and exit status.
func runClassConfig(_ name: String, steps: Int? = 50, format: ReportFormat = .text, configure: (inout ScheduleRequest) -> Void = { _ in }) -> ScheduleCommand.Result {
    var r = ScheduleRequest()
    r.configPath = configPath("classes/\(name)")
    r.inferenceSteps = steps
    configure(&r)
    return ScheduleCommand.run(r, format: format)
}

@Suite("Real configs of each scheduler class give the findings a specialist expects")
struct ClassConfigTests {
    @Test("SD 1.4 (PNDM, no clip_sample key): PLMS list, PNDM's defaults named, the final-step note")
    func stableDiffusion14() throws {
        let v = try classConfig("sd14_pndm.json")
        #expect(findingList(v) == ["VS201 warning", "VS504 note", "VS601 note"])
        #expect(v.header.first == "class: PNDMScheduler")
        #expect(v.header.contains { $0.hasPrefix("defaults applied (PNDMScheduler): prediction_type epsilon, timestep_spacing leading") })
        #expect(v.outcome("VS503")?.summary.contains("51 model calls") == true)  // PLMS repeats its second step
        #expect(v.status("VS605") == .passed)  // PNDM has no clipping: no default to apply
    }

    @Test("SD 1.4 loaded as DDIM (--scheduler): DDIM's clip_sample default is on, a warning in latent space")
    func pndmLoadedAsDDIM() throws {
        let v = try classConfig("sd14_pndm.json") { $0.schedulerClass = "DDIMScheduler" }
        #expect(v.status("VS605") == .fired(.warning))
        #expect(v.header.first?.contains("--scheduler; the config says PNDMScheduler") == true)
        #expect(v.diagnostics.contains { $0.code == "VS702" && $0.message.contains("skip_prk_steps") && $0.message.contains("DDIMScheduler does not read it") })
    }

    @Test("SD 2.1 base (PNDM with clip_sample): clip_sample is a key PNDM ignores; skip_prk_steps is its own")
    func stableDiffusion21() throws {
        let v = try classConfig("sd21_base_pndm.json")
        #expect(findingList(v) == ["VS201 warning", "VS504 note", "VS601 note", "VS702 note"])
        #expect(v.diagnostics.filter { $0.code == "VS702" }.map { $0.message.hasPrefix("\"clip_sample\": PNDMScheduler") } == [true])
    }

    @Test("SD image variations (PNDM without steps_offset or set_alpha_to_one): PNDM's defaults (offset 0, ᾱ_prev = ᾱ₀)")
    func imageVariations() throws {
        let v = try classConfig("sd_image_variations_pndm.json")
        #expect(findingList(v) == ["VS201 warning", "VS504 note", "VS601 note"])
        #expect(v.outcome("VS504")?.summary.hasPrefix("first timestep 980") == true)
        #expect(v.header.contains { $0.contains("set_alpha_to_one false") })
    }

    @Test("SDXL Euler (leading, offset 1): σ ladder below σ_max is a note; N = T clamps and exits 0 with a warning")
    func sdxlEuler() throws {
        let v = try classConfig("sdxl_euler_leading.json")
        #expect(findingList(v) == ["VS201 warning", "VS702 note", "VS802 note"])
        #expect(v.outcome("VS802")?.summary.hasPrefix("σ₀ = 13.12041, σ_max = 14.61464") == true)
        #expect(v.status("VS601") == .notApplicable)  // no final-DDIM-step note on Euler
        let full = runClassConfig("sdxl_euler_leading.json", steps: 1000)
        #expect(full.exitCode == 0)
        let atT = try classConfig("sdxl_euler_leading.json", steps: 1000)
        #expect(findingList(atT) == ["VS201 warning", "VS702 note"])
        #expect(atT.header.contains { $0.contains("clamps it to σ(T − 1)") })
    }

    @Test("SDXL EulerAncestral: linspace ladder from σ_max; steps_offset without leading spacing is named as ineffective")
    func sdxlEulerAncestral() throws {
        let v = try classConfig("sdxl_euler_ancestral.json")
        #expect(findingList(v) == ["VS201 warning", "VS702 note"])
        #expect(v.diagnostics.contains { $0.code == "VS702" && $0.message.contains("steps_offset = 1 is added only with leading spacing") })
        #expect(v.status("VS802") == .passed)
    }

    @Test("Zero123 (EulerAncestral without timestep_spacing): its own default linspace, not DDIM's leading")
    func zero123() throws {
        let v = try classConfig("zero123_euler_ancestral.json")
        #expect(v.header.contains { $0.contains("timestep_spacing linspace") })
        #expect(v.status("VS802") == .passed)
        #expect(v.status("VS205") == .notApplicable)  // 0.00085 → 0.012 are latent-diffusion ends
        #expect(findingList(v) == ["VS201 warning", "VS702 note"])
    }

    @Test("DDPM butterflies (pixel, linear): the pixel-bin note; N = T exits 0")
    func ddpmButterflies() throws {
        let v = try classConfig("ddpm_butterflies.json", steps: 1000)
        #expect(findingList(v) == ["VS205 note"])
        #expect(v.header.contains { $0.hasPrefix("pixel space assumed") })
    }

    @Test("a missing clip_sample on DDPM is shown as on (its default), and listed")
    func ddpmClipDefault() throws {
        let subject = try SchedulerConfig.parse("{\"_class_name\": \"DDPMScheduler\", \"beta_schedule\": \"linear\"}", path: "d.json")
        #expect(subject.settings.clipSample)
        #expect(subject.header.contains { $0.contains("clip_sample true") })
    }

    @Test("Flux and BRIA (flow matching): checked for their σ ladder, no β verdict, what was not checked is said")
    func flowMatching() throws {
        let flux = try classConfig("flux_flowmatch.json", steps: 4)
        #expect(flux.diagnostics.isEmpty)
        #expect(flux.curves.betas.isEmpty)
        #expect(flux.header.contains { $0.hasPrefix("not checked: β, ᾱ") })
        #expect(flux.status("VS201") == .notApplicable)
        let bria = try classConfig("bria_flowmatch_dynamic.json", steps: 4)
        #expect(bria.header.contains { $0.contains("use_dynamic_shifting") })
        #expect(bria.subject.contains("dynamic shift"))
    }

    @Test("Stable Cascade (Würstchen): the continuous ᾱ clamp note, nothing about a β ladder")
    func wuerstchen() throws {
        let v = try classConfig("stable_cascade_wuerstchen.json", steps: nil)
        #expect(findingList(v) == ["VS806 note"])
        #expect(v.status("VS101") == .notApplicable)
    }

    @Test("PixArt (DPMSolverMultistep with lambda_min_clipped: -Infinity): read, N + 1 linspace without 0")
    func pixart() throws {
        let v = try classConfig("pixart_dpmsolver.json")
        #expect(findingList(v) == ["VS205 note"])
        #expect(v.outcome("VS501")?.summary.contains("999, 979, 959") == true)
        #expect(v.outcome("VS501")?.summary.hasSuffix("40, 20") == true)
    }

    /// One config per remaining class (constructed from its model family's published settings).
    static let moreClasses: [(file: String, steps: Int, expected: [String], check: @Sendable (ScheduleVerification) -> Bool)] = [
        // Heun from an SD pipeline's config: leading + offset 1 starts its ladder below σ_max.
        ("sd15_heun.json", 25, ["VS201 warning", "VS702 note", "VS802 note"],
         { $0.header.contains { $0.contains("evaluates every σ after the first twice: 49 model calls") } }),
        // LMS as SD 1.x shipped it: LMS's own default linspace, σ from σ_max.
        ("sd14_lms.json", 25, ["VS201 warning"], { $0.header.contains { $0.contains("timestep_spacing linspace") } && $0.status("VS802") == .passed }),
        ("sd15_kdpm2_karras.json", 25, ["VS201 warning"], { $0.outcome("VS803")?.summary.hasPrefix("use_karras_sigmas (Karras ρ = 7), 26 σ: 14.615") == true }),
        // Karras from the leading list's first σ (σ(961)), as diffusers takes σ_max from the interpolated ladder.
        ("sdxl_dpmsolver_sde_karras.json", 25, ["VS201 warning", "VS802 note"], { $0.outcome("VS802")?.summary.hasPrefix("σ₀ = 11.67605") == true }),
        // Singlestep has no timestep_spacing or steps_offset: both are keys it ignores.
        ("sd15_dpmsolver_singlestep.json", 25, ["VS201 warning", "VS702 note"],
         { $0.diagnostics.filter { $0.code == "VS702" }.count == 2 && $0.outcome("VS501")?.summary.contains("999, 959, 919") == true }),
        ("sd15_unipc.json", 25, ["VS201 warning", "VS702 note"], { $0.finding("VS702")?.message.contains("added only with leading spacing") == true }),
        // DEIS always ends at σ(0) = 0.029, not 0: its output keeps that noise (a note).
        ("sd15_deis.json", 25, ["VS201 warning", "VS804 note"],
         { $0.outcome("VS501")?.summary.hasSuffix("80, 40") == true && $0.outcome("VS804")?.summary == "final σ = 0.02916716" }),
        ("sdxl_tcd.json", 4, ["VS201 warning", "VS702 note"], { $0.outcome("VS501")?.summary.hasSuffix("999, 759, 499, 259") == true }),
        ("cosxl_edm_euler.json", 25, [], { $0.outcome("VS803")?.summary.contains("26 σ: 120,") == true && $0.status("VS201") == .notApplicable }),
        ("audio_cosine_dpmsolver.json", 25, [], { $0.outcome("VS803")?.summary.contains("26 σ: 500,") == true }),
        // Inversion runs upwards from t = 1: no first-timestep or stride finding.
        ("sd2_ddim_inverse.json", 25, ["VS201 warning", "VS702 note"],
         { $0.status("VS504") == .notApplicable && $0.outcome("VS502")?.summary == "strictly ascending (inversion)" }),
    ]

    @Test("Heun, LMS, KDPM2, DPMSolverSDE, DPMSolverSinglestep, UniPC, DEIS, TCD, EDMEuler, CosineDPMSolver and DDIMInverse configs",
          arguments: moreClasses.indices)
    func moreClass(_ index: Int) throws {
        let c = Self.moreClasses[index]
        let v = try classConfig(c.file, steps: c.steps)
        #expect(findingList(v) == c.expected, "\(c.file)")
        #expect(c.check(v), "\(c.file): \(v.header)")
    }

    @Test("a ladder the model does not reproduce (use_lu_lambdas, log_linear, FlowMatch's ladder flags) is named, and not judged")
    func unmodelledLadders() throws {
        for (name, key) in [("FlowMatchEulerDiscreteScheduler", "\"use_beta_sigmas\": true"), ("DPMSolverMultistepScheduler", "\"use_lu_lambdas\": true"),
                            ("EulerDiscreteScheduler", "\"interpolation_type\": \"log_linear\""),
                            ("FlowMatchEulerDiscreteScheduler", "\"use_karras_sigmas\": true")] {
            var subject = try SchedulerConfig.parse("{\"_class_name\": \"\(name)\", \(key)}", path: "c.json")
            subject.settings.inferenceSteps = 20
            let v = try ScheduleChecker.check(subject)
            #expect(v.header.contains { $0.hasPrefix("not checked:") && $0.contains("not modelled") }, "\(name) \(key)")
            #expect(v.status("VS803") == .notApplicable, "\(name) \(key)")
        }
    }

    @Test("PixArt at N = T: linspace over N + 1 points rounds two steps to t = 500, a zero-size step for a multistep solver")
    func pixartAtT() throws {
        let v = try classConfig("pixart_dpmsolver.json", steps: 1000)
        #expect(v.status("VS803") == .fired(.error))
        #expect(v.finding("VS803")?.message.contains("σ[499] = 3.442967, σ[500] = 3.442967") == true)
        #expect(try classConfig("pixart_dpmsolver.json", steps: 999).status("VS803") == .passed)
    }

    @Test("LCM: 4 steps from the 50-step grid; N above original_inference_steps is an error; set_alpha_to_one has no effect")
    func lcm() throws {
        let v = try classConfig("lcm_sdxl.json", steps: 4)
        #expect(v.outcome("VS501")?.summary.hasSuffix("999, 759, 499, 259") == true)
        #expect(v.status("VS601") == .notApplicable)
        #expect(v.diagnostics.contains { $0.code == "VS702" && $0.message.contains("\"set_alpha_to_one\": LCMScheduler takes it") })
        let over = try classConfig("lcm_sdxl.json", steps: 51)
        #expect(over.status("VS509") == .fired(.error))
    }

    @Test("EDM (EDMDPMSolver): Karras ladder from 80 to 0.002, clean")
    func edm() throws {
        let v = try classConfig("edm_dpmsolver.json", steps: 7)
        #expect(v.diagnostics.isEmpty)
        #expect(v.outcome("VS803")?.summary.hasPrefix("Karras ρ = 7, 8 σ: 80,") == true)
    }

    @Test("EDM-style Euler (sigma overrides, Karras, continuous timesteps, s_tmax: Infinity): no β verdict, and σ beyond the β ladder is the model's own range")
    func edmStyleEuler() throws {
        let v = try classConfig("edm_style_euler.json")
        #expect(findingList(v) == ["VS702 note"])
        #expect(v.status("VS801") == .passed)
        #expect(v.status("VS201") == .notApplicable)
        #expect(v.outcome("VS803")?.summary.contains("use_karras_sigmas") == true)
        #expect(v.diagnostics.contains { $0.code == "VS702" && $0.message.hasPrefix("\"s_tmax\"") })
    }

    @Test("DeepFloyd IF (DDPM, cosine, thresholding): clip_sample under thresholding and β ends under cosine are ineffective")
    func deepFloydIF() throws {
        let v = try classConfig("deepfloyd_if_ddpm.json", steps: 100)
        #expect(findingList(v) == ["VS203 note", "VS204 note", "VS504 note", "VS602 note", "VS702 note"])
        let ineffective = v.diagnostics.filter { $0.code == "VS702" }.map { $0.message }
        #expect(ineffective.contains { $0.hasPrefix("\"clip_sample\": thresholding = true") })
        #expect(ineffective.contains { $0.hasPrefix("\"beta_start\": beta_schedule squaredcos_cap_v2") })
    }

    @Test("Kandinsky 2.2 (DDPM, linear 0.00085 → 0.012): latent from the ends; set_alpha_to_one is a key DDPM ignores")
    func kandinsky() throws {
        let v = try classConfig("kandinsky22_ddpm.json")
        #expect(findingList(v) == ["VS201 warning", "VS504 note", "VS702 note"])
        #expect(v.diagnostics.contains { $0.code == "VS702" && $0.message.hasPrefix("\"set_alpha_to_one\": DDPMScheduler does not read it") })
        #expect(v.status("VS601") == .notApplicable)
    }

    @Test("Wan-style UniPC with flow_prediction and use_flow_sigmas: read, checked as flow matching")
    func uniPCFlow() throws {
        let v = try classConfig("wan_unipc_flow.json", steps: 4)
        #expect(v.diagnostics.isEmpty)
        #expect(v.subject.contains("flow-matching σ (flow_shift 3)"))
        #expect(v.status("VS201") == .notApplicable)
    }

    @Test("DDIMInverse with linspace spacing: an error (diffusers raises)")
    func ddimInverseLinspace() throws {
        let v = try classConfig("ddim_inverse_linspace.json")
        #expect(v.status("VS704") == .fired(.error))
        #expect(v.finding("VS704")?.message.contains("leading and trailing spacing only") == true)
    }

    @Test("T = 975 and T = 2000 with the T = 1000 linear ends: a warning; T = 1000 is quiet")
    func presetEndsOtherT() throws {
        #expect(try classConfig("ddpm_linear_t975.json").status("VS207") == .fired(.warning))
        let t2000 = try classConfig("ddpm_linear_t2000.json")
        #expect(t2000.status("VS207") == .fired(.warning))
        #expect(t2000.finding("VS207")?.message.contains("√ᾱ at the middle step is 0.07849") == true)
        #expect(try classConfig("ddpm_butterflies.json").status("VS207") == .passed)
    }

    @Test("ends that match no preset are a note on configs only")
    func unrecognisedPreset() throws {
        let v = try ScheduleChecker.check(try SchedulerConfig.parse("{\"_class_name\": \"DDPMScheduler\", \"beta_end\": 0.0125}", path: "d.json"))
        #expect(v.status("VS208") == .fired(.note))
        #expect(try verify(request("linear", end: 0.0125)).status("VS208") == .notApplicable)
    }

    @Test("a UNet config and {} are refused with exit 2 and a structured record in json, sarif and github")
    func notSchedulerConfigs() throws {
        for name in ["unet_config.json", "empty.json"] {
            let text = runClassConfig(name, steps: nil)
            #expect(text.exitCode == 2 && text.output.isEmpty && text.errorOutput.contains("\(name): error: not a scheduler config: ") && text.errorOutput.hasSuffix("[VS014]"))
            let json = runClassConfig(name, steps: nil, format: .json)
            let record = try JSONValue.parse(json.output)
            #expect(record["verdict"] == .string("INPUT ERROR") && json.exitCode == 2)
            let sarif = runClassConfig(name, steps: nil, format: .sarif)
            #expect(sarif.output.contains("\"ruleId\": \"VS014\"") || sarif.output.contains("\"ruleId\":\"VS014\""))
            let github = runClassConfig(name, steps: nil, format: .github)
            #expect(github.output.hasPrefix("::error") && github.output.contains("VS014"))
        }
        let unknown = ScheduleCommand.run({ var r = ScheduleRequest(); r.configPath = writeTemporary("s.json", text: "{\"_class_name\": \"MadeUpScheduler\"}"); return r }())
        #expect(unknown.exitCode == 2 && unknown.errorOutput.contains("VS013") && unknown.errorOutput.contains("supported: DDPMScheduler"))
    }

    @Test("no _class_name but β keys: DDPMScheduler is assumed, and the report says so")
    func assumedClass() throws {
        let v = try ScheduleChecker.check(try SchedulerConfig.parse("{\"beta_schedule\": \"linear\"}", path: "d.json"))
        #expect(v.header.first == "no `_class_name`: assuming DDPMScheduler (give --scheduler to name the class)")
    }

    @Test("a model folder is read as one model: scheduler config, and latent space from its vae")
    func modelFolder() throws {
        let folder = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder + "/scheduler", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/unet", withIntermediateDirectories: true)
        let index = "{\"_class_name\": \"StableDiffusionPipeline\", \"scheduler\": [\"diffusers\", \"PNDMScheduler\"], \"unet\": [\"diffusers\", \"UNet2DConditionModel\"], \"vae\": [\"diffusers\", \"AutoencoderKL\"]}"
        try index.write(toFile: folder + "/model_index.json", atomically: true, encoding: .utf8)
        try String(contentsOfFile: configPath("classes/kandinsky22_ddpm.json"), encoding: .utf8)
            .write(toFile: folder + "/scheduler/scheduler_config.json", atomically: true, encoding: .utf8)
        var r = ScheduleRequest()
        r.configPath = folder
        r.inferenceSteps = 50
        let v = try verify(r)
        #expect(v.header.first?.contains("StableDiffusionPipeline") == true)
        #expect(v.header.contains("latent space (StableDiffusionPipeline has a vae component)"))
        // The folder's model_index.json stands for the folder.
        r.configPath = folder + "/model_index.json"
        #expect(try verify(r).header.contains("latent space (StableDiffusionPipeline has a vae component)"))
        // Without a vae the same scheduler is a pixel-space model.
        let pixel = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: pixel + "/scheduler", withIntermediateDirectories: true)
        try "{\"_class_name\": \"IFPipeline\", \"scheduler\": [\"diffusers\", \"DDPMScheduler\"], \"unet\": [\"diffusers\", \"UNet2DConditionModel\"]}"
            .write(toFile: pixel + "/model_index.json", atomically: true, encoding: .utf8)
        try String(contentsOfFile: configPath("classes/ddpm_butterflies.json"), encoding: .utf8)
            .write(toFile: pixel + "/scheduler/scheduler_config.json", atomically: true, encoding: .utf8)
        r.configPath = pixel
        #expect(try verify(r).header.contains("pixel space (IFPipeline has no vae: pixel space)"))
    }

    @Test("Python's JSON dialect is read in configs only: NaN, Infinity, -Infinity")
    func pythonDialect() throws {
        let (value, _) = try JSONValue.parseWithPositions("{\"a\": -Infinity, \"b\": Infinity, \"c\": NaN}", pythonConstants: true)
        #expect(value["a"] == .number(-.infinity) && value["b"] == .number(.infinity))
        if case .number(let x)? = value["c"] { #expect(x.isNaN) } else { Issue.record("NaN not read") }
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse("{\"a\": -Infinity}") }
    }

    @Test("every prediction_type diffusers knows is read; an unknown one is bad input")
    func predictionTypes() throws {
        for type in ["epsilon", "sample", "v_prediction", "flow_prediction"] {
            _ = try SchedulerConfig.parse("{\"_class_name\": \"UniPCMultistepScheduler\", \"prediction_type\": \"\(type)\"}", path: "u.json")
        }
        #expect(throws: ScheduleCheckError.self) { try SchedulerConfig.parse("{\"_class_name\": \"DDIMScheduler\", \"prediction_type\": \"eps\"}", path: "d.json") }
        let pndm = try ScheduleChecker.check(try SchedulerConfig.parse("{\"_class_name\": \"PNDMScheduler\", \"prediction_type\": \"sample\"}", path: "p.json"))
        #expect(pndm.status("VS704") == .fired(.error))
    }

    @Test("Stable Diffusion 1.5 and 2 at N = T: exit 0 with the overflow warning; a stride finding only where ᾱ differs")
    func standardAtT() throws {
        for name in ["sd15_scheduler_config.json", "sd2_v_scheduler_config.json"] {
            let v = try verifyConfig(name, inferenceSteps: 1000)
            #expect(v.status("VS506") == .fired(.warning), "\(name)")
            #expect(v.status("VS505") == .passed, "\(name): set_alpha_to_one false lands on ᾱ₀ either way")
            #expect(v.passes(failOn: .error), "\(name)")
        }
    }
}
