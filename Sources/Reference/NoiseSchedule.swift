import RealModule

/// A variance schedule β₀ … β_{T−1} with its derived α, ᾱ and signal-to-noise ratios.
///
///     αₜ = 1 − βₜ,   ᾱₜ = ∏_{s ≤ t} α_s          [Ho et al. 2020, §2 and Eq. 4]
///
/// Index `t` is 0-based (see ``ReferenceInfo``). Built only from valid betas: every β in (0, 1],
/// and β = 1 only at the last index (zero terminal SNR), so ᾱₜ < 1 for every t and ᾱₜ > 0 for
/// every t < T − 1.
public struct NoiseSchedule<Scalar: Real & BinaryFloatingPoint & Sendable>: Sendable, Equatable {
    /// βₜ, the variance added by forward step t.
    public let betas: [Scalar]
    /// αₜ = 1 − βₜ.
    public let alphas: [Scalar]
    /// ᾱₜ = α₀·α₁·…·αₜ, the literal sequential product (each partial product rounded once).
    public let alphaBars: [Scalar]

    /// T, the number of training timesteps.
    public var count: Int { betas.count }

    /// Builds the schedule from explicit betas.
    ///
    /// - Throws: ``ReferenceError/invalidTimestepCount(_:)`` for an empty array;
    ///   ``ReferenceError/nonFiniteInput(name:index:)`` for NaN or ±∞;
    ///   ``ReferenceError/betaOutOfRange(index:value:)`` for β ∉ (0, 1], β = 1 before T − 1, or
    ///   β₀ so small that 1 − β₀ rounds to 1;
    ///   ``ReferenceError/alphaBarUnderflow(index:count:)`` when ᾱ reaches 0 before T − 1.
    public init(betas: [Scalar]) throws(ReferenceError) {
        guard !betas.isEmpty else { throw .invalidTimestepCount(0) }
        try checkFinite(betas, "betas")
        for (t, beta) in betas.enumerated() {
            guard beta > 0, beta <= 1 else { throw .betaOutOfRange(index: t, value: Double(beta)) }
            if beta == 1 && t != betas.count - 1 { throw .betaOutOfRange(index: t, value: 1) }
        }
        let alphas = betas.map { 1 - $0 }
        // β₀ below half an ulp of 1 vanishes from α₀: ᾱ₀ = 1 and β̃₀ = 0/0.
        if alphas[0] == 1 { throw .betaOutOfRange(index: 0, value: Double(betas[0])) }
        var product: Scalar = 1
        var alphaBars: [Scalar] = []
        alphaBars.reserveCapacity(betas.count)
        for alpha in alphas {
            product *= alpha
            alphaBars.append(product)
        }
        if let t = alphaBars.firstIndex(of: 0), t < betas.count - 1 { throw .alphaBarUnderflow(index: t, count: betas.count) }
        self.betas = betas
        self.alphas = alphas
        self.alphaBars = alphaBars
    }

    /// Throws unless `0 <= t < T`.
    @inlinable
    public func checkTimestep(_ t: Int, name: String = "t") throws(ReferenceError) {
        guard t >= 0, t < count else { throw .timestepOutOfRange(name: name, value: t, count: count) }
    }

    /// ᾱ at index `s`, with ᾱ = 1 for s < 0 ("before the first step").
    ///
    /// - Precondition: `s < T` (callers check).
    @inlinable
    public func alphaBar(atOrBeforeStart s: Int) -> Scalar {
        s < 0 ? 1 : alphaBars[s]
    }

    /// ᾱ_prev(t) = ᾱ_{t−1}, and 1 for t = 0 (improved-diffusion's `alphas_cumprod_prev`).
    public var alphaBarsPrevious: [Scalar] {
        [1] + alphaBars.dropLast()
    }

    /// SNR(t) = ᾱₜ / (1 − ᾱₜ)   [Kingma et al. 2021, Variational Diffusion Models, Eq. 1].
    /// Zero at a zero-terminal-SNR last step.
    public var signalToNoiseRatios: [Scalar] {
        alphaBars.map { $0 / (1 - $0) }
    }

    /// log SNR(t) = log ᾱₜ − log(1 − ᾱₜ); −∞ at a zero-terminal-SNR last step.
    public var logSignalToNoiseRatios: [Scalar] {
        alphaBars.map { Scalar.log($0) - Scalar.log(onePlus: -$0) }
    }
}
