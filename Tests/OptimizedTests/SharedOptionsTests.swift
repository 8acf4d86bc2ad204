import Testing
import Optimized
import Reference

/// Reference and Optimized imported together: the option types are one vocabulary, so the
/// unqualified names are not ambiguous and one value drives both implementations.
@Suite struct SharedOptionsTests {
    @Test("one unqualified DDIMOptions value serves both implementations, with the same result")
    func oneValueForBoth() throws {
        let options = DDIMOptions(eta: 0, predictionType: .vPrediction, setAlphaToOne: false)
        // The names that used to exist twice are the same type whichever module names them.
        #expect(Reference.DDIMOptions.self == Optimized.DDIMOptions.self)
        #expect(Reference.PredictionType.self == Optimized.PredictionType.self)
        #expect(Reference.VarianceType.self == Optimized.VarianceType.self)
        #expect(Reference.DDPMOptions.self == Optimized.DDPMOptions.self)

        let reference = try NoiseSchedule<Double>.linear(timesteps: 1000)
        let optimized = try OptimizedSchedule(betas: reference.betas)
        let x: [Double] = [0.3, -1.2, 2.5], v: [Double] = [0.1, 0.4, -0.7]
        let want = try reference.ddimStep(sample: x, modelOutput: v, at: 500, previous: 480, options: options).previous
        let got = try optimized.ddimStep(xt: x, modelOutput: v, at: 500, prevT: 480, options: options).prev
        // Both evaluate a few roundings of O(1) terms: 1e−13 absolute is thousands of ulps of room.
        for (g, w) in zip(got, want) { #expect(abs(g - w) <= 1e-13) }
        // A different option value changes the result (the comparison above can fail).
        var other = options
        other.predictionType = .epsilon
        let changed = try optimized.ddimStep(xt: x, modelOutput: v, at: 500, prevT: 480, options: other).prev
        #expect(zip(changed, want).contains { abs($0 - $1) > 1e-3 })
    }

    @Test("diffusers' spellings and the Swift spellings name the same values")
    func diffusersSpellings() {
        #expect(PredictionType(spelling: "v_prediction") == .vPrediction)
        #expect(PredictionType(spelling: "vPrediction") == .vPrediction)
        #expect(PredictionType(spelling: "epsilon") == .epsilon)
        #expect(VarianceType(spelling: "fixed_small_log") == .fixedSmallLog)
        #expect(VarianceType(spelling: "learned_range") == .learnedRange)
        #expect(TimestepSpacing(spelling: "trailing") == .trailing)
        #expect(PredictionType(spelling: "v-prediction") == nil)
        #expect(VarianceType(spelling: "FIXED_SMALL") == nil)
        #expect(PredictionType.allSpellings == ["epsilon", "sample", "v_prediction", "vPrediction"])
        for value in VarianceType.allCases {
            #expect(VarianceType(spelling: value.diffusersName) == value)
            #expect(VarianceType(spelling: value.rawValue) == value)
        }
    }

    /// Options outside their range, each with the field both implementations must name.
    static let refused: [(SampleClipping, Double, String)] = [
        (.clip(range: 0), 0, "clipSampleRange"),
        (.clip(range: .infinity), 0, "clipSampleRange"),
        (.dynamicThreshold(ratio: 1.5), 0, "dynamicThresholdingRatio"),
        (.dynamicThreshold(ratio: .nan), 0, "dynamicThresholdingRatio"),
        (.dynamicThreshold(maxValue: 0.5), 0, "sampleMaxValue"),
        (.dynamicThreshold(maxValue: .infinity), 0, "sampleMaxValue"),
        (.none, -0.5, "eta"),
        (.none, .nan, "eta"),
    ]

    @Test("both implementations refuse exactly the option values the vocabulary calls invalid")
    func sameRefusals() throws {
        let reference = try NoiseSchedule<Double>.linear(timesteps: 100)
        let optimized = try OptimizedSchedule(betas: reference.betas)
        let x: [Double] = [0.5, -0.5], e: [Double] = [0.1, 0.2]
        for (clipping, eta, field) in Self.refused {
            let options = DDIMOptions(eta: eta, clipping: clipping)
            #expect(options.problem?.field == field)
            #expect(throws: ReferenceError.self, "\(field)") {
                try reference.ddimStep(sample: x, modelOutput: e, noise: x, at: 50, previous: 40, options: options)
            }
            #expect(throws: OptimizedError.self, "\(field)") {
                try optimized.ddimStep(xt: x, modelOutput: e, noise: .values(x), at: 50, prevT: 40, options: options)
            }
            if eta == 0 {
                let ddpm = DDPMOptions(clipping: clipping)
                #expect(ddpm.problem?.field == field)
                #expect(throws: ReferenceError.self) { try reference.ddpmStep(sample: x, modelOutput: e, noise: x, at: 50, options: ddpm) }
                #expect(throws: OptimizedError.self) { try optimized.ddpmStep(xt: x, modelOutput: e, noise: .values(x), at: 50, options: ddpm) }
            }
        }
        // The same kinds of option at valid values are accepted by both.
        for clipping: SampleClipping in [.none, .clip(range: 1.5), .dynamicThreshold(), .dynamicThreshold(ratio: 1, maxValue: 3)] {
            let options = DDIMOptions(eta: 0.5, clipping: clipping)
            #expect(options.problem == nil)
            _ = try reference.ddimStep(sample: x, modelOutput: e, noise: x, at: 50, previous: 40, options: options)
            _ = try optimized.ddimStep(xt: x, modelOutput: e, noise: .values(x), at: 50, prevT: 40, options: options)
        }
    }
}
