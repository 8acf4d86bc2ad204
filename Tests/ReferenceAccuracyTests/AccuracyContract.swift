/// The stated tolerance of every function, in ulps of the measure ``AccuracySurvey`` uses, with
/// the reason for each bound. The README's accuracy contract quotes this table.
enum AccuracyContract {
    struct Bound {
        var ulps: Double
        var why: String
    }

    /// Functions in the order of the README table.
    static let bounds: [(function: String, bound: Bound)] = [
        ("β (constructor)", Bound(ulps: 8, why: "linear/sigmoid: NumPy's linspace rounds its step, then i·step + start (≤ 2 ulps) and the logistic adds exp, a sum and a quotient; cosine: three sines of angles formed from integers (≤ 2 ulps each, condition ≤ 1) and three products")),
        ("β of the zero-SNR rescale", Bound(ulps: 16, why: "two √ᾱ, three differences of the compensated ᾱ (≤ 2 ulps each), four products and quotients; the condition of β' in those terms is at most 2")),
        ("ᾱ", Bound(ulps: 2, why: "compensated product of the exact factors 1 − β, rounded once (the literal cumprod drifts by up to ~T/2 ulps)")),
        ("1 − ᾱ", Bound(ulps: 2, why: "the difference of the double-length ᾱ, rounded once (literal 1 − ᾱ: ε·ᾱ/(1 − ᾱ) relative, 2·10⁴ ulps at t = 0 of the cosine schedule)")),
        ("SNR", Bound(ulps: 4, why: "ᾱ and 1 − ᾱ (≤ 2 ulps each) and one quotient")),
        ("log SNR", Bound(ulps: 4, why: "two logs of accurate values; measured against |log ᾱ| + |log(1 − ᾱ)|, since log SNR = 0 at ᾱ = ½ is a cancellation of the inputs' own rounding")),
        ("posterior x₀ coefficient", Bound(ulps: 8, why: "√ᾱ_s, β' (≤ 2 ulps), 1 − ᾱₜ (≤ 2 ulps), a product and a quotient")),
        ("posterior xₜ coefficient", Bound(ulps: 8, why: "√α', 1 − ᾱ_s and 1 − ᾱₜ (≤ 2 ulps each), a product and a quotient")),
        ("β̃ (posterior variance)", Bound(ulps: 8, why: "(1 − ᾱₜ₋₁)/(1 − ᾱₜ)·βₜ: two accurate differences, a quotient and a product")),
        ("β̃ of a jump", Bound(ulps: 8, why: "as β̃ with β' = (ᾱ_s − ᾱₜ)/ᾱ_s (≤ 3 ulps)")),
        ("effective β 1 − ᾱₜ/ᾱ_s", Bound(ulps: 4, why: "a difference of the compensated ᾱ (≤ 2 ulps) over ᾱ_s (½ ulp); literally 1 − ᾱₜ/ᾱ_s loses ε/β'")),
        ("log β̃", Bound(ulps: 8, why: "log of β̃ (≤ 8 ulps relative, i.e. 8ε absolute in the log); measured against max(1, |log β̃|)")),
        ("DDIM σ²", Bound(ulps: 8, why: "three accurate differences, two quotients and a product")),
        ("qSample", Bound(ulps: 8, why: "√ᾱ, √(1 − ᾱ) (≤ 2 ulps), two products and a sum: measured against the magnitude of the terms")),
        ("velocity", Bound(ulps: 8, why: "as qSample")),
        ("x̂₀ from the model output", Bound(ulps: 8, why: "ε: (xₜ − √(1 − ᾱ)ε̂)/√ᾱ, v: √ᾱ·xₜ − √(1 − ᾱ)v̂; coefficients ≤ 2 ulps and three roundings, against the terms' magnitude (÷√ᾱ for ε)")),
        ("ε̂ from the model output", Bound(ulps: 8, why: "as x̂₀")),
        ("DDPM step", Bound(ulps: 16, why: "x̂₀ (≤ 8 ulps of its terms) through the mean's two coefficients (≤ 8 ulps), plus σ·z; log-variance types against |σz|·|log σ²|")),
        ("DDIM step", Bound(ulps: 16, why: "x̂₀ and ε̂ (≤ 8 ulps), √ᾱ_s, the direction √(1 − ᾱ_s − σ²) by its non-cancelling form, σ·z")),
        ("DDIM inversion", Bound(ulps: 16, why: "x̂₀ and ε̂ (≤ 8 ulps) and two coefficients")),
        ("forward step", Bound(ulps: 8, why: "√(1 − β)·x + √β·z: two roots, two products and a sum, against its terms")),
        ("chain moments (t + 1 literal steps)", Bound(ulps: 8000, why: "the composition check itself: m ← √αₖ·m, v ← αₖ·v + βₖ over t + 1 ≤ 4000 steps, each rounding ≤ 1 ulp and none cancelling, so at most 2 ulps per step (≈ √t typical)")),
        ("Optimized: β (cosine, zero-SNR rescale)", Bound(ulps: 16, why: "cosine: as Reference's, by another identity; rescale: the literal form in double-double, which loses at most ~50 of 106 bits")),
        ("Optimized: ᾱ", Bound(ulps: 2, why: "double-double product rounded once")),
        ("Optimized: √ᾱ, √(1 − ᾱ)", Bound(ulps: 2, why: "double-double √ of the double-double ᾱ and 1 − ᾱ, rounded once")),
        ("Optimized: posterior coefficients, β̃", Bound(ulps: 4, why: "double-double arithmetic rounded once")),
        ("Optimized: log β̃", Bound(ulps: 4, why: "log of a correctly rounded β̃, against max(1, |log β̃|)")),
        ("Optimized: DDPM step", Bound(ulps: 16, why: "as Reference's step: coefficients rounded once, the kernel's few roundings (FMA or not)")),
        ("Optimized: DDIM step", Bound(ulps: 16, why: "as Reference's step")),
        ("L_simple", Bound(ulps: 16, why: "a sum of n = 8 squares: at most n roundings of the sum")),
        ("decoder log-likelihood", Bound(ulps: 4.5e6, why: "rel 1e−9, the golden tolerance: in the far tail log Φ(z) ≈ −z²/2 holds its inputs' rounding times z², and a narrow bin in one tail is a difference of two log Φ")),
        ("normal KL", Bound(ulps: 8, why: "e^d − 1 − d by its series near 0 (literal −1 − d + e^d loses ε/d²); against the KL plus the rounding of the log-variances carried through e^d")),
    ]

    static func bound(_ function: String) -> Bound? {
        bounds.first { $0.function == function }?.bound
    }
}
