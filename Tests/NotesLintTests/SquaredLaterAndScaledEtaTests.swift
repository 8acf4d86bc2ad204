import CheckerCore
import Testing
@testable import NotesLint

/// A cosine squared on the line after it is computed (`f = f * f`) is a squared cosine (DL209),
/// and a DDIM σ_t scaled by a constant of another name than η (`nu`) is η·σ̂_t (DL204). An
/// unsquared cosine and a σ_t that is no multiple of σ̂_t are still found.
struct SquaredLaterAndScaledEtaTests {
    static let cosineByParts = """
        import math
        import torch

        class CosineSchedule:
            def __init__(self, n):
                offset = 0.008
                k = torch.arange(1, n + 1)
                upper = torch.cos((k / n + offset) / (1 + offset) * math.pi / 2)
                upper = upper * upper
                lower = torch.cos(((k - 1) / n + offset) / (1 + offset) * math.pi / 2)
                lower = lower.pow(2)
                self.betas = torch.clamp(1 - upper / lower, max=0.999)

        """

    @Test func aCosineSquaredOnTheNextLineIsSquared() {
        let d = CodeProbe.run(Self.cosineByParts).diagnostics
        #expect(!d.map(\.code).contains("DL209"), "\(Corpus.describe(d))")
    }

    @Test func aCosineNeverSquaredIsStillFound() {
        let unsquared = Self.cosineByParts
            .replacingOccurrences("upper = upper * upper\n", "upper = upper * 1.0\n")
            .replacingOccurrences("lower = lower.pow(2)\n", "lower = lower.pow(1)\n")
        let d = CodeProbe.run(unsquared).diagnostics.filter { $0.code == "DL209" }
        #expect(!d.isEmpty, "\(Corpus.describe(d))")
    }

    static let scaledDDIM = """
        import torch

        T = 1000
        betas = torch.linspace(1e-4, 0.02, T)
        abar = torch.cumprod(1 - betas, dim=0)
        keep = 0.7

        def ddim_step(model, x, t):
            a_t = abar[t]
            a_prev = abar[t - 1]
            eps = model(x, t)
            sigma_t = keep * torch.sqrt((1 - a_prev) / (1 - a_t)) * torch.sqrt(1 - a_t / a_prev)
            x0 = (x - torch.sqrt(1 - a_t) * eps) / torch.sqrt(a_t)
            direction = torch.sqrt(1 - a_prev - sigma_t ** 2) * eps
            return torch.sqrt(a_prev) * x0 + direction + sigma_t * torch.randn_like(x)

        """

    @Test func aConstantOfAnotherNameScalingSigmaHatIsEta() {
        let d = CodeProbe.run(Self.scaledDDIM).diagnostics
        #expect(!d.map(\.code).contains("DL204"), "\(Corpus.describe(d))")
    }

    @Test func aScaledSigmaThatIsNoMultipleOfSigmaHatIsStillFound() {
        // The ratio (1 − ᾱ_prev)/(1 − ᾱ_t) dropped: keep·√(1 − ᾱ_t/ᾱ_prev) is no η·σ̂_t.
        let wrong = Self.scaledDDIM.replacingOccurrences("keep * torch.sqrt((1 - a_prev) / (1 - a_t)) * torch.sqrt(1 - a_t / a_prev)", "keep * torch.sqrt(1 - a_t / a_prev) * torch.sqrt(1 - a_t)")
        #expect(wrong != Self.scaledDDIM)
        let d = CodeProbe.run(wrong).diagnostics.filter { $0.code == "DL204" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
