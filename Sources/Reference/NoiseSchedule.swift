import RealModule

/// How a schedule evaluates the quantities that cancel when written literally.
///
/// Several DDPM/DDIM equations subtract nearly equal numbers when written as the papers write
/// them: 1 − ᾱₜ near t = 0 (ᾱ₀ = 1 − β₀ keeps only the digits of β₀ that survive the rounding
/// of 1 − β₀), 1 − ᾱₜ/ᾱ_s for a short jump, the cosine schedule's 1 − f(t+1)/f(t), the
/// zero-terminal-SNR rescale near ᾱ → 0 and the DDIM direction 1 − ᾱ_s − σ² at η = 1.
public enum ScheduleArithmetic: String, Sendable, CaseIterable {
    /// Every quantity from a form that does not cancel, accurate to a few ulps of its exact value
    /// (README, "Accuracy contract"): ᾱ as a compensated product, so that 1 − ᾱₜ and ᾱ_s − ᾱₜ are
    /// differences of double-length values, and the identities named in each doc comment.
    /// The default for `Double` (and wider types): the reference precision.
    case accurate
    /// Every equation as written, evaluated in `Scalar` from the stored ᾱ, as a Python pipeline
    /// does: to reproduce a float32 pipeline's rounding (diffusers keeps its schedule in float32
    /// and computes 1 − ᾱ₀ by subtraction), not for accuracy. The default for `Float`.
    case literal

    /// `.accurate` for Double and wider, `.literal` for narrower types, whose instances exist to
    /// reproduce float32 pipelines.
    public static func defaultFor<Scalar: BinaryFloatingPoint>(_: Scalar.Type) -> ScheduleArithmetic {
        Scalar.significandBitCount >= Double.significandBitCount ? .accurate : .literal
    }
}

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
    /// αₜ = 1 − βₜ, rounded once.
    public let alphas: [Scalar]
    /// ᾱₜ = α₀·α₁·…·αₜ. With ``ScheduleArithmetic/accurate`` the product of the exact factors
    /// 1 − βₛ, rounded once (within an ulp); with ``ScheduleArithmetic/literal`` the sequential
    /// product of the rounded αₛ, each partial product rounded (NumPy's `cumprod`).
    public let alphaBars: [Scalar]
    /// How the cancelling quantities are evaluated.
    public let arithmetic: ScheduleArithmetic
    /// The low parts of the compensated product: ᾱₜ = alphaBars[t] + alphaBarTails[t] to about
    /// 2⁻¹⁰⁰ relative (all zero with literal arithmetic).
    @usableFromInline let alphaBarTails: [Scalar]

    /// T, the number of training timesteps.
    public var count: Int { betas.count }

    /// Builds the schedule from explicit betas.
    ///
    /// - Parameter arithmetic: see ``ScheduleArithmetic``; accurate for Double, literal for Float.
    /// - Throws: ``ReferenceError/invalidTimestepCount(_:)`` for an empty array;
    ///   ``ReferenceError/nonFiniteInput(name:index:)`` for NaN or ±∞;
    ///   ``ReferenceError/betaOutOfRange(index:value:)`` for β ∉ (0, 1], β = 1 before T − 1, or
    ///   β₀ so small that 1 − β₀ rounds to 1;
    ///   ``ReferenceError/alphaBarUnderflow(index:count:)`` when ᾱ reaches 0 before T − 1.
    public init(betas: [Scalar], arithmetic: ScheduleArithmetic = .defaultFor(Scalar.self)) throws(ReferenceError) {
        guard !betas.isEmpty else { throw .invalidTimestepCount(0) }
        try checkFinite(betas, "betas")
        for (t, beta) in betas.enumerated() {
            guard beta > 0, beta <= 1 else { throw .betaOutOfRange(index: t, value: Double(beta)) }
            if beta == 1 && t != betas.count - 1 { throw .betaOutOfRange(index: t, value: 1) }
        }
        let alphas = betas.map { 1 - $0 }
        // β₀ below half an ulp of 1 vanishes from α₀: ᾱ₀ = 1 and β̃₀ = 0/0.
        if alphas[0] == 1 { throw .betaOutOfRange(index: 0, value: Double(betas[0])) }
        let products = arithmetic == .accurate ? compensatedCumulativeProduct(betas) : sequentialCumulativeProduct(alphas)
        if let t = products.high.firstIndex(of: 0), t < betas.count - 1 { throw .alphaBarUnderflow(index: t, count: betas.count) }
        self.betas = betas
        self.alphas = alphas
        self.alphaBars = products.high
        self.alphaBarTails = products.low
        self.arithmetic = arithmetic
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

    /// ᾱ_s − ᾱₜ for s ≤ t (ᾱ_s = 1 for s < 0): the signal lost between two indices.
    ///
    ///     literal:   ᾱ_s − ᾱₜ  of the stored values (cancels: 1 − ᾱ₀ keeps ε/β₀ of relative error)
    ///     accurate:  (hi_s − hiₜ) + (lo_s − loₜ) of the compensated products, rounded once
    ///
    /// The accurate difference is within an ulp or two of the exact value for every s ≤ t: the
    /// rounding errors of the factors before s are common to both products and scale the
    /// difference instead of adding to it.
    ///
    /// - Precondition: `s <= t < T` (callers check); 0 when both are before the start.
    @inlinable
    public func alphaBarDrop(from s: Int, to t: Int) -> Scalar {
        if t < 0 { return 0 }
        let highS: Scalar = s < 0 ? 1 : alphaBars[s]
        guard arithmetic == .accurate else { return highS - alphaBars[t] }
        let lowS: Scalar = s < 0 ? 0 : alphaBarTails[s]
        let (head, headError) = twoSum(highS, -alphaBars[t])
        return head + (headError + (lowS - alphaBarTails[t]))
    }

    /// ᾱ_prev(t) = ᾱ_{t−1}, and 1 for t = 0 (improved-diffusion's `alphas_cumprod_prev`).
    public var alphaBarsPrevious: [Scalar] {
        [1] + alphaBars.dropLast()
    }

    /// 1 − ᾱₜ for every t (``marginalVariance(at:)``).
    public var oneMinusAlphaBars: [Scalar] {
        (0..<count).map { marginalVariance(at: $0) }
    }

    /// SNR(t) = ᾱₜ / (1 − ᾱₜ)   [Kingma et al. 2021, Variational Diffusion Models, Eq. 1].
    /// Zero at a zero-terminal-SNR last step.
    public var signalToNoiseRatios: [Scalar] {
        (0..<count).map { alphaBars[$0] / marginalVariance(at: $0) }
    }

    /// log SNR(t) = log ᾱₜ − log(1 − ᾱₜ); −∞ at a zero-terminal-SNR last step.
    ///
    /// Literal arithmetic writes log(1 − ᾱₜ) as log1p(−ᾱₜ), which loses ε·ᾱ/((1 − ᾱ)·|log(1 − ᾱ)|)
    /// relative near t = 0; accurate arithmetic takes the log of the accurate 1 − ᾱₜ.
    public var logSignalToNoiseRatios: [Scalar] {
        (0..<count).map { t in
            arithmetic == .accurate
                ? Scalar.log(alphaBars[t]) - Scalar.log(marginalVariance(at: t))
                : Scalar.log(alphaBars[t]) - Scalar.log(onePlus: -alphaBars[t])
        }
    }
}

/// ᾱ as NumPy's `cumprod` of the rounded αs: each partial product rounded once.
private func sequentialCumulativeProduct<Scalar: BinaryFloatingPoint>(_ alphas: [Scalar]) -> (high: [Scalar], low: [Scalar]) {
    var product: Scalar = 1
    var high: [Scalar] = []
    high.reserveCapacity(alphas.count)
    for alpha in alphas {
        product *= alpha
        high.append(product)
    }
    return (high, [Scalar](repeating: 0, count: alphas.count))
}

/// ∏ (1 − βₛ) as a double-length running product (hi, lo): each factor 1 − β is split exactly
/// into two Scalars (TwoSum), each product's rounding error is recovered with a fused
/// multiply-add (TwoProduct), and the pair is renormalized, so hi is ᾱ rounded once and
/// hi + lo is ᾱ to a few units of ε² per factor [Ogita, Rump & Oishi 2005; Dekker 1971].
private func compensatedCumulativeProduct<Scalar: BinaryFloatingPoint>(_ betas: [Scalar]) -> (high: [Scalar], low: [Scalar]) {
    var hi: Scalar = 1, lo: Scalar = 0
    var high: [Scalar] = [], low: [Scalar] = []
    high.reserveCapacity(betas.count)
    low.reserveCapacity(betas.count)
    for beta in betas {
        let (factorHigh, factorLow) = twoSum(1, -beta)
        let product = hi * factorHigh
        let productError = (-product).addingProduct(hi, factorHigh)
        let tail = productError + (hi * factorLow + lo * factorHigh)
        (hi, lo) = quickTwoSum(product, tail)
        high.append(hi)
        low.append(lo)
    }
    return (high, low)
}

/// a + b = s + e exactly (Knuth's TwoSum).
@inlinable
func twoSum<Scalar: FloatingPoint>(_ a: Scalar, _ b: Scalar) -> (Scalar, Scalar) {
    let s = a + b
    let bb = s - a
    return (s, (a - (s - bb)) + (b - bb))
}

/// a + b = s + e exactly when |a| ≥ |b| (Dekker's Fast2Sum).
@inlinable
func quickTwoSum<Scalar: FloatingPoint>(_ a: Scalar, _ b: Scalar) -> (Scalar, Scalar) {
    let s = a + b
    return (s, b - (s - a))
}
