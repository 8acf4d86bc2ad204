import Reference

/// One case of a `ddpm-golden/1` file: an operation, its inputs, and the expected outputs.
public struct GoldenCase: Sendable {
    public var id: String
    public var operation: GoldenOperation
    /// Absolute and relative tolerance: a value passes when |got − want| ≤ abs + rel·|want|.
    public var tolerance: GoldenTolerance
    /// The expected arrays, by key (only the keys present are checked).
    public var expect: [(key: String, values: [Double])]
    /// When set, the case passes only if the operation is refused with this error code or slug.
    public var expectError: String?
    public var note: String?
    /// The JSON path of the case in its file, for reports.
    public var path: String
}

public struct GoldenTolerance: Sendable, Equatable {
    public var abs: Double
    public var rel: Double
    public init(abs: Double, rel: Double) {
        self.abs = abs
        self.rel = rel
    }

    /// The bound |got − want| must not exceed.
    public func bound(for want: Double) -> Double {
        abs + rel * Swift.abs(want)
    }

    /// The larger of two tolerances, component by component.
    public func atLeast(_ other: GoldenTolerance) -> GoldenTolerance {
        GoldenTolerance(abs: max(abs, other.abs), rel: max(rel, other.rel))
    }
}

/// The operations of the format, with their inputs and options.
public enum GoldenOperation: Sendable {
    case schedule(ScheduleSpecification)
    case qSample(ScheduleSpecification, t: Int, x0: [Double], noise: [Double])
    case velocity(ScheduleSpecification, t: Int, x0: [Double], noise: [Double])
    case posterior(ScheduleSpecification, t: Int)
    case ddpmStep(ScheduleSpecification, DDPMStepInputs, GoldenDDPMOptions)
    case ddimStep(ScheduleSpecification, DDIMStepInputs, GoldenDDIMOptions)
    case timesteps(trainingSteps: Int, numInferenceSteps: Int, spacing: TimestepSpacing, stepsOffset: Int)
    case normalKL(mean1: [Double], logVar1: [Double], mean2: [Double], logVar2: [Double])
    case discretizedGaussianLogLikelihood(x: [Double], mean: [Double], logScale: [Double])

    /// The name of the operation in the file format.
    public var name: String {
        switch self {
        case .schedule: return "schedule"
        case .qSample: return "qSample"
        case .velocity: return "velocity"
        case .posterior: return "posterior"
        case .ddpmStep: return "ddpmStep"
        case .ddimStep: return "ddimStep"
        case .timesteps: return "timesteps"
        case .normalKL: return "normalKL"
        case .discretizedGaussianLogLikelihood: return "discretizedGaussianLogLikelihood"
        }
    }

    /// The keys `expect` may hold for this operation.
    public static func expectKeys(_ op: String) -> [String] {
        switch op {
        case "schedule": return ["betas", "alphas", "alphaBars"]
        case "qSample": return ["xt"]
        case "velocity": return ["v"]
        case "posterior": return ["meanCoefX0", "meanCoefXt", "variance", "logVarianceClipped"]
        case "ddpmStep", "ddimStep": return ["prev", "predX0"]
        case "timesteps": return ["timesteps"]
        case "normalKL": return ["kl"]
        case "discretizedGaussianLogLikelihood": return ["logProb"]
        default: return []
        }
    }
}

public struct DDPMStepInputs: Sendable {
    public var t: Int
    public var xt: [Double]
    public var modelOutput: [Double]
    public var noise: [Double]
    public var predictedVariance: [Double]?
}

public struct GoldenDDPMOptions: Sendable, Equatable {
    public var predictionType: PredictionType = .epsilon
    public var varianceType: VarianceType = .fixedSmall
    public var clipSample = false
    public var clipSampleRange = 1.0

    /// The step options these fields mean, for every implementation alike.
    public var stepOptions: DDPMOptions {
        DDPMOptions(predictionType: predictionType, varianceType: varianceType,
                    clipping: SampleClipping(clipSample: clipSample, clipSampleRange: clipSampleRange))
    }
}

public struct DDIMStepInputs: Sendable {
    public var t: Int
    public var prevT: Int
    public var xt: [Double]
    public var modelOutput: [Double]
    public var noise: [Double]
}

public struct GoldenDDIMOptions: Sendable, Equatable {
    public var eta = 0.0
    public var predictionType: PredictionType = .epsilon
    public var clipSample = false
    public var clipSampleRange = 1.0
    public var setAlphaToOne = true
    public var useClippedModelOutput = false

    /// The step options these fields mean, for every implementation alike.
    public var stepOptions: DDIMOptions {
        DDIMOptions(eta: eta, predictionType: predictionType,
                    clipping: SampleClipping(clipSample: clipSample, clipSampleRange: clipSampleRange),
                    setAlphaToOne: setAlphaToOne, useClippedModelOutput: useClippedModelOutput)
    }
}

/// A parsed case file.
public struct GoldenFile: Sendable {
    public static let format = "ddpm-golden/1"
    public var path: String
    public var source: String
    public var cases: [GoldenCase]
}
