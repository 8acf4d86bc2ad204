import Testing
import Reference

@Suite("README")
struct ReadmeExampleTests {
    @Test("the library example runs and says what it claims")
    func example() throws {
        let schedule = try NoiseSchedule<Double>.scaledLinear(timesteps: 1000, betaStart: 0.00085, betaEnd: 0.012)
        #expect(abs(schedule.alphaBars[999].squareRoot() - 0.0682649) < 1e-7)
        let zeroSNR = try schedule.rescaledToZeroTerminalSNR()
        let timesteps = try Timesteps.make(count: 50, trainingSteps: 1000, spacing: .trailing)
        let x = [0.3, -1.2], v = [0.1, 0.4]
        let step = try zeroSNR.ddimStep(sample: x, modelOutput: v, at: timesteps[0],
                                        previous: try Timesteps.previous(after: timesteps[0], in: timesteps),
                                        options: DDIMOptions(eta: 0, predictionType: .vPrediction))
        #expect(timesteps[0] == 999 && step.predictedX0 == [-0.1, -0.4])
    }
}
