import CheckerCore
import Foundation
import Testing
@testable import ScheduleCheck

/// VS801 depends on what the model is conditioned on: with diffusers' continuous timesteps
/// (`timestep_type continuous` together with `v_prediction`) the model sees c_noise = ¼·log σ, so a
/// σ range wider than the β schedule's is the model's own; with discrete timesteps the same σ
/// range maps back onto [0, T − 1] and clamps at both ends.
@Suite("sigma_min and sigma_max are judged by how the model sees the timestep")
struct SigmaOverrideTests {
    /// An SDXL fine-tune's Euler config with Karras σ from 0.0485 to 124.9 and leading spacing.
    static func edmStyle(prediction: String, timestepType: String = "continuous") -> String {
        """
        {"_class_name": "EulerDiscreteScheduler", "beta_schedule": "scaled_linear", "beta_start": 0.00085, "beta_end": 0.012,
         "num_train_timesteps": 1000, "prediction_type": "\(prediction)", "sigma_max": 124.8983, "sigma_min": 0.0485,
         "steps_offset": 1, "timestep_spacing": "leading", "timestep_type": "\(timestepType)", "use_karras_sigmas": true}
        """
    }

    static func check(_ text: String, steps: Int = 25) throws -> ScheduleVerification {
        var subject = try SchedulerConfig.parse(text, path: "scheduler_config.json")
        subject.settings.inferenceSteps = steps
        return try ScheduleChecker.check(subject)
    }

    @Test("a real EDM-style SDXL config (continuous, v_prediction) gets no σ-override finding at any N", arguments: [1, 4, 25, 50, 1000])
    func realContinuousConfig(steps: Int) throws {
        let v = try classConfig("sdxl_edm_euler_v.json", steps: steps)
        #expect(v.status("VS801") == .passed)
        #expect(v.outcome("VS801")?.summary.contains("continuous timesteps") == true)
        #expect(!v.diagnostics.contains { $0.code == "VS801" })
    }

    @Test("continuous with ε-prediction keeps discrete timesteps in diffusers: σ_max above σ(T − 1) clamps, a warning")
    func continuousWithEpsilonIsDiscrete() throws {
        let v = try Self.check(Self.edmStyle(prediction: "epsilon"))
        #expect(v.status("VS801") == .fired(.warning))
        #expect(v.diagnostics.first { $0.code == "VS801" }?.message.contains("clamp to T − 1") == true)
        // Not the EDM recipe: the β schedule drives the timesteps, so its verdicts apply.
        #expect(v.status("VS201") == .fired(.warning))
    }

    @Test("the same σ range with discrete timesteps and v_prediction is a warning too")
    func discreteWithVPrediction() throws {
        let v = try Self.check(Self.edmStyle(prediction: "v_prediction", timestepType: "discrete"))
        #expect(v.status("VS801") == .fired(.warning))
    }

    @Test("continuous with v_prediction: the model sees ¼·log σ, so neither end is reported")
    func continuousWithVPrediction() throws {
        let v = try Self.check(Self.edmStyle(prediction: "v_prediction"))
        #expect(v.status("VS801") == .passed)
        #expect(v.status("VS201") == .notApplicable)
    }
}

/// VS502 for the samplers that step in σ: what matters is whether σ repeats, not the index.
@Suite("a repeated timestep of a σ sampler is graded by its σ ladder")
struct RepeatedSigmaTimestepTests {
    /// An SDXL fine-tune's DPM-Solver++ 2M Karras config (diffusers 0.21 keys).
    static let karras = """
        {"_class_name": "DPMSolverMultistepScheduler", "beta_end": 0.012, "beta_schedule": "scaled_linear", "beta_start": 0.00085,
         "num_train_timesteps": 1000, "prediction_type": "epsilon", "solver_order": 2, "solver_type": "midpoint",
         "thresholding": false, "timestep_spacing": "leading", "trained_betas": null, "use_karras_sigmas": true}
        """

    @Test("Karras σ near σ_min rounding to one timestep: the σ still fall, a note")
    func karrasRepeatIsANote() throws {
        let v = try SigmaOverrideTests.check(Self.karras, steps: 50)
        #expect(v.status("VS502") == .fired(.note))
        #expect(v.status("VS803") == .passed)
        #expect(v.diagnostics.first { $0.code == "VS502" }?.message.contains("timesteps[47] = 1, timesteps[48] = 1") == true)
    }

    @Test("N + 1-point linspace at N = T repeats t = 500 and its σ: a zero-size step, a warning beside VS803")
    func repeatedSigmaIsAWarning() throws {
        let v = try classConfig("sd15_unipc.json", steps: 1000)
        #expect(v.status("VS502") == .fired(.warning))
        #expect(v.status("VS803") == .fired(.error))
    }
}
