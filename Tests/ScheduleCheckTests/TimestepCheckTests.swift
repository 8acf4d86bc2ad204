import Foundation
import Reference
import Testing
@testable import ScheduleCheck

@Suite("VS501–VS507: sampling timesteps")
struct TimestepCheckTests {
    func linear(_ configure: @escaping (inout ScheduleRequest) -> Void) throws -> ScheduleVerification {
        try verify(request("linear", configure: configure))
    }

    @Test("VS501: a timestep T = 1000 is out of range; trailing spacing stays within [0, 999]")
    func outOfRange() throws {
        let bad = try linear { $0.timesteps = "1000,500,0" }
        #expect(bad.status("VS501") == .fired(.error))
        #expect(bad.finding("VS501")?.message.contains("timesteps[0] = 1000") == true)
        #expect(try linear { $0.inferenceSteps = 50; $0.spacing = "trailing" }.status("VS501") == .passed)
    }

    @Test("VS502: a repeated timestep is not strictly descending")
    func descending() throws {
        let bad = try linear { $0.timesteps = "999,500,500,0" }
        #expect(bad.status("VS502") == .fired(.error))
        #expect(try linear { $0.timesteps = "999,500,0" }.status("VS502") == .passed)
    }

    @Test("VS503: ermongroup's uniform skip gives N + 1 timesteps when N does not divide T")
    func count() throws {
        // range(0, 1000, 1000 // 7) = 0, 142, …, 994: 8 timesteps for N = 7.
        let uniform = stride(from: 0, to: 1000, by: 1000 / 7).reversed().map(String.init).joined(separator: ",")
        let bad = try linear { $0.inferenceSteps = 7; $0.timesteps = uniform }
        #expect(bad.status("VS503") == .fired(.error))
        #expect(bad.finding("VS503")?.message == "8 sampling timesteps for N = 7 inference steps")
        #expect(try linear { $0.inferenceSteps = 7; $0.spacing = "linspace" }.status("VS503") == .passed)
    }

    @Test("VS504 is graded by the signal left: linear from 900 or 800 (note), cosine from 900 (warning); trailing at 999 (quiet)")
    func firstTimestep() throws {
        let leading = try linear { $0.inferenceSteps = 10; $0.spacing = "leading" }
        #expect(leading.status("VS504") == .fired(.note))
        // numpy: b = linspace(1e-4, 0.02, 1000); sqrt(cumprod(1 - b)[900]) = 0.016437…
        #expect(leading.outcome("VS504")?.summary == "first timestep 900, gap 99, √ᾱ = 0.01644")
        // ermongroup "quad": (linspace(0, √(0.8·T), N)²) as int: 800, 632, 483, 355, 246, 158, 88, 39, 9, 0.
        // √ᾱ[800] = 0.0388 of a linear schedule: 4 % of the signal, a note.
        let quad = try linear { $0.inferenceSteps = 10; $0.timesteps = "800,632,483,355,246,158,88,39,9,0" }
        #expect(quad.status("VS504") == .fired(.note))
        // The cosine schedule from t = 900 keeps √ᾱ = 0.1537 (≥ 0.1 and ≥ 2·√ᾱ[999]): a warning.
        let cosine = try verify(request("cosine") { $0.inferenceSteps = 10; $0.spacing = "leading" })
        #expect(cosine.status("VS504") == .fired(.warning))
        #expect(cosine.outcome("VS504")?.summary == "first timestep 900, gap 99, √ᾱ = 0.1537")
        #expect(try linear { $0.inferenceSteps = 10; $0.spacing = "trailing" }.status("VS504") == .passed)
    }

    @Test("VS505: linspace N = 10 and trailing N = 7 disagree with the stride T div N; leading does not")
    func fixedStride() throws {
        let linspace = try linear { $0.inferenceSteps = 10; $0.spacing = "linspace" }
        #expect(linspace.status("VS505") == .fired(.warning))
        #expect(linspace.finding("VS505")?.message.hasPrefix("a sampler stepping by T div N = 100 goes 999 → 899, but the list continues 999 → 888") == true)
        // numpy: round(arange(1000, 0, -1000/7)) - 1 = 999, 856, 713, 570, 428, 285, 142 (strides 143 and 142).
        let trailing = try linear { $0.inferenceSteps = 7; $0.spacing = "trailing" }
        #expect(trailing.status("VS505") == .fired(.warning))
        #expect(try linear { $0.inferenceSteps = 10; $0.spacing = "leading"; $0.stepsOffset = 1 }.status("VS505") == .passed)
        #expect(try linear { $0.inferenceSteps = 10; $0.spacing = "trailing" }.status("VS505") == .passed)
        // A sampler that follows the list has no such problem.
        #expect(try linear { $0.inferenceSteps = 10; $0.spacing = "linspace"; $0.schedulerClass = "DDPMScheduler" }.status("VS505") == .notApplicable)
    }

    @Test("VS506: leading spacing with steps_offset 1 and N = T reaches t = T; offset 0 does not")
    func leadingOverflow() throws {
        let bad = try linear { $0.inferenceSteps = 1000; $0.stepsOffset = 1 }
        // A warning: only N = T reaches it, and the classes that interpolate σ clamp there.
        #expect(bad.status("VS506") == .fired(.warning))
        #expect(bad.finding("VS506")?.message.contains("= 1000 ≥ T = 1000") == true)
        #expect(bad.status("VS501") == .passed)  // the same overflow, reported once
        #expect(try linear { $0.inferenceSteps = 1000; $0.stepsOffset = 0 }.status("VS506") == .passed)
    }

    @Test("VS507: a list rounded half away from zero is flagged; NumPy's half-to-even list is not")
    func rounding() throws {
        // linspace(0, 999, 7) = 0, 166.5, 333, 499.5, 666, 832.5, 999: NumPy rounds to
        // 0, 166, 333, 500, 666, 832, 999; rounding halves away from zero gives 167 and 833.
        let numpy = try Timesteps.make(count: 7, trainingSteps: 1000, spacing: .linspace)
        #expect(numpy == [999, 832, 666, 500, 333, 166, 0])
        let port = timestepsRoundedHalfAway(count: 7, trainingSteps: 1000, spacing: .linspace, stepsOffset: 0)
        #expect(port == [999, 833, 666, 500, 333, 167, 0])
        let bad = try linear { $0.spacing = "linspace"; $0.timesteps = port.map(String.init).joined(separator: ",") }
        #expect(bad.status("VS507") == .fired(.warning))
        #expect(bad.finding("VS507")?.message.contains("timesteps[1] = 833, NumPy's round gives 832") == true)
        let good = try linear { $0.spacing = "linspace"; $0.timesteps = numpy.map(String.init).joined(separator: ",") }
        #expect(good.status("VS507") == .passed)
        #expect(good.outcome("VS507")?.summary.contains("2 values depend on the rounding") == true)
    }
}
