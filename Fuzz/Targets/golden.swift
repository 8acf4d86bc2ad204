// Target `golden`: golden case files (`GoldenFile.parse`), then every accepted case through every
// implementation. The properties are in Tests/RobustnessTests/Checks/GoldenFileCheck.swift.

extension FuzzTarget {
    static let golden = FuzzTarget(name: "golden", mutator: .json(names: goldenNames)) { GoldenFileCheck.run($0) }
}

/// Keys and names of the case format, for the structure-aware mutator.
private let goldenNames = [
    "format", "ddpm-golden/1", "source", "cases", "id", "op", "schedule", "inputs", "options", "expect", "tolerance",
    "note", "expectError", "abs", "rel", "kind", "timesteps", "betaStart", "betaEnd", "cosineS", "maxBeta",
    "rescaleZeroTerminalSNR", "betas", "linear", "scaledLinear", "cosine", "sigmoid", "explicit", "qSample", "velocity",
    "posterior", "ddpmStep", "ddimStep", "normalKL", "discretizedGaussianLogLikelihood", "t", "prevT", "x0", "xt",
    "noise", "modelOutput", "predictedVariance", "numInferenceSteps", "mean1", "logVar1", "mean2", "logVar2", "x",
    "mean", "logScale", "predictionType", "varianceType", "clipSample", "clipSampleRange", "eta", "setAlphaToOne",
    "useClippedModelOutput", "spacing", "stepsOffset", "epsilon", "sample", "vPrediction", "fixedSmall",
    "fixedSmallLog", "fixedLarge", "fixedLargeLog", "learned", "learnedRange", "leading", "linspace", "trailing",
    "prev", "predX0", "alphas", "alphaBars", "meanCoefX0", "meanCoefXt", "variance", "logVarianceClipped", "v", "kl",
    "logProb", "R001", "R004", "R007", "invalid-timestep-count",
]
