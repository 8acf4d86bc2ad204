/// What the network predicts.
public enum PredictionType: String, Sendable, CaseIterable {
    /// ε, the noise [Ho et al. 2020]: x̂₀ = (xₜ − √(1 − ᾱₜ)·ε̂)/√ᾱₜ (Eq. 15).
    case epsilon
    /// x₀ itself (diffusers `"sample"`).
    case sample
    /// v = √ᾱₜ·ε − √(1 − ᾱₜ)·x₀ [Salimans & Ho 2022, §4] (diffusers `"v_prediction"`):
    /// x̂₀ = √ᾱₜ·xₜ − √(1 − ᾱₜ)·v̂.
    case vPrediction
}

extension PredictionType: DiffusersSpelled {
    /// The value of diffusers' `prediction_type`.
    public var diffusersName: String {
        switch self {
        case .epsilon: "epsilon"
        case .sample: "sample"
        case .vPrediction: "v_prediction"
        }
    }
}
