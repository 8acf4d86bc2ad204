import Foundation

/// A noise schedule with every per-timestep coefficient the kernels need, precomputed once.
///
/// ᾱₜ = ∏ᵢ₌₀ᵗ (1 − βᵢ) is formed as a double-double product (each factor 1 − βᵢ exact as a
/// double-double, each product error-free up to 2⁻¹⁰⁶), so every table entry below is the exact
/// value of its formula rounded once, up to a few ulps. The literal Double cumulative product
/// drifts by up to about t + 1 ulps at index t; that difference is the `Reference` comparison bound.
///
/// Index `t` is 0-based (paper step t + 1). Tables are given in Double and rounded once to Float.
public struct OptimizedSchedule: Sendable {
    /// T, the number of training timesteps.
    public let count: Int
    public let betas: [Double]
    /// ᾱₜ, the cumulative products.
    public let alphaBars: [Double]
    /// √ᾱₜ.
    public let sqrtAlphaBars: [Double]
    /// √(1 − ᾱₜ).
    public let sqrtOneMinusAlphaBars: [Double]
    /// Posterior q(xₜ₋₁ | xₜ, x₀) of the single step t → t − 1: coefficient of x₀ in the mean,
    /// √ᾱₜ₋₁·βₜ/(1 − ᾱₜ) (Ho et al. 2020, Eq. 7).
    public let posteriorMeanCoefX0: [Double]
    /// Coefficient of xₜ in the posterior mean, √αₜ·(1 − ᾱₜ₋₁)/(1 − ᾱₜ).
    public let posteriorMeanCoefXt: [Double]
    /// β̃ₜ = (1 − ᾱₜ₋₁)/(1 − ᾱₜ)·βₜ (0 at t = 0).
    public let posteriorVariance: [Double]
    /// log β̃ₜ with log β̃₁ at t = 0 (improved-diffusion's `posterior_log_variance_clipped`).
    /// A one-step schedule has no β̃₁: there t = 0 takes log 1e−20, diffusers' floor, so that
    /// the table never holds −∞.
    public let posteriorLogVarianceClipped: [Double]

    /// The same tables rounded to Float, for the Float kernels.
    public let float: FloatTables

    public struct FloatTables: Sendable {
        public let alphaBars: [Float]
        public let sqrtAlphaBars: [Float]
        public let sqrtOneMinusAlphaBars: [Float]
        public let posteriorMeanCoefX0: [Float]
        public let posteriorMeanCoefXt: [Float]
        public let posteriorVariance: [Float]
        public let posteriorLogVarianceClipped: [Float]
    }

    /// ᾱₜ as double-doubles.
    let alphaBarsDD: [DoubleDouble]

    /// A schedule from its betas.
    ///
    /// - Throws: `OptimizedError` `.invalidSchedule` when `betas` is empty, a β is not in (0, 1], or
    ///   ᾱ underflows to 0 before the last index.
    public init(betas: [Double]) throws(OptimizedError) {
        guard !betas.isEmpty else { throw OptimizedError(.invalidSchedule, "expected at least one beta, got none") }
        for (i, b) in betas.enumerated() where !(b > 0 && b <= 1) {
            throw OptimizedError(.invalidSchedule, "expected every beta in (0, 1], got betas[\(i)] = \(b)")
        }
        var products = [DoubleDouble]()
        products.reserveCapacity(betas.count)
        var running = DoubleDouble.one
        for b in betas {
            running = running * DoubleDouble.twoSum(1, -b)
            products.append(running)
        }
        try Self.checkNoEarlyUnderflow(products.map(\.value))
        self.init(validBetas: betas, products: products)
    }

    /// A schedule whose ᾱ is given rather than computed: for cumulative products formed elsewhere
    /// (a float32 `cumprod` as diffusers does, a golden file, another implementation's tables).
    /// The single-step posterior still uses `betas[t]` itself, as Ho et al. 2020, Eq. 7 writes it.
    ///
    /// - Throws: `.invalidSchedule` for bad betas, a length mismatch, ᾱ outside [0, 1), or ᾱ = 0
    ///   before the last index.
    public init(betas: [Double], alphaBars: [Double]) throws(OptimizedError) {
        guard !betas.isEmpty else { throw OptimizedError(.invalidSchedule, "expected at least one beta, got none") }
        guard alphaBars.count == betas.count else {
            throw OptimizedError(.invalidSchedule, "expected \(betas.count) alphaBars like betas, got \(alphaBars.count)")
        }
        for (i, b) in betas.enumerated() where !(b > 0 && b <= 1) {
            throw OptimizedError(.invalidSchedule, "expected every beta in (0, 1], got betas[\(i)] = \(b)")
        }
        for (i, a) in alphaBars.enumerated() where !(a >= 0 && a < 1) {
            throw OptimizedError(.invalidSchedule, "expected every alphaBar in [0, 1), got alphaBars[\(i)] = \(a)")
        }
        try Self.checkNoEarlyUnderflow(alphaBars)
        self.init(validBetas: betas, products: alphaBars.map { DoubleDouble($0) })
    }

    /// ᾱ may be 0 only at T − 1 (zero terminal SNR): a 0 before it, from βs whose product
    /// underflows, would make the jumps between such indices 0/0.
    private static func checkNoEarlyUnderflow(_ alphaBars: [Double]) throws(OptimizedError) {
        if let t = alphaBars.firstIndex(of: 0), t < alphaBars.count - 1 {
            throw OptimizedError(.invalidSchedule, "expected ᾱ > 0 before the last index, got alphaBars[\(t)] = 0 (the product of the αs underflows)")
        }
    }

    private init(validBetas betas: [Double], products: [DoubleDouble]) {
        count = betas.count
        self.betas = betas
        alphaBarsDD = products
        alphaBars = products.map(\.value)
        sqrtAlphaBars = products.map { $0.squareRoot().value }
        sqrtOneMinusAlphaBars = products.map { (DoubleDouble.one - $0).squareRoot().value }
        var coefX0 = [Double](), coefXt = [Double](), variance = [Double]()
        for t in 0..<betas.count {
            let c = Self.posterior(products, betas, t: t, s: t - 1)
            coefX0.append(c.meanCoefX0)
            coefXt.append(c.meanCoefXt)
            variance.append(c.variance)
        }
        posteriorMeanCoefX0 = coefX0
        posteriorMeanCoefXt = coefXt
        posteriorVariance = variance
        let clippedAtZero = Foundation.log(betas.count > 1 ? variance[1] : Self.logVarianceFloor)
        posteriorLogVarianceClipped = variance.enumerated().map { $0.offset == 0 ? clippedAtZero : Foundation.log($0.element) }
        float = FloatTables(
            alphaBars: alphaBars.map(Float.init), sqrtAlphaBars: sqrtAlphaBars.map(Float.init),
            sqrtOneMinusAlphaBars: sqrtOneMinusAlphaBars.map(Float.init),
            posteriorMeanCoefX0: coefX0.map(Float.init), posteriorMeanCoefXt: coefXt.map(Float.init),
            posteriorVariance: variance.map(Float.init),
            posteriorLogVarianceClipped: posteriorLogVarianceClipped.map(Float.init))
    }

    /// The variance whose log stands at t = 0 when there is no β̃₁ (diffusers clamps β̃ₜ to it).
    static let logVarianceFloor = 1e-20

    /// The posterior coefficients of a jump from t to s < t (s < 0: ᾱ_s = 1).
    struct Posterior {
        var meanCoefX0: Double
        var meanCoefXt: Double
        /// β̃ of the jump.
        var variance: Double
        /// β_eff = 1 − ᾱₜ/ᾱ_s.
        var effectiveBeta: Double
    }

    /// Posterior of q(x_s | xₜ, x₀) for s < t, from the double-double ᾱ:
    ///
    ///     β_eff = 1 − ᾱₜ/ᾱ_s,  meanCoefX0 = √ᾱ_s·β_eff/(1 − ᾱₜ),
    ///     meanCoefXt = √(ᾱₜ/ᾱ_s)·(1 − ᾱ_s)/(1 − ᾱₜ),  β̃ = (1 − ᾱ_s)/(1 − ᾱₜ)·β_eff.
    static func posterior(_ ab: [DoubleDouble], _ betas: [Double], t: Int, s: Int) -> Posterior {
        let abT = ab[t]
        let abS = s >= 0 ? ab[s] : DoubleDouble.one
        let alphaEff: DoubleDouble
        let betaEff: DoubleDouble
        if s == t - 1 {
            betaEff = DoubleDouble(betas[t])
            alphaEff = DoubleDouble.twoSum(1, -betas[t])
        } else {
            alphaEff = abS.hi == 0 ? DoubleDouble(0) : abT / abS
            betaEff = DoubleDouble.one - alphaEff
        }
        let oneMinusT = DoubleDouble.one - abT
        let oneMinusS = DoubleDouble.one - abS
        return Posterior(
            meanCoefX0: (abS.squareRoot() * betaEff / oneMinusT).value,
            meanCoefXt: (alphaEff.squareRoot() * oneMinusS / oneMinusT).value,
            variance: (oneMinusS / oneMinusT * betaEff).value,
            effectiveBeta: betaEff.value)
    }

    func posterior(t: Int, s: Int) -> Posterior { Self.posterior(alphaBarsDD, betas, t: t, s: s) }

    func checkTimestep(_ t: Int, name: String = "t") throws(OptimizedError) {
        guard t >= 0 && t < count else {
            throw OptimizedError(.timestepOutOfRange, "expected \(name) in 0..<\(count), got \(t)")
        }
    }
}
