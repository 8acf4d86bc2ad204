import Foundation
import Reference
import Testing
@testable import ScheduleCheck

/// The configs behind each pinned figure of `ClassPlanFigures` (scripts/schedule-class-figures.py).
enum ClassPlanConfigs {
    static let sdEnds = "\"beta_schedule\": \"scaled_linear\", \"beta_start\": 0.00085, \"beta_end\": 0.012"

    static let configs: [String: String] = [
        "DDPMScheduler linear leading": "{\"_class_name\": \"DDPMScheduler\"}",
        "DDIMScheduler sd leading offset 1": "{\"_class_name\": \"DDIMScheduler\", \(sdEnds), \"steps_offset\": 1}",
        "DDIMScheduler sd trailing": "{\"_class_name\": \"DDIMScheduler\", \(sdEnds), \"timestep_spacing\": \"trailing\"}",
        "DDIMScheduler linspace": "{\"_class_name\": \"DDIMScheduler\", \"timestep_spacing\": \"linspace\"}",
        "DDIMInverseScheduler leading offset 1": "{\"_class_name\": \"DDIMInverseScheduler\", \(sdEnds), \"steps_offset\": 1}",
        "DDIMInverseScheduler trailing": "{\"_class_name\": \"DDIMInverseScheduler\", \(sdEnds), \"timestep_spacing\": \"trailing\"}",
        "PNDMScheduler sd skip_prk_steps": "{\"_class_name\": \"PNDMScheduler\", \(sdEnds), \"skip_prk_steps\": true, \"steps_offset\": 1}",
        "PNDMScheduler prk warm-up": "{\"_class_name\": \"PNDMScheduler\", \(sdEnds)}",
        "EulerDiscreteScheduler sd linspace": "{\"_class_name\": \"EulerDiscreteScheduler\", \(sdEnds)}",
        "EulerDiscreteScheduler sd leading offset 1": "{\"_class_name\": \"EulerDiscreteScheduler\", \(sdEnds), \"timestep_spacing\": \"leading\", \"steps_offset\": 1}",
        "EulerDiscreteScheduler sd trailing": "{\"_class_name\": \"EulerDiscreteScheduler\", \(sdEnds), \"timestep_spacing\": \"trailing\"}",
        "EulerDiscreteScheduler sd beta sigmas": "{\"_class_name\": \"EulerDiscreteScheduler\", \(sdEnds), \"use_beta_sigmas\": true}",
        "DPMSolverMultistepScheduler sd beta sigmas": "{\"_class_name\": \"DPMSolverMultistepScheduler\", \(sdEnds), \"use_beta_sigmas\": true}",
        "EulerDiscreteScheduler sd karras": "{\"_class_name\": \"EulerDiscreteScheduler\", \(sdEnds), \"use_karras_sigmas\": true}",
        "EulerAncestralDiscreteScheduler sd linspace": "{\"_class_name\": \"EulerAncestralDiscreteScheduler\", \(sdEnds)}",
        "DPMSolverMultistepScheduler linear linspace": "{\"_class_name\": \"DPMSolverMultistepScheduler\", \"lambda_min_clipped\": -Infinity}",
        "DPMSolverMultistepScheduler sd leading offset 1": "{\"_class_name\": \"DPMSolverMultistepScheduler\", \(sdEnds), \"timestep_spacing\": \"leading\", \"steps_offset\": 1}",
        "DPMSolverMultistepScheduler sd karras": "{\"_class_name\": \"DPMSolverMultistepScheduler\", \(sdEnds), \"use_karras_sigmas\": true}",
        "UniPCMultistepScheduler sd trailing": "{\"_class_name\": \"UniPCMultistepScheduler\", \(sdEnds), \"timestep_spacing\": \"trailing\"}",
        "LCMScheduler original 50": "{\"_class_name\": \"LCMScheduler\"}",
        "TCDScheduler original 100": "{\"_class_name\": \"TCDScheduler\", \"original_inference_steps\": 100}",
        "HeunDiscreteScheduler defaults": "{\"_class_name\": \"HeunDiscreteScheduler\"}",
        "HeunDiscreteScheduler sd karras": "{\"_class_name\": \"HeunDiscreteScheduler\", \(sdEnds), \"use_karras_sigmas\": true}",
        "LMSDiscreteScheduler linear trailing": "{\"_class_name\": \"LMSDiscreteScheduler\", \"timestep_spacing\": \"trailing\"}",
        "KDPM2DiscreteScheduler defaults": "{\"_class_name\": \"KDPM2DiscreteScheduler\"}",
        "DEISMultistepScheduler linear linspace": "{\"_class_name\": \"DEISMultistepScheduler\"}",
        "DPMSolverSinglestepScheduler sd": "{\"_class_name\": \"DPMSolverSinglestepScheduler\", \(sdEnds)}",
        "EDMDPMSolverMultistepScheduler exponential": "{\"_class_name\": \"EDMDPMSolverMultistepScheduler\", \"sigma_schedule\": \"exponential\"}",
        "EDMEulerScheduler defaults": "{\"_class_name\": \"EDMEulerScheduler\"}",
        "CosineDPMSolverMultistepScheduler defaults": "{\"_class_name\": \"CosineDPMSolverMultistepScheduler\"}",
        "FlowMatchEulerDiscreteScheduler shift 3": "{\"_class_name\": \"FlowMatchEulerDiscreteScheduler\", \"shift\": 3.0}",
        "FlowMatchEulerDiscreteScheduler dynamic mu 1.15": "{\"_class_name\": \"FlowMatchEulerDiscreteScheduler\", \"use_dynamic_shifting\": true, \"max_shift\": 1.15}",
    ]

    /// The plan the Swift model builds for a figure's config and N.
    static func plan(_ figure: Figure) throws -> SamplingPlan {
        let text = try #require(configs[figure.name], "no config for \(figure.name)")
        let subject = try SchedulerConfig.parse(text, path: "\(figure.name).json")
        let model = try #require(subject.settings.model)
        let alphaBars = try subject.specification.map { try $0.make(Double.self).alphaBars } ?? []
        return try model.plan(steps: figure.n, alphaBars: alphaBars, settings: subject.settings)
    }
}

@Suite("Each class's timesteps and σ for N = 1, 4, 7, 50, T match an independent NumPy implementation")
struct ClassPlanTests {
    /// Both sides compute in float64 from the same formulas; they differ only in the order of
    /// operations (NumPy's cumprod and pow against Swift's loop): 1e-9 relative, 1e-12 absolute.
    static func close(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-12 + 1e-9 * max(abs(a), abs(b))
    }

    /// The first and last three values, or all of them when there are at most eight.
    static func headTail(_ values: [Double]) -> [Double] {
        values.count <= 8 ? values : Array(values.prefix(3) + values.suffix(3))
    }

    @Test("timesteps and σ of every figure", arguments: ClassPlanFigures.all.map(\.name).enumerated().map { $0.offset })
    func figure(_ index: Int) throws {
        let figure = ClassPlanFigures.all[index]
        let plan = try ClassPlanConfigs.plan(figure)
        #expect(plan.timesteps.count == figure.count, "\(figure.name) N = \(figure.n)")
        let got = Self.headTail(plan.timesteps)
        #expect(got.count == figure.timesteps.count && zip(got, figure.timesteps).allSatisfy { Self.close($0, $1) },
                "\(figure.name) N = \(figure.n): \(got) vs \(figure.timesteps)")
        #expect(Self.close(plan.timesteps.reduce(0, +), figure.timestepSum), "\(figure.name) N = \(figure.n): timestep sum")
        if let sigmas = figure.sigmas {
            let ladder = try #require(plan.sigmas, "\(figure.name): no σ ladder")
            #expect(ladder.count == figure.sigmaCount)
            let gotSigmas = Self.headTail(ladder)
            #expect(gotSigmas.count == sigmas.count && zip(gotSigmas, sigmas).allSatisfy { Self.close($0, $1) },
                    "\(figure.name) N = \(figure.n): σ \(gotSigmas) vs \(sigmas)")
        } else {
            #expect(plan.sigmas == nil, "\(figure.name): an index-based class has no σ ladder")
        }
    }

    @Test("every modelled class with a timestep rule of its own has figures")
    func coverage() {
        let named = Set(ClassPlanFigures.all.map { String($0.name.split(separator: " ")[0]) })
        for name in ["DDPMScheduler", "DDIMScheduler", "DDIMInverseScheduler", "PNDMScheduler", "EulerDiscreteScheduler",
                     "EulerAncestralDiscreteScheduler", "DPMSolverMultistepScheduler", "UniPCMultistepScheduler", "LCMScheduler",
                     "EDMEulerScheduler", "CosineDPMSolverMultistepScheduler", "FlowMatchEulerDiscreteScheduler", "HeunDiscreteScheduler",
                     "LMSDiscreteScheduler", "KDPM2DiscreteScheduler", "DEISMultistepScheduler", "DPMSolverSinglestepScheduler",
                     "TCDScheduler", "EDMDPMSolverMultistepScheduler"] {
            #expect(named.contains(name), "\(name) has no pinned figures")
        }
    }

    @Test("the comparison can fail: DDIM's leading list shifted by the offset is not the figure")
    func canFail() throws {
        let figure = try #require(ClassPlanFigures.all.first { $0.name == "DDIMScheduler sd leading offset 1" && $0.n == 50 })
        var wrong = figure
        wrong.name = "DDIMScheduler sd trailing"
        let plan = try ClassPlanConfigs.plan(wrong)
        #expect(!zip(Self.headTail(plan.timesteps), figure.timesteps).allSatisfy { Self.close($0, $1) })
    }

    @Test("LCM refuses N above original_inference_steps; DDIMInverse refuses linspace")
    func refusals() throws {
        let lcm = try SchedulerConfig.parse("{\"_class_name\": \"LCMScheduler\"}", path: "lcm.json")
        let alphaBars = try #require(try lcm.specification?.make(Double.self).alphaBars)
        #expect(throws: PlanRefusal.self) { try lcm.settings.model?.plan(steps: 51, alphaBars: alphaBars, settings: lcm.settings) }
        let inverse = try SchedulerConfig.parse("{\"_class_name\": \"DDIMInverseScheduler\", \"timestep_spacing\": \"linspace\"}", path: "i.json")
        #expect(throws: PlanRefusal.self) { try inverse.settings.model?.plan(steps: 10, alphaBars: alphaBars, settings: inverse.settings) }
        #expect(inverse.config?.refusals.first?.key == "timestep_spacing")
    }
}

@Suite("The beta distribution behind use_beta_sigmas")
struct BetaDistributionTests {
    @Test("CDF and quantile of Beta(0.6, 0.6) against SciPy; the median of a symmetric beta is ½")
    func againstSciPy() {
        // scipy.stats.beta.cdf(0.2, 0.6, 0.6) and beta.ppf(0.9, 0.6, 0.6) (SciPy 1.17.1).
        #expect(abs(BetaDistribution.cdf(0.2, a: 0.6, b: 0.6) - 0.2713679328265825) < 1e-12)
        #expect(abs(BetaDistribution.quantile(0.9, a: 0.6, b: 0.6) - 0.9604155944112192) < 1e-12)
        #expect(abs(BetaDistribution.quantile(0.5, a: 0.6, b: 0.6) - 0.5) < 1e-14)
        // A wrong shape parameter is visible at this tolerance.
        #expect(abs(BetaDistribution.quantile(0.9, a: 0.7, b: 0.6) - 0.9604155944112192) > 1e-3)
    }
}
