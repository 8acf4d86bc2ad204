/// Options of a DDPM step (Ho et al. 2020, Algorithm 2, with the variants the public
/// implementations use). The defaults are diffusers' `DDPMScheduler` where it is right, without
/// clipping; ``diffusers(predictionType:varianceType:clipping:)`` and
/// ``improvedDiffusion(predictionType:varianceType:clipping:)`` give each code base's conventions.
public struct DDPMOptions: Sendable, Equatable {
    public var predictionType: PredictionType
    public var varianceType: VarianceType
    public var clipping: SampleClipping
    public var learnedVarianceMeaning: LearnedVarianceMeaning
    public var firstStepLogVariance: FirstStepLogVariance
    public var firstStepLargeVariance: FirstStepLargeVariance
    public var finalStepNoise: FinalStepNoise
    /// βₜ itself (default) or diffusers' 1 − ᾱₜ/ᾱₜ₋₁ in one-step posteriors; matters in float32.
    public var oneStepBeta: OneStepBeta

    public init(
        predictionType: PredictionType = .epsilon, varianceType: VarianceType = .fixedSmall,
        clipping: SampleClipping = .none, learnedVarianceMeaning: LearnedVarianceMeaning = .variance,
        firstStepLogVariance: FirstStepLogVariance = .floored, firstStepLargeVariance: FirstStepLargeVariance = .beta,
        finalStepNoise: FinalStepNoise = .whenTimestepPositive, oneStepBeta: OneStepBeta = .schedule
    ) {
        self.predictionType = predictionType
        self.varianceType = varianceType
        self.clipping = clipping
        self.learnedVarianceMeaning = learnedVarianceMeaning
        self.firstStepLogVariance = firstStepLogVariance
        self.firstStepLargeVariance = firstStepLargeVariance
        self.finalStepNoise = finalStepNoise
        self.oneStepBeta = oneStepBeta
    }

    /// diffusers' conventions (`clip_sample` on, as its default config), including its
    /// float32-consistent one-step β.
    public static func diffusers(predictionType: PredictionType = .epsilon, varianceType: VarianceType = .fixedSmall,
                                 clipping: SampleClipping = .clip(range: 1)) -> DDPMOptions {
        DDPMOptions(predictionType: predictionType, varianceType: varianceType, clipping: clipping, oneStepBeta: .cumulativeRatio)
    }

    /// improved-diffusion's conventions: the learned output is a log-variance, log β̃ at t = 0 is
    /// log β̃₁, fixed-large at t = 0 is β̃₁, and the last step never adds noise.
    public static func improvedDiffusion(predictionType: PredictionType = .epsilon, varianceType: VarianceType = .fixedSmall,
                                         clipping: SampleClipping = .clip(range: 1)) -> DDPMOptions {
        DDPMOptions(predictionType: predictionType, varianceType: varianceType, clipping: clipping,
                    learnedVarianceMeaning: .logVariance, firstStepLogVariance: .nextStep,
                    firstStepLargeVariance: .nextPosterior, finalStepNoise: .neverOnLastStep)
    }

    /// The first option outside its meaningful range, or nil (see ``SampleClipping/problem``).
    public var problem: OptionProblem? { clipping.problem }
}
