import Testing
@testable import NotesLint

/// A variance read from a schedule table (β_t, β̃_t, 1 − ᾱ_t) used as a standard deviation is
/// found by its form, also where the values are out of reach: a schedule picked by a string option
/// and tables held by the object.
struct VarianceScaleTests {
    /// A scheduler whose tables depend on a constructor option, so no value is known.
    static let optionScheduler = """
    import torch

    class Scheduler:
        def __init__(self, steps, kind):
            if kind == "linear":
                self.b_t = torch.linspace(1e-4, 0.02, steps)
            else:
                self.b_t = make_other_schedule(steps)
            self.a_t = 1 - self.b_t
            self.ab_t = torch.cumprod(self.a_t, dim=0)
            self.kernels = [torch.distributions.Normal(0, beta ** 0.5) for beta in self.b_t]

        def noised(self, x, t, noise):
            return self.ab_t.sqrt()[t, None, None, None] * x + (1 - self.ab_t[t, None, None, None]).sqrt() * noise

        def denoise(self, x, t, eps):
            t_b = t.view(-1, 1, 1, 1)
            z = torch.randn_like(x)
            mean = (x - self.b_t[t_b] / (1 - self.ab_t[t_b]).sqrt() * eps) / self.a_t[t_b].sqrt()
            return mean + self.b_t[t_b].sqrt() * z
    """

    static let variants: [CodeVariant] = [
        CodeVariant(name: "forward sample scaled by 1 − ᾱ_t", right: optionScheduler,
                    original: "(1 - self.ab_t[t, None, None, None]).sqrt() * noise", replacement: "(1 - self.ab_t[t, None, None, None]) * noise", code: "DL220"),
        CodeVariant(name: "reverse step scaled by β_t", right: optionScheduler,
                    original: "self.b_t[t_b].sqrt() * z", replacement: "self.b_t[t_b] * z", code: "DL220"),
        CodeVariant(name: "Normal given β_t as its scale", right: optionScheduler,
                    original: "Normal(0, beta ** 0.5)", replacement: "Normal(0, beta)", code: "DL220"),
    ]

    @Test(arguments: variants)
    func theRightCodeIsQuiet(_ v: CodeVariant) {
        v.expectRightCodeIsQuiet()
    }

    @Test(arguments: variants)
    func thePlantedErrorIsFoundOnItsLine(_ v: CodeVariant) {
        v.expectPlantedErrorOnItsLine()
    }

    /// A name that is a variance only by its table: the posterior variance gathered by a helper
    /// and kept in a local name, then multiplied by the draw.
    @Test func aGatheredVarianceKeptInANameIsFollowed() {
        let right = """
        import torch

        def step(model, x, t, tables):
            var = extract(tables.posterior_variance, t, x.shape)
            std = var.sqrt()
            return model(x, t) + std * torch.randn_like(x)
        """
        #expect(CodeProbe.run(right).diagnostics.isEmpty, "\(Corpus.describe(CodeProbe.run(right).diagnostics))")
        let wrong = right.replacingOccurrences("std * torch.randn_like(x)", "var * torch.randn_like(x)")
        #expect(CodeProbe.run(wrong).diagnostics.map(\.code) == ["DL220"], "\(Corpus.describe(CodeProbe.run(wrong).diagnostics))")
    }

    /// torch.normal(mean, std) draws with the standard deviation it is given.
    @Test func torchNormalTakesAStandardDeviation() {
        let right = """
        import torch

        def step(mean, t, schedule):
            return torch.normal(mean, schedule.posterior_variance[t].sqrt())
        """
        #expect(CodeProbe.run(right).diagnostics.isEmpty, "\(Corpus.describe(CodeProbe.run(right).diagnostics))")
        let wrong = right.replacingOccurrences("schedule.posterior_variance[t].sqrt()", "schedule.posterior_variance[t]")
        #expect(CodeProbe.run(wrong).diagnostics.map(\.code) == ["DL220"], "\(Corpus.describe(CodeProbe.run(wrong).diagnostics))")
    }
}
