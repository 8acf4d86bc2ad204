/// A training schedule read in the papers' 1-based notation: β₁ … β_T, ᾱ₀ = 1.
///
/// The judge evaluates every formula at several steps of two schedules (linear and cosine) and
/// compares with the closed forms of Ho et al. 2020 and Song et al. 2021 evaluated here.
struct PaperSchedule: Sendable {
    /// β in code order: `betas[0]` is the paper's β₁.
    let betas: [Double]
    let alphaBars: [Double]

    init(betas: [Double]) {
        self.betas = betas
        var product = 1.0
        alphaBars = betas.map { product *= (1 - $0); return product }
    }

    var count: Int { betas.count }

    /// β_i for 1 ≤ i ≤ T.
    func beta(_ i: Int) -> Double? { i >= 1 && i <= count ? betas[i - 1] : nil }
    func alpha(_ i: Int) -> Double? { beta(i).map { 1 - $0 } }
    /// ᾱ_i with ᾱ₀ = 1.
    func alphaBar(_ i: Int) -> Double? { i == 0 ? 1 : (i >= 1 && i <= count ? alphaBars[i - 1] : nil) }

    /// β̃_i = (1 − ᾱ_{i−1})/(1 − ᾱ_i)·β_i (Ho et al. 2020, Eq. 7).
    func posteriorVariance(_ i: Int) -> Double? {
        guard let b = beta(i), let a = alphaBar(i), let ap = alphaBar(i - 1) else { return nil }
        return (1 - ap) / (1 - a) * b
    }

    /// numpy's `linspace(start, end, T)`.
    static func linear(start: Double = 1e-4, end: Double = 0.02, count: Int = 1000) -> PaperSchedule {
        let step = (end - start) / Double(count - 1)
        return PaperSchedule(betas: (0..<count).map { $0 == count - 1 ? end : Double($0) * step + start })
    }

    /// Nichol & Dhariwal 2021, Eq. 17, β capped at 0.999.
    static func cosine(count: Int = 1000, s: Double = 0.008) -> PaperSchedule {
        func f(_ t: Double) -> Double {
            let c = cos((t / Double(count) + s) / (1 + s) * Double.pi / 2)
            return c * c
        }
        return PaperSchedule(betas: (0..<count).map { min(1 - f(Double($0 + 1)) / f(Double($0)), 0.999) })
    }

    /// The schedules and steps every formula is evaluated at.
    static let probes: [(schedule: PaperSchedule, step: Int)] = {
        let linear = PaperSchedule.linear(), cosine = PaperSchedule.cosine()
        return [(linear, 3), (linear, 250), (linear, 611), (linear, 998), (cosine, 17), (cosine, 480), (cosine, 903)]
    }()
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
