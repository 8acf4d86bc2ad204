import Foundation
import Reference
import Testing
@testable import ScheduleCheck

/// One row per schedule or timestep bug of field notes §6: the buggy input fires the check, the
/// corrected input does not. (The rows about sampler code — uniform noise, η for η², the DDIM σ,
/// σ versus σ², learned range in variance space, notation — are `lint`'s, not a schedule's.)
@Suite("Field notes §6: every schedule and timestep bug")
struct FieldNotesBugTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var bug: String
        var code: String
        var buggy: @Sendable () throws -> ScheduleVerification
        var fixed: @Sendable () throws -> ScheduleVerification
        var testDescription: String { "\(code): \(bug)" }
    }

    static func config(_ json: String) throws -> ScheduleVerification {
        var r = ScheduleRequest()
        r.configPath = writeTemporary("scheduler_config.json", text: json)
        return try verify(r)
    }

    static let rows: [Row] = [
        Row(bug: "√ of a log-variance: diffusers fixed_large_log gives NaN", code: "VS604",
            buggy: { try config("{\"_class_name\": \"DDPMScheduler\", \"variance_type\": \"fixed_large_log\"}") },
            fixed: { try config("{\"_class_name\": \"DDPMScheduler\", \"variance_type\": \"fixed_large\"}") }),
        Row(bug: "previous timestep by fixed stride (DDIM with linspace spacing)", code: "VS505",
            buggy: { try verify(request("linear") { $0.inferenceSteps = 50; $0.spacing = "linspace"; $0.schedulerClass = "DDIMScheduler" }) },
            fixed: { try verify(request("linear") { $0.inferenceSteps = 50; $0.spacing = "trailing"; $0.schedulerClass = "DDIMScheduler" }) }),
        Row(bug: "timestep out of range: leading + offset 1 + N = T", code: "VS506",
            buggy: { try verify(request("linear") { $0.inferenceSteps = 1000; $0.spacing = "leading"; $0.stepsOffset = 1 }) },
            fixed: { try verify(request("linear") { $0.inferenceSteps = 1000; $0.spacing = "leading"; $0.stepsOffset = 0 }) }),
        Row(bug: "wrong count: ermongroup \"uniform\" gives N + 1 steps when N does not divide T", code: "VS503",
            buggy: { try verify(request("linear") { $0.inferenceSteps = 30; $0.timesteps = stride(from: 0, to: 1000, by: 1000 / 30).reversed().map(String.init).joined(separator: ",") }) },
            fixed: { try verify(request("linear") { $0.inferenceSteps = 30; $0.spacing = "leading" }) }),
        Row(bug: "skipped steps using βₜ instead of 1 − ᾱₜ/ᾱ_prev", code: "VS508",
            buggy: { try respaced(effective: false) },
            fixed: { try respaced(effective: true) }),
        Row(bug: "x̂₀ from ε with zero terminal SNR", code: "VS202",
            buggy: { try verify(request("linear") { $0.rescaleZeroSNR = true; $0.predictionType = "epsilon" }) },
            fixed: { try verify(request("linear") { $0.rescaleZeroSNR = true; $0.predictionType = "v_prediction" }) }),
        Row(bug: "sampling does not start at T − 1 (ermongroup \"quad\" starts at 0.8·T)", code: "VS504",
            buggy: { try verify(request("cosine") { $0.inferenceSteps = 10; $0.timesteps = "800,632,483,355,246,158,88,39,9,0" }) },
            fixed: { try verify(request("linear") { $0.inferenceSteps = 10; $0.spacing = "trailing" }) }),
        Row(bug: "clipping x̂₀ to [−1, 1] in latent space", code: "VS605",
            buggy: { try verify(request("scaled_linear") { $0.clipSample = true }) },
            fixed: { try verify(request("scaled_linear") { $0.clipSample = false }) }),
        Row(bug: "half-precision schedule: 1 − β₀ rounds to 1 in float16", code: "VS301",
            buggy: { try verify(request("linear") { $0.precision = "float16" }) },
            fixed: { try verify(request("linear") { $0.precision = "float32" }) }),
        Row(bug: "ᾱ_prev convention on the last step", code: "VS601",
            buggy: { try verify(request("scaled_linear") { $0.setAlphaToOne = false }) },
            fixed: { try verify(request("scaled_linear") { $0.setAlphaToOne = true }) }),
        Row(bug: "cosine off by one: ᾱ starting at f(0)/f(0) = 1", code: "VS102",
            buggy: { try verifyArray(cosineAlphaBars(shifted: true), kind: .alphaBars) },
            fixed: { try verifyArray(cosineAlphaBars(shifted: false), kind: .alphaBars) }),
        Row(bug: "cos instead of cos²", code: "VS403",
            buggy: { try verifyArray((0..<1000).map { t in min(1 - cosine(Double(t + 1), squared: false) / cosine(Double(t), squared: false), 0.999) }) },
            fixed: { try verifyArray((0..<1000).map { t in min(1 - cosine(Double(t + 1), squared: true) / cosine(Double(t), squared: true), 0.999) }) }),
    ]

    static func cosine(_ t: Double, squared: Bool) -> Double {
        let c = cos((t / 1000 + 0.008) / 1.008 * .pi / 2)
        return squared ? c * c : c
    }

    static func cosineAlphaBars(shifted: Bool) -> [Double] {
        (0..<1000).map { cosine(Double(shifted ? $0 : $0 + 1), squared: true) / cosine(0, squared: true) }
    }

    /// Respaced β for N = 10 leading timesteps of DDPM's linear schedule: the effective β of each
    /// jump, or (the bug) β of the single training step at each sampling timestep.
    static func respaced(effective: Bool) throws -> ScheduleVerification {
        let schedule = try spec(.linear).make(Double.self)
        let timesteps = try Timesteps.make(count: 10, trainingSteps: 1000, spacing: .leading).sorted()
        var previous = 1.0
        var betas: [Double] = []
        for t in timesteps {
            betas.append(effective ? 1 - schedule.alphaBars[t] / previous : schedule.betas[t])
            previous = schedule.alphaBars[t]
        }
        let path = writeTemporary("respaced.txt", text: betas.map { "\($0)" }.joined(separator: "\n"))
        return try verify(request("linear") { $0.inferenceSteps = 10; $0.respacedBetasPath = path })
    }

    @Test("the bug fires its check; the fix does not", arguments: rows)
    func row(_ row: Row) throws {
        let buggy = try row.buggy()
        #expect(buggy.fired(row.code), "\(row.code) should fire: \(buggy.outcome(row.code)?.summary ?? "")")
        let fixed = try row.fixed()
        #expect(!fixed.fired(row.code), "\(row.code) should stay quiet: \(fixed.finding(row.code)?.message ?? "")")
    }

    @Test("VS508 names the worst jump: 300 → 200 needs β = 0.3996908, one training step gives 0.006075976")
    func respacedMessage() throws {
        let v = try Self.respaced(effective: false)
        #expect(v.status("VS508") == .fired(.error))
        // numpy: b = linspace(1e-4, 0.02, 1000); ab = cumprod(1 - b); 1 - ab[300]/ab[200] = 0.39969…,
        // b[300] = 0.0060759…; the ratio (65.8) is the largest of the ten jumps.
        #expect(v.finding("VS508")?.message.contains("single training steps") == true)
        #expect(v.finding("VS508")?.message.hasSuffix("at t = 300 the jump needs 0.3996908 but gets 0.006075976") == true)
    }

    @Test("false alarm: the cosine schedule written with linspace(0, T, T + 1) is the same schedule")
    func falseAlarm() throws {
        let x = numpyLinspace(0.0, 1000, count: 1001)
        let f = x.map { Self.cosine($0, squared: true) }
        let betas = (0..<1000).map { min(1 - f[$0 + 1] / f[$0], 0.999) }
        let v = try verifyArray(betas, specification: spec(.cosine))
        #expect(v.status("VS401") == .passed)
        #expect(v.diagnostics.allSatisfy { $0.severity != .error })
    }
}
