import Testing
@testable import Optimized

/// Fused noise, thread-count independence and refusals of the step kernels.
@Suite struct FusedAndErrorTests {
    /// The DDPM step drawing its own noise equals the step over the drawn array, bit for bit, and
    /// is the same for 1, 2 and 5 threads (learned-range exercises the per-element σ path).
    @Test(arguments: [VarianceType.fixedSmall, .learnedRange])
    func fusedDDPMEqualsTwoPasses(variance: VarianceType) throws {
        let (_, schedule) = TestSchedules.linear()
        var rng = SplitMix64(state: 1)
        let n = 70_001
        let xt = rng.floats(n), model = rng.floats(n), pv = rng.floats(n, -1, 1)
        let options = DDPMOptions(varianceType: variance, clipping: .clip(range: 1))
        let z = GaussianStream.floats(seed: 5, first: 1 << 20, count: n)
        let twoPass = try schedule.ddpmStep(xt: xt, modelOutput: model, predictedVariance: pv, noise: .values(z), at: 321, options: options)
        for threads in [1, 2, 5] {
            let fused = try schedule.ddpmStep(xt: xt, modelOutput: model, predictedVariance: pv, noise: .philox(seed: 5, offset: 1 << 20),
                                              at: 321, options: options, execution: Execution(threads: threads, parallelThreshold: 0))
            #expect(fused.prev == twoPass.prev)
            #expect(fused.predX0 == twoPass.predX0)
        }
        let xd = xt.map(Double.init), md = model.map(Double.init), pd = pv.map(Double.init)
        let zd = GaussianStream.doubles(seed: 5, count: n)
        let twoPassD = try schedule.ddpmStep(xt: xd, modelOutput: md, predictedVariance: pd, noise: .values(zd), at: 321, options: options)
        let fusedD = try schedule.ddpmStep(xt: xd, modelOutput: md, predictedVariance: pd, noise: .philox(seed: 5, offset: 0), at: 321,
                                           options: options, execution: twoThreads)
        #expect(fusedD.prev == twoPassD.prev)
    }

    @Test func fusedDDIMEqualsTwoPasses() throws {
        let (_, schedule) = TestSchedules.cosine()
        var rng = SplitMix64(state: 2)
        let xt = rng.floats(9_999), model = rng.floats(9_999)
        let z = GaussianStream.floats(seed: 8, count: xt.count)
        let options = DDIMOptions(eta: 0.7, predictionType: .vPrediction)
        let twoPass = try schedule.ddimStep(xt: xt, modelOutput: model, noise: .values(z), at: 800, prevT: 700, options: options)
        let fused = try schedule.ddimStep(xt: xt, modelOutput: model, noise: .philox(seed: 8, offset: 0), at: 800, prevT: 700,
                                          options: options, execution: twoThreads)
        #expect(fused.prev == twoPass.prev)
    }

    /// Thresholding takes an exact order statistic: the same bits for any thread count.
    @Test func thresholdingIndependentOfThreads() throws {
        let (_, schedule) = TestSchedules.linear()
        var rng = SplitMix64(state: 4)
        let xt = rng.floats(50_000, -5, 5), model = rng.floats(50_000, -5, 5)
        let options = DDPMOptions(predictionType: .sample, clipping: .dynamicThreshold())
        let one = try schedule.ddpmStep(xt: xt, modelOutput: model, noise: .philox(seed: 1, offset: 0), at: 10, options: options, execution: .serial)
        let two = try schedule.ddpmStep(xt: xt, modelOutput: model, noise: .philox(seed: 1, offset: 0), at: 10, options: options, execution: twoThreads)
        #expect(one.prev == two.prev)
        // x̂₀ = clamp(m, −s, s)/s with s ≤ 1.5 (sampleMaxValue 1): |x̂₀| ≤ 1.
        #expect(one.predX0.allSatisfy { abs($0) <= 1 })
    }

    @Test func refusals() throws {
        let (_, zsnr) = TestSchedules.zeroTerminalSNR()
        let x: [Float] = [0.5, -0.5, 1]
        func code(_ body: () throws -> Void) -> OptimizedError.Code? {
            do { try body(); return nil } catch let error as OptimizedError { return error.code } catch { return nil }
        }
        #expect(code { _ = try zsnr.ddpmStep(xt: x, modelOutput: x, noise: .values(x), at: 999) } == .epsilonPredictionAtZeroAlphaBar)
        #expect(code { _ = try zsnr.ddimStep(xt: x, modelOutput: x, at: 999, prevT: 899) } == .epsilonPredictionAtZeroAlphaBar)
        #expect(code { _ = try zsnr.ddpmStep(xt: x, modelOutput: x, noise: .values(x), at: 999, options: .init(predictionType: .vPrediction)) } == nil)
        #expect(code { _ = try zsnr.ddpmStep(xt: x, modelOutput: x, noise: .values(x), at: 1000) } == .timestepOutOfRange)
        #expect(code { _ = try zsnr.ddpmStep(xt: x, modelOutput: x, noise: .values(x), at: 5, previous: 5) } == .timestepOutOfRange)
        #expect(code { _ = try zsnr.ddimStep(xt: x, modelOutput: x, at: 5, prevT: 5) } == .timestepOutOfRange)
        #expect(code { _ = try zsnr.ddimStep(xt: x, modelOutput: x, at: 5, prevT: 1000) } == .timestepOutOfRange)
        #expect(code { _ = try zsnr.ddpmStep(xt: x, modelOutput: [1, 2], noise: .values(x), at: 5) } == .lengthMismatch)
        #expect(code { _ = try zsnr.ddpmStep(xt: x, modelOutput: x, noise: .values([1]), at: 5) } == .lengthMismatch)
        #expect(code { _ = try zsnr.ddpmStep(xt: x, modelOutput: x, noise: .values(x), at: 5, options: .init(varianceType: .learned)) } == .missingPredictedVariance)
        #expect(code { _ = try zsnr.ddpmStep(xt: x, modelOutput: x, predictedVariance: [0.1, -0.1, 0.1], noise: .values(x), at: 5,
                                             options: .init(varianceType: .learned)) } == .invalidInput)
        #expect(code { _ = try zsnr.ddimStep(xt: x, modelOutput: x, at: 5, prevT: 4, options: .init(eta: -1)) } == .invalidOption)
        #expect(code { _ = try zsnr.ddimStep(xt: x, modelOutput: x, noise: .values(x), at: 5, prevT: 4, options: .init(eta: 3)) } == .invalidOption)
        #expect(code { _ = try zsnr.ddpmStep(xt: x, modelOutput: x, noise: .values(x), at: 5, options: .init(clipping: .clip(range: 0))) } == .invalidOption)
        #expect(code { _ = try zsnr.ddpmStep(xt: x, modelOutput: x, noise: .values(x), at: 5,
                                             options: .init(clipping: .dynamicThreshold(ratio: 1.5))) } == .invalidOption)
    }

    /// No noise at t = 0; the last DDIM step at η = 0 with ᾱ_prev = 1 returns x̂₀ itself.
    @Test func edges() throws {
        let (_, schedule) = TestSchedules.linear()
        let x: [Double] = [0.25, -2, 3]
        let noisy = try schedule.ddpmStep(xt: x, modelOutput: x, noise: .values([100, 100, 100]), at: 0)
        let quiet = try schedule.ddpmStep(xt: x, modelOutput: x, noise: .none, at: 0)
        #expect(noisy.prev == quiet.prev)
        let last = try schedule.ddimStep(xt: x, modelOutput: x, at: 0, prevT: -1)
        #expect(last.prev == last.predX0)
    }
}

extension FusedAndErrorTests {
    /// Without x̂₀ the step writes the same prev, for given noise, drawn noise and a learned σ.
    @Test(arguments: [VarianceType.fixedSmall, .learned])
    func prevOnlyMatchesFullOutput(variance: VarianceType) throws {
        let (_, schedule) = TestSchedules.linear()
        var rng = SplitMix64(state: 31)
        let n = 5_000
        let xt = rng.floats(n), model = rng.floats(n), z = rng.floats(n), pv = rng.floats(n, 1e-4, 1e-2)
        let options = DDPMOptions(predictionType: .vPrediction, varianceType: variance, clipping: .clip(range: 1))
        for noise in [StepNoise<Float>.values(z), .philox(seed: 2, offset: 7)] {
            let full = try schedule.ddpmStep(xt: xt, modelOutput: model, predictedVariance: pv, noise: noise, at: 40, options: options)
            var prevOnly = StepOutput<Float>(keepsPredX0: false)
            try schedule.ddpmStep(xt: xt, modelOutput: model, predictedVariance: pv, noise: noise, at: 40, options: options,
                                  into: &prevOnly, execution: twoThreads)
            #expect(prevOnly.prev == full.prev)
            #expect(prevOnly.predX0.isEmpty)
        }
        var ddimPrevOnly = StepOutput<Float>(keepsPredX0: false)
        try schedule.ddimStep(xt: xt, modelOutput: model, noise: .philox(seed: 3, offset: 0), at: 40, prevT: 20,
                              options: .init(eta: 1), into: &ddimPrevOnly)
        let ddimFull = try schedule.ddimStep(xt: xt, modelOutput: model, noise: .philox(seed: 3, offset: 0), at: 40, prevT: 20, options: .init(eta: 1))
        #expect(ddimPrevOnly.prev == ddimFull.prev)
    }
}
