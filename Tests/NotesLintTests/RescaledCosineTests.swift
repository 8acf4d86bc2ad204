import Testing
@testable import NotesLint

/// Cosine β squeezed into a narrow range by their minimum and maximum: the schedule no longer
/// reaches noise, and the consequence (ᾱ_T) is computed before anything is said.
struct RescaledCosineTests {
    static let schedule = """
    import math
    import torch

    class Schedule:
        def __init__(self, steps, low=1e-4, high=0.02):
            self.betas = self.make_betas(steps, low, high)
            self.alphas_cumprod = torch.cumprod(1 - self.betas, dim=0)

        def make_betas(self, steps, low, high):
            s = torch.linspace(0, 1, steps + 1)
            f = torch.cos((s + 0.008) / 1.008 * math.pi / 2) ** 2
            betas = 1 - f[1:] / f[:-1]
            return betas.clamp(0, 0.999)
    """

    static let rescaleLine = "    betas = low + (high - low) * (betas - betas.min()) / (betas.max() - betas.min())\n"

    static func withRescale(_ code: String) -> String {
        code.replacingOccurrences("        return betas.clamp(0, 0.999)", "    " + rescaleLine + "        return betas.clamp(0, 0.999)")
    }

    @Test func theCosineScheduleAsPublishedIsQuiet() {
        #expect(CodeProbe.run(Self.schedule).diagnostics.isEmpty, "\(Corpus.describe(CodeProbe.run(Self.schedule).diagnostics))")
    }

    @Test func rescalingIntoTheLinearRangeIsFound() {
        let wrong = Self.withRescale(Self.schedule)
        #expect(wrong.contains("betas.min()"))
        let found = CodeProbe.run(wrong).diagnostics
        #expect(found.map(\.code) == ["DL225"], "\(Corpus.describe(found))")
        #expect(found.first?.message.contains("0.706") == true, "\(Corpus.describe(found))")
    }

    /// Rescaled into [1e-4, 0.999] the last β is 0.999 and ᾱ_T is near 0: no consequence, no finding.
    @Test func rescalingThatStillReachesNoiseIsQuiet() {
        let wide = Self.withRescale(Self.schedule).replacingOccurrences("high=0.02", "high=0.999")
        #expect(CodeProbe.run(wide).diagnostics.isEmpty, "\(Corpus.describe(CodeProbe.run(wide).diagnostics))")
    }

    /// A range that is not known (no default anywhere) is not guessed.
    @Test func anUnknownRangeIsNotJudged() {
        let unknown = Self.withRescale(Self.schedule).replacingOccurrences("low=1e-4, high=0.02", "low, high")
        #expect(CodeProbe.run(unknown).diagnostics.isEmpty, "\(Corpus.describe(CodeProbe.run(unknown).diagnostics))")
    }
}
