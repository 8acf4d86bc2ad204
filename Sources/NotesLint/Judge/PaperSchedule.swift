import Reference

/// A training schedule read in the papers' 1-based notation: β₁ … β_T, ᾱ₀ = 1, built on
/// Reference's ``NoiseSchedule`` (code index i − 1 is the paper's step i).
///
/// The judge evaluates every formula at several steps of two schedules (linear and cosine) and
/// compares with Reference's values of the equations of Ho et al. 2020 and Song et al. 2021.
struct PaperSchedule: Sendable {
    let reference: NoiseSchedule<Double>
    /// β in code order: `betas[0]` is the paper's β₁.
    var betas: [Double] { reference.betas }
    var alphaBars: [Double] { reference.alphaBars }
    var count: Int { reference.count }

    /// β_i for 1 ≤ i ≤ T.
    func beta(_ i: Int) -> Double? { i >= 1 && i <= count ? reference.betas[i - 1] : nil }
    func alpha(_ i: Int) -> Double? { i >= 1 && i <= count ? reference.alphas[i - 1] : nil }
    /// ᾱ_i with ᾱ₀ = 1.
    func alphaBar(_ i: Int) -> Double? { i == 0 ? 1 : (i >= 1 && i <= count ? reference.alphaBars[i - 1] : nil) }

    /// β̃_i = (1 − ᾱ_{i−1})/(1 − ᾱ_i)·β_i (Ho et al. 2020, Eq. 7), from Reference.
    func posteriorVariance(_ i: Int) -> Double? { i >= 1 ? (try? reference.posterior(at: i - 1))?.variance : nil }

    /// The posterior mean's coefficients of x_0 and x_t at paper step i (Eq. 7), from Reference.
    func posteriorMeanCoefficients(_ i: Int) -> (x0: Double, xt: Double)? {
        guard i >= 1, let p = try? reference.posterior(at: i - 1) else { return nil }
        return (p.meanCoefX0, p.meanCoefXt)
    }

    /// The DDPM reverse step's coefficients of x_t and ε_θ at paper step i (Ho et al. 2020,
    /// Eq. 11), read off Reference's `ddpmStep` with unit inputs.
    func reverseStepCoefficients(_ i: Int) -> (xt: Double, eps: Double)? {
        guard i >= 1,
              let x = try? reference.ddpmStep(sample: [1], modelOutput: [0], noise: [0], at: i - 1),
              let e = try? reference.ddpmStep(sample: [0], modelOutput: [1], noise: [0], at: i - 1) else { return nil }
        return (x.mean[0], e.mean[0])
    }

    /// x̂_0 from ε: the coefficients of x_t and ε at paper step i, from Reference.
    func predictedDataCoefficients(_ i: Int) -> (xt: Double, eps: Double)? {
        guard i >= 1,
              let x = try? reference.predictedX0(fromNoise: 0, sample: 1, at: i - 1),
              let e = try? reference.predictedX0(fromNoise: 1, sample: 0, at: i - 1) else { return nil }
        return (x, e)
    }

    /// The DDIM σ̂_t² (η = 1) for the jump from paper step i to i − 1, from Reference.
    func ddimVariance(_ i: Int) -> Double? {
        i >= 2 ? try? reference.ddimVariance(at: i - 1, previous: i - 2) : nil
    }

    /// The schedules and steps every formula is evaluated at: linear 1e-4 → 0.02 and cosine
    /// (s = 0.008), T = 1000; steps near both ends and in the middle.
    static let probes: [(schedule: PaperSchedule, step: Int)] = {
        guard let linear = try? NoiseSchedule<Double>.linear(timesteps: 1000),
              let cosine = try? NoiseSchedule<Double>.cosine(timesteps: 1000) else { return [] }
        let l = PaperSchedule(reference: linear), c = PaperSchedule(reference: cosine)
        return [(l, 3), (l, 250), (l, 611), (l, 998), (c, 17), (c, 480), (c, 903)]
    }()

    /// Each probe schedule with every β_s a hundredth of its own (ᾱ recomputed), keyed by the
    /// schedule's last β: where two sides that differ at a probe still differ when the steps
    /// shrink tells an expansion in β from a slip (see `FormulaJudge.agreeToFirstOrder`).
    static let smallStep: [Double: PaperSchedule] = {
        var schedules: [Double: PaperSchedule] = [:]
        for (schedule, _) in probes {
            guard let last = schedule.betas.last, schedules[last] == nil,
                  let small = try? NoiseSchedule<Double>(betas: schedule.betas.map { $0 / 100 }) else { continue }
            schedules[last] = PaperSchedule(reference: small)
        }
        return schedules
    }()

    /// The linear schedule's β (code order), the code checks' fallback.
    static var linearBetas: [Double] { probes.first?.schedule.betas ?? [] }
}
