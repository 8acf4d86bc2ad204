import Foundation
import Testing
import Reference

@Suite("Timestep spacings")
struct TimestepTests {
    @Test("linspace rounds half to even as NumPy does: 166.5 → 166")
    func linspaceHalfEven() throws {
        // linspace(0, 999, 7) = 0, 166.5, 333, 499.5, 666, 832.5, 999; NumPy rounds 166.5 → 166 and
        // 832.5 → 832. (Field notes §4 quote this list without its final 0.)
        #expect(try Timesteps.make(count: 7, trainingSteps: 1000, spacing: .linspace) == [999, 832, 666, 500, 333, 166, 0])
        // numpy.round(numpy.linspace(0, 999, 6))[::-1]
        #expect(try Timesteps.make(count: 6, trainingSteps: 1000, spacing: .linspace) == [999, 799, 599, 400, 200, 0])
        // Swift's rounded() would give 167 there: the reason for roundHalfToEven.
        #expect((166.5).rounded() == 167 && roundHalfToEven(166.5) == 166)
        #expect(try Timesteps.make(count: 10, trainingSteps: 1000, spacing: .linspace) == [999, 888, 777, 666, 555, 444, 333, 222, 111, 0])
    }

    @Test("leading and trailing (field notes §4)")
    func leadingTrailing() throws {
        #expect(try Timesteps.make(count: 10, trainingSteps: 1000, spacing: .leading) == [900, 800, 700, 600, 500, 400, 300, 200, 100, 0])
        #expect(try Timesteps.make(count: 10, trainingSteps: 1000, spacing: .trailing) == [999, 899, 799, 699, 599, 499, 399, 299, 199, 99])
        // diffusers' test_steps_offset: N = 5, offset 1 → 801, 601, 401, 201, 1.
        #expect(try Timesteps.make(count: 5, trainingSteps: 1000, spacing: .leading, stepsOffset: 1) == [801, 601, 401, 201, 1])
    }

    @Test("leading with offset 1 and N = T reaches T: returned as defined, and validate says so")
    func overflow() throws {
        let list = try Timesteps.make(count: 1000, trainingSteps: 1000, spacing: .leading, stepsOffset: 1)
        #expect(list.first == 1000)
        #expect(Timesteps.validate(list, trainingSteps: 1000) == [.outOfRange(index: 0, value: 1000)])
        #expect(Timesteps.validate([5, 5, 3], trainingSteps: 10) == [.notStrictlyDescending(index: 1)])
        #expect(Timesteps.validate([], trainingSteps: 10) == [.empty])
    }

    @Test("the previous timestep comes from the list, not from a fixed stride")
    func previousFromList() throws {
        let list = try Timesteps.make(count: 7, trainingSteps: 1000, spacing: .linspace)
        #expect(try Timesteps.previous(after: 832, in: list) == 666)
        #expect(try Timesteps.previous(after: 166, in: list) == 0)
        #expect(try Timesteps.previous(after: 0, in: list) == -1)
        // The fixed stride 1000 div 7 = 142 would give 999 − 142 = 857, which is not in the list.
        #expect(try Timesteps.previous(after: 999, in: list) == 832)
        #expect(throws: ReferenceError.self) { try Timesteps.previous(after: 5, in: list) }
    }

    @Test("NumPy arange with a float step")
    func arange() {
        #expect(numpyArange(start: 10, stop: 0, step: -2.5) == [10, 7.5, 5, 2.5])
        #expect(numpyArange(start: 0, stop: 1, step: 0).isEmpty)
        #expect(numpyArange(start: 1024, stop: 0, step: -1024.0 / 7).count == 7)
    }

    @Test("bad N is refused")
    func badCounts() {
        #expect(throws: ReferenceError.invalidInferenceSteps(steps: 0, trainingSteps: 1000)) { try Timesteps.make(count: 0, trainingSteps: 1000) }
        #expect(throws: ReferenceError.invalidInferenceSteps(steps: 1001, trainingSteps: 1000)) { try Timesteps.make(count: 1001, trainingSteps: 1000) }
        #expect(throws: ReferenceError.self) { try Timesteps.make(count: 10, trainingSteps: 1000, stepsOffset: -1) }
    }
}
