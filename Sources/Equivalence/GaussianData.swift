import Foundation

/// Gaussian data x₀ ~ N(m, s²), for which the optimal noise predictor, every marginal and the
/// output of every sampler are known in closed form.
public struct GaussianData: Sendable, Equatable {
    public var mean: Double
    public var standardDeviation: Double

    public init(mean: Double, standardDeviation: Double) {
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// The gate's data: N(0.5, 0.5²), inside [−1, 1] like image data and with a mean that makes
    /// a wrong signal coefficient visible.
    public static let gate = GaussianData(mean: 0.5, standardDeviation: 0.5)

    public var variance: Double { standardDeviation * standardDeviation }

    /// The marginal q(xₜ) = N(√ᾱ·m, ᾱ·s² + 1 − ᾱ) [Ho et al. 2020, Eq. 4].
    public func marginal(alphaBar a: Double) -> (mean: Double, variance: Double) {
        (a.squareRoot() * mean, a * variance + 1 - a)
    }

    /// The optimal noise predictor E[ε | xₜ]:
    ///
    ///     ε*(xₜ) = √(1 − ᾱ)·(xₜ − √ᾱ·m)/(ᾱ·s² + 1 − ᾱ)
    ///
    /// Linear in xₜ: ε* = slope·xₜ + intercept.
    public func optimalNoiseCoefficients(alphaBar a: Double) -> (slope: Double, intercept: Double) {
        let v = a * variance + 1 - a
        let c = (1 - a).squareRoot() / v
        return (c, -c * a.squareRoot() * mean)
    }

    public func optimalNoise(_ x: Double, alphaBar a: Double) -> Double {
        let (slope, intercept) = optimalNoiseCoefficients(alphaBar: a)
        return slope * x + intercept
    }

    /// ε* at ᾱ as a function of xₜ (coefficients computed once).
    public func optimalNoisePredictor(alphaBar a: Double) -> (Double) -> Double {
        let (slope, intercept) = optimalNoiseCoefficients(alphaBar: a)
        return { slope * $0 + intercept }
    }

    /// Var(x₀ | xₜ) = s²(1 − ᾱ)/(ᾱ·s² + 1 − ᾱ): the error of the optimal x̂₀ = E[x₀ | xₜ].
    public func posteriorVarianceOfX0(alphaBar a: Double) -> Double {
        variance * (1 - a) / (a * variance + 1 - a)
    }

    /// The differential entropy ½·log(2πe·s²), in nats.
    public var entropy: Double { 0.5 * log(2 * Double.pi * M_E * variance) }
}

/// A mixture of Gaussians Σₖ wₖ·N(mₖ, sₖ²).
public struct GaussianMixture: Sendable, Equatable {
    public var weights: [Double]
    public var means: [Double]
    public var standardDeviations: [Double]

    public init(weights: [Double], means: [Double], standardDeviations: [Double]) {
        self.weights = weights
        self.means = means
        self.standardDeviations = standardDeviations
    }

    /// The gate's mixture: 0.3·N(−0.6, 0.2²) + 0.7·N(0.5, 0.3²), two well separated modes.
    public static let gate = GaussianMixture(weights: [0.3, 0.7], means: [-0.6, 0.5], standardDeviations: [0.2, 0.3])

    var components: [GaussianData] {
        zip(means, standardDeviations).map { GaussianData(mean: $0, standardDeviation: $1) }
    }

    /// F(x) = Σₖ wₖ·Φ((x − mₖ)/sₖ).
    public func cdf(_ x: Double) -> Double {
        var total = 0.0
        for k in weights.indices {
            total += weights[k] * 0.5 * erfc(-(x - means[k]) / (standardDeviations[k] * 2.0.squareRoot()))
        }
        return min(max(total, 0), 1)
    }

    /// 1 − F(x), accurate in the upper tail.
    public func survival(_ x: Double) -> Double {
        var total = 0.0
        for k in weights.indices {
            total += weights[k] * 0.5 * erfc((x - means[k]) / (standardDeviations[k] * 2.0.squareRoot()))
        }
        return min(max(total, 0), 1)
    }

    /// The optimal noise predictor, the posterior-weighted average of the components' ones:
    ///
    ///     ε*(xₜ) = Σₖ rₖ(xₜ)·ε*ₖ(xₜ),   rₖ ∝ wₖ·N(xₜ; √ᾱ·mₖ, ᾱ·sₖ² + 1 − ᾱ)
    /// ε* at ᾱ as a function of xₜ, with the per-component constants computed once.
    public func optimalNoisePredictor(alphaBar a: Double) -> (Double) -> Double {
        let sa = a.squareRoot()
        let sn = (1 - a).squareRoot()
        let centres = means.map { sa * $0 }
        let inverseVariances = standardDeviations.map { 1 / (a * $0 * $0 + 1 - a) }
        let logWeights = weights.indices.map { log(weights[$0]) + 0.5 * log(inverseVariances[$0]) }
        let k = weights.count
        return { x in
            var top = -Double.infinity
            for j in 0..<k {
                let d = x - centres[j]
                top = max(top, logWeights[j] - 0.5 * d * d * inverseVariances[j])
            }
            var numerator = 0.0
            var denominator = 0.0
            for j in 0..<k {
                let d = x - centres[j]
                let r = exp(logWeights[j] - 0.5 * d * d * inverseVariances[j] - top)
                numerator += r * sn * d * inverseVariances[j]
                denominator += r
            }
            return numerator / denominator
        }
    }

    public func optimalNoise(_ x: Double, alphaBar a: Double) -> Double {
        // Two passes (largest log-weight, then the normalised sum) without temporary arrays.
        let sa = a.squareRoot()
        let sn = (1 - a).squareRoot()
        func logWeight(_ k: Int) -> Double {
            let v = a * standardDeviations[k] * standardDeviations[k] + 1 - a
            let d = x - sa * means[k]
            return log(weights[k]) - 0.5 * log(v) - d * d / (2 * v)
        }
        var top = -Double.infinity
        for k in weights.indices { top = max(top, logWeight(k)) }
        var numerator = 0.0
        var denominator = 0.0
        for k in weights.indices {
            let v = a * standardDeviations[k] * standardDeviations[k] + 1 - a
            let r = exp(logWeight(k) - top)
            numerator += r * sn * (x - sa * means[k]) / v
            denominator += r
        }
        return numerator / denominator
    }
}
