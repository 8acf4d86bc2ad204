import Foundation
import Testing
import Reference

@Suite("Bad input is refused with a stable code")
struct ErrorTests {
    let schedule = try! NoiseSchedule<Double>.linear(timesteps: 1000)

    @Test("T < 1")
    func timestepCount() {
        #expect(throws: ReferenceError.invalidTimestepCount(0)) { try NoiseSchedule<Double>.linear(timesteps: 0) }
        #expect(throws: ReferenceError.invalidTimestepCount(-3)) { try NoiseSchedule<Double>.cosine(timesteps: -3) }
        #expect(throws: ReferenceError.invalidTimestepCount(0)) { try NoiseSchedule<Double>(betas: []) }
    }

    @Test("β outside (0, 1], and β = 1 before the last index", arguments: [
        ([0.0, 0.5], 0), ([0.5, 1.5], 1), ([-0.1, 0.5], 0), ([0.5, 1.0, 0.5], 1),
    ])
    func betaRange(betas: [Double], index: Int) {
        #expect(throws: ReferenceError.betaOutOfRange(index: index, value: betas[index])) { try NoiseSchedule<Double>(betas: betas) }
    }

    @Test("NaN and infinities")
    func nonFinite() {
        #expect(throws: ReferenceError.nonFiniteInput(name: "betas", index: 1)) { try NoiseSchedule<Double>(betas: [0.1, .nan]) }
        #expect(throws: ReferenceError.nonFiniteInput(name: "x0", index: 0)) { try schedule.qSample(x0: [.infinity], noise: [0], at: 3) }
        #expect(throws: ReferenceError.nonFiniteInput(name: "noise", index: 0)) { try schedule.velocity(x0: [0], noise: [.nan], at: 3) }
    }

    @Test("t out of range")
    func timestepRange() {
        #expect(throws: ReferenceError.timestepOutOfRange(name: "t", value: 1000, count: 1000)) { try schedule.qSample(x0: [0], noise: [0], at: 1000) }
        #expect(throws: ReferenceError.timestepOutOfRange(name: "t", value: -1, count: 1000)) { try schedule.posterior(at: -1) }
        #expect(throws: ReferenceError.self) { try schedule.ddimStep(sample: [0], modelOutput: [0], at: 10, previous: 20) }
    }

    @Test("arrays of different lengths")
    func lengths() {
        #expect(throws: ReferenceError.lengthMismatch(name: "noise", expected: 2, actual: 1)) { try schedule.qSample(x0: [0, 1], noise: [0], at: 1) }
        #expect(throws: ReferenceError.lengthMismatch(name: "modelOutput", expected: 2, actual: 3)) {
            try schedule.ddpmStep(sample: [0, 1], modelOutput: [0, 1, 2], noise: [0, 0], at: 5)
        }
    }

    @Test("ε-prediction at zero terminal SNR is refused, v-prediction is fine")
    func zeroSignal() throws {
        let z = try schedule.rescaledToZeroTerminalSNR()
        #expect(throws: ReferenceError.undefinedAtZeroSignal("x̂₀ from an ε-prediction")) {
            try z.ddpmStep(sample: [0.5], modelOutput: [0.1], noise: [0], at: 999)
        }
        let v = try z.ddpmStep(sample: [0.5], modelOutput: [0.1], noise: [0], at: 999, options: DDPMOptions(predictionType: .vPrediction))
        // At ᾱ = 0: x̂₀ = −v.
        #expect(v.predictedX0 == [-0.1])
    }

    @Test("codes and slugs are stable")
    func codes() {
        let all: [ReferenceError] = [
            .invalidTimestepCount(0), .betaOutOfRange(index: 0, value: 2), .nonFiniteInput(name: "x", index: 0),
            .timestepOutOfRange(name: "t", value: 5, count: 2), .lengthMismatch(name: "x", expected: 1, actual: 2),
            .invalidParameter(name: "eta", value: -1, expected: "η ≥ 0"), .undefinedAtZeroSignal("x"),
            .invalidInferenceSteps(steps: 0, trainingSteps: 10), .negativeDirectionVariance(value: -1), .missingInput("x"),
            .alphaBarUnderflow(index: 107, count: 200), .resultOutOfRange(name: "previous", index: 0),
        ]
        #expect(all.map(\.code) == ["R001", "R002", "R003", "R004", "R005", "R006", "R007", "R008", "R009", "R010", "R011", "R012"])
        #expect(Set(all.map(\.slug)).count == all.count)
        #expect(ReferenceError.timestepOutOfRange(name: "t", value: 1000, count: 1000).message.contains("0…999"))
    }

    @Test("invalid options are refused")
    func options() {
        #expect(throws: ReferenceError.self) {
            try schedule.ddimStep(sample: [0], modelOutput: [0], noise: [0], at: 500, previous: 400, options: DDIMOptions(eta: 1.5))
        }
        #expect(throws: ReferenceError.self) {
            try schedule.ddpmStep(sample: [0], modelOutput: [0], noise: [0], at: 5, options: DDPMOptions(clipping: .clip(range: 0)))
        }
        #expect(throws: ReferenceError.self) {
            try schedule.ddpmStep(sample: [0], modelOutput: [0], noise: [0], at: 5, options: DDPMOptions(clipping: .dynamicThreshold(ratio: 1.5, maxValue: 1)))
        }
        #expect(throws: ReferenceError.missingInput("predictedVariance for the learned variance type")) {
            try schedule.ddpmStep(sample: [0], modelOutput: [0], noise: [0], at: 5, options: DDPMOptions(varianceType: .learned))
        }
    }
}
