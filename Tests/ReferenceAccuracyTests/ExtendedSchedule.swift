#if arch(x86_64) && !os(Windows) && !os(Android)
import RealModule

/// The extended-precision type of the oracle: x87 80-bit, 64-bit significand (11 bits beyond
/// Double), with its own libm (`sinl`, `expl`, `log1pl`, …) behind swift-numerics' `Real`.
typealias Extended = Float80

/// The exact betas of the named schedules, from their definitions, in extended precision.
///
/// Independent of Reference's code: where Reference uses one identity, this uses another, and
/// nothing here subtracts close values. Cross-checked against mpmath at 50 digits
/// (``MultiPrecisionValues``).
enum ExactBetas {
    /// start + t·(end − start)/(T − 1), the exact value of what NumPy's `linspace` rounds.
    static func linear(_ count: Int, _ start: Double, _ end: Double) -> [Extended] {
        let (a, b) = (Extended(start), Extended(end))
        guard count > 1 else { return [a] }
        return (0..<count).map { a + Extended($0) * (b - a) / Extended(count - 1) }
    }

    /// (√start + t·(√end − √start)/(T − 1))².
    static func scaledLinear(_ count: Int, _ start: Double, _ end: Double) -> [Extended] {
        let (a, b) = (Extended(start).squareRoot(), Extended(end).squareRoot())
        guard count > 1 else { return [a * a] }
        return (0..<count).map { t in
            let root = a + Extended(t) * (b - a) / Extended(count - 1)
            return root * root
        }
    }

    /// σ(−6 + 12t/(T − 1))·(end − start) + start.
    static func sigmoid(_ count: Int, _ start: Double, _ end: Double) -> [Extended] {
        let (a, b) = (Extended(start), Extended(end))
        return (0..<count).map { t in
            let x: Extended = count > 1 ? -6 + 12 * Extended(t) / Extended(count - 1) : -6
            return 1 / (1 + Extended.exp(-x)) * (b - a) + a
        }
    }

    /// 1 − cos²θₜ₊₁/cos²θₜ by the product form (cos a − cos b)(cos a + cos b)/cos²a with
    /// cos a − cos b = 2·sin((a + b)/2)·sin((b − a)/2) and cos θ(τ) = sin((T − τ)·unit),
    /// unit = π/(2T(1 + s)): every sine's argument in [0, π/2], formed from integers.
    static func cosine(_ count: Int, _ offset: Double, _ maxBeta: Double) -> [Extended] {
        let s = Extended(offset)
        let unit = Extended.pi / 2 / (Extended(count) * (1 + s))
        return (0..<count).map { t in
            let cosA = Extended.sin(Extended(count - t) * unit)
            let cosB = Extended.sin(Extended(count - t - 1) * unit)
            let halfSum = (Extended(t) + 0.5 + s * Extended(count)) * unit
            let difference = 2 * Extended.sin(halfSum) * Extended.sin(unit / 2)
            return min(difference * (cosA + cosB) / (cosA * cosA), Extended(maxBeta))
        }
    }

    /// The zero-terminal-SNR rescale (Lin et al. 2023, Algorithm 1) of a schedule, with
    ///
    ///     a_{t−1} − aₜ = √ᾱ_{t−1}·βₜ/(1 + √αₜ),
    ///     a_{t−1} − a_L = √ᾱ_{t−1}·w/(1 + √(ᾱ_L/ᾱ_{t−1})),  w = 1 − ᾱ_L/ᾱ_{t−1} (a positive recursion),
    ///     β'ₜ = (a_{t−1} − aₜ)·((a_{t−1} − a_L) + (aₜ − a_L))/(a_{t−1} − a_L)²,  β'₀ = β₀, β'_L = 1.
    static func rescaledToZeroTerminalSNR(_ schedule: ExtendedSchedule) -> [Extended] {
        let last = schedule.count - 1
        // tail[k] = 1 − ∏_{j=k}^{L} α_j, by tail[k] = β_k + α_k·tail[k+1].
        var tail = [Extended](repeating: 0, count: schedule.count + 1)
        for k in stride(from: last, through: 0, by: -1) {
            tail[k] = schedule.betas[k] + (1 - schedule.betas[k]) * tail[k + 1]
        }
        // Far from the end 1 − ᾱ_L/ᾱ_s does not cancel and is closer than the long recursion.
        for k in 1...max(last, 1) where k <= last && schedule.alphaBars[last] < schedule.alphaBars[k - 1] / 2 {
            tail[k] = 1 - schedule.alphaBars[last] / schedule.alphaBars[k - 1]
        }
        // 1 − w is ᾱ_L/ᾱ_s, taken from the products: the recursion's w is accurate relative to w ≈ 1,
        // not to 1 − w.
        func aboveLast(_ s: Int) -> Extended {
            let w = tail[s + 1]
            return schedule.alphaBars[s].squareRoot() * w / (1 + (schedule.alphaBars[last] / schedule.alphaBars[s]).squareRoot())
        }
        var betas = [schedule.betas[0]]
        if last >= 2 {
            for t in 1..<last {
                let step = schedule.alphaBars[t - 1].squareRoot() * schedule.betas[t] / (1 + (1 - schedule.betas[t]).squareRoot())
                let (upper, lower) = (aboveLast(t - 1), aboveLast(t))
                betas.append(step * (upper + lower) / (upper * upper))
            }
        }
        betas.append(1)
        return betas
    }
}

/// A schedule's derived quantities in extended precision, by forms without cancellation:
/// ᾱ as a product, 1 − ᾱ by the recursion v ← αₖ·v + βₖ (all terms positive), and the loss of
/// signal of a jump, 1 − ᾱₜ/ᾱ_s, by the same recursion over k = s + 1 … t; where the ratio is
/// below ½ the subtraction itself does not cancel and is used instead.
final class ExtendedSchedule {
    let betas: [Extended]
    private var losses: [Int: Extended] = [:]
    let alphaBars: [Extended]
    let oneMinusAlphaBars: [Extended]
    var count: Int { betas.count }

    init(betas: [Extended]) {
        self.betas = betas
        var product: Extended = 1, variance: Extended = 0
        var bars: [Extended] = [], ones: [Extended] = []
        for beta in betas {
            product *= 1 - beta
            variance = (1 - beta) * variance + beta
            bars.append(beta == 1 ? 0 : product)
            ones.append(beta == 1 ? 1 : variance)
        }
        alphaBars = bars
        // Once ᾱ < ½, 1 − ᾱ does not cancel and is closer than the recursion over many steps.
        oneMinusAlphaBars = zip(bars, ones).map { $0 < 0.5 ? 1 - $0 : $1 }
    }

    convenience init(betas: [Double]) { self.init(betas: betas.map { Extended($0) }) }

    func alphaBar(_ s: Int) -> Extended { s < 0 ? 1 : alphaBars[s] }
    func oneMinusAlphaBar(_ s: Int) -> Extended { s < 0 ? 0 : oneMinusAlphaBars[s] }

    /// 1 − ᾱₜ/ᾱ_s for s ≤ t (the effective β of the jump), by w ← αₖ·w + βₖ for k = s + 1 … t.
    func signalLoss(from s: Int, to t: Int) -> Extended {
        let key = (s + 1) * (count + 2) + t
        if let known = losses[key] { return known }
        let ratio = alphaBars[t] / alphaBar(s)
        if ratio < 0.5 { return 1 - ratio }
        var w: Extended = 0
        defer { losses[key] = w }
        var k = s + 1
        while k <= t {
            w = betas[k] == 1 ? 1 : (1 - betas[k]) * w + betas[k]
            k += 1
        }
        return w
    }

    struct Posterior {
        var meanCoefX0: Extended, meanCoefXt: Extended, variance: Extended, effectiveBeta: Extended
    }

    /// Ho et al. 2020, Eqs. 6–7 for the jump t → s (one step: β' = βₜ exactly in both of
    /// Reference's conventions, since 1 − ᾱₜ/ᾱₜ₋₁ = βₜ).
    func posterior(at t: Int, previous s: Int) -> Posterior {
        let beta = s == t - 1 ? betas[t] : signalLoss(from: s, to: t)
        let alpha = s == t - 1 ? 1 - betas[t] : alphaBars[t] / alphaBar(s)
        let (oneMinusT, oneMinusS) = (oneMinusAlphaBars[t], oneMinusAlphaBar(s))
        return Posterior(
            meanCoefX0: alphaBar(s).squareRoot() * beta / oneMinusT,
            meanCoefXt: alpha.squareRoot() * oneMinusS / oneMinusT,
            variance: oneMinusS / oneMinusT * beta, effectiveBeta: beta)
    }

    /// σ² of DDIM at η = 1 to the target index (−1: ᾱ = 1; 0 for `setAlphaToOne: false` before
    /// the start).
    func ddimVariance(at t: Int, target: Int) -> Extended {
        oneMinusAlphaBar(target) / oneMinusAlphaBars[t] * signalLoss(from: target, to: t)
    }

    /// 1 − ᾱ_s − η²σ² = (1 − ᾱ_s)·(ᾱₜ(1 − ᾱ_s)/(ᾱ_s(1 − ᾱₜ)) + (1 − η²)·r), r = σ²/(1 − ᾱ_s).
    func ddimDirectionVariance(at t: Int, target: Int, eta: Extended) -> Extended {
        let oneMinusS = oneMinusAlphaBar(target)
        if oneMinusS == 0 { return 0 }
        let r = signalLoss(from: target, to: t) / oneMinusAlphaBars[t]
        let keep = alphaBars[t] * oneMinusS / (alphaBar(target) * oneMinusAlphaBars[t])
        return oneMinusS * (keep + (1 - eta * eta) * r)
    }
}
#endif
