import CheckerCore
import Testing
@testable import NotesLint

/// A uniform draw handed to an inverse normal CDF (`torch.erfinv(2 * u - 1) * √2`, stratified
/// sampling of normal quantiles) becomes a Gaussian draw on purpose: no DL201. The same uniform
/// draw used as the noise directly is still uniform noise.
struct InverseCDFDrawTests {
    static let stratified = """
        import math
        import torch

        T = 1000
        betas = torch.linspace(1e-4, 0.02, T)
        alphas_bar = torch.cumprod(1 - betas, dim=0)

        def noisy_batch(x0, t):
            n = x0.numel()
            edges = torch.linspace(0, 1, n + 1)
            z = edges[:-1] + torch.rand(n) / n
            z = torch.erfinv(2 * z - 1) * math.sqrt(2)
            noise = z[torch.randperm(n)].view_as(x0)
            a = alphas_bar[t]
            return a.sqrt() * x0 + (1 - a).sqrt() * noise, noise

        """

    @Test func aUniformQuantileTurnedNormalIsNoUniformNoise() {
        let d = CodeProbe.run(Self.stratified).diagnostics
        #expect(!d.map(\.code).contains("DL201"), "\(Corpus.describe(d))")
    }

    @Test func theUniformDrawUsedDirectlyIsStillFound() {
        let direct = Self.stratified.replacingOccurrences("    z = torch.erfinv(2 * z - 1) * math.sqrt(2)\n", "")
        #expect(direct != Self.stratified)
        let d = CodeProbe.run(direct).diagnostics.filter { $0.code == "DL201" }
        #expect(d.count == 1, "\(Corpus.describe(d))")
    }
}
